"""What a document upload may be, over HTTP against the real binary: file names that try to be
paths, headers or other types stay names; content is kept as what it is, and disguised files,
zip bombs, oversize bodies and malformed forms are refused, leaving nothing behind.
(Uploading, versions and who may are test_documents.py's.)

Proposals cannot be created over HTTP on this branch; seeding.create_proposal inserts them,
with their chained 'create' audit entry, while the server runs."""
import io
import json
import os
import socket
import unittest
import zipfile

import uploads
from harness import parse_status
from test_documents import DocumentServerTest, files_under

MIB = 1024 * 1024


class DocumentUploads(DocumentServerTest):
    roles = ("staff",)

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


if __name__ == "__main__":
    unittest.main()
