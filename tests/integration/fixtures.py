"""The server fixture the integration tests share: ServerTest runs one real server per test class
(DemoServerTest: on the demo data) and stops it after the class; Api calls it as the demo users,
each logged in once with its cookie and CSRF token. demo_server() gives a test a server of its
own on the demo data (to stop, restart or crash), and demo_data() and login() are the same
steps for tests that start their servers themselves."""
import json
import os
import shutil
import tempfile
import unittest

from harness import Server, request, run_cli

# The password of every demo user (attache seed-demo).
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


def demo_data(data):
    """Writes the demo data into the folder `data` (made if missing)."""
    os.makedirs(data, exist_ok=True)
    r = run_cli("seed-demo", data=data)
    assert r.returncode == 0, r.stderr


def set_clock(path, day, hour_utc):
    """Sets the clock of a server started with ATTACHE_TEST_CLOCK_FILE=`path` to the hour
    `hour_utc` (UTC) of `day` (ISO), replacing the file whole so it is never read half written."""
    with open(path + ".tmp", "w") as f:
        f.write("%sT%02d:00:00Z\n" % (day, hour_utc))
    os.replace(path + ".tmp", path)


def login(server, username, password=PASSWORD):
    """Logs `username` in; returns the headers that carry the session: its cookie and the CSRF
    token that state changes need."""
    r = request(server, "POST", "/api/session",
                body=json.dumps({"username": username, "password": password}).encode(),
                headers={"Content-Type": "application/json"})
    assert r.status == 200, (username, r.status, r.body)
    return {"Cookie": r.headers["set-cookie"].split(";", 1)[0], "X-CSRF-Token": r.json()["csrf_token"]}


def write_files(folder, files):
    """Writes `files` (name: bytes or text, a name with folders in it making them) into `folder`."""
    for name, content in files.items():
        path = os.path.join(folder, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(content.encode() if isinstance(content, str) else content)


class Api:
    """Calls the server as one of the demo users (logged in once each, cookie and CSRF token)."""

    def __init__(self, server):
        self.server = server
        self.sessions = {}

    def login(self, username):
        if username not in self.sessions:
            self.sessions[username] = login(self.server, username)
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


def demo_server(test, *users, data=None, args=(), env=None):
    """A server of `test`'s own on new demo data (in `data` when given), started, with `users`
    logged in (sessions are stored: they outlive a restart). Killed if still running, and the
    temporary folder it made removed, when the test ends. Returns (server, api)."""
    server = Server(data=data, args=args, env=env)
    test.addCleanup(server.cleanup)
    demo_data(server.data)
    server.start()
    api = Api(server)
    for user in users:
        api.login(user)
    return server, api


class ServerTest(unittest.TestCase):
    """One server for the whole class, as `cls.server`, with `cls.api` for the demo users.

    The class sets `server_args` and `server_env` for the server's flags and environment (in its
    own setUpClass before calling this one's, when they are made then), overrides prepare_data()
    for what is written before the server starts, and its setUpClass after this one's for what
    needs the server running. The server is stopped after the class, and its folder removed,
    however the class ends."""

    demo = False  # start on the demo data
    server_args = ()
    server_env = None

    @classmethod
    def setUpClass(cls):
        cls.server = Server(args=cls.server_args, env=cls.server_env)
        cls.addClassCleanup(cls.server.cleanup)
        cls.prepare_data(cls.server.data)
        cls.server.start()
        cls.api = Api(cls.server)

    @classmethod
    def prepare_data(cls, data):
        if cls.demo:
            demo_data(data)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    @classmethod
    def temporary_folder(cls, prefix):
        """A new folder, removed after the class."""
        path = tempfile.mkdtemp(prefix=prefix)
        cls.addClassCleanup(shutil.rmtree, path, ignore_errors=True)
        return path


class DemoServerTest(ServerTest):
    """A ServerTest on the demo data."""

    demo = True
