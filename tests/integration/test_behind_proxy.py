"""Behind a reverse proxy (issue 18, findings 8 and 12): X-Forwarded-Proto is believed only from a
--trusted-proxy; over HTTPS answers carry Strict-Transport-Security; where the browser accepts
Secure cookies only the __Host- session cookie is accepted, so a cookie planted by a sibling
subdomain or a plain-HTTP page (cookie tossing) opens no session."""
import json
import time
import unittest

from fixtures import PASSWORD, DemoServerTest
from harness import request


def login(server, headers=None):
    r = request(server, "POST", "/api/session",
                body=json.dumps({"username": "mai", "password": PASSWORD}).encode(),
                headers={"Content-Type": "application/json", **(headers or {})})
    assert r.status == 200, r.body
    return r.headers["set-cookie"]


class Direct(DemoServerTest):
    """No trusted proxy: the server on loopback, reached directly."""

    def test_a_plain_session_cookie_is_refused_where_host_cookies_work(self):
        cookie = login(self.server)
        self.assertTrue(cookie.startswith("__Host-attache_session="), cookie)
        token = cookie.split(";", 1)[0].split("=", 1)[1]
        ok = request(self.server, "GET", "/api/me", headers={"Cookie": "__Host-attache_session=" + token})
        self.assertEqual(ok.status, 200)
        tossed = request(self.server, "GET", "/api/me", headers={"Cookie": "attache_session=" + token})
        self.assertEqual(tossed.status, 401)

    def test_on_a_network_name_over_plain_http_the_plain_cookie_is_used(self):
        host = {"Host": "attache.example.gov.vn"}
        cookie = login(self.server, host)
        self.assertTrue(cookie.startswith("attache_session="), cookie)
        self.assertNotIn("Secure", cookie)
        token = cookie.split(";", 1)[0].split("=", 1)[1]
        me = request(self.server, "GET", "/api/me", headers={**host, "Cookie": "attache_session=" + token})
        self.assertEqual(me.status, 200)
        host_cookie = request(self.server, "GET", "/api/me",
                              headers={**host, "Cookie": "__Host-attache_session=" + token})
        self.assertEqual(host_cookie.status, 401)

    def test_a_client_saying_https_is_not_believed(self):
        h = {"Host": "attache.example.gov.vn", "X-Forwarded-Proto": "https"}
        r = request(self.server, "GET", "/healthz", headers=h)
        self.assertNotIn("strict-transport-security", r.headers)
        self.assertTrue(login(self.server, h).startswith("attache_session="))


class TrustedProxy(DemoServerTest):
    server_args = ["--trusted-proxy", "127.0.0.1"]

    def test_https_through_the_proxy(self):
        h = {"Host": "attache.example.gov.vn", "X-Forwarded-Proto": "https",
             "X-Forwarded-For": "203.0.113.9"}
        for path in ("/healthz", "/", "/api/nothing-here"):
            r = request(self.server, "GET", path, headers=h)
            self.assertEqual(r.headers.get("strict-transport-security"), "max-age=31536000", path)
        cookie = login(self.server, h)
        self.assertTrue(cookie.startswith("__Host-attache_session="), cookie)
        self.assertIn("Secure", cookie)
        plain = request(self.server, "GET", "/healthz", headers={"Host": "attache.example.gov.vn"})
        self.assertNotIn("strict-transport-security", plain.headers)

    def test_the_request_log_names_the_forwarded_client(self):
        request(self.server, "GET", "/healthz?who", headers={"X-Forwarded-For": "198.51.100.23"})
        deadline = time.monotonic() + 5  # the line is written just after the answer
        while True:
            remotes = [l.get("remote") for l in self.server.log_lines() if l.get("path") == "/healthz"]
            if "198.51.100.23" in remotes or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        self.assertIn("198.51.100.23", remotes)


if __name__ == "__main__":
    unittest.main()
