"""Static files from memory: gzip variants when the client accepts them, ETags per variant,
HEAD, edits picked up without a restart, and the old refusals still in place."""
import gzip
import os
import time
import unittest

from fixtures import ServerTest, write_files
from harness import Server, parse_status, raw, SOURCE


def make_web_root(root, outside):
    """Fills the web folder `root` with compressible text, an image, a file too small to gzip,
    and a symlink leading out to a file in `outside`."""
    script = "".join("export const line%d = 'Hoạt động đối ngoại %d';\n" % (i, i) for i in range(500))
    write_files(root, {
        "index.html": "<!doctype html><title>Attaché</title>".encode(),
        "js/app.js": script.encode(),
        "styles.css": b"body { margin: 0; }\n" * 200,
        "logo.svg": b"<svg xmlns='http://www.w3.org/2000/svg'>" + b"<g/>" * 300 + b"</svg>",
        "pixel.png": b"\x89PNG\r\n\x1a\n" + b"\0" * 4000,
        "tiny.js": b"x",
        "edit.js": b"export const version = 1;\n" * 50,
    })
    write_files(outside, {"secret.js": "const secret = 1;\n" * 100})
    os.symlink(os.path.join(outside, "secret.js"), os.path.join(root, "leak.js"))


def fetch(server, path, method="GET", headers=None):
    """One request over a raw socket (urllib would add its own Accept-Encoding); returns
    (status, headers with lower-case names, body)."""
    lines = ["%s %s HTTP/1.1" % (method, path), "Host: x", "Connection: close"]
    lines += ["%s: %s" % (k, v) for k, v in (headers or {}).items()]
    data = raw(server, ("\r\n".join(lines) + "\r\n\r\n").encode())
    head, _, body = data.partition(b"\r\n\r\n")
    fields = {}
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.decode("latin-1").partition(":")
        fields[name.strip().lower()] = value.strip()
    return parse_status(data), fields, body


