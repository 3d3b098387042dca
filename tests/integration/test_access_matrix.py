"""The authorization matrix: every API route × every role and every kind of caller, against the
real binary, with the expected status from one table. A route missing from the table fails the
test, so no route can be added without saying who may use it."""
import datetime
import itertools
import json
import os
import time
import unittest

import uploads
from fixtures import DemoServerTest, demo_data, login
from harness import Server, mail_to_nowhere, request, run_cli

ROLE_USERS = {"staff": "lan", "unit_head": "hung", "icd_officer": "mai", "icd_head": "quang",
              "finance": "thu", "leader": "thanh", "admin": "admin", "auditor": "ha",
              # staff of another unit than the proposals' (which lan of CVL creates)
              "other_unit_staff": "khanh"}
ALL_ROLES = list(ROLE_USERS)
PARTNER_EDITORS = {"icd_officer", "icd_head", "admin"}
PLANNERS = {"staff", "unit_head", "icd_officer", "icd_head"}
_counter = itertools.count()


class Raw:
    """A body sent as it is, with its own content type (uploads are multipart, not JSON)."""

    def __init__(self, data, content_type):
        self.data = data
        self.content_type = content_type


def everyone(status):
    return {role: status for role in ALL_ROLES}


def only(allowed, status_ok, status_other=403):
    return {role: (status_ok if role in allowed else status_other) for role in ALL_ROLES}


class Context:
    """Logged-in callers and helpers shared by the route builders: a session for each of `roles`
    (every role when not given; the administrator's always)."""

    def __init__(self, server, roles=None):
        self.server = server
        # The admin's session is used at once, before the other logins (each an argon2id
        # verification) can outlast a short idle timeout.
        admin = self.login(ROLE_USERS["admin"])
        users = request(server, "GET", "/api/users", headers=admin["headers"])
        assert users.status == 200, (users.status, users.body)
        self.ids = {u["username"]: u["id"] for u in users.json()}
        wanted = ALL_ROLES if roles is None else {"admin", *roles}
        self.sessions = {role: admin if role == "admin" else self.login(user)
                         for role, user in ROLE_USERS.items() if role in wanted}

    def login(self, username):
        return {"headers": login(self.server, username)}

    def fresh_authorisation(self):
        r = request(self.server, "POST", "/api/authorisations", headers=self.json_headers("admin"),
                    body=json.dumps({"leader_id": self.ids["thanh"], "deputy_id": self.ids["quang"],
                                     "starts_on": "2026-01-01", "ends_on": "2026-12-31",
                                     "reason": "Nghỉ phép"}).encode())
        assert r.status == 201, r.body
        return r.json()["id"]

    def fresh_mail(self):
        r = request(self.server, "POST", "/api/admin/mail/test", headers=self.json_headers("admin"),
                    body=json.dumps({"to": "lan@molisa.test"}).encode())
        assert r.status == 202, r.body
        return r.json()["id"]

    def fresh_proposal(self, kind="agreement"):
        r = request(self.server, "POST", "/api/proposals", headers=self.json_headers("staff"),
                    body=json.dumps({"kind": kind, "title": "Hồ sơ thử %d" % next(_counter)}).encode())
        assert r.status == 201, r.body
        return r.json()["id"]

    def fresh_consultation(self):
        r = request(self.server, "POST", "/api/proposals/%d/consultations" % self.fresh_proposal(),
                    headers=self.json_headers("icd_officer"),
                    body=json.dumps({"body": "Bộ Ngoại giao", "due_on": "2027-01-10"}).encode())
        assert r.status == 201, r.body
        return r.json()["id"]

    def approved_proposal(self):
        """An approved delegation of lan's unit, written straight into the database."""
        from seeding import create_proposal
        return create_proposal(self.server.data, state="approved", title="Đoàn đã duyệt %d" % next(_counter),
                               fields={"depart_on": "2027-05-10", "return_on": "2027-05-15"})

    def notification_of(self, username):
        """A notification for `username`, written straight into the database (what a step or
        the scheduler would have stored)."""
        import sqlite3
        db = sqlite3.connect(os.path.join(self.server.data, "attache.db"), timeout=30)
        try:
            with db:
                cur = db.execute("INSERT INTO notifications (user_id, kind, params, created_at) "
                                 "VALUES (?, 'turn', '{}', '2026-01-01T00:00:00Z')", (self.ids[username],))
            return cur.lastrowid
        finally:
            db.close()

    def fresh_plan_item(self, unit):
        """A new plan item of `unit`, made by the ICD officer (who may plan for any unit)."""
        r = request(self.server, "POST", "/api/plan-items", headers=self.json_headers("icd_officer"),
                    body=json.dumps({"unit": unit, "year": 2026, "kind": "conference",
                                     "title": "Hội thảo %d" % next(_counter)}).encode())
        assert r.status == 201, r.body
        return r.json()["id"]

    def proposal_id(self):
        """A proposal of the staff member's unit (CVL), made once."""
        if not hasattr(self, "_proposal"):
            self._proposal = self.fresh_proposal("outbound_delegation")
        return self._proposal

    def upload_body(self):
        body, content_type = uploads.document_form(
            "programme", uploads.pdf("bản %d" % next(_counter)), filename="Chương trình.pdf")
        return Raw(body, content_type)

    def document_id(self):
        """A document of that proposal, uploaded once by the staff member."""
        if not hasattr(self, "_document"):
            body = self.upload_body()
            r = request(self.server, "POST", "/api/proposals/%d/documents" % self.proposal_id(),
                        body=body.data, headers={**self.sessions["staff"]["headers"],
                                                 "Content-Type": body.content_type})
            assert r.status == 201, r.body
            self._document = r.json()["id"]
        return self._document

    def sessions_by_name(self, username):
        """A session of any demo user, made once."""
        roles = {user: role for role, user in ROLE_USERS.items()}
        if username in roles:
            return self.sessions[roles[username]]
        if not hasattr(self, "_others"):
            self._others = {}
        if username not in self._others:
            self._others[username] = self.login(username)
        return self._others[username]

    def json_headers(self, role):
        return {**self.sessions[role]["headers"], "Content-Type": "application/json"}


