"""Proposal documents over HTTP against the real binary: upload and download, new versions,
who may, closed proposals, the same content stored once, the audit entries, concurrent uploads
and bearer tokens. What an upload may contain (names, types, sizes, forms) is
test_document_uploads.py's.

Proposals cannot be created over HTTP on this branch; seeding.create_proposal inserts them,
with their chained 'create' audit entry, while the server runs."""
import email.message
import hashlib
import json
import os
import re
import threading
import unittest
import urllib.parse

import uploads
from fixtures import DemoServerTest
from harness import request, run_cli
from seeding import create_proposal
from test_access_matrix import Context


def files_under(folder):
    out = set()
    for root, _, names in os.walk(folder):
        out.update(os.path.relpath(os.path.join(root, n), folder) for n in names)
    return out


class DocumentServerTest(DemoServerTest):
    """The server of the document tests (1 MiB uploads, a user of another unit), a new proposal
    of lan's unit for each test, and the helpers to upload and check."""

    server_args = ["--max-upload-mb", "1"]
    roles = None  # the roles the tests call as (test_access_matrix.ROLE_USERS); None: all

    @classmethod
    def prepare_data(cls, data):
        super().prepare_data(data)
        r = run_cli("user", "add", "--username", "nam", "--display-name", "Hoàng Văn Nam",
                    "--unit", "QLLDNN", "--role", "staff", data=data)
        assert r.returncode == 0, r.stderr

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ctx = Context(cls.server, cls.roles)
        cls.tmp = os.path.join(cls.server.data, "tmp")
        cls.store = os.path.join(cls.server.data, "documents")

    def setUp(self):
        self.proposal = create_proposal(self.server.data)  # CVL, created by lan

    # --- helpers -------------------------------------------------------------------------

    def upload(self, type_, data, filename="tài liệu.pdf", role="staff", proposal=None,
               replaces=None, body=None):
        if body is None:
            body = uploads.document_form(type_, data, filename=filename, replaces=replaces)
        data, content_type = body
        headers = {**self.ctx.sessions[role]["headers"], "Content-Type": content_type}
        return request(self.server, "POST", "/api/proposals/%d/documents" % (proposal or self.proposal),
                       body=data, headers=headers)

    def get(self, path, role="staff", headers=None):
        return request(self.server, "GET", path, headers={**self.ctx.sessions[role]["headers"],
                                                          **(headers or {})})

    def assert_problem(self, r, status, field=None):
        self.assertEqual(r.status, status, r.body[:500])
        self.assertEqual(r.headers["content-type"], "application/problem+json; charset=utf-8")
        problem = json.loads(r.body)
        self.assertEqual(problem["status"], status)
        if field is not None:
            self.assertIn(field, [e["field"] for e in problem.get("errors", [])], problem)
        return problem

    def assert_nothing_left(self, stored_before):
        self.assertEqual(os.listdir(self.tmp), [], "stray upload files in data/tmp")
        self.assertEqual(files_under(self.store), stored_before, "stray files in data/documents")


