"""Logging in and out over HTTP: cookies, CSRF, tokens, throttling, bad input."""
import json
import os
import sqlite3
import subprocess
import time
import unittest
import urllib.request

from fixtures import PASSWORD, DemoServerTest
from harness import BIN, request, run_cli


def login(server, username="mai", password=PASSWORD, headers=None):
    return request(server, "POST", "/api/session",
                   body=json.dumps({"username": username, "password": password}).encode(),
                   headers={"Content-Type": "application/json", **(headers or {})})


def cookie_of(response):
    return response.headers["set-cookie"].split(";", 1)[0]


class Sessions(DemoServerTest):
    def test_login_sets_a_hardened_cookie_and_returns_the_csrf_token(self):
        r = login(self.server)
        self.assertEqual(r.status, 200, r.body)
        body = r.json()
        self.assertEqual(body["user"]["username"], "mai")
        self.assertEqual(body["user"]["roles"], ["icd_officer"])
        self.assertEqual(body["user"]["unit"]["code"], "HTQT")
        self.assertEqual(body["user"]["unit"]["name"]["vi"], "Vụ Hợp tác quốc tế")
        self.assertEqual(len(body["csrf_token"]), 43)
        cookie = r.headers["set-cookie"]
        self.assertTrue(cookie.startswith("__Host-attache_session="))
        for attribute in ("Path=/", "HttpOnly", "SameSite=Strict", "Secure"):
            self.assertIn(attribute, cookie)
        self.assertNotIn("Domain", cookie)

    def test_session_and_me(self):
        r = login(self.server, "lan")
        cookie = cookie_of(r)
        s = request(self.server, "GET", "/api/session", headers={"Cookie": cookie})
        self.assertEqual(s.status, 200)
        self.assertEqual(s.json()["csrf_token"], r.json()["csrf_token"])
        me = request(self.server, "GET", "/api/me", headers={"Cookie": cookie}).json()
        self.assertEqual(set(me), {"id", "username", "display_name", "unit", "roles", "acting_for"})
        self.assertEqual(me["display_name"], "Nguyễn Thị Lan")
        self.assertEqual(me["acting_for"], [])

    def test_wrong_password_and_unknown_user_get_the_same_answer(self):
        a = login(self.server, "hung", "not the password")
        b = login(self.server, "nobody-here", "not the password")
        self.assertEqual(a.status, 401)
        self.assertEqual(b.status, 401)
        self.assertEqual(a.json()["detail"], b.json()["detail"])
        self.assertNotIn("set-cookie", a.headers)

    def test_no_session_is_401(self):
        for headers in ({}, {"Cookie": "__Host-attache_session=forged"}, {"Authorization": "Bearer forged"},
                        {"Authorization": "Basic bWFpOng="}):
            with self.subTest(headers=headers):
                r = request(self.server, "GET", "/api/me", headers=headers)
                self.assertEqual(r.status, 401)
                self.assertEqual(r.headers["content-type"], "application/problem+json; charset=utf-8")

    def test_csrf_and_origin_are_required_for_state_changes(self):
        r = login(self.server, "quang")
        cookie, csrf = cookie_of(r), r.json()["csrf_token"]
        no_header = request(self.server, "DELETE", "/api/session", headers={"Cookie": cookie})
        self.assertEqual(no_header.status, 403)
        wrong = request(self.server, "DELETE", "/api/session", headers={"Cookie": cookie, "X-CSRF-Token": "x" * 43})
        self.assertEqual(wrong.status, 403)
        foreign = request(self.server, "DELETE", "/api/session",
                          headers={"Cookie": cookie, "X-CSRF-Token": csrf, "Origin": "https://evil.example"})
        self.assertEqual(foreign.status, 403)
        same = request(self.server, "DELETE", "/api/session",
                       headers={"Cookie": cookie, "X-CSRF-Token": csrf,
                                "Origin": "http://127.0.0.1:%d" % self.server.port})
        self.assertEqual(same.status, 204)
        self.assertIn("Max-Age=0", same.headers["set-cookie"])
        # The logged-out cookie is useless: replay gives 401.
        replay = request(self.server, "GET", "/api/me", headers={"Cookie": cookie})
        self.assertEqual(replay.status, 401)

    def test_bearer_token_needs_no_csrf(self):
        r = run_cli("token", "create", "--user", "thu", "--name", "document system", data=self.server.data)
        self.assertEqual(r.returncode, 0, r.stderr)
        token = r.stdout.strip()
        self.assertEqual(len(token), 43)
        me = request(self.server, "GET", "/api/me", headers={"Authorization": "Bearer " + token})
        self.assertEqual(me.status, 200)
        self.assertEqual(me.json()["roles"], ["finance"])
        out = request(self.server, "DELETE", "/api/session", headers={"Authorization": "Bearer " + token})
        self.assertEqual(out.status, 204)
        db = sqlite3.connect(os.path.join(self.server.data, "attache.db"))
        stored = [row[0] for row in db.execute("SELECT token_hash FROM api_tokens")]
        db.close()
        self.assertNotIn(token, stored)

    def test_token_revoke_command(self):
        r = run_cli("token", "create", "--user", "ha", data=self.server.data)
        token = r.stdout.strip()
        token_id = r.stderr.split()[1]
        headers = {"Authorization": "Bearer " + token}
        self.assertEqual(request(self.server, "GET", "/api/me", headers=headers).status, 200)
        self.assertEqual(run_cli("token", "revoke", "--id", token_id, data=self.server.data).returncode, 0)
        self.assertEqual(request(self.server, "GET", "/api/me", headers=headers).status, 401)
        self.assertEqual(run_cli("token", "revoke", "--id", token_id, data=self.server.data).returncode, 1)

    def test_a_cookie_set_before_login_is_useless_after_it(self):
        planted = "__Host-attache_session=" + "P" * 43  # fixation attempt
        r = login(self.server, "hung", headers={"Cookie": planted})
        self.assertEqual(r.status, 200)
        self.assertNotEqual(cookie_of(r), planted)
        self.assertEqual(request(self.server, "GET", "/api/me", headers={"Cookie": planted}).status, 401)
        self.assertEqual(request(self.server, "GET", "/api/me", headers={"Cookie": cookie_of(r)}).status, 200)

    def test_disabling_a_user_ends_their_live_session(self):
        self.assertEqual(run_cli("user", "add", "--username", "tam", "--display-name", "Lý Minh Tâm", "--unit",
                                 "CVL", "--role", "staff", "--password-stdin", data=self.server.data,
                                 stdin="Tâm có mật khẩu dài\n").returncode, 0)
        r = login(self.server, "tam", "Tâm có mật khẩu dài")
        self.assertEqual(r.status, 200)
        cookie = cookie_of(r)
        self.assertEqual(request(self.server, "GET", "/api/me", headers={"Cookie": cookie}).status, 200)
        d = run_cli("user", "disable", "tam", data=self.server.data)
        self.assertEqual(d.returncode, 0, d.stderr)
        self.assertEqual(request(self.server, "GET", "/api/me", headers={"Cookie": cookie}).status, 401)
        self.assertEqual(login(self.server, "tam", "Tâm có mật khẩu dài").status, 401)

    # Refused by the policy (service/passwords.h): cracklib's dictionary with its mangling, the
    # user's own names and the ministry's (the demo's top unit "Bộ (cơ quan Bộ)", "The Ministry").
    WEAK = [("short1", "at least 8"), ("password", "too common"), ("password123", "dictionary word"),
            ("qwerty123", "dictionary word"), ("admin123", "dictionary word"),
            ("vanweak2026", "your username"), ("Trần Văn Yếu", "your name"), ("tranvanyeu1", "your name"),
            ("The Ministry 2026", "ministry")]

    def test_cli_refuses_weak_passwords(self):
        for pw, message in self.WEAK:
            with self.subTest(password=pw):
                r = run_cli("user", "add", "--username", "vanweak", "--display-name", "Trần Văn Yếu", "--unit",
                            "CVL", "--role", "staff", "--password-stdin", data=self.server.data, stdin=pw + "\n")
                self.assertEqual(r.returncode, 1, pw)
                self.assertIn(message, r.stderr)
                self.assertIn("Mật khẩu", r.stderr)  # Vietnamese first

    def test_the_api_refuses_weak_passwords_and_takes_passphrases(self):
        admin = cookie_of(login(self.server, "admin"))
        me = request(self.server, "GET", "/api/session", headers={"Cookie": admin}).json()
        headers = {"Cookie": admin, "X-CSRF-Token": me["csrf_token"], "Content-Type": "application/json"}

        def create(username, password):
            body = {"username": username, "display_name": "Trần Văn Yếu", "unit": "CVL", "roles": ["staff"],
                    "password": password}
            return request(self.server, "POST", "/api/users", body=json.dumps(body).encode(), headers=headers)

        for pw, message in self.WEAK:
            with self.subTest(password=pw):
                r = create("vanweak.api", pw)
                self.assertEqual(r.status, 422, r.body[:300])
                self.assertEqual(r.json()["errors"][0]["field"], "password")
                self.assertIn(message, r.body.decode())
        r = create("vanweak.api", "mua thu ha noi rat dep")
        self.assertEqual(r.status, 201, r.body[:300])
        # A password changed later is checked against the name the user has.
        r = request(self.server, "PATCH", "/api/users/%d" % r.json()["id"], headers=headers,
                    body=json.dumps({"password": "Trần Văn Yếu 1990"}).encode())
        self.assertEqual(r.status, 422, r.body[:300])

    def test_repeated_failures_are_throttled_with_retry_after(self):
        statuses = [login(self.server, "binh", "guess %d" % i).status for i in range(6)]
        self.assertEqual(statuses, [401] * 6)
        r = login(self.server, "binh", PASSWORD)
        self.assertEqual(r.status, 429)
        self.assertGreaterEqual(int(r.headers["retry-after"]), 1)
        # Failed attempts are logged by the writer just after the answer; wait for it briefly.
        deadline = time.monotonic() + 5
        while True:
            db = sqlite3.connect(os.path.join(self.server.data, "attache.db"))
            outcomes = [row[0] for row in db.execute(
                "SELECT outcome FROM security_log WHERE username = 'binh' ORDER BY id")]
            db.close()
            if "throttled" in outcomes or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        self.assertEqual(outcomes.count("bad_credentials"), 6)
        self.assertIn("throttled", outcomes)

    def test_bad_login_bodies(self):
        cases = [
            (b"{not json", "application/json", 400),
            (b'"just a string"', "application/json", 422),
            (b'{"username": "mai"}', "application/json", 422),
            (b'{"username": 5, "password": "x"}', "application/json", 422),
            (b'{"username": "mai", "password": "x", "remember": true}', "application/json", 422),
            (b'{"username": "mai", "password": "\xff\xfe"}', "application/json", 400),
            (b'username=mai&password=x', "application/x-www-form-urlencoded", 415),
            (b'{"username": "' + b"a" * (1 << 20) + b'", "password": "x"}', "application/json", 413),
        ]
        for body, ctype, status in cases:
            with self.subTest(body=body[:40]):
                r = request(self.server, "POST", "/api/session", body=body, headers={"Content-Type": ctype})
                self.assertEqual(r.status, status, r.body[:200])
                self.assertEqual(r.headers["content-type"], "application/problem+json; charset=utf-8")
        r = request(self.server, "POST", "/api/session", body=b'{"username": "mai", "password": "x", "extra": 1}',
                    headers={"Content-Type": "application/json"})
        self.assertEqual(r.json()["errors"], [{"field": "extra", "message": "unknown field"}])


if __name__ == "__main__":
    unittest.main()
