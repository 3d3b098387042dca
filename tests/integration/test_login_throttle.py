"""Login throttling that cannot be turned against the ministry's own users (issue 18, finding 1).

One client address guessing made-up names must not lock everybody behind that address out: a
browser that has logged in to an account before shows its device cookie and is held back only by
its own failures. The client address is read from X-Forwarded-For only when the peer is a trusted
proxy (--trusted-proxy)."""
import http.client
import json
import threading
import time
import unittest

from fixtures import PASSWORD, DemoServerTest


def post_login(server, username, password, source="127.0.0.1", cookies=(), forwarded=None):
    """POST /api/session from the loopback address `source`; returns (status, headers, body).
    `headers` is a list of (name, value), every Set-Cookie kept."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=240,
                                      source_address=(source, 0))
    headers = {"Content-Type": "application/json"}
    if cookies:
        headers["Cookie"] = "; ".join(cookies)
    if forwarded:
        headers["X-Forwarded-For"] = forwarded
    try:
        conn.request("POST", "/api/session",
                     body=json.dumps({"username": username, "password": password}),
                     headers=headers)
        r = conn.getresponse()
        return r.status, r.getheaders(), r.read()
    finally:
        conn.close()


def set_cookies(headers):
    """name=value of every Set-Cookie, in order."""
    return [v.split(";", 1)[0] for k, v in headers if k.lower() == "set-cookie"]


def device_cookie(headers):
    return next(c for c in set_cookies(headers) if "attache_device_" in c)


class OneAddress(DemoServerTest):
    """The finding as reported: no proxy, every client on 127.0.0.41."""

    def test_made_up_names_do_not_lock_out_a_known_browser(self):
        status, headers, _ = post_login(self.server, "quang", PASSWORD, source="127.0.0.41")
        self.assertEqual(status, 200)
        device = device_cookie(headers)
        self.assertTrue(device.startswith("__Host-attache_device_"), device)
        self.assertNotIn("quang", device)
        for i in range(31):
            status, _, _ = post_login(self.server, "no-such-user-%d" % i, "wrong",
                                      source="127.0.0.41")
            self.assertIn(status, (401, 429))
        # An unknown browser at that address is slowed now...
        status, headers, _ = post_login(self.server, "thu", PASSWORD, source="127.0.0.41")
        self.assertEqual(status, 429)
        self.assertGreater(int(dict(headers)["Retry-After"]), 0)
        # ...but the browser that logged in before is not: it shows its device cookie.
        status, headers, body = post_login(self.server, "quang", PASSWORD, source="127.0.0.41",
                                           cookies=[device])
        self.assertEqual(status, 200, body)
        # Another address was never affected.
        status, _, _ = post_login(self.server, "thu", PASSWORD, source="127.0.0.42")
        self.assertEqual(status, 200)

    def test_a_device_cookie_counts_only_for_its_account_and_unaltered(self):
        status, headers, _ = post_login(self.server, "hung", PASSWORD, source="127.0.0.51")
        self.assertEqual(status, 200)
        device = device_cookie(headers)
        for i in range(31):
            post_login(self.server, "made-up-%d" % i, "wrong", source="127.0.0.51")
        name, value = device.split("=", 1)
        altered = name + "=" + value[:-2] + ("BB" if value.endswith("AA") else "AA")
        status, _, _ = post_login(self.server, "hung", PASSWORD, source="127.0.0.51",
                                  cookies=[altered])
        self.assertEqual(status, 429)
        # hung's cookie does not make tuan's browser known.
        status, _, _ = post_login(self.server, "tuan", PASSWORD, source="127.0.0.51",
                                  cookies=[device])
        self.assertEqual(status, 429)
        status, _, _ = post_login(self.server, "hung", PASSWORD, source="127.0.0.51",
                                  cookies=[device])
        self.assertEqual(status, 200)

    def test_a_known_browser_guessing_is_slowed_by_its_own_failures(self):
        status, headers, _ = post_login(self.server, "binh", PASSWORD, source="127.0.0.61")
        device = device_cookie(headers)
        statuses = [post_login(self.server, "binh", "wrong-%d" % i, source="127.0.0.61",
                               cookies=[device])[0] for i in range(12)]
        self.assertEqual(statuses[:10], [401] * 10)
        self.assertEqual(statuses[11], 429)


class BehindAProxy(DemoServerTest):
    """Every client comes through one trusted proxy (the test sets X-Forwarded-For as the proxy
    would), all of them from one NAT address: 100 attackers and 50 of the ministry's users."""
    server_args = ["--trusted-proxy", "127.0.0.1"]

    def test_attackers_are_slowed_and_every_user_gets_in(self):
        nat = "203.0.113.7"
        users = ["lan", "hung", "mai", "quang", "thu"]
        devices = {}
        for u in users:  # each user's browser has logged in before the attack
            status, headers, _ = post_login(self.server, u, PASSWORD, forwarded=nat)
            self.assertEqual(status, 200)
            devices[u] = device_cookie(headers)
        attacker_statuses = [[] for _ in range(100)]
        legitimate = []

        def attacker(i):
            for k in range(3):
                status, _, _ = post_login(self.server, "guess-%d" % (i % 7), "pw-%d-%d" % (i, k),
                                          forwarded=nat)
                attacker_statuses[i].append(status)

        def user(i):
            u = users[i % len(users)]
            status, _, _ = post_login(self.server, u, PASSWORD, forwarded=nat, cookies=[devices[u]])
            legitimate.append(status)

        threads = [threading.Thread(target=attacker, args=(i,)) for i in range(100)]
        threads += [threading.Thread(target=user, args=(i,)) for i in range(50)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertLess(time.monotonic() - started, 240)
        self.assertEqual(legitimate, [200] * 50)
        for i, statuses in enumerate(attacker_statuses):
            self.assertIn(429, statuses, "attacker %d was never slowed: %s" % (i, statuses))
        self.assertNotIn(200, sum(attacker_statuses, []))

    def test_the_forwarded_address_is_the_client(self):
        # 31 failures forwarded for one address slow that address only.
        for i in range(31):
            post_login(self.server, "nobody-%d" % i, "wrong", forwarded="198.51.100.77")
        status, _, _ = post_login(self.server, "ha", PASSWORD, forwarded="198.51.100.77")
        self.assertEqual(status, 429)
        status, _, _ = post_login(self.server, "ha", PASSWORD, forwarded="198.51.100.78")
        self.assertEqual(status, 200)
        # A spoofed entry to the left of the proxy's own is not believed.
        status, _, _ = post_login(self.server, "ha", PASSWORD,
                                  forwarded="198.51.100.78, 198.51.100.77")
        self.assertEqual(status, 429)


class UntrustedPeer(DemoServerTest):
    """Without --trusted-proxy, X-Forwarded-For is the client's word and is ignored."""

    def test_a_spoofed_forwarded_address_does_not_escape_the_limit(self):
        for i in range(31):
            post_login(self.server, "nobody-%d" % i, "wrong", source="127.0.0.71",
                       forwarded="192.0.2.%d" % i)
        status, _, _ = post_login(self.server, "khanh", PASSWORD, source="127.0.0.71",
                                  forwarded="192.0.2.200")
        self.assertEqual(status, 429)


if __name__ == "__main__":
    unittest.main()
