"""Hostile HTTP and the headers every answer carries, against the real binary: ambiguous
framing, an HTTP/1.1 request without Host (or with two) and a folded header line (obs-fold) are
refused with 400 and the connection closed (a request smuggled behind it is never answered), an
endless chunk header is cut off, and every kind of answer carries the
Content-Security-Policy, X-Content-Type-Options, Referrer-Policy and X-Frame-Options headers."""
import unittest

from fixtures import ServerTest
from harness import raw, request

SMUGGLED = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"


class HostileFraming(ServerTest):
    def assertRefused(self, head, body=b""):
        answer = raw(self.server, head + body + SMUGGLED)
        self.assertTrue(answer.startswith(b"HTTP/1.1 400") or answer.startswith(b"HTTP/1.0 400"),
                        answer[:200])
        # One answer only: the request behind it was not read as a request of its own.
        self.assertEqual(answer.lower().count(b"x-request-id:"), 1, answer)
        if answer.startswith(b"HTTP/1.1"):  # HTTP/1.0 closes without saying so
            self.assertIn(b"connection: close", answer.lower())

    def test_content_length_with_transfer_encoding(self):
        self.assertRefused(b"POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
                           b"Transfer-Encoding: chunked\r\n\r\n", b"0\r\n\r\n")

    def test_transfer_encoding_not_ending_in_chunked(self):
        self.assertRefused(b"POST /api/session HTTP/1.1\r\nHost: x\r\n"
                           b"Transfer-Encoding: chunked, gzip\r\n\r\n", b"0\r\n\r\n")

    def test_chunked_on_http_1_0(self):
        self.assertRefused(b"POST /api/session HTTP/1.0\r\nHost: x\r\n"
                           b"Transfer-Encoding: chunked\r\n\r\n", b"0\r\n\r\n")

    def test_content_length_twice(self):
        self.assertRefused(b"POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                           b"Content-Length: 2\r\n\r\n", b"{}")

    def test_http_1_1_without_host(self):
        self.assertRefused(b"GET /healthz HTTP/1.1\r\n\r\n")
        # HTTP/1.0 may omit it.
        answer = raw(self.server, b"GET /healthz HTTP/1.0\r\n\r\n")
        self.assertTrue(answer.startswith(b"HTTP/1.0 200"), answer[:200])

    def test_host_twice(self):
        self.assertRefused(b"GET /healthz HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n")

    def test_a_folded_header_line(self):
        self.assertRefused(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Note: a\r\n b\r\n\r\n")
        self.assertRefused(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Note: a\r\n\tb\r\n\r\n")
        answer = raw(self.server, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Note: a \t b\r\n"
                                  b"Connection: close\r\n\r\n")
        self.assertTrue(answer.startswith(b"HTTP/1.1 200"), answer[:200])

    def test_a_header_arriving_in_pieces_is_read_whole(self):
        import socket
        import time
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=5) as s:
            for piece in (b"GET /healthz HTTP/1.1\r\nHo", b"st: x\r\nX-A: b\r\n", b"\r", b"\n"):
                s.sendall(piece)
                time.sleep(0.05)
            self.assertTrue(s.recv(65536).startswith(b"HTTP/1.1 200"))

    def test_an_endless_chunk_header_is_cut_off(self):
        head = (b"POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Transfer-Encoding: chunked\r\n\r\n2;" + b"x" * 200_000)
        answer = raw(self.server, head, timeout=10)
        self.assertTrue(answer.startswith(b"HTTP/1.1 400"), answer[:200])
        # And the server goes on answering.
        self.assertEqual(request(self.server, "GET", "/healthz").status, 200)


class SecurityHeaders(ServerTest):
    def test_every_kind_of_answer_carries_them(self):
        cases = [("GET", "/", None), ("GET", "/js/app.js", None), ("HEAD", "/js/app.js", None),
                 ("GET", "/healthz", None), ("GET", "/api/session", None),  # 401
                 ("GET", "/no/such/file.txt", None), ("GET", "/api/proposals/1", None),
                 ("POST", "/api/session", b"not json")]
        first = request(self.server, "GET", "/js/app.js")
        cases.append(("GET", "/js/app.js", {"If-None-Match": first.headers["etag"]}))  # 304
        for method, path, extra in cases:
            headers = extra if isinstance(extra, dict) else {}
            body = extra if isinstance(extra, bytes) else None
            with self.subTest(method=method, path=path, headers=headers):
                r = request(self.server, method, path, body=body, headers=headers)
                csp = r.headers.get("content-security-policy", "")
                self.assertIn("script-src 'self';", csp)
                self.assertNotIn("unsafe-inline", csp)  # neither scripts nor styles inline
                self.assertIn("style-src 'self';", csp)
                self.assertIn("frame-ancestors 'none'", csp)
                self.assertEqual(r.headers.get("x-content-type-options"), "nosniff")
                self.assertEqual(r.headers.get("referrer-policy"), "same-origin")
                self.assertEqual(r.headers.get("x-frame-options"), "DENY")


if __name__ == "__main__":
    unittest.main()
