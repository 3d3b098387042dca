"""The OpenAPI document (schema/openapi.yaml) against the real binary: it names every route of
the router and no other, the server serves it byte for byte to anyone, its error answers are
all problems, and what the handlers really answer fits the schemas it gives them.

Linting the document with a real validator is a separate CTest test (openapi.lint)."""
import json
import os
import tempfile
import unittest

import jsonschema
import yaml

import uploads
from fixtures import DemoServerTest
from harness import SOURCE, Server, mail_to_nowhere, request, run_cli

DOCUMENT = os.path.join(SOURCE, "schema", "openapi.yaml")
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
PASSWORD = "attache-demo-2026"


def load_document():
    with open(DOCUMENT, "rb") as f:
        raw = f.read()
    return raw, yaml.safe_load(raw)


def operations(doc):
    """{(METHOD, path): operation} of the document."""
    return {(method.upper(), path): op
            for path, item in doc["paths"].items()
            for method, op in item.items() if method in METHODS}


def resolve(doc, node):
    """Follows a local $ref ("#/components/...") to what it names."""
    while isinstance(node, dict) and "$ref" in node:
        target = doc
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def media_type(header_value):
    return header_value.split(";", 1)[0].strip().lower()


class DocumentAndRoutes(unittest.TestCase):
    """Static checks: no server needed, only `attache routes`."""

    @classmethod
    def setUpClass(cls):
        cls.raw, cls.doc = load_document()

    def test_every_route_is_documented_and_nothing_else(self):
        with tempfile.TemporaryDirectory(prefix="attache-routes-") as data:
            listed = run_cli("routes", data=data)
        self.assertEqual(listed.returncode, 0, listed.stderr)
        routes = {tuple(line.split()[:2]) for line in listed.stdout.splitlines() if line.strip()}
        self.assertGreater(len(routes), 10)
        documented = set(operations(self.doc))
        self.assertEqual(sorted(routes - documented), [], "routes missing from schema/openapi.yaml")
        self.assertEqual(sorted(documented - routes), [], "documented routes the router does not have")

    def test_it_is_openapi_3_1(self):
        self.assertEqual(self.doc["openapi"], "3.1.0")
        self.assertEqual(self.doc["info"]["title"], "Attaché API")
        self.assertEqual(self.doc["servers"], [{"url": "/", "description": self.doc["servers"][0]["description"]}])

    def test_every_error_answer_is_a_problem(self):
        for (method, path), op in operations(self.doc).items():
            for status, response in op["responses"].items():
                if status != "default" and int(status) < 400:
                    continue
                with self.subTest(operation=method + " " + path, status=status):
                    content = resolve(self.doc, response)["content"]
                    self.assertEqual(list(content), ["application/problem+json"])
                    self.assertEqual(content["application/problem+json"]["schema"],
                                     {"$ref": "#/components/schemas/Problem"})

    def test_request_bodies_refuse_unknown_members(self):
        for (method, path), op in operations(self.doc).items():
            if "requestBody" not in op:
                continue
            for media, content in op["requestBody"]["content"].items():
                with self.subTest(operation=method + " " + path, media=media):
                    schema = resolve(self.doc, content["schema"])
                    self.assertIs(schema.get("additionalProperties"), False)
                    if method == "POST":
                        self.assertIn("required", schema)

    def test_protected_operations_need_a_session_and_writes_the_csrf_token(self):
        # Public: the health checks, the login and this document.
        # and the calendar feed, whose secret token is its credential.
        public = {("GET", "/healthz"), ("GET", "/readyz"), ("POST", "/api/session"),
                  ("GET", "/api/openapi.yaml"), ("GET", "/api/calendar.ics"), ("GET", "/metrics")}
        for key, op in operations(self.doc).items():
            method, path = key
            with self.subTest(operation=method + " " + path):
                security = op.get("security", self.doc["security"])
                if key in public:
                    self.assertEqual(security, [])
                    continue
                self.assertIn("401", op["responses"])
                self.assertIn({"bearerToken": []}, security)
                cookies = [s for s in security if "bearerToken" not in s]
                self.assertEqual(len(cookies), 2)
                for requirement in cookies:
                    self.assertEqual("csrfToken" in requirement, method != "GET", requirement)