# Routes that need no session, tested where they are (test_session.py, test_openapi.py).
# Public routes: logging in, the API description, and the calendar feed (its secret token is
# the credential).
PUBLIC_ROUTES = {("POST", "/api/session"), ("GET", "/api/openapi.yaml"), ("GET", "/api/calendar.ics")}

# Each route: (method, pattern, build(ctx) -> (path, body or None), expected {role: status}).
# "anonymous" and "expired" callers always expect 401 and are added by the test.
PROPOSERS = {"staff", "unit_head", "icd_officer", "icd_head", "finance", "leader", "other_unit_staff"}
ICD = {"icd_officer", "icd_head"}


def proposal_route(expected):
    """A route on a proposal of lan's unit: staff of another unit do not see it at all."""
    return {**expected, "other_unit_staff": 404}


def routes():
    return [
        ("GET", "/api/proposals", lambda c: ("/api/proposals", None), everyone(200)),
        ("POST", "/api/proposals", lambda c: ("/api/proposals", {"kind": "inbound_visit", "title": "Đoàn ILO thăm Bộ"}),
         only(PROPOSERS, 201)),
        ("GET", "/api/proposals/{id}", lambda c: ("/api/proposals/%d" % c.fresh_proposal(), None),
         proposal_route(everyone(200))),
        ("PATCH", "/api/proposals/{id}", lambda c: ("/api/proposals/%d" % c.fresh_proposal(), {"title": "Sửa"}),
         proposal_route(only({"staff", "unit_head"}, 200))),
        ("POST", "/api/proposals/{id}/actions", lambda c: ("/api/proposals/%d/actions" % c.fresh_proposal(), {
            "action": "withdraw", "comment": "Không còn cần thiết", "expected_version": 1}),
         proposal_route(only({"staff"}, 200))),
        ("GET", "/api/proposals/{id}/history", lambda c: ("/api/proposals/%d/history" % c.fresh_proposal(), None),
         proposal_route(everyone(200))),
        ("POST", "/api/proposals/{id}/consultations", lambda c: ("/api/proposals/%d/consultations" % c.fresh_proposal(), {
            "body": "Bộ Công an", "due_on": "2027-01-10"}), proposal_route(only(ICD, 201))),
        ("PATCH", "/api/consultations/{id}", lambda c: ("/api/consultations/%d" % c.fresh_consultation(), {
            "answer": "agree"}), proposal_route(only(ICD, 200))),
        ("GET", "/api/proposals/{id}/comments", lambda c: ("/api/proposals/%d/comments" % c.fresh_proposal(), None),
         proposal_route(everyone(200))),
        ("POST", "/api/proposals/{id}/comments", lambda c: ("/api/proposals/%d/comments" % c.fresh_proposal(), {
            "body": "Ý kiến"}), proposal_route(only(PROPOSERS, 201))),
        ("GET", "/api/session", lambda c: ("/api/session", None), everyone(200)),
        ("DELETE", "/api/session", lambda c: ("/api/session", None), everyone(204)),
        ("GET", "/api/me", lambda c: ("/api/me", None), everyone(200)),
        ("GET", "/api/units", lambda c: ("/api/units", None), everyone(200)),
        ("POST", "/api/units", lambda c: ("/api/units", {
            "code": "DV%d" % next(_counter), "name_vi": "Đơn vị thử", "name_en": "Test unit"}),
         only({"admin"}, 201)),
        ("PATCH", "/api/units/{id}", lambda c: ("/api/units/1", {"name_en": "Ministry"}),
         only({"admin"}, 200)),
        ("GET", "/api/users", lambda c: ("/api/users", None), only({"admin"}, 200)),
        ("POST", "/api/users", lambda c: ("/api/users", {
            "username": "new%d" % next(_counter), "display_name": "Người mới", "unit": "CVL",
            "roles": ["staff"], "password": "một mật khẩu đủ dài"}), only({"admin"}, 201)),
        ("PATCH", "/api/users/{id}", lambda c: ("/api/users/%d" % c.ids["lan"], {
            "display_name": "Nguyễn Thị Lan"}), only({"admin"}, 200)),
        ("GET", "/api/authorisations", lambda c: ("/api/authorisations", None), everyone(200)),
        ("POST", "/api/authorisations", lambda c: ("/api/authorisations", {
            "leader_id": c.ids["thanh"], "deputy_id": c.ids["quang"], "starts_on": "2026-03-01",
            "ends_on": "2026-03-05", "reason": "Công tác nước ngoài"}), only({"leader", "admin"}, 201)),
        ("GET", "/api/deputy-candidates", lambda c: ("/api/deputy-candidates", None),
         only({"leader", "admin"}, 200)),
        ("GET", "/api/dashboard", lambda c: ("/api/dashboard", None), everyone(200)),
        ("POST", "/api/me/calendar-feed", lambda c: ("/api/me/calendar-feed", None), everyone(201)),
        # Plan B: those who may postpone (ICD, leaders) do; for others each proposal is refused
        # with its reason and nothing changes (422), as for any step they may not take.
        ("POST", "/api/proposals/postpone", lambda c: ("/api/proposals/postpone", {
            "ids": [c.approved_proposal()], "reason": "Điều chỉnh kế hoạch", "to_be_decided": True}),
         {**only({"icd_officer", "icd_head", "leader"}, 200, 422), "other_unit_staff": 422}),
        # Notifications: each user reads and marks only their own; another's is not found.
        ("GET", "/api/notifications", lambda c: ("/api/notifications", None), everyone(200)),
        ("GET", "/api/notifications/unread-count", lambda c: ("/api/notifications/unread-count", None),
         everyone(200)),
        ("POST", "/api/notifications/read-all", lambda c: ("/api/notifications/read-all", None), everyone(200)),
        ("POST", "/api/notifications/{id}/read",
         lambda c: ("/api/notifications/%d/read" % c.notification_of("hung"), None),
         only({"unit_head"}, 200, 404)),
        ("GET", "/api/me/notification-settings", lambda c: ("/api/me/notification-settings", None),
         everyone(200)),
        ("PATCH", "/api/me/notification-settings",
         lambda c: ("/api/me/notification-settings", {"email_mode": "digest"}), everyone(200)),
        ("POST", "/api/admin/reminders/run", lambda c: ("/api/admin/reminders/run", None),
         only({"admin"}, 200)),
        ("GET", "/api/reports/annual", lambda c: ("/api/reports/annual?year=2026", None), everyone(200)),
        ("GET", "/api/workflows", lambda c: ("/api/workflows", None), everyone(200)),
        ("GET", "/api/workflows/{kind}", lambda c: ("/api/workflows/agreement", None), everyone(200)),
        # Documents of a CVL proposal: everyone here sees it (staff and unit head are of CVL);
        # auditors and administrators change nothing.
        ("GET", "/api/proposals/{id}/documents",
         lambda c: ("/api/proposals/%d/documents" % c.proposal_id(), None), proposal_route(everyone(200))),
        ("POST", "/api/proposals/{id}/documents",
         lambda c: ("/api/proposals/%d/documents" % c.proposal_id(), c.upload_body()),
         proposal_route(only({"staff", "unit_head", "icd_officer", "icd_head", "finance", "leader"}, 201))),
        ("GET", "/api/documents/{id}", lambda c: ("/api/documents/%d" % c.document_id(), None),
         proposal_route(everyone(200))),
        # The leader of the record and admins revoke; the deputy named in it (here the ICD head)
        # and auditors see it but may not; others do not see it at all (404).
        ("DELETE", "/api/authorisations/{id}", lambda c: ("/api/authorisations/%d" % c.fresh_authorisation(), None),
         {**only({"leader", "admin"}, 204, 404), "auditor": 403, "icd_head": 403}),
        # Partners: everyone reads; ICD officers and heads and admins add and edit.
        ("GET", "/api/partners", lambda c: ("/api/partners?q=ILO", None), everyone(200)),
        ("POST", "/api/partners", lambda c: ("/api/partners", {
            "type": "ngo", "name_vi": "Tổ chức thử %d" % next(_counter),
            "name_en": "Test organisation %d" % next(_counter)}), only(PARTNER_EDITORS, 201)),
        ("GET", "/api/partners/{id}", lambda c: ("/api/partners/1", None), everyone(200)),
        ("PATCH", "/api/partners/{id}", lambda c: ("/api/partners/1", {"notes": "Đối tác lâu năm"}),
         only(PARTNER_EDITORS, 200)),
        # Plans: the demo staff and unit head are of CVL. Without "unit" an item goes to the
        # caller's own unit; only planners (unit staff and head, ICD) may add one.
        ("GET", "/api/plan-items", lambda c: ("/api/plan-items?year=2026", None), everyone(200)),
        ("POST", "/api/plan-items", lambda c: ("/api/plan-items", {
            "year": 2026, "kind": "outbound_delegation", "title": "Đoàn ra %d" % next(_counter)}),
         {**only(PLANNERS, 201), "other_unit_staff": 201}),  # for their own unit
        # Another unit's item is not there at all for CVL's staff and head.
        ("GET", "/api/plan-items/{id}", lambda c: ("/api/plan-items/%d" % c.fresh_plan_item("QLLDNN"), None),
         {**everyone(200), "staff": 404, "unit_head": 404}),
        ("PATCH", "/api/plan-items/{id}", lambda c: ("/api/plan-items/%d" % c.fresh_plan_item("CVL"), {
            "quarter": 3}), proposal_route(only(PLANNERS, 200))),
        ("DELETE", "/api/plan-items/{id}", lambda c: ("/api/plan-items/%d" % c.fresh_plan_item("CVL"), None),
         proposal_route(only(PLANNERS, 204))),
        # The audit trail's verification: auditors and administrators only.
        ("GET", "/api/audit/verify", lambda c: ("/api/audit/verify", None), only({"auditor", "admin"}, 200)),
        # The e-mail outbox: administrators only (the server sends towards a closed port, so
        # messages stay pending and can always be retried).
        ("GET", "/api/admin/mail", lambda c: ("/api/admin/mail?status=pending", None), only({"admin"}, 200)),
        ("POST", "/api/admin/mail/test", lambda c: ("/api/admin/mail/test", {"to": "lan@molisa.test"}),
         only({"admin"}, 202)),
        ("POST", "/api/admin/mail/{id}/retry", lambda c: ("/api/admin/mail/%d/retry" % c.fresh_mail(), None),
         only({"admin"}, 200)),
    ]