class Documents(DocumentServerTest):
    roles = ("staff", "unit_head", "icd_officer", "leader", "auditor", "admin", "finance")

    def test_upload_and_download_round_trip_pdf_png_docx(self):
        docx_type = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        for type_, data, filename, content_type in (
                ("invitation_letter", uploads.pdf(), "Thư mời Hội thảo ASEAN 2026.pdf", "application/pdf"),
                ("programme", uploads.png(), "Ảnh chụp chương trình.png", "image/png"),
                ("decision", uploads.docx(), "Quyết định cử đoàn (dự thảo).docx", docx_type)):
            with self.subTest(filename=filename):
                r = self.upload(type_, data, filename=filename)
                self.assertEqual(r.status, 201, r.body)
                doc = r.json()
                self.assertEqual(r.headers["location"], "/api/documents/%d" % doc["id"])
                self.assertEqual(doc["type"], type_)
                self.assertEqual(doc["filename"], filename)
                self.assertEqual(doc["size"], len(data))
                self.assertEqual(doc["sha256"], hashlib.sha256(data).hexdigest())
                self.assertEqual(doc["content_type"], content_type)
                self.assertEqual(doc["uploaded_by"], {"id": self.ctx.ids["lan"], "display_name": "Nguyễn Thị Lan"})
                self.assertIsNone(doc["replaces"])
                self.assertRegex(doc["uploaded_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")

                got = self.get(r.headers["location"])
                self.assertEqual(got.status, 200)
                self.assertEqual(got.body, data)  # byte-identical
                self.assertEqual(got.headers["content-type"], content_type)
                self.assertEqual(got.headers["x-content-type-options"], "nosniff")
                self.assertIn("no-store", got.headers["cache-control"])
                self.assertEqual(got.headers["etag"], '"%s"' % doc["sha256"])
                disposition = got.headers["content-disposition"]
                self.assertTrue(disposition.isascii(), disposition)
                self.assertIn("filename*=UTF-8''" + urllib.parse.quote(filename, safe=""), disposition)
                # An independent RFC 2231/5987 decoder gets the Vietnamese name back.
                self.assertTrue(disposition.startswith("attachment;"), disposition)
                star = re.search(r"filename\*=([^;]+)", disposition).group(1)
                decoder = email.message.EmailMessage()
                decoder["Content-Disposition"] = "attachment; filename*=" + star
                self.assertEqual(decoder.get_filename(), filename)
                # Old clients get an ASCII stand-in without the marks.
                self.assertIn('filename="%s"' % {
                    "invitation_letter": "Thu moi Hoi thao ASEAN 2026.pdf",
                    "programme": "Anh chup chuong trinh.png",
                    "decision": "Quyet dinh cu doan (du thao).docx"}[type_], disposition)
                # The stored file is named by its hash, and by nothing the client sent.
                self.assertEqual(files_under(self.store) & {os.path.join(doc["sha256"][:2], doc["sha256"])},
                                 {os.path.join(doc["sha256"][:2], doc["sha256"])})
                again = self.get(r.headers["location"], headers={"If-None-Match": got.headers["etag"]})
                self.assertEqual(again.status, 304)
        self.assertEqual(os.listdir(self.tmp), [])

    def test_a_new_version_keeps_the_old_one_as_history(self):
        v1 = self.upload("invitation_letter", uploads.pdf("v1"), filename="Thư mời v1.pdf").json()
        other = self.upload("programme", uploads.pdf("chương trình")).json()
        r = self.upload("invitation_letter", uploads.pdf("v2"), filename="Thư mời v2.pdf", replaces=v1["id"])
        self.assertEqual(r.status, 201, r.body)
        v2 = r.json()
        self.assertEqual(v2["replaces"], v1["id"])
        listed = self.get("/api/proposals/%d/documents" % self.proposal)
        self.assertEqual(listed.status, 200)
        docs = listed.json()
        self.assertEqual([d["id"] for d in docs], [v2["id"], other["id"], v1["id"]])  # newest first
        by_id = {d["id"]: d for d in docs}
        self.assertEqual(by_id[v1["id"]]["replaced_by"], v2["id"])
        self.assertIsNone(by_id[v2["id"]]["replaced_by"])
        self.assertEqual(by_id[v2["id"]]["replaces"], v1["id"])
        # The old version can still be downloaded.
        self.assertEqual(self.get("/api/documents/%d" % v1["id"]).body, uploads.pdf("v1"))

        stored = files_under(self.store)
        again = self.upload("invitation_letter", uploads.pdf("v3"), replaces=v1["id"])
        self.assert_problem(again, 409, "replaces")
        self.assert_problem(self.upload("invitation_letter", uploads.pdf("v4"), replaces=other["id"]),
                            422, "replaces")  # another type
        elsewhere = create_proposal(self.server.data)
        self.assert_problem(self.upload("invitation_letter", uploads.pdf("v5"), proposal=elsewhere,
                                        replaces=v2["id"]), 422, "replaces")
        self.assert_problem(self.upload("invitation_letter", uploads.pdf("v6"), replaces=999999),
                            422, "replaces")
        self.assert_nothing_left(stored)
        self.assertEqual(len(self.get("/api/proposals/%d/documents" % self.proposal).json()), 3)

    def test_who_may_upload_list_and_download(self):
        foreign = create_proposal(self.server.data, unit="QLLDNN", creator="nam")
        r = self.upload("programme", uploads.pdf("QLLDNN"), role="icd_officer", proposal=foreign)
        self.assertEqual(r.status, 201, r.body)
        foreign_doc = r.json()["id"]
        stored = files_under(self.store)
        # Another unit's proposal does not exist for CVL staff: 404 everywhere, never 403.
        for role in ("staff", "unit_head"):
            with self.subTest(role=role):
                self.assert_problem(self.upload("programme", uploads.pdf(role), role=role, proposal=foreign), 404)
                self.assert_problem(self.get("/api/proposals/%d/documents" % foreign, role=role), 404)
                self.assert_problem(self.get("/api/documents/%d" % foreign_doc, role=role), 404)
        # Auditors and administrators see it but change nothing.
        for role in ("auditor", "admin"):
            with self.subTest(role=role):
                self.assert_problem(self.upload("programme", uploads.pdf(role), role=role, proposal=foreign), 403)
                self.assertEqual(self.get("/api/documents/%d" % foreign_doc, role=role).status, 200)
        self.assert_nothing_left(stored)
        for role in ("finance", "leader"):
            with self.subTest(role=role):
                self.assertEqual(self.upload("programme", uploads.pdf(role), role=role, proposal=foreign).status, 201)
        self.assert_problem(self.upload("programme", uploads.pdf(), proposal=999999), 404)
        self.assert_problem(self.get("/api/documents/999999"), 404)
        self.assert_problem(self.get("/api/proposals/999999/documents"), 404)

    def test_documents_of_a_closed_or_rejected_proposal_do_not_change(self):
        stored = files_under(self.store)
        for state in ("rejected", "closed", "withdrawn"):
            with self.subTest(state=state):
                finished = create_proposal(self.server.data, state=state)
                problem = self.assert_problem(self.upload("report", uploads.pdf(state), proposal=finished), 409)
                self.assertIn("closed", problem["detail"])
        self.assert_nothing_left(stored)

    def test_same_content_is_stored_once(self):
        data = uploads.pdf("một nội dung, hai lần tải lên")
        sha = hashlib.sha256(data).hexdigest()
        first = self.upload("invitation_letter", data, filename="a.pdf")
        second = self.upload("programme", data, filename="b.pdf", proposal=create_proposal(self.server.data))
        self.assertEqual((first.status, second.status), (201, 201))
        self.assertNotEqual(first.json()["id"], second.json()["id"])
        self.assertEqual(first.json()["sha256"], sha)
        self.assertEqual(second.json()["sha256"], sha)
        self.assertEqual(sorted(os.listdir(os.path.join(self.store, sha[:2]))).count(sha), 1)
        self.assertEqual([f for f in files_under(self.store) if f.endswith(sha)], [os.path.join(sha[:2], sha)])
        self.assertEqual(self.get("/api/documents/%d" % second.json()["id"]).body, data)

    def test_the_audit_chain_verifies_after_uploads(self):
        self.upload("invitation_letter", uploads.pdf("audit 1"))
        doc = self.upload("invitation_letter", uploads.pdf("audit 2"), filename="Thư mời.pdf").json()
        replaced = self.upload("invitation_letter", uploads.pdf("audit 3"), replaces=doc["id"]).json()
        r = run_cli("verify", data=self.server.data)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        import sqlite3
        db = sqlite3.connect(os.path.join(self.server.data, "attache.db"))
        try:
            rows = db.execute("SELECT action, payload FROM audit WHERE proposal = ? ORDER BY seq",
                              (self.proposal,)).fetchall()
        finally:
            db.close()
        self.assertEqual([a for a, _ in rows], ["create"] + ["upload_document"] * 3)
        self.assertEqual(json.loads(rows[2][1]), {
            "document_id": doc["id"], "type": "invitation_letter", "filename": "Thư mời.pdf",
            "sha256": doc["sha256"], "size": doc["size"], "replaces": None})
        self.assertEqual(json.loads(rows[3][1])["replaces"], doc["id"])
        self.assertEqual(json.loads(rows[3][1])["document_id"], replaced["id"])

    def test_concurrent_uploads_to_one_proposal(self):
        n = 8
        results = [None] * n

        def upload(i):
            role = ("staff", "unit_head", "icd_officer", "leader")[i % 4]
            results[i] = self.upload("programme", uploads.pdf("song song %d" % i), role=role).status

        threads = [threading.Thread(target=upload, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(results, [201] * n)
        docs = self.get("/api/proposals/%d/documents" % self.proposal).json()
        self.assertEqual(len(docs), n)

        # All replace the same document at once: one new version wins, the others conflict.
        target = docs[-1]["id"]

        def replace(i):
            results[i] = self.upload("programme", uploads.pdf("v2 %d" % i), replaces=target).status

        threads = [threading.Thread(target=replace, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(results), [201] + [409] * (n - 1))
        self.assertEqual(len(self.get("/api/proposals/%d/documents" % self.proposal).json()), n + 1)
        self.assertEqual(os.listdir(self.tmp), [])
        r = run_cli("verify", data=self.server.data)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def test_bearer_token_uploads_without_csrf_and_cookie_needs_it(self):
        token = run_cli("token", "create", "--user", "hung", data=self.server.data).stdout.strip()
        body, content_type = uploads.document_form("programme", uploads.pdf("token"))
        r = request(self.server, "POST", "/api/proposals/%d/documents" % self.proposal, body=body,
                    headers={"Authorization": "Bearer " + token, "Content-Type": content_type})
        self.assertEqual(r.status, 201, r.body)
        r = request(self.server, "POST", "/api/proposals/%d/documents" % self.proposal, body=body,
                    headers={"Cookie": self.ctx.sessions["staff"]["headers"]["Cookie"],
                             "Content-Type": content_type})
        self.assert_problem(r, 403)
        self.assertEqual(os.listdir(self.tmp), [])


if __name__ == "__main__":
    unittest.main()