class ServedAndReal(DemoServerTest):
    """The served document, and real answers of the handlers checked against the schemas."""

    @classmethod
    def setUpClass(cls):
        cls.raw, cls.doc = load_document()
        cls.ops = operations(cls.doc)
        cls.server_args = mail_to_nowhere()
        super().setUpClass()
        cls.bearer = {}
        for user in ("admin", "mai", "thanh"):
            token = run_cli("token", "create", "--user", user, data=cls.server.data).stdout.strip()
            cls.bearer[user] = {"Authorization": "Bearer " + token}

    # ---- the document itself

    def test_the_document_is_served_byte_for_byte_without_a_session(self):
        r = request(self.server, "GET", "/api/openapi.yaml")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.headers["content-type"], "application/yaml; charset=utf-8")
        self.assertEqual(r.body, self.raw)
        self.assertRegex(r.headers["etag"], r'^"[0-9a-f]{32}"$')
        again = request(self.server, "GET", "/api/openapi.yaml",
                        headers={"If-None-Match": r.headers["etag"]})
        self.assertEqual((again.status, again.body), (304, b""))
        head = request(self.server, "HEAD", "/api/openapi.yaml")
        self.assertEqual((head.status, head.body), (200, b""))
        self.assertEqual(request(self.server, "POST", "/api/openapi.yaml", body=b"x").status, 405)

    def test_the_server_refuses_to_start_without_the_document(self):
        schema = os.path.join(os.path.dirname(self.server.data), "schema-without-openapi")
        os.makedirs(schema)
        for folder in ("migrations", "workflows", "holidays"):
            os.symlink(os.path.join(SOURCE, "schema", folder), os.path.join(schema, folder))
        server = Server(args=["--schema", schema])
        try:
            with self.assertRaises(RuntimeError) as refused:
                server.start(timeout=10)
            self.assertIn("openapi.yaml", str(refused.exception))
        finally:
            server.cleanup()

    # ---- real answers

    def check(self, method, pattern, r):
        """Asserts that the answer `r` to METHOD PATTERN is documented and fits its schema."""
        op = self.ops.get((method, pattern))
        self.assertIsNotNone(op, "%s %s is not documented" % (method, pattern))
        responses = op["responses"]
        key = str(r.status)
        if key not in responses:
            self.assertGreaterEqual(r.status, 500, "%s %s answered %d, which is not documented: %s"
                                    % (method, pattern, r.status, r.body[:300]))
            key = "default"
        response = resolve(self.doc, responses[key])
        content = response.get("content")
        if not content:
            self.assertEqual(r.body, b"", "%s %s %d has a body" % (method, pattern, r.status))
            return r
        media = media_type(r.headers.get("content-type", ""))
        if "application/json" in content or "application/problem+json" in content:
            self.assertIn(media, content, "%s %s %d sent %s" % (method, pattern, r.status, media))
        if media in ("application/json", "application/problem+json"):
            schema = {"allOf": [content[media]["schema"]], "components": self.doc["components"]}
            validator = jsonschema.Draft202012Validator(
                schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
            errors = sorted(validator.iter_errors(r.json()), key=lambda e: list(e.absolute_path))
            self.assertEqual([], ["%s: %s" % ("/".join(map(str, e.absolute_path)), e.message)
                                  for e in errors[:5]],
                             "%s %s %d does not fit the document" % (method, pattern, r.status))
        for header in response.get("headers", {}):
            self.assertIn(header.lower(), r.headers, "%s %s %d lacks %s" % (method, pattern, r.status, header))
        return r

    def call(self, method, pattern, path=None, body=None, headers=None, **kwargs):
        data = kwargs.pop("data", None)
        headers = dict(headers or {})
        if body is not None:
            data = json.dumps(body).encode()
            headers.setdefault("Content-Type", "application/json")
        return self.check(method, pattern,
                          request(self.server, method, path or pattern, body=data, headers=headers))

    def login(self, username):
        r = self.call("POST", "/api/session", body={"username": username, "password": PASSWORD})
        self.assertEqual(r.status, 200, r.body)
        cookie = r.headers["set-cookie"].split(";", 1)[0]
        return {"Cookie": cookie, "X-CSRF-Token": r.json()["csrf_token"]}

    def test_answers_fit_the_document(self):
        admin, mai, thanh = self.bearer["admin"], self.bearer["mai"], self.bearer["thanh"]
        call = self.call
        self.assertEqual(call("GET", "/healthz").status, 200)
        self.assertEqual(call("GET", "/readyz").status, 200)

        # Sessions, and the errors every JSON body can meet.
        self.assertEqual(call("POST", "/api/session", body={"username": "lan", "password": "sai mật khẩu"}).status, 401)
        self.assertEqual(call("POST", "/api/session", body={"username": "lan"}).status, 422)
        self.assertEqual(call("POST", "/api/session", data=b"{", headers={"Content-Type": "application/json"}).status, 400)
        self.assertEqual(call("POST", "/api/session", data=b"{}", headers={"Content-Type": "text/plain"}).status, 415)
        lan = self.login("lan")
        self.assertEqual(call("GET", "/api/session", headers=lan).status, 200)
        self.assertEqual(call("GET", "/api/session", headers=admin).json()["csrf_token"], None)
        self.assertEqual(call("GET", "/api/me").status, 401)
        self.assertEqual(call("GET", "/api/me", headers=lan).status, 200)
        self.assertEqual(call("GET", "/api/units", headers=lan).status, 200)

        # Users and authorisations.
        self.assertEqual(call("GET", "/api/users", headers=lan).status, 403)
        users = call("GET", "/api/users", headers=admin)
        self.assertEqual(users.status, 200)
        ids = {u["username"]: u["id"] for u in users.json()}
        new_user = {"username": "openapi", "display_name": "Người thử", "unit": "CVL",
                    "roles": ["staff"], "password": "một mật khẩu đủ dài"}
        created = call("POST", "/api/users", body=new_user, headers=admin)
        self.assertEqual(created.status, 201, created.body)
        self.assertEqual(call("POST", "/api/users", body=new_user, headers=admin).status, 409)
        self.assertEqual(call("PATCH", "/api/users/{id}", "/api/users/%d" % created.json()["id"],
                              body={"display_name": "Người thử mới"}, headers=admin).status, 200)
        self.assertEqual(call("PATCH", "/api/users/{id}", "/api/users/99999",
                              body={"active": False}, headers=admin).status, 404)
        authorisation = call("POST", "/api/authorisations", headers=thanh, body={
            "deputy_id": ids["quang"], "starts_on": "2026-01-01", "ends_on": "2026-12-31",
            "reason": "Công tác nước ngoài"})
        self.assertEqual(authorisation.status, 201, authorisation.body)
        self.assertEqual(call("GET", "/api/authorisations", headers=thanh).status, 200)
        path = "/api/authorisations/%d" % authorisation.json()["id"]
        self.assertEqual(call("DELETE", "/api/authorisations/{id}", path, headers=thanh).status, 204)
        self.assertEqual(call("DELETE", "/api/authorisations/{id}", path, headers=thanh).status, 404)

        # Plan B.
        from seeding import create_proposal
        approved = create_proposal(self.server.data, state="approved", title="Đoàn đã duyệt",
                                   fields={"depart_on": "2027-05-10", "return_on": "2027-05-15"})
        self.assertEqual(call("POST", "/api/proposals/postpone", headers=mai, body={
            "ids": [approved], "reason": "Điều chỉnh kế hoạch", "to_be_decided": True}).status, 200)
        self.assertEqual(call("POST", "/api/proposals/postpone", headers=mai, body={
            "ids": [approved], "reason": "Lần nữa"}).status, 422)

        # Reminders and notifications: the demo's late steps give ICD's officer some to read.
        self.assertEqual(call("POST", "/api/admin/reminders/run", headers=lan).status, 403)
        self.assertEqual(call("POST", "/api/admin/reminders/run", headers=admin).status, 200)
        told = call("GET", "/api/notifications", headers=mai)
        self.assertEqual(told.status, 200)
        self.assertTrue(told.json()["items"], "the demo's late steps raised nothing")
        self.assertEqual(call("GET", "/api/notifications", "/api/notifications?limit=0", headers=mai).status, 400)
        self.assertEqual(call("GET", "/api/notifications/unread-count", headers=mai).status, 200)
        first = "/api/notifications/%d/read" % told.json()["items"][0]["id"]
        self.assertEqual(call("POST", "/api/notifications/{id}/read", first, headers=mai).status, 200)
        self.assertEqual(call("POST", "/api/notifications/{id}/read", first, headers=lan).status, 404)
        self.assertEqual(call("POST", "/api/notifications/read-all", headers=mai).status, 200)
        self.assertEqual(call("GET", "/api/me/notification-settings", headers=lan).status, 200)
        self.assertEqual(call("PATCH", "/api/me/notification-settings", headers=lan,
                              body={"email": "lan@molisa.gov.vn", "email_mode": "digest"}).status, 200)
        self.assertEqual(call("PATCH", "/api/me/notification-settings", headers=lan,
                              body={"email_mode": "often"}).status, 422)

        # Workflows.
        self.assertEqual(call("GET", "/api/workflows", headers=lan).status, 200)
        self.assertEqual(call("GET", "/api/workflows/{kind}", "/api/workflows/agreement", headers=lan).status, 200)
        self.assertEqual(call("GET", "/api/workflows/{kind}", "/api/workflows/visa", headers=lan).status, 404)

        # Proposals: create, read, edit, steps, history, lists.
        proposal = call("POST", "/api/proposals", headers=lan,
                        body={"kind": "outbound_delegation", "title": "Đoàn công tác Hàn Quốc"})
        self.assertEqual(proposal.status, 201, proposal.body)
        self.assertEqual(call("POST", "/api/proposals", headers=lan, body={"kind": "visa", "title": "x"}).status, 422)
        self.assertEqual(call("POST", "/api/proposals", headers=lan,
                              body={"kind": "aid", "title": "x", "colour": "red"}).status, 422)
        pid = proposal.json()["id"]
        one = "/api/proposals/%d" % pid
        self.assertEqual(call("GET", "/api/proposals/{id}", one, headers=lan).status, 200)
        self.assertEqual(call("GET", "/api/proposals/{id}", "/api/proposals/99999", headers=lan).status, 404)
        self.assertEqual(call("PATCH", "/api/proposals/{id}", one, body={"title": "Sửa"}, headers=lan).status, 428)
        edited = call("PATCH", "/api/proposals/{id}", one, body={"title": "Sửa"},
                      headers={**lan, "If-Match": '"1"'})
        self.assertEqual(edited.status, 200, edited.body)
        self.assertEqual(call("PATCH", "/api/proposals/{id}", one, body={"title": "Sửa lại"},
                              headers={**lan, "If-Match": '"1"'}).status, 412)
        self.assertEqual(call("PATCH", "/api/proposals/{id}", one, body={"title": "Sửa"},
                              headers={"Cookie": lan["Cookie"], "If-Match": '"2"'}).status, 403)
        actions = "/api/proposals/%d/actions" % pid
        self.assertEqual(call("POST", "/api/proposals/{id}/actions", actions, headers=lan,
                              body={"action": "submit", "expected_version": 1}).status, 409)
        refused = call("POST", "/api/proposals/{id}/actions", actions, headers=lan,
                       body={"action": "submit", "expected_version": 2})
        self.assertEqual(refused.status, 422)
        self.assertTrue(all("code" in e for e in refused.json()["errors"]))
        self.assertEqual(call("POST", "/api/proposals", headers=lan,
                              body={"kind": "agreement", "title": "Bản ghi nhớ với ILO"}).status, 201)
        self.assertEqual(call("GET", "/api/proposals", headers=lan).status, 200)
        page = call("GET", "/api/proposals", "/api/proposals?limit=1&sort=created", headers=admin).json()
        call("GET", "/api/proposals", "/api/proposals?limit=1&sort=created&cursor=" + page["next_cursor"], headers=admin)
        self.assertEqual(call("GET", "/api/proposals", "/api/proposals?kind=aid&colour=red", headers=lan).status, 422)
        self.assertEqual(call("GET", "/api/proposals", "/api/proposals?kind=%ZZ", headers=lan).status, 400)

        # Consultations and comments.
        consultations = "/api/proposals/%d/consultations" % pid
        self.assertEqual(call("POST", "/api/proposals/{id}/consultations", consultations, headers=lan,
                              body={"body": "Bộ Ngoại giao", "due_on": "2027-01-10"}).status, 403)
        asked = call("POST", "/api/proposals/{id}/consultations", consultations, headers=mai,
                     body={"body": "Bộ Ngoại giao", "due_on": "2027-01-10", "note": "Gấp"})
        self.assertEqual(asked.status, 201, asked.body)
        consultation = "/api/consultations/%d" % asked.json()["id"]
        self.assertEqual(call("PATCH", "/api/consultations/{id}", consultation, headers=mai,
                              body={"answer": "agree", "note": "Đồng ý"}).status, 200)
        self.assertEqual(call("PATCH", "/api/consultations/{id}", consultation, headers=mai,
                              body={"answer": "object"}).status, 409)
        comments = "/api/proposals/%d/comments" % pid
        self.assertEqual(call("POST", "/api/proposals/{id}/comments", comments, headers=lan,
                              body={"body": "Đã bổ sung chương trình"}).status, 201)
        self.assertEqual(call("POST", "/api/proposals/{id}/comments", comments, headers=lan,
                              body={"body": "  "}).status, 422)
        self.assertEqual(call("GET", "/api/proposals/{id}/comments", comments, headers=lan).status, 200)

        # Documents.
        documents = "/api/proposals/%d/documents" % pid
        form, content_type = uploads.document_form("programme", uploads.pdf("Chương trình"),
                                                   filename="Chương trình.pdf")
        uploaded = call("POST", "/api/proposals/{id}/documents", documents, data=form,
                        headers={**lan, "Content-Type": content_type})
        self.assertEqual(uploaded.status, 201, uploaded.body)
        form, content_type = uploads.document_form("programme", uploads.exe(), filename="x.exe")
        self.assertEqual(call("POST", "/api/proposals/{id}/documents", documents, data=form,
                              headers={**lan, "Content-Type": content_type}).status, 415)
        form, content_type = uploads.document_form("no_such_type", uploads.pdf())
        self.assertEqual(call("POST", "/api/proposals/{id}/documents", documents, data=form,
                              headers={**lan, "Content-Type": content_type}).status, 422)
        self.assertEqual(call("GET", "/api/proposals/{id}/documents", documents, headers=lan).status, 200)
        document = "/api/documents/%d" % uploaded.json()["id"]
        download = call("GET", "/api/documents/{id}", document, headers=lan)
        self.assertEqual((download.status, download.headers["content-type"]), (200, "application/pdf"))
        self.assertEqual(call("GET", "/api/documents/{id}", document,
                              headers={**lan, "If-None-Match": download.headers["etag"]}).status, 304)
        self.assertEqual(call("GET", "/api/documents/{id}", "/api/documents/99999", headers=lan).status, 404)

        # The proposal with a consultation and a document, its history, and a step taken.
        self.assertEqual(call("GET", "/api/proposals/{id}", one, headers=mai).status, 200)
        self.assertEqual(call("GET", "/api/proposals/{id}/history", "/api/proposals/%d/history" % pid,
                              headers=lan).status, 200)
        version = call("GET", "/api/proposals/{id}", one, headers=lan).json()["version"]
        self.assertEqual(call("POST", "/api/proposals/{id}/actions", actions, headers=lan, body={
            "action": "withdraw", "comment": "Không còn cần thiết", "expected_version": version}).status, 200)

        # Partners.
        self.assertEqual(call("GET", "/api/partners", "/api/partners?q=to%20chuc%20lao%20dong", headers=lan).status, 200)
        self.assertEqual(call("GET", "/api/partners", "/api/partners?kind=ngo", headers=lan).status, 422)
        self.assertEqual(call("GET", "/api/partners/{id}", "/api/partners/1", headers=lan).status, 200)
        partner = {"type": "ngo", "name_vi": "Tổ chức thử OpenAPI", "name_en": "OpenAPI test organisation",
                   "acronym": "OTO", "country": "KR"}
        self.assertEqual(call("POST", "/api/partners", body=partner, headers=lan).status, 403)
        added = call("POST", "/api/partners", body=partner, headers=mai)
        self.assertEqual(added.status, 201, added.body)
        self.assertEqual(call("POST", "/api/partners", body=partner, headers=mai).status, 409)
        self.assertEqual(call("PATCH", "/api/partners/{id}", "/api/partners/%d" % added.json()["id"],
                              body={"country": None, "notes": "Đối tác thử"}, headers=mai).status, 200)

        # Plan items.
        self.assertEqual(call("GET", "/api/plan-items", headers=lan).status, 422)
        self.assertEqual(call("GET", "/api/plan-items", "/api/plan-items?year=2026", headers=lan).status, 200)
        self.assertEqual(call("GET", "/api/plan-items", "/api/plan-items?year=2026&unit=QLLDNN", headers=lan).status, 403)
        item = call("POST", "/api/plan-items", headers=lan, body={
            "year": 2026, "kind": "conference", "title": "Hội thảo thử", "quarter": 3,
            "budget": {"amount": 150000000, "currency": "VND"}, "partner_id": 1})
        self.assertEqual(item.status, 201, item.body)
        item_path = "/api/plan-items/%d" % item.json()["id"]
        self.assertEqual(call("GET", "/api/plan-items/{id}", item_path, headers=lan).status, 200)
        self.assertEqual(call("PATCH", "/api/plan-items/{id}", item_path, body={"budget": None}, headers=lan).status, 200)
        self.assertEqual(call("DELETE", "/api/plan-items/{id}", item_path, headers=lan).status, 204)
        self.assertEqual(call("GET", "/api/plan-items/{id}", item_path, headers=lan).status, 404)

        # Operations: metrics for this machine only, the audit trail for auditors and admins.
        self.assertEqual(call("GET", "/metrics").status, 200)
        self.assertEqual(call("GET", "/metrics", headers={"X-Forwarded-For": "203.0.113.9"}).status, 403)
        self.assertEqual(call("GET", "/api/audit/verify", headers=admin).json()["ok"], True)
        self.assertEqual(call("GET", "/api/audit/verify", headers=lan).status, 403)

        # The e-mail outbox (administrators); the relay is unreachable, so messages stay pending.
        queued = call("POST", "/api/admin/mail/test", body={"to": "lan@molisa.test"}, headers=admin)
        self.assertEqual(queued.status, 202, queued.body)
        self.assertEqual(call("POST", "/api/admin/mail/test", body={"to": "lan@molisa.test\r\nBcc: x@y.z"},
                              headers=admin).status, 422)
        self.assertEqual(call("POST", "/api/admin/mail/test", body={"to": "a@b.c"}, headers=lan).status, 403)
        self.assertEqual(call("POST", "/api/admin/mail/test", data=b"{", headers={**admin, "Content-Type": "application/json"}).status, 400)
        retry = "/api/admin/mail/%d/retry" % queued.json()["id"]
        self.assertEqual(call("POST", "/api/admin/mail/{id}/retry", retry, headers=admin).status, 200)
        self.assertEqual(call("POST", "/api/admin/mail/{id}/retry", "/api/admin/mail/99999/retry", headers=admin).status, 404)
        self.assertEqual(call("GET", "/api/admin/mail", headers=admin).json()["counts"]["pending"], 1)
        self.assertEqual(call("GET", "/api/admin/mail", "/api/admin/mail?status=pending&limit=1", headers=admin).status, 200)
        self.assertEqual(call("GET", "/api/admin/mail", "/api/admin/mail?status=lost", headers=admin).status, 422)
        self.assertEqual(call("GET", "/api/admin/mail", headers=lan).status, 403)

        # Reports and the calendar feed.
        self.assertEqual(call("GET", "/api/dashboard", headers=lan).status, 200)
        self.assertEqual(call("GET", "/api/dashboard", "/api/dashboard?x=1", headers=lan).status, 422)
        annual = "/api/reports/annual"
        self.assertEqual(call("GET", annual, annual + "?year=2026", headers=thanh).status, 200)
        self.assertEqual(call("GET", annual, annual + "?year=2026&format=csv", headers=thanh).status, 200)
        self.assertEqual(call("GET", annual, annual, headers=thanh).status, 422)
        self.assertEqual(call("GET", annual, annual + "?year=%zz", headers=thanh).status, 400)
        feed = call("POST", "/api/me/calendar-feed", headers=lan)
        self.assertEqual(feed.status, 201)
        self.assertEqual(call("GET", "/api/calendar.ics", feed.json()["path"]).status, 200)
        self.assertEqual(call("GET", "/api/calendar.ics", "/api/calendar.ics?feed=nope").status, 404)

        self.assertEqual(call("DELETE", "/api/session", headers=lan).status, 204)
        self.assertEqual(call("GET", "/api/session", headers=lan).status, 401)


if __name__ == "__main__":
    unittest.main()