class AccessMatrix(DemoServerTest):
    @classmethod
    def setUpClass(cls):
        cls.server_args = mail_to_nowhere()
        super().setUpClass()
        cls.ctx = Context(cls.server)
        token = run_cli("token", "create", "--user", "admin", data=cls.server.data).stdout.strip()
        staff_token = run_cli("token", "create", "--user", "lan", data=cls.server.data).stdout.strip()
        cls.bearer = {"admin": {"Authorization": "Bearer " + token},
                      "staff": {"Authorization": "Bearer " + staff_token}}

    def call(self, method, path, body, headers):
        if method == "PATCH":
            headers = {**headers, "If-Match": '"1"'}
        data = None
        if isinstance(body, Raw):
            data = body.data
            headers = {**headers, "Content-Type": body.content_type}
        elif body is not None:
            data = json.dumps(body).encode()
            headers = {**headers, "Content-Type": "application/json"}
        return request(self.server, method, path, body=data, headers=headers)

    def test_matrix_covers_every_api_route(self):
        listed = run_cli("routes", data=self.server.data).stdout.split("\n")
        api = {tuple(line.split()[:2]) for line in listed if " /api/" in line}
        covered = {(m, p) for m, p, _, _ in routes()} | PUBLIC_ROUTES
        self.assertEqual(api - covered, set(), "routes missing from the access matrix")
        self.assertEqual(covered - api, set(), "matrix rows for routes that do not exist")

    def test_every_route_for_every_role(self):
        checked = 0
        for method, pattern, build, expected in routes():
            for role in ALL_ROLES:
                with self.subTest(route=method + " " + pattern, role=role):
                    path, body = build(self.ctx)
                    session = self.ctx.login(ROLE_USERS[role]) if pattern == "/api/session" and method == "DELETE" \
                        else self.ctx.sessions[role]
                    r = self.call(method, path, body, session["headers"])
                    self.assertEqual(r.status, expected[role], r.body[:300])
                    if r.status >= 400:
                        self.assertEqual(r.headers["content-type"], "application/problem+json; charset=utf-8")
                    checked += 1
        self.assertEqual(checked, len(routes()) * len(ALL_ROLES))

    def test_every_route_without_a_session(self):
        for method, pattern, build, _ in routes():
            for headers in ({}, {"Cookie": "__Host-attache_session=" + "A" * 43},
                            {"Authorization": "Bearer " + "B" * 43}):
                with self.subTest(route=method + " " + pattern, headers=list(headers)):
                    path, body = build(self.ctx)
                    self.assertEqual(self.call(method, path, body, headers).status, 401)

    def test_every_route_with_a_bearer_token(self):
        # A token carries its user's roles and needs no CSRF header.
        for method, pattern, build, expected in routes():
            for role, headers in (("admin", self.bearer["admin"]), ("staff", self.bearer["staff"])):
                with self.subTest(route=method + " " + pattern, role=role):
                    path, body = build(self.ctx)
                    r = self.call(method, path, body, headers)
                    self.assertEqual(r.status, expected[role], r.body[:300])

    def test_the_creator_rule_is_an_unmet_rule(self):
        """Separation of duties: whoever holds the step's role but created the proposal is
        refused with 422 naming `not_by_creator` (API.md: "creator approving their own
        proposal"); someone without the step's role gets 403."""
        from seeding import create_proposal
        cases = [  # (creator, state, action, unit, who acts, status, code)
            ("hung", "unit_review", "endorse", "CVL", "unit_head", 422, "not_by_creator"),
            ("thanh", "leader_decision", "approve", "LDB", "leader", 422, "not_by_creator"),
            ("thanh", "leader_decision", "reject", "LDB", "leader", 422, "not_by_creator"),
            ("hung", "unit_review", "endorse", "CVL", "staff", 403, "role"),
        ]
        for creator, state, action, unit, role, status, code in cases:
            with self.subTest(creator=creator, action=action, role=role):
                pid = create_proposal(self.server.data, unit=unit, creator=creator, kind="agreement",
                                      state=state, title="Hồ sơ của chính mình %d" % next(_counter))
                r = self.call("POST", "/api/proposals/%d/actions" % pid,
                              {"action": action, "comment": "Ý kiến", "expected_version": 1},
                              self.ctx.sessions[role]["headers"])
                self.assertEqual(r.status, status, r.body[:300])
                self.assertIn(code, [e["code"] for e in r.json()["errors"]])
                if status == 422:
                    shown = request(self.server, "GET", "/api/proposals/%d" % pid,
                                    headers=self.ctx.sessions[role]["headers"]).json()
                    option = {a["action"]: a for a in shown["allowed_actions"]}[action]
                    self.assertFalse(option["enabled"])
                    self.assertEqual(option["reasons"][0]["code"], "not_by_creator")

    def test_state_changes_with_a_cookie_need_the_csrf_header(self):
        for method, pattern, build, expected in routes():
            if method == "GET":
                continue
            with self.subTest(route=method + " " + pattern):
                path, body = build(self.ctx)
                headers = {"Cookie": self.ctx.sessions["admin"]["headers"]["Cookie"]}
                self.assertEqual(self.call(method, path, body, headers).status, 403)


