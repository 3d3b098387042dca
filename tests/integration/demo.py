"""The demo users as API clients, and a test case that runs one real server with the demo data
per test class. Shared by the integration tests of the proposals API."""
import json
import os
import unittest

from harness import Server, request, run_cli

PASSWORD = "attache-demo-2026"

# An outbound delegation with every field its submission needs (documents aside: an invitation
# letter and a programme; in Vietnamese, so no translation).
OUTBOUND_FIELDS = {"destination_countries": ["KR"], "destination_cities": ["Seoul"],
                   "inviting_organisation": "Bộ Việc làm và Lao động Hàn Quốc", "purpose": "Trao đổi kinh nghiệm",
                   "depart_on": "2027-06-01", "return_on": "2027-06-07",
                   "members": [{"full_name": "Nguyễn Thị Lan", "position": "Chuyên viên", "unit": "Cục Việc làm",
                                "role": "head"}],
                   "funding_sources": ["host"], "in_annual_plan": True, "passport_type": "official",
                   "invitation_language": "vi"}


class Api:
    """Calls the server as one of the demo users (logged in once each, cookie and CSRF token)."""

    def __init__(self, server):
        self.server = server
        self.sessions = {}

    def login(self, username):
        if username not in self.sessions:
            r = request(self.server, "POST", "/api/session",
                        body=json.dumps({"username": username, "password": PASSWORD}).encode(),
                        headers={"Content-Type": "application/json"})
            assert r.status == 200, r.body
            self.sessions[username] = {"Cookie": r.headers["set-cookie"].split(";", 1)[0],
                                       "X-CSRF-Token": r.json()["csrf_token"]}
        return self.sessions[username]

    def call(self, username, method, path, body=None, key=None, headers=None, raw=None):
        """`body` is sent as JSON, `raw` as it is; `key` becomes the Idempotency-Key."""
        h = dict(self.login(username))
        if key is not None:
            h["Idempotency-Key"] = key
        h.update(headers or {})
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        if data is not None:
            h.setdefault("Content-Type", "application/json")
        return request(self.server, method, path, body=data, headers=h)

    def proposal_ids(self, username="lan"):
        r = self.call(username, "GET", "/api/proposals?limit=200")
        assert r.status == 200, r.body
        return {p["id"] for p in r.json()["items"]}


class DemoServerTest(unittest.TestCase):
    """One server with the demo data for the whole class, as `cls.server`, and `cls.api`."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        os.makedirs(cls.server.data, exist_ok=True)
        assert run_cli("seed-demo", data=cls.server.data).returncode == 0
        cls.server.start()
        cls.api = Api(cls.server)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.server.cleanup()
