"""Proposal documents over HTTP against the real binary: upload, download, new versions, the
files on disk, refusals that leave nothing behind, who may, and concurrent uploads.

Proposals cannot be created over HTTP on this branch; seeding.create_proposal inserts them,
with their chained 'create' audit entry, while the server runs."""
import email.message
import hashlib
import io
import json
import os
import re
import socket
import threading
import unittest
import urllib.parse
import zipfile

import uploads
from fixtures import DemoServerTest
from harness import parse_status, request, run_cli
from seeding import create_proposal
from test_access_matrix import Context

MIB = 1024 * 1024


def files_under(folder):
    out = set()
    for root, _, names in os.walk(folder):
        out.update(os.path.relpath(os.path.join(root, n), folder) for n in names)
    return out


class Documents(DemoServerTest):
    server_args = ["--max-upload-mb", "1"]

    @classmethod
    def prepare_data(cls, data):
        super().prepare_data(data)
        r = run_cli("user", "add", "--username", "nam", "--display-name", "Hoàng Văn Nam",
                    "--unit", "QLLDNN", "--role", "staff", data=data)
        assert r.returncode == 0, r.stderr

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ctx = Context(cls.server)
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

    # --- tests ---------------------------------------------------------------------------

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

    def test_rfc5987_name_and_names_that_try_to_be_paths(self):
        body = uploads.form(uploads.part("type", "invitation_letter"),
                            uploads.part("file", uploads.pdf("5987"), filename="Thu moi.pdf",
                                         filename_star="Thư mời (bản dịch).pdf"))
        r = self.upload(None, None, body=body)
        self.assertEqual(r.status, 201, r.body)
        self.assertEqual(r.json()["filename"], "Thư mời (bản dịch).pdf")
        for sent, kept in (("../../../etc/passwd.pdf", "passwd.pdf"),
                           ("C:\\Windows\\win.ini.pdf", "win.ini.pdf"),
                           ("report\u202efdp.exe", "reportfdp.exe.pdf"),  # right-to-left override
                           ("Báo cáo.exe", "Báo cáo.exe.pdf"),  # a PDF never saves as .exe
                           ("\x01\x7f.pdf", "pdf.pdf"),
                           ("..", "tai-lieu.pdf"),
                           ("", "tai-lieu.pdf")):
            with self.subTest(sent=sent):
                # Sent as filename* so every byte arrives as written (in a quoted filename a
                # backslash would escape the next character).
                body = uploads.form(uploads.part("type", "programme"),
                                    uploads.part("file", uploads.pdf(sent), filename_star=sent))
                r = self.upload(None, None, body=body)
                self.assertEqual(r.status, 201, r.body)
                self.assertEqual(r.json()["filename"], kept)
        for root, _, names in os.walk(self.server.data):
            self.assertNotIn("passwd.pdf", names)

    def test_a_name_with_line_breaks_cannot_add_a_header_to_the_download(self):
        sent = "thư\r\nSet-Cookie: attache_session=stolen\r\nX-Injected: 1.pdf"
        body = uploads.form(uploads.part("type", "programme"),
                            uploads.part("file", uploads.pdf("crlf"), filename_star=sent))
        r = self.upload(None, None, body=body)
        self.assertEqual(r.status, 201, r.body)
        self.assertNotIn("\r", r.json()["filename"])
        self.assertNotIn("\n", r.json()["filename"])
        got = self.get(r.headers["location"])
        self.assertEqual(got.status, 200)
        self.assertNotIn("x-injected", got.headers)
        self.assertNotIn("set-cookie", got.headers)
        self.assertTrue(got.headers["content-disposition"].isascii())

    def test_attack_file_names_stay_names(self):
        """Names built to escape the folder, hide a type or break a header: each upload is stored
        under its SHA-256 only, and the name kept is one line, no path, ending in the content's
        own extension."""
        stored_before = files_under(self.store)
        cases = ["../../../../etc/passwd", "..%2f..%2f..%2fetc%2fpasswd.pdf", "%2e%2e%2f%2e%2e%2fboot.ini",
                 "/etc/shadow.pdf", "\\\\server\\share\\x.pdf", "C:/Windows/System32/drivers/etc/hosts",
                 "thư\x00mời.exe", "ok.pdf\x00.html", "..\uff0f..\uff0fetc\uff0fpasswd.pdf",
                 "\u2025\u2215\u2025\u2215passwd.pdf", "passwd\uff0epdf", "thu\u2024moi.pdf",
                 "\u202egnp.exe", "a\r\nContent-Type: text/html\r\n\r\n<script>.pdf",
                 "đ" * 1000 + ".pdf", "x" * 7000, "CON.pdf", " .. ", "\ufeffbom.pdf"]
        for sent in cases:
            with self.subTest(sent=sent[:60]):
                body = uploads.form(uploads.part("type", "programme"),
                                    uploads.part("file", uploads.pdf(sent[:40]), filename_star=sent))
                r = self.upload(None, None, body=body)
                self.assertEqual(r.status, 201, r.body[:300])
                doc = r.json()
                kept = doc["filename"]
                for bad in ("/", "\\", "\x00", "\r", "\n", "\u202e"):
                    self.assertNotIn(bad, kept)
                self.assertLessEqual(len(kept.encode()), 255)
                self.assertTrue(kept.endswith(".pdf"), kept)
                self.assertNotIn(kept, ("..", ".", ""))
                got = self.get(r.headers["location"])
                self.assertEqual(got.status, 200)
                self.assertEqual(got.headers["content-type"], "application/pdf")
                self.assertTrue(got.headers["content-disposition"].startswith("attachment;"))
                self.assertTrue(got.headers["content-disposition"].isascii())
                self.assertNotIn("\n", got.headers["content-disposition"])
        # 10,000 characters is more than any file system's name and than the 8 KiB a part's
        # header may take: refused, saying why, and nothing is kept.
        for sent in ("x" * 10000, "đ" * 10000):
            with self.subTest(sent=sent[:20] + "… (10,000)"):
                before = files_under(self.store)
                body = uploads.form(uploads.part("type", "programme"),
                                    uploads.part("file", uploads.pdf("long"), filename_star=sent))
                problem = self.assert_problem(self.upload(None, None, body=body), 400)
                self.assertIn("too large", problem["detail"])
                self.assert_nothing_left(before)
        # Every file is under documents/<2 hex>/<sha256>, and nothing else appeared anywhere.
        for name in files_under(self.store) - stored_before:
            folder, sha = os.path.split(name)
            self.assertRegex(sha, "^[0-9a-f]{64}$")
            self.assertEqual(folder, sha[:2])
        self.assertEqual(os.listdir(self.tmp), [])
        for root, _, names in os.walk(self.server.data):
            for bad in ("passwd", "shadow", "hosts", "boot.ini"):
                self.assertFalse([n for n in names if bad in n], (root, names))

    def test_polyglots_are_kept_as_what_their_content_is(self):
        """A file whose name and content disagree is stored and served as its content's type,
        never its name's, and a download can never be rendered as a page."""
        html_in_pdf = (b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n"
                       b"%%EOF\n")
        jpeg_with_zip = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32 + uploads.plain_zip()
        cases = [("pdf as docx", uploads.pdf("polyglot"), "Đề nghị.docx", "application/pdf", ".docx.pdf"),
                 ("png as pdf", uploads.png(), "Thư mời.pdf", "image/png", ".pdf.png"),
                 ("docx as png", uploads.docx(), "ảnh.png",
                  "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".png.docx"),
                 ("html behind a pdf header", html_in_pdf, "trang.html", "application/pdf", ".html.pdf"),
                 ("zip behind a jpeg header", jpeg_with_zip, "ảnh.jar", "image/jpeg", ".jar.jpg")]
        for what, data, name, content_type, ending in cases:
            with self.subTest(what=what):
                r = self.upload("programme", data, filename=name)
                self.assertEqual(r.status, 201, r.body[:300])
                self.assertEqual(r.json()["content_type"], content_type)
                self.assertTrue(r.json()["filename"].endswith(ending), r.json()["filename"])
                got = self.get(r.headers["location"])
                self.assertEqual(got.status, 200)
                self.assertEqual(got.body, data)
                self.assertEqual(got.headers["content-type"], content_type)
                self.assertEqual(got.headers["x-content-type-options"], "nosniff")
                self.assertTrue(got.headers["content-disposition"].startswith("attachment;"))
                self.assertIn("sandbox", got.headers["content-security-policy"])

    def test_a_zip_bomb_disguised_as_docx_is_refused_without_being_expanded(self):
        stored = files_under(self.store)
        pid = self.server.proc.pid

        def bomb(megabytes):
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
                with z.open("word/document.xml", "w") as f:
                    zeros = b"\0" * MIB
                    for _ in range(megabytes):
                        f.write(zeros)
            return out.getvalue()

        def cpu():  # user and system clock ticks the server has used
            with open("/proc/%d/stat" % pid) as f:
                return sum(int(x) for x in f.read().rsplit(")", 1)[1].split()[11:13])
        for megabytes in (20, 300):  # far over the ratio; and over the 256 MiB absolute limit
            data = bomb(megabytes)
            self.assertLess(len(data), MIB)  # within the upload limit: only the bomb check stops it
            with self.subTest(megabytes=megabytes):
                before = cpu()
                r = self.upload("programme", data, filename="Dự thảo thỏa thuận.docx")
                problem = self.assert_problem(r, 415, "file")
                self.assertIn("zip bomb", json.dumps(problem))
                # Inflating 300 MiB takes a few hundred milliseconds of CPU even in C; reading
                # the directory takes next to none (clock ticks are 10 ms).
                self.assertLess(cpu() - before, 15)
                self.assert_nothing_left(stored)

    def test_disguised_files_are_refused_with_415_and_leave_nothing(self):
        stored = files_under(self.store)
        for what, data in (("exe", uploads.exe()), ("html", uploads.html()), ("text", uploads.text()),
                           ("zip", uploads.plain_zip())):
            with self.subTest(what=what):
                r = self.upload("invitation_letter", data, filename="Thư mời.pdf")
                self.assert_problem(r, 415, "file")
                self.assert_nothing_left(stored)
        self.assertEqual(self.get("/api/proposals/%d/documents" % self.proposal).json(), [])

    def test_oversize_is_refused_with_413_and_leaves_nothing(self):
        stored = files_under(self.store)
        # The file part over the limit, the body within the route's limit: the handler refuses.
        self.assert_problem(self.upload("programme", uploads.pdf() + b"x" * MIB), 413, "file")
        self.assert_nothing_left(stored)
        # A body announced larger than the route accepts: refused before it is read.
        self.assert_problem(self.upload("programme", uploads.pdf() + b"x" * (2 * MIB)), 413)
        self.assert_nothing_left(stored)
        # A chunked body (no length announced) that grows too large while it is streamed.
        self.assertEqual(self.send_chunked(3 * MIB), 413)
        self.assert_nothing_left(stored)
        # Exactly the limit is accepted.
        data = uploads.pdf()
        data += b"\n" * (MIB - len(data))
        r = self.upload("programme", data)
        self.assertEqual(r.status, 201, r.body)
        self.assertEqual(r.json()["size"], MIB)

    def send_chunked(self, size):
        head, content_type = uploads.document_form("programme", b"%PDF-1.4\n")
        session = self.ctx.sessions["staff"]["headers"]
        request_head = ("POST /api/proposals/%d/documents HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        "Cookie: %s\r\nX-CSRF-Token: %s\r\nContent-Type: %s\r\n"
                        "Transfer-Encoding: chunked\r\n\r\n" % (
                            self.proposal, session["Cookie"], session["X-CSRF-Token"], content_type))
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=10) as s:
            s.sendall(request_head.encode())
            piece = b"y" * 65536
            sent = 0
            try:
                while sent < size:
                    s.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
                    sent += len(piece)
                s.sendall(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server answered and stopped reading
            answer = b""
            try:
                while True:
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    answer += chunk
            except (socket.timeout, ConnectionResetError):
                pass
        return parse_status(answer)

    def test_malformed_forms_are_refused_naming_the_field(self):
        stored = files_under(self.store)
        good, content_type = uploads.document_form("programme", uploads.pdf())
        cases = [
            ("not multipart", (b'{"type": "programme"}', "application/json"), 415, "Content-Type"),
            ("no boundary", (good, "multipart/form-data"), 400, "Content-Type"),
            ("truncated", (good[:len(good) - 40], content_type), 400, "file"),
            ("missing file part", uploads.form(uploads.part("type", "programme")), 422, "file"),
            ("missing type", uploads.form(uploads.part("file", uploads.pdf(), filename="a.pdf")), 422, "type"),
            ("unknown type value", uploads.document_form("passport_scan", uploads.pdf()), 422, "type"),
            ("unknown field", uploads.form(uploads.part("type", "programme"), uploads.part("note", "x"),
                                           uploads.part("file", uploads.pdf(), filename="a.pdf")), 422, "note"),
            ("replaces not an id", uploads.document_form("programme", uploads.pdf(), replaces="abc"), 422, "replaces"),
            ("empty file", uploads.document_form("programme", b""), 422, "file"),
        ]
        for what, body, status, field in cases:
            with self.subTest(what=what):
                problem = self.assert_problem(self.upload(None, None, body=body), status, field)
                self.assertIn(" / ", problem["detail"])  # Vietnamese and English
                self.assert_nothing_left(stored)

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
