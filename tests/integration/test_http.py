"""The HTTP server over real sockets: static files, limits, timeouts, errors, logging."""
import json
import os
import socket
import threading
import time
import unittest

from fixtures import ServerTest, write_files
from harness import Server, parse_status, raw, request, SOURCE


def make_web_root(root, outside):
    """Fills the web folder `root` with one file of each type, and symlinks leading in and out
    (to a file and to the folder `outside`)."""
    write_files(root, {
        "index.html": b"<!doctype html><title>Attach\xc3\xa9</title>",
        "app.css": b"body{}",
        "app.js": b"export {};",
        "logo.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>",
        "pixel.png": b"\x89PNG\r\n\x1a\n",
        "data.json": b"{}",
        "big.js": b"/*" + b"x" * (20 * 1024) + b"*/",
        "sub/index.html": b"<p>sub</p>",
        ".hidden": b"secret",
    })
    write_files(outside, {"secret.txt": "outside secret"})
    os.symlink(os.path.join(outside, "secret.txt"), os.path.join(root, "leak.txt"))
    os.symlink(outside, os.path.join(root, "leakdir"))
    os.symlink(os.path.join(root, "app.css"), os.path.join(root, "alias.css"))


class StaticAndApi(ServerTest):
    @classmethod
    def setUpClass(cls):
        cls.web = cls.temporary_folder("attache-web-")
        cls.outside = cls.temporary_folder("attache-outside-")
        make_web_root(cls.web, cls.outside)
        cls.server_args = ["--web", cls.web, "--read-timeout-ms", "1500"]
        super().setUpClass()

    def test_index_of_the_real_web_folder(self):
        with Server() as s:
            r = request(s, "GET", "/")
            self.assertEqual(r.status, 200)
            self.assertEqual(r.headers["content-type"], "text/html; charset=utf-8")
            page = r.body.decode("utf-8")
            self.assertIn("Attaché", page)
            self.assertIn("hoạt động đối ngoại", page)
            self.assertIn("foreign activities", page)

    def test_healthz_and_readyz(self):
        r = request(self.server, "GET", "/healthz")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.json()["status"], "ok")
        self.assertEqual(r.headers["cache-control"], "no-store")
        r = request(self.server, "GET", "/readyz")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.json()["status"], "ready")
        self.assertGreaterEqual(r.json()["migrations"], 1)

    def test_mime_types(self):
        expected = {
            "/": "text/html; charset=utf-8",
            "/app.css": "text/css; charset=utf-8",
            "/app.js": "text/javascript; charset=utf-8",
            "/logo.svg": "image/svg+xml; charset=utf-8",
            "/pixel.png": "image/png",
            "/data.json": "application/json; charset=utf-8",
            "/sub/": "text/html; charset=utf-8",
        }
        for path, ctype in expected.items():
            with self.subTest(path=path):
                r = request(self.server, "GET", path)
                self.assertEqual(r.status, 200)
                self.assertEqual(r.headers["content-type"], ctype)
        self.assertEqual(request(self.server, "GET", "/sub/").body, b"<p>sub</p>")

    def test_etag_revalidation_gives_304_and_changes_with_content(self):
        r = request(self.server, "GET", "/app.css")
        etag = r.headers["etag"]
        self.assertTrue(etag.startswith('"'))
        self.assertEqual(r.headers["cache-control"], "no-cache")
        r2 = request(self.server, "GET", "/app.css", headers={"If-None-Match": etag})
        self.assertEqual(r2.status, 304)
        self.assertEqual(r2.body, b"")
        self.assertEqual(r2.headers["etag"], etag)
        r3 = request(self.server, "GET", "/app.css", headers={"If-None-Match": '"other"'})
        self.assertEqual(r3.status, 200)
        # A versioned asset is cached for a year.
        r4 = request(self.server, "GET", "/app.css?v=3")
        self.assertIn("immutable", r4.headers["cache-control"])
        # Changing the file changes its ETag, once the server looks at the file again (at most
        # a second later: test_static.py).
        path = os.path.join(self.web, "data.json")
        before = request(self.server, "GET", "/data.json").headers["etag"]
        with open(path, "wb") as f:
            f.write(b'{"changed": true, "padding": 1}')
        time.sleep(1.2)
        after = request(self.server, "GET", "/data.json")
        self.assertNotEqual(before, after.headers["etag"])
        self.assertEqual(after.json()["changed"], True)

    def test_head_sends_length_without_body(self):
        data = raw(self.server, b"HEAD /big.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        head, _, body = data.partition(b"\r\n\r\n")
        self.assertEqual(parse_status(data), 200)
        self.assertIn(b"Content-Length: %d" % (20 * 1024 + 4), head)
        self.assertEqual(body, b"")

    def test_traversal_attempts_are_refused(self):
        targets = [
            b"/../etc/passwd", b"/../../../../etc/passwd", b"/sub/../../etc/passwd",
            b"/%2e%2e/etc/passwd", b"/%2E%2E/%2E%2E/etc/passwd", b"/.%2e/etc/passwd",
            b"/sub%2f..%2f..%2fetc%2fpasswd", b"/..%5c..%5cetc%5cpasswd", b"/..\\..\\etc\\passwd",
            b"/index.html%00.png", b"//etc/passwd", b"/%2fetc%2fpasswd", b"/C:/Windows/win.ini",
            b"/.hidden", b"/%2ehidden", b"/leak.txt", b"/leakdir/secret.txt", b"/sub/..",
            b"/etc/passwd", b"/%", b"/%zz",
        ]
        for target in targets:
            with self.subTest(target=target):
                data = raw(self.server, b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                self.assertIn(parse_status(data), (400, 404), data[:200])
                self.assertNotIn(b"root:", data)
                self.assertNotIn(b"secret", data)
        # An absolute-form target and a request target with a NUL byte.
        for target in (b"http://127.0.0.1/../../etc/passwd", b"/index.html\x00/../../etc/passwd"):
            with self.subTest(target=target):
                data = raw(self.server, b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                self.assertIn(parse_status(data), (400, 404))
                self.assertNotIn(b"root:", data)
        # A symlink that stays inside the web folder is served.
        self.assertEqual(request(self.server, "GET", "/alias.css").status, 200)

    def test_unknown_api_path_is_a_problem_404(self):
        for path in ("/api/nothing", "/api", "/api/proposals/1/nothing"):
            with self.subTest(path=path):
                r = request(self.server, "GET", path)
                self.assertEqual(r.status, 404)
                self.assertEqual(r.headers["content-type"], "application/problem+json; charset=utf-8")
                body = r.json()
                self.assertEqual(body["status"], 404)
                self.assertEqual(body["type"], "urn:attache:problem:not-found")
                self.assertIn("title", body)

    def test_wrong_method_on_static_and_routes(self):
        r = request(self.server, "POST", "/healthz", body=b"")
        self.assertEqual(r.status, 405)
        self.assertEqual(r.headers["allow"], "GET")
        r = request(self.server, "DELETE", "/index.html")
        self.assertEqual(r.status, 405)

    def test_malformed_request_line_is_400_and_closed(self):
        for bad in (b"GARBAGE\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"GET\x01 / HTTP/1.1\r\n\r\n",
                    b"GET / HTTP/1.1\r\nBad Header\r\n\r\n", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"):
            with self.subTest(bad=bad):
                with socket.create_connection(("127.0.0.1", self.server.port), timeout=5) as s:
                    s.sendall(bad)
                    data = b""
                    while True:
                        chunk = s.recv(65536)
                        if not chunk:
                            break  # closed by the server
                        data += chunk
                    self.assertEqual(parse_status(data), 400, data[:200])
                    self.assertIn(b"application/problem+json", data)

    def test_oversized_header_is_refused(self):
        big = b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (64 * 1024) + b"\r\n\r\n"
        data = raw(self.server, big)
        self.assertIn(parse_status(data), (400, 431))
        self.assertEqual(parse_status(data), 431)

    def test_oversized_body_is_413(self):
        # Announced too large: refused before any of it is read.
        data = raw(self.server, b"POST /api/anything HTTP/1.1\r\nHost: x\r\nContent-Length: 10485760\r\n\r\n")
        self.assertEqual(parse_status(data), 413)
        # Chunked and growing past the limit: refused once it passes.
        chunk = b"a" * 4096
        body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(40)) + b"0\r\n\r\n"
        data = raw(self.server, b"POST /api/anything HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + body)
        self.assertEqual(parse_status(data), 413)
        # A body on a route that takes none.
        data = raw(self.server, b"GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n0123456789")
        self.assertEqual(parse_status(data), 413)

    def test_expect_100_continue_is_answered_before_the_body_is_sent(self):
        body = b'{"username": "nobody", "password": "wrong-password"}'
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=5) as s:
            s.sendall(b"POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      b"Expect: 100-continue\r\nContent-Length: %d\r\n\r\n" % len(body))
            s.settimeout(1)  # curl gives up waiting after 1 s and sends anyway
            interim = s.recv(65536)
            self.assertEqual(interim, b"HTTP/1.1 100 Continue\r\n\r\n")
            s.settimeout(5)
            s.sendall(body)
            data = b""
            while b"\r\n\r\n" not in data or not data.rstrip().endswith(b"}"):
                data += s.recv(65536)
            self.assertEqual(parse_status(data), 401, data[:300])  # the body was read and judged
        # Too large: the final answer at once, without asking for the body.
        data = raw(self.server, b"POST /api/session HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                                b"Content-Length: 10485760\r\n\r\n")
        self.assertEqual(parse_status(data), 413)
        self.assertFalse(data.startswith(b"HTTP/1.1 100"))
        # HTTP/1.0 knows no 100: nothing is sent before the final answer.
        data = raw(self.server, b"POST /api/session HTTP/1.0\r\nHost: x\r\nExpect: 100-continue\r\n"
                                b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
        self.assertEqual(parse_status(data), 401, data[:300])

    def test_keep_alive_serves_several_requests_on_one_connection(self):
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=5) as s:
            for _ in range(3):
                s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                data = b""
                while b"\r\n\r\n" not in data or not data.endswith(b"}"):
                    data += s.recv(65536)
                self.assertEqual(parse_status(data), 200)
                self.assertNotIn(b"Connection: close", data)

    def test_stalled_client_is_cut_off_while_others_are_served(self):
        stalled = socket.create_connection(("127.0.0.1", self.server.port), timeout=10)
        stalled.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # half a request, then nothing
        started = time.monotonic()
        # Another client is served at once meanwhile.
        r = request(self.server, "GET", "/healthz", timeout=2)
        self.assertEqual(r.status, 200)
        self.assertLess(time.monotonic() - started, 1.0)
        data = stalled.recv(65536)  # blocks until the server cuts us off
        elapsed = time.monotonic() - started
        stalled.close()
        self.assertEqual(data, b"")
        self.assertGreater(elapsed, 1.0)
        self.assertLess(elapsed, 5.0)

    def test_slow_drip_header_is_cut_off_at_the_deadline(self):
        # A byte every 0.3 s never completes within the 1.5 s header deadline.
        s = socket.create_connection(("127.0.0.1", self.server.port), timeout=10)
        started = time.monotonic()
        closed = False
        for b in b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 40:
            try:
                s.sendall(bytes([b]))
            except OSError:
                closed = True
                break
            time.sleep(0.3)
            if time.monotonic() - started > 4:
                break
        if not closed:
            s.settimeout(3)
            try:
                closed = s.recv(1) == b""
            except OSError:
                closed = True
        s.close()
        self.assertTrue(closed)
        self.assertLess(time.monotonic() - started, 6)

    def test_one_json_log_line_per_request(self):
        r = request(self.server, "GET", "/data.json?secret-token=abc")
        rid = r.headers["x-request-id"]
        time.sleep(0.1)
        lines = [l for l in self.server.log_lines() if l.get("id") == rid]
        self.assertEqual(len(lines), 1)
        line = lines[0]
        for key in ("time", "id", "method", "path", "status", "bytes", "us"):
            self.assertIn(key, line)
        self.assertEqual(line["method"], "GET")
        self.assertEqual(line["path"], "/data.json")  # the query (tokens) is never logged
        self.assertEqual(line["status"], 200)
        self.assertEqual(line["bytes"], len(r.body))
        self.assertRegex(line["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")

    def test_concurrent_clients(self):
        results = []

        def worker():
            for _ in range(20):
                results.append(request(self.server, "GET", "/big.js").status)

        threads = [threading.Thread(target=worker) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(results, [200] * 160)


if __name__ == "__main__":
    unittest.main()