class StaticFiles(ServerTest):
    @classmethod
    def setUpClass(cls):
        cls.web = cls.temporary_folder("attache-web-")
        cls.outside = cls.temporary_folder("attache-outside-")
        make_web_root(cls.web, cls.outside)
        cls.server_args = ["--web", cls.web]
        super().setUpClass()

    def file(self, name):
        with open(os.path.join(self.web, name), "rb") as f:
            return f.read()

    def test_gzip_when_accepted_decompresses_to_the_same_bytes(self):
        for path, name in (("/js/app.js", "js/app.js"), ("/styles.css", "styles.css"),
                           ("/logo.svg", "logo.svg")):
            with self.subTest(path=path):
                status, h, body = fetch(self.server, path, headers={"Accept-Encoding": "gzip, deflate, br"})
                self.assertEqual(status, 200)
                self.assertEqual(h["content-encoding"], "gzip")
                self.assertEqual(h["vary"], "Accept-Encoding")
                self.assertEqual(int(h["content-length"]), len(body))
                self.assertLess(len(body), len(self.file(name)))
                self.assertEqual(gzip.decompress(body), self.file(name))

    def test_identity_when_gzip_is_refused_or_not_asked_for(self):
        for accept in (None, "gzip;q=0", "identity", "deflate, br", "*;q=0", "gzip;q=0, *"):
            with self.subTest(accept=accept):
                headers = {"Accept-Encoding": accept} if accept is not None else {}
                status, h, body = fetch(self.server, "/js/app.js", headers=headers)
                self.assertEqual(status, 200)
                self.assertNotIn("content-encoding", h)
                self.assertEqual(h["vary"], "Accept-Encoding")
                self.assertEqual(body, self.file("js/app.js"))
        # Any coding, and gzip under its old name, get gzip.
        for accept in ("*", "x-gzip", "br;q=1, gzip;q=0.5"):
            with self.subTest(accept=accept):
                _, h, _ = fetch(self.server, "/js/app.js", headers={"Accept-Encoding": accept})
                self.assertEqual(h.get("content-encoding"), "gzip")

    def test_each_variant_has_its_own_etag_and_304(self):
        _, plain, _ = fetch(self.server, "/js/app.js")
        _, zipped, _ = fetch(self.server, "/js/app.js", headers={"Accept-Encoding": "gzip"})
        self.assertTrue(plain["etag"].startswith('"'))
        self.assertNotEqual(plain["etag"], zipped["etag"])
        for accept, etag in (("identity", plain["etag"]), ("gzip", zipped["etag"])):
            with self.subTest(accept=accept):
                for tag in (etag, "W/" + etag, '"other", ' + etag):
                    status, h, body = fetch(self.server, "/js/app.js",
                                            headers={"Accept-Encoding": accept, "If-None-Match": tag})
                    self.assertEqual(status, 304)
                    self.assertEqual(body, b"")
                    self.assertEqual(h["etag"], etag)
                    self.assertEqual(h["vary"], "Accept-Encoding")
        # The other variant's tag does not match: the full answer is sent.
        status, _, _ = fetch(self.server, "/js/app.js",
                             headers={"Accept-Encoding": "gzip", "If-None-Match": plain["etag"]})
        self.assertEqual(status, 200)
        status, _, _ = fetch(self.server, "/js/app.js", headers={"If-None-Match": zipped["etag"]})
        self.assertEqual(status, 200)

    def test_head_has_the_headers_of_get_and_no_body(self):
        for accept in ("gzip", "identity"):
            with self.subTest(accept=accept):
                _, got, body = fetch(self.server, "/js/app.js", headers={"Accept-Encoding": accept})
                status, head, nothing = fetch(self.server, "/js/app.js", method="HEAD",
                                              headers={"Accept-Encoding": accept})
                self.assertEqual(status, 200)
                self.assertEqual(nothing, b"")
                self.assertEqual(int(head["content-length"]), len(body))
                for name in ("etag", "vary", "content-type", "cache-control"):
                    self.assertEqual(head[name], got[name])
                self.assertEqual(head.get("content-encoding"), got.get("content-encoding"))

    def test_images_and_tiny_files_are_never_gzipped(self):
        status, h, body = fetch(self.server, "/pixel.png", headers={"Accept-Encoding": "gzip"})
        self.assertEqual(status, 200)
        self.assertNotIn("content-encoding", h)
        self.assertNotIn("vary", h)
        self.assertEqual(h["content-type"], "image/png")
        self.assertEqual(body, self.file("pixel.png"))
        # gzip would make one byte larger: the identity is sent, still varying by encoding.
        status, h, body = fetch(self.server, "/tiny.js", headers={"Accept-Encoding": "gzip"})
        self.assertEqual(status, 200)
        self.assertNotIn("content-encoding", h)
        self.assertEqual(body, b"x")

    def test_an_edited_file_is_served_fresh_within_about_a_second(self):
        path = os.path.join(self.web, "edit.js")
        _, before, old = fetch(self.server, "/edit.js", headers={"Accept-Encoding": "gzip"})
        started = time.monotonic()
        with open(path, "wb") as f:
            f.write(b"export const version = 2;\n" * 60)
        _, h, body = fetch(self.server, "/edit.js", headers={"Accept-Encoding": "gzip"})
        if time.monotonic() - started < 0.8:
            # Served from memory without looking at the disk: still the old bytes.
            self.assertEqual(h["etag"], before["etag"])
            self.assertEqual(body, old)
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            time.sleep(0.2)
            _, h, body = fetch(self.server, "/edit.js", headers={"Accept-Encoding": "gzip"})
            if h["etag"] != before["etag"]:
                break
        self.assertLess(time.monotonic() - started, 2.5)
        self.assertNotEqual(h["etag"], before["etag"])
        self.assertEqual(gzip.decompress(body), self.file("edit.js"))
        _, plain, body = fetch(self.server, "/edit.js")
        self.assertEqual(body, self.file("edit.js"))

    def test_traversal_and_symlinks_out_are_still_refused(self):
        targets = ("/../etc/passwd", "/%2e%2e/etc/passwd", "/js/../../etc/passwd", "/leak.js",
                   "/.hidden", "/%", "/js")
        for target in targets:
            with self.subTest(target=target):
                status, h, body = fetch(self.server, target, headers={"Accept-Encoding": "gzip"})
                self.assertIn(status, (400, 404))
                self.assertNotIn("content-encoding", h)
                self.assertNotIn(b"secret", body)
                self.assertNotIn(b"root:", body)

    def test_the_real_web_folder_is_served_gzipped(self):
        with Server() as s:
            status, h, body = fetch(s, "/", headers={"Accept-Encoding": "gzip"})
            self.assertEqual(status, 200)
            self.assertEqual(h["content-encoding"], "gzip")
            with open(os.path.join(SOURCE, "web", "index.html"), "rb") as f:
                self.assertEqual(gzip.decompress(body), f.read())


if __name__ == "__main__":
    unittest.main()
