"""Units over the API (POST /api/units, PATCH /api/units/{id}) against the real binary: the
administrator adds and renames units, nobody else may, and bad or hostile input is refused with
a problem naming the field."""
import itertools
import json
import os
import threading
import unittest

from fixtures import DemoServerTest
from harness import request
from test_access_matrix import ALL_ROLES, Context

PROBLEM = "application/problem+json; charset=utf-8"
_counter = itertools.count(1)


def code():
    return "DV%d" % next(_counter)


class UnitsApi(DemoServerTest):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ctx = Context(cls.server)

    def call(self, role, method, path, body=None, raw_body=None):
        headers = dict(self.ctx.sessions[role]["headers"])
        data = raw_body if raw_body is not None else (json.dumps(body).encode() if body is not None else None)
        if data is not None:
            headers["Content-Type"] = "application/json"
        r = request(self.server, method, path, body=data, headers=headers)
        if r.status >= 400:
            self.assertEqual(r.headers.get("content-type"), PROBLEM, (method, path, r.status, r.body))
        return r

    def units(self):
        return {u["code"]: u for u in self.call("staff", "GET", "/api/units").json()}

    def assert_field(self, r, status, field):
        self.assertEqual(r.status, status, r.body)
        self.assertIn(field, [e["field"] for e in r.json().get("errors", [])], r.body)

    def add(self, **body):
        return self.call("admin", "POST", "/api/units", body)

    # ---- the happy path

    def test_admin_adds_a_unit_that_everyone_then_lists(self):
        c = code()
        r = self.add(code=c, name_vi="Trung tâm Dịch vụ việc làm", name_en="Employment Service Centre")
        self.assertEqual(r.status, 201, r.body)
        unit = r.json()
        self.assertEqual(r.headers["location"], "/api/units/%d" % unit["id"])
        self.assertEqual(unit, {"id": unit["id"], "code": c, "parent_id": None,
                                "name": {"vi": "Trung tâm Dịch vụ việc làm", "en": "Employment Service Centre"}})
        self.assertEqual(self.units()[c], unit)

    def test_a_user_can_be_created_in_a_new_unit(self):
        c = code()
        self.assertEqual(self.add(code=c, name_vi="Đơn vị mới", name_en="New unit").status, 201)
        r = self.call("admin", "POST", "/api/users", {
            "username": "u_" + c.lower(), "display_name": "Người mới", "unit": c, "roles": ["staff"],
            "password": "một mật khẩu đủ dài"})
        self.assertEqual(r.status, 201, r.body)
        self.assertEqual(r.json()["unit"]["code"], c)

    def test_admin_renames_and_moves_a_unit(self):
        parent = self.add(code=code(), name_vi="Cha", name_en="Parent").json()
        child = self.add(code=code(), name_vi="Con", name_en="Child", parent_id=parent["id"]).json()
        self.assertEqual(child["parent_id"], parent["id"])
        r = self.call("admin", "PATCH", "/api/units/%d" % child["id"], {"name_vi": "Con đã đổi tên"})
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(r.json()["name"], {"vi": "Con đã đổi tên", "en": "Child"})
        self.assertEqual(r.json()["code"], child["code"])
        r = self.call("admin", "PATCH", "/api/units/%d" % child["id"], {"parent_id": None, "name_en": "Orphan"})
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual((r.json()["parent_id"], r.json()["name"]["en"]), (None, "Orphan"))
        self.assertEqual(self.units()[child["code"]]["name"]["en"], "Orphan")

    # ---- who may

    def test_only_the_admin_may_add_or_change_units(self):
        for role in ALL_ROLES:
            if role == "admin":
                continue
            with self.subTest(role=role):
                c = code()
                r = self.call(role, "POST", "/api/units", {"code": c, "name_vi": "X", "name_en": "X"})
                self.assertEqual(r.status, 403, r.body)
                r = self.call(role, "PATCH", "/api/units/1", {"name_en": "Hijacked"})
                self.assertEqual(r.status, 403, r.body)
                self.assertNotIn(c, self.units())
        self.assertNotEqual(self.units()["BO"]["name"]["en"], "Hijacked")

    def test_without_a_session_or_csrf_token_nothing_changes(self):
        body = json.dumps({"code": code(), "name_vi": "X", "name_en": "X"}).encode()
        r = request(self.server, "POST", "/api/units", body=body, headers={"Content-Type": "application/json"})
        self.assertEqual(r.status, 401)
        cookie_only = {"Cookie": self.ctx.sessions["admin"]["headers"]["Cookie"],
                       "Content-Type": "application/json"}
        r = request(self.server, "POST", "/api/units", body=body, headers=cookie_only)
        self.assertEqual(r.status, 403)

    # ---- bad input

    def test_bad_codes_and_names_are_422_naming_the_field(self):
        taken = code()
        self.assertEqual(self.add(code=taken, name_vi="Có", name_en="Taken").status, 201)
        cases = [
            ({"code": "", "name_vi": "A", "name_en": "A"}, "code"),
            ({"code": "có dấu", "name_vi": "A", "name_en": "A"}, "code"),
            ({"code": "A B", "name_vi": "A", "name_en": "A"}, "code"),
            ({"code": "X" * 33, "name_vi": "A", "name_en": "A"}, "code"),
            ({"code": taken, "name_vi": "Lại", "name_en": "Again"}, "code"),
            ({"code": taken.lower() + "x", "name_vi": "", "name_en": "A"}, "name_vi"),
            ({"code": code(), "name_vi": "A", "name_en": ""}, "name_en"),
            ({"code": code(), "name_vi": "Â" * 101, "name_en": "A"}, "name_vi"),
            ({"code": code(), "name_vi": "A", "name_en": "A", "parent_id": 999999}, "parent_id"),
            ({"code": code(), "name_vi": "A", "name_en": "A", "parent_id": "1"}, "parent_id"),
            ({"code": code(), "name_vi": "A", "name_en": "A", "parent_id": -1}, "parent_id"),
            ({"code": 42, "name_vi": "A", "name_en": "A"}, "code"),
            ({"code": code(), "name_vi": ["A"], "name_en": "A"}, "name_vi"),
            ({"name_vi": "A", "name_en": "A"}, "code"),
            ({"code": code(), "name_vi": "A", "name_en": "A", "admin": True}, "admin"),
        ]
        before = self.units()
        for body, field in cases:
            with self.subTest(body=body):
                self.assert_field(self.add(**body), 422, field)
        self.assertEqual(self.units(), before)

    def test_bad_changes_are_refused(self):
        parent = self.add(code=code(), name_vi="Cha", name_en="Parent").json()
        child = self.add(code=code(), name_vi="Con", name_en="Child", parent_id=parent["id"]).json()
        path = "/api/units/%d" % parent["id"]
        self.assert_field(self.call("admin", "PATCH", path, {"name_vi": ""}), 422, "name_vi")
        self.assert_field(self.call("admin", "PATCH", path, {"parent_id": parent["id"]}), 422, "parent_id")
        self.assert_field(self.call("admin", "PATCH", path, {"parent_id": child["id"]}), 422, "parent_id")
        self.assert_field(self.call("admin", "PATCH", path, {"code": "NEW"}), 422, "code")
        self.assertEqual(self.call("admin", "PATCH", "/api/units/999999", {"name_vi": "A"}).status, 404)
        self.assertEqual(self.call("admin", "PATCH", "/api/units/abc", {"name_vi": "A"}).status, 404)
        self.assertEqual(self.units()[parent["code"]], parent)

    def test_hostile_bodies(self):
        big = json.dumps({"code": code(), "name_vi": "A" * 10000, "name_en": "A"}).encode()
        self.assertEqual(self.call("admin", "POST", "/api/units", raw_body=big).status, 413)
        self.assertEqual(self.call("admin", "POST", "/api/units", raw_body=b"{not json").status, 400)
        self.assertEqual(self.call("admin", "POST", "/api/units", raw_body=b"\xff\xfe{}").status, 400)
        self.assertEqual(self.call("admin", "POST", "/api/units", raw_body=b"[1,2]").status, 422)
        r = request(self.server, "POST", "/api/units", body=b"code=X",
                    headers={**self.ctx.sessions["admin"]["headers"],
                             "Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(r.status, 415)
        r = self.add(code=code(), name_vi="<script>alert(1)</script>", name_en="'; DROP TABLE units; --")
        self.assertEqual(r.status, 201, r.body)
        self.assertEqual(self.units()[r.json()["code"]]["name"]["en"], "'; DROP TABLE units; --")

    def test_concurrent_creates_of_one_code_make_one_unit(self):
        c = code()
        statuses = []
        lock = threading.Lock()

        def create(i):
            r = self.add(code=c, name_vi="Đồng thời %d" % i, name_en="Concurrent %d" % i)
            with lock:
                statuses.append(r.status)

        threads = [threading.Thread(target=create, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(statuses), [201] + [422] * 7)
        self.assertEqual(sum(1 for u in self.units() if u == c), 1)


if __name__ == "__main__":
    unittest.main()