class DemoContextTest(DemoServerTest):
    """One server with the demo data for the class, and its logged-in callers as `cls.ctx`."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ctx = Context(cls.server)


class DeputyAccess(DemoContextTest):
    """A leader's deputy sees what the leader sees on the proposals where they may take the
    leader's steps, while the authorisation is in force: the "your turn" notice, the list, the
    page, history and documents agree, and the step can be taken. Before and after it: no
    notice, and 404 everywhere. The deputies are of another unit than the proposal's (CVL)."""

    def call(self, username, method, path, body=None):
        headers = dict(self.ctx.sessions_by_name(username)["headers"])
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        return request(self.server, method, path, body=data, headers=headers)

    def authorise(self, deputy, starts, ends):
        r = request(self.server, "POST", "/api/authorisations", headers=self.ctx.json_headers("admin"),
                    body=json.dumps({"leader_id": self.ctx.ids["thanh"], "deputy_id": self.ctx.ids[deputy],
                                     "starts_on": starts.isoformat(), "ends_on": ends.isoformat(),
                                     "reason": "Lãnh đạo Bộ đi công tác"}).encode())
        self.assertEqual(r.status, 201, r.body)

    def proposal_at_leader_decision(self):
        """A CVL delegation taken by a real step (the ICD head's recommendation) to the leader."""
        from seeding import create_proposal
        depart = datetime.date.today() + datetime.timedelta(days=60)
        fields = {"destination_countries": ["KR"], "destination_cities": ["Seoul"],
                  "inviting_organisation": "Bộ Việc làm và Lao động Hàn Quốc", "purpose": "Trao đổi về EPS",
                  "depart_on": depart.isoformat(), "return_on": (depart + datetime.timedelta(days=5)).isoformat(),
                  "members": [{"full_name": "Nguyễn Thị Lan", "position": "Chuyên viên", "unit": "Cục Việc làm",
                               "role": "head"}],
                  "funding_sources": ["host"], "in_annual_plan": True, "passport_type": "official",
                  "invitation_language": "vi"}
        pid = create_proposal(self.server.data, state="icd_head_review", fields=fields,
                              title="Đoàn công tác Hàn Quốc (ủy quyền)")
        for type_ in ("invitation_letter", "programme"):
            body, content_type = uploads.document_form(type_, uploads.pdf(type_), filename=type_ + ".pdf")
            r = request(self.server, "POST", "/api/proposals/%d/documents" % pid, body=body,
                        headers={**self.ctx.sessions["staff"]["headers"], "Content-Type": content_type})
            self.assertEqual(r.status, 201, r.body)
        version = self.call("quang", "GET", "/api/proposals/%d" % pid).json()["version"]
        r = self.call("quang", "POST", "/api/proposals/%d/actions" % pid,
                      {"action": "recommend", "comment": "Đề nghị Lãnh đạo Bộ đồng ý", "expected_version": version})
        self.assertEqual(r.status, 200, r.body[:300])
        self.assertEqual(r.json()["state"], "leader_decision")
        return pid

    def turns(self, username, pid):
        items = self.call(username, "GET", "/api/notifications").json()["items"]
        return [n for n in items if (n["proposal"] or {}).get("id") == pid]

    def listed(self, username, query=""):
        r = self.call(username, "GET", "/api/proposals?limit=200" + query)
        self.assertEqual(r.status, 200, r.body[:300])
        return [p["id"] for p in r.json()["items"]]

    def test_during_the_authorisation_and_not_before_or_after(self):
        today = (datetime.datetime.utcnow() + datetime.timedelta(hours=7)).date()
        day = datetime.timedelta(days=1)
        self.authorise("khanh", today - day, today + day)         # in force
        self.authorise("tuan", today + day, today + 10 * day)     # not yet
        self.authorise("son", today - 10 * day, today - day)      # over
        pid = self.proposal_at_leader_decision()
        document = self.call("lan", "GET", "/api/proposals/%d/documents" % pid).json()[0]["id"]

        for outsider in ("tuan", "son"):
            with self.subTest(deputy=outsider):
                self.assertEqual(self.turns(outsider, pid), [])
                for path in ("/api/proposals/%d", "/api/proposals/%d/history", "/api/proposals/%d/documents",
                             "/api/proposals/%d/comments"):
                    self.assertEqual(self.call(outsider, "GET", path % pid).status, 404, path)
                self.assertEqual(self.call(outsider, "GET", "/api/documents/%d" % document).status, 404)
                self.assertNotIn(pid, self.listed(outsider))
                self.assertNotIn(pid, self.listed(outsider, "&awaiting=me"))
                r = self.call(outsider, "POST", "/api/proposals/%d/actions" % pid,
                              {"action": "approve", "expected_version": 1, "fields": {"decision_no": "1/QĐ"}})
                self.assertEqual(r.status, 404)

        # The deputy in force is told, and where the notice leads they see and act.
        turns = self.turns("khanh", pid)
        self.assertEqual([n["kind"] for n in turns], ["turn"])
        shown = self.call("khanh", "GET", "/api/proposals/%d" % pid)
        self.assertEqual(shown.status, 200, shown.body[:300])
        self.assertEqual(turns[0]["proposal"]["ref"], shown.json()["ref"])
        approve = {a["action"]: a for a in shown.json()["allowed_actions"]}["approve"]
        self.assertTrue(approve["enabled"], approve)
        self.assertEqual(approve["on_behalf_of"], self.ctx.ids["thanh"])
        for path in ("/api/proposals/%d/history", "/api/proposals/%d/documents", "/api/proposals/%d/comments"):
            self.assertEqual(self.call("khanh", "GET", path % pid).status, 200, path)
        self.assertEqual(self.call("khanh", "GET", "/api/documents/%d" % document).status, 200)
        self.assertIn(pid, self.listed("khanh"))
        self.assertIn(pid, self.listed("khanh", "&awaiting=me"))
        # Not the proposals of other units that wait for no step of the leader's.
        other = self.ctx.fresh_proposal()  # a CVL draft
        self.assertEqual(self.call("khanh", "GET", "/api/proposals/%d" % other).status, 404)
        self.assertNotIn(other, self.listed("khanh"))

        r = self.call("khanh", "POST", "/api/proposals/%d/actions" % pid,
                      {"action": "approve", "expected_version": shown.json()["version"],
                       "fields": {"decision_no": "77/QĐ-BLĐTBXH"}})
        self.assertEqual(r.status, 200, r.body[:300])
        self.assertEqual(r.json()["state"], "approved")
        history = self.call("lan", "GET", "/api/proposals/%d/history" % pid).json()
        approval = next(h for h in history if h["action"] == "approve")
        self.assertEqual(approval["actor"]["id"], self.ctx.ids["khanh"])
        self.assertEqual(approval["on_behalf_of"]["id"], self.ctx.ids["thanh"])


class ExpiredSessions(unittest.TestCase):
    def test_every_route_with_an_expired_session(self):
        server = Server(args=["--session-idle-s", "3"])  # whole seconds: 1 s is too tight under load
        try:
            demo_data(server.data)  # with khanh, a staff member of another unit than lan's CVL
            server.start()
            ctx = Context(server)
            time.sleep(4.5)
            for method, pattern, build, _ in routes():
                for role in ("staff", "admin"):
                    with self.subTest(route=method + " " + pattern, role=role):
                        path = pattern.replace("{id}", "1")
                        body = {"display_name": "x"} if method in ("POST", "PATCH") else None
                        data = json.dumps(body).encode() if body else None
                        r = request(server, method, path, body=data, headers=ctx.json_headers(role))
                        self.assertEqual(r.status, 401)
        finally:
            server.stop()
            server.cleanup()


if __name__ == "__main__":
    unittest.main()
