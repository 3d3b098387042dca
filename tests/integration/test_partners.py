"""Partners and units' annual plans against the real binary: the demo data, search, who sees and
changes what, the activities on a partner's page, and every kind of bad input."""
import datetime
import itertools
import json
import os
import shutil
import sqlite3
import tempfile
import unittest
import urllib.parse

from fixtures import DemoServerTest
from harness import request, run_cli
from test_access_matrix import Context

PROBLEM = "application/problem+json; charset=utf-8"
_counter = itertools.count(1)
# The demo seeds this year's and last year's plans in ministry time (UTC+7).
THIS_YEAR = (datetime.datetime.utcnow() + datetime.timedelta(hours=7)).year


def unique(prefix):
    return "%s %d" % (prefix, next(_counter))


class PartnersAndPlans(DemoServerTest):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ctx = Context(cls.server)
        db = cls.db()
        cls.units = dict(db.execute("SELECT code, id FROM units"))
        db.close()

    @classmethod
    def db(cls):
        return sqlite3.connect(os.path.join(cls.server.data, "attache.db"), timeout=10)

    # ---- helpers

    def call(self, role, method, path, body=None, raw_body=None, content_type="application/json"):
        headers = dict(self.ctx.sessions[role]["headers"])
        data = raw_body
        if body is not None:
            data = json.dumps(body).encode()
        if data is not None:
            headers["Content-Type"] = content_type
        r = request(self.server, method, path, body=data, headers=headers)
        if r.status >= 400:
            self.assertEqual(r.headers.get("content-type"), PROBLEM, (method, path, r.status))
        return r

    def assertRefused(self, r, status, field=None):
        self.assertEqual(r.status, status, r.body[:300])
        if field is not None:
            fields = [e["field"] for e in r.json().get("errors", [])]
            self.assertIn(field, fields, r.body[:300])

    def new_partner(self, **fields):
        body = {"type": "ngo", "name_vi": unique("Tổ chức thử nghiệm"), "name_en": unique("Test organisation")}
        body.update(fields)
        r = self.call("icd_officer", "POST", "/api/partners", body)
        self.assertEqual(r.status, 201, r.body)
        return r.json()

    def new_plan_item(self, role="icd_officer", **fields):
        body = {"year": THIS_YEAR, "kind": "conference", "title": unique("Hội thảo")}
        body.update(fields)
        r = self.call(role, "POST", "/api/plan-items", body)
        self.assertEqual(r.status, 201, r.body)
        return r.json()

    def insert_proposal(self, unit, kind, partner_id=None, starts_on=None, plan_item_id=None,
                        created_at="2025-06-01T03:00:00Z"):
        """A proposal written straight into the database (the proposals API is another part's)."""
        db = self.db()
        with db:
            version = db.execute("SELECT max(version) FROM workflow_versions WHERE kind = ?", (kind,)).fetchone()[0]
            ref = "T-%d" % next(_counter)
            cur = db.execute(
                "INSERT INTO proposals (kind, workflow_version, ref, title, unit_id, created_by, state, "
                "state_entered_at, version, audit_seq, created_at, updated_at, partner_id, starts_on, ends_on, "
                "plan_item_id) VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, 1, 0, ?, ?, ?, ?, ?, ?)",
                (kind, version, ref, "Hồ sơ " + ref, self.units[unit], self.ctx.ids["lan"], created_at,
                 created_at, created_at, partner_id, starts_on, starts_on, plan_item_id))
            proposal_id = cur.lastrowid
        db.close()
        return proposal_id

    # ---- partners

    def test_demo_partners_are_real_and_well_formed(self):
        r = self.call("staff", "GET", "/api/partners")
        self.assertEqual(r.status, 200)
        partners = r.json()
        self.assertGreaterEqual(len(partners), 20)
        by_acronym = {p["acronym"]: p for p in partners}
        for acronym in ("ILO", "UNICEF", "UNDP", "UNFPA", "UN Women", "UNHCR", "UNODC", "IOM", "WB", "ADB",
                        "IMF", "MOEL", "SECO", "IM Japan", "ASEC", "JICA", "KOICA", "GIZ"):
            self.assertIn(acronym, by_acronym)
        self.assertEqual(by_acronym["ILO"]["name_vi"], "Tổ chức Lao động Quốc tế")
        self.assertEqual(by_acronym["ADB"]["name_vi"], "Ngân hàng Phát triển châu Á")
        self.assertEqual(by_acronym["MOEL"]["country"], "KR")
        self.assertEqual(by_acronym["SECO"]["country"], "CH")
        self.assertIsNone(by_acronym["ILO"]["country"])
        names = {p["name_en"] for p in partners}
        self.assertIn("Plan International", names)
        self.assertIn("Save the Children International", names)
        for p in partners:
            self.assertIn(p["type"], ("un_agency", "financial_institution", "government", "ngo",
                                      "regional_body", "other"))
            self.assertTrue(p["country"] is None or len(p["country"]) == 2)

    def test_search_ignores_case_and_vietnamese_accents(self):
        def acronyms(query):
            r = self.call("finance", "GET", "/api/partners?" + query)
            self.assertEqual(r.status, 200, r.body)
            return {p["acronym"] for p in r.json()}

        self.assertIn("ILO", acronyms("q=" + urllib.parse.quote("to chuc lao dong")))
        self.assertIn("ILO", acronyms("q=" + urllib.parse.quote("LAO ĐỘNG QUỐC TẾ")))
        self.assertIn("ILO", acronyms("q=lao+dong"))
        self.assertEqual(acronyms("q=unicef"), {"UNICEF"})
        self.assertIn("GIZ", acronyms("q=" + urllib.parse.quote("für")))
        self.assertIn("GIZ", acronyms("q=fur+internationale"))
        self.assertIn("MOEL", acronyms("q=" + urllib.parse.quote("Hàn Quốc")))
        self.assertEqual(acronyms("q=zzzzqqq"), set())
        self.assertEqual(acronyms("type=financial_institution"), {"WB", "ADB", "IMF"})
        self.assertEqual(acronyms("type=government&q=han+quoc"), {"MOEL", "HRD Korea", "KOICA"})
        # Ordered by Vietnamese name, accents ignored.
        names = [p["name_vi"] for p in self.call("staff", "GET", "/api/partners?type=financial_institution").json()]
        self.assertEqual(names, ["Ngân hàng Phát triển châu Á", "Ngân hàng Thế giới", "Quỹ Tiền tệ Quốc tế"])

    def test_bad_list_queries(self):
        cases = [
            ("type=company", 422, "type"),
            ("sort=name", 422, "sort"),
            ("q=" + "a" * 201, 422, "q"),
            ("q=%zz", 400, None),
            ("q=%FF%FE", 400, None),
            ("q=a&q=b", 400, None),
        ]
        for query, status, field in cases:
            with self.subTest(query=query[:30]):
                self.assertRefused(self.call("staff", "GET", "/api/partners?" + query), status, field)

    def test_create_read_and_edit_a_partner(self):
        r = self.call("icd_head", "POST", "/api/partners", {
            "type": "government", "name_vi": "  Cơ quan Hợp tác Quốc tế Thử nghiệm  ",
            "name_en": "Test Cooperation Agency", "acronym": " TCA ", "country": "KR", "notes": "Dòng 1\nDòng 2"})
        self.assertEqual(r.status, 201, r.body)
        created = r.json()
        self.assertEqual(r.headers["location"], "/api/partners/%d" % created["id"])
        self.assertEqual(created["name_vi"], "Cơ quan Hợp tác Quốc tế Thử nghiệm")
        self.assertEqual(created["acronym"], "TCA")
        self.assertEqual(created["notes"], "Dòng 1\nDòng 2")
        got = self.call("staff", "GET", r.headers["location"]).json()
        self.assertEqual(got["country"], "KR")
        self.assertEqual(got["activities"], [])
        self.assertEqual(got["activity_counts"], {"outbound_delegation": 0, "inbound_visit": 0,
                                                  "conference": 0, "aid": 0, "agreement": 0})
        r = self.call("admin", "PATCH", r.headers["location"], {"country": None, "type": "other"})
        self.assertEqual(r.status, 200, r.body)
        self.assertIsNone(r.json()["country"])
        self.assertEqual(r.json()["type"], "other")
        self.assertEqual(r.json()["name_en"], "Test Cooperation Agency")  # untouched
        # Same name as another partner, in any ASCII case: 409, on create and on edit.
        self.assertRefused(self.call("icd_officer", "POST", "/api/partners", {
            "type": "ngo", "name_vi": "Khác", "name_en": "test cooperation AGENCY"}), 409)
        other = self.new_partner()
        self.assertRefused(self.call("icd_officer", "PATCH", "/api/partners/%d" % other["id"],
                                     {"name_vi": "Cơ quan Hợp tác Quốc tế Thử nghiệm"}), 409)
        # Nobody else may add or edit.
        for role in ("staff", "unit_head", "finance", "leader", "auditor"):
            self.assertRefused(self.call(role, "PATCH", "/api/partners/%d" % other["id"], {"notes": "x"}), 403)
        self.assertRefused(self.call("icd_officer", "PATCH", "/api/partners/999999", {"notes": "x"}), 404)
        self.assertRefused(self.call("icd_officer", "PATCH", "/api/partners/abc", {"notes": "x"}), 404)
        self.assertRefused(self.call("staff", "GET", "/api/partners/999999"), 404)

    def test_bad_partner_bodies(self):
        ok = {"type": "ngo", "name_vi": "Tổ chức A", "name_en": "Organisation A"}
        cases = [
            (b'{"type": "ngo", "name_vi": ', 400, None),                       # malformed JSON
            (b'{"type": "ngo", "name_vi": "\xff\xfe", "name_en": "x"}', 400, None),  # not UTF-8
            (b'["ngo"]', 422, None),                                            # not an object
            ({**ok, "name_vi": 5}, 422, "name_vi"),                             # wrong types
            ({**ok, "country": 84}, 422, "country"),
            ({**ok, "type": ["ngo"]}, 422, "type"),
            ({**ok, "website": "https://example.org"}, 422, "website"),         # unknown field
            ({"type": "ngo", "name_en": "x"}, 422, "name_vi"),                   # missing required
            ({}, 422, "type"),
            ({**ok, "name_vi": "x" * (1 << 20)}, 413, None),                   # 1 MB string
            ({**ok, "name_vi": "ắ" * 301}, 422, "name_vi"),                     # over 300 characters
            ({**ok, "notes": "x" * 5001}, 422, "notes"),
            ({**ok, "acronym": "A" * 33}, 422, "acronym"),
            ({**ok, "name_en": "   "}, 422, "name_en"),                          # blank
            ({**ok, "name_en": "Bell\u0007"}, 422, "name_en"),                   # control character
            ({**ok, "country": "XX"}, 422, "country"),                           # not a country
            ({**ok, "country": "kr"}, 422, "country"),
            ({**ok, "country": "KOR"}, 422, "country"),
            ({**ok, "type": "company"}, 422, "type"),
        ]
        for body, status, field in cases:
            with self.subTest(body=repr(body)[:60]):
                if isinstance(body, bytes):
                    r = self.call("icd_officer", "POST", "/api/partners", raw_body=body)
                else:
                    r = self.call("icd_officer", "POST", "/api/partners", body)
                self.assertRefused(r, status, field)
        # Every broken rule is named at once.
        r = self.call("icd_officer", "POST", "/api/partners", {**ok, "country": "XX", "type": "company"})
        self.assertEqual({e["field"] for e in r.json()["errors"]}, {"country", "type"})
        self.assertRefused(self.call("icd_officer", "POST", "/api/partners", raw_body=b"type=ngo",
                                     content_type="application/x-www-form-urlencoded"), 415)
        # Nothing refused was stored.
        names = {p["name_vi"] for p in self.call("admin", "GET", "/api/partners").json()}
        self.assertNotIn("Tổ chức A", names)
        partner = self.new_partner()
        self.assertRefused(self.call("icd_officer", "PATCH", "/api/partners/%d" % partner["id"],
                                     {"country": "ZZ"}), 422, "country")
        self.assertRefused(self.call("icd_officer", "PATCH", "/api/partners/%d" % partner["id"],
                                     {"name_vi": None}), 422, "name_vi")

    def test_partner_page_lists_the_activities_the_caller_may_see(self):
        partner = self.new_partner(type="un_agency")
        other = self.new_partner()
        aid = self.insert_proposal("CVL", "aid", partner["id"], starts_on="2025-03-01")
        agreement = self.insert_proposal("QLLDNN", "agreement", partner["id"], starts_on="2026-01-10")
        undated = self.insert_proposal("CVL", "conference", partner["id"], created_at="2024-02-01T01:00:00Z")
        visit = self.insert_proposal("CVL", "inbound_visit", partner["id"], starts_on="2025-11-20")
        self.insert_proposal("CVL", "aid", other["id"], starts_on="2025-05-05")  # another partner's
        path = "/api/partners/%d" % partner["id"]
        for role in ("icd_officer", "finance", "leader", "admin", "auditor"):
            with self.subTest(role=role):
                page = self.call(role, "GET", path).json()
                self.assertEqual([a["id"] for a in page["activities"]], [agreement, visit, aid, undated])
                self.assertEqual(page["activity_counts"], {"outbound_delegation": 0, "inbound_visit": 1,
                                                           "conference": 1, "aid": 1, "agreement": 1})
        first = self.call("admin", "GET", path).json()["activities"][0]
        self.assertEqual(set(first), {"id", "ref", "kind", "title", "state", "unit", "starts_on", "ends_on"})
        self.assertEqual((first["kind"], first["state"], first["starts_on"], first["unit"]["code"]),
                         ("agreement", "draft", "2026-01-10", "QLLDNN"))
        # CVL's staff and head see CVL's activities only.
        for role in ("staff", "unit_head"):
            with self.subTest(role=role):
                page = self.call(role, "GET", path).json()
                self.assertEqual([a["id"] for a in page["activities"]], [visit, aid, undated])
                self.assertEqual(page["activity_counts"]["agreement"], 0)

    # ---- plan items

    def test_demo_plans_and_who_sees_them(self):
        for year in (THIS_YEAR, THIS_YEAR - 1):
            with self.subTest(year=year):
                everything = self.call("finance", "GET", "/api/plan-items?year=%d" % year).json()
                self.assertGreaterEqual({i["unit"]["code"] for i in everything}, {"CVL", "QLLDNN", "VKHLD"})
                own = self.call("staff", "GET", "/api/plan-items?year=%d" % year).json()
                self.assertTrue(own)
                self.assertEqual({i["unit"]["code"] for i in own}, {"CVL"})
                self.assertEqual(own, [i for i in everything if i["unit"]["code"] == "CVL"])
        items = self.call("leader", "GET", "/api/plan-items?year=%d&unit=QLLDNN" % THIS_YEAR).json()
        self.assertTrue(items)
        self.assertEqual({i["unit"]["code"] for i in items}, {"QLLDNN"})
        eps = [i for i in items if i["partner"] and i["partner"]["acronym"] == "MOEL"]
        self.assertEqual(len(eps), 1)
        self.assertEqual(eps[0]["country"], "KR")
        self.assertEqual(self.call("staff", "GET", "/api/plan-items?year=%d&unit=CVL" % THIS_YEAR).json(),
                         self.call("admin", "GET", "/api/plan-items?year=%d&unit=CVL" % THIS_YEAR).json())
        self.assertRefused(self.call("staff", "GET", "/api/plan-items?year=%d&unit=QLLDNN" % THIS_YEAR), 403)
        self.assertEqual(self.call("admin", "GET", "/api/plan-items?year=2001").json(), [])

    def test_bad_plan_queries(self):
        cases = [("", "year"), ("unit=CVL", "year"), ("year=1800", "year"), ("year=2101", "year"),
                 ("year=20x6", "year"), ("year=", "year"), ("year=99999999999999999999", "year"),
                 ("year=2026&unit=NOPE", "unit"), ("year=2026&kind=aid", "kind")]
        for query, field in cases:
            with self.subTest(query=query):
                self.assertRefused(self.call("icd_officer", "GET", "/api/plan-items?" + query), 422, field)

    def test_a_unit_plans_its_own_year(self):
        moel = next(p for p in self.call("staff", "GET", "/api/partners?q=MOEL").json() if p["acronym"] == "MOEL")
        r = self.call("staff", "POST", "/api/plan-items", {
            "year": 2027, "kind": "outbound_delegation", "title": "  Đoàn công tác tại Hàn Quốc  ",
            "partner_id": moel["id"], "country": "KR", "quarter": 2,
            "budget": {"amount": 450000000, "currency": "VND"}})
        self.assertEqual(r.status, 201, r.body)
        item = r.json()
        self.assertEqual(r.headers["location"], "/api/plan-items/%d" % item["id"])
        self.assertEqual(item["unit"]["code"], "CVL")
        self.assertEqual(item["title"], "Đoàn công tác tại Hàn Quốc")
        self.assertEqual(item["partner"]["acronym"], "MOEL")
        self.assertEqual(item["partner"]["name_vi"], "Bộ Việc làm và Lao động Hàn Quốc")
        self.assertEqual(item["budget"], {"amount": 450000000, "currency": "VND"})
        self.assertEqual((item["quarter"], item["linked_proposals"], item["created_by"]),
                         (2, 0, self.ctx.ids["lan"]))
        path = r.headers["location"]
        self.assertEqual(self.call("unit_head", "GET", path).json(), item)
        r = self.call("unit_head", "PATCH", path, {"title": "Đoàn công tác tại Seoul", "budget": None,
                                                   "partner_id": None, "quarter": None})
        self.assertEqual(r.status, 200, r.body)
        changed = r.json()
        self.assertEqual((changed["title"], changed["budget"], changed["partner"], changed["quarter"]),
                         ("Đoàn công tác tại Seoul", None, None, None))
        self.assertEqual(changed["country"], "KR")  # untouched
        listed = self.call("staff", "GET", "/api/plan-items?year=2027").json()
        self.assertEqual([i["id"] for i in listed], [item["id"]])
        self.assertEqual(self.call("staff", "DELETE", path).status, 204)
        self.assertRefused(self.call("staff", "GET", path), 404)
        self.assertRefused(self.call("staff", "DELETE", path), 404)
        self.assertEqual(self.call("staff", "GET", "/api/plan-items?year=2027").json(), [])

    def test_other_units_plans_are_out_of_reach(self):
        # CVL's staff may not plan for another unit; ICD may, for any.
        self.assertRefused(self.call("staff", "POST", "/api/plan-items", {
            "year": THIS_YEAR, "kind": "aid", "title": "Dự án", "unit": "QLLDNN"}), 403)
        item = self.new_plan_item(unit="QLLDNN", kind="aid")
        self.assertEqual(item["unit"]["code"], "QLLDNN")
        path = "/api/plan-items/%d" % item["id"]
        for role in ("staff", "unit_head"):
            with self.subTest(role=role):
                self.assertRefused(self.call(role, "GET", path), 404)
                self.assertRefused(self.call(role, "PATCH", path, {"title": "Đổi tên"}), 404)
                self.assertRefused(self.call(role, "DELETE", path), 404)
        for role in ("finance", "leader", "auditor", "admin"):
            with self.subTest(role=role):
                self.assertEqual(self.call(role, "GET", path).status, 200)
                self.assertRefused(self.call(role, "PATCH", path, {"title": "Đổi tên"}), 403)
                self.assertRefused(self.call(role, "DELETE", path), 403)
        self.assertRefused(self.call("finance", "POST", "/api/plan-items", {
            "year": THIS_YEAR, "kind": "aid", "title": "Dự án"}), 403)
        self.assertRefused(self.call("icd_head", "POST", "/api/plan-items", {
            "year": THIS_YEAR, "kind": "aid", "title": "Dự án", "unit": "NOPE"}), 422, "unit")
        self.assertEqual(self.call("icd_head", "PATCH", path, {"title": "Đổi tên"}).status, 200)
        self.assertEqual(self.call("icd_head", "GET", path).json()["title"], "Đổi tên")

    def test_bad_plan_item_bodies(self):
        ok = {"year": THIS_YEAR, "kind": "conference", "title": "Hội thảo"}
        cases = [
            (b'{"year": 2026, "kind": ', 400, None),                           # malformed JSON
            (b'{"year": 2026, "kind": "aid", "title": "\xc3\x28"}', 400, None),  # not UTF-8
            ({**ok, "year": "2026"}, 422, "year"),                              # wrong types
            ({**ok, "year": 2026.5}, 422, "year"),
            ({**ok, "title": 5}, 422, "title"),
            ({**ok, "quarter": "2"}, 422, "quarter"),
            ({**ok, "quarter": 2.0}, 422, "quarter"),
            ({**ok, "partner_id": "1"}, 422, "partner_id"),
            ({**ok, "country": 704}, 422, "country"),
            ({**ok, "budget": 100}, 422, "budget"),
            ({**ok, "budget": {"amount": "100", "currency": "VND"}}, 422, "budget.amount"),
            ({**ok, "budget": {"amount": 100, "currency": 704}}, 422, "budget.currency"),
            ({**ok, "owner": "lan"}, 422, "owner"),                              # unknown fields
            ({**ok, "budget": {"amount": 1, "currency": "VND", "rate": 1}}, 422, "budget"),
            ({"kind": "aid", "title": "x"}, 422, "year"),                        # missing required
            ({}, 422, "title"),
            ({**ok, "title": "x" * (1 << 20)}, 413, None),                      # 1 MB string
            ({**ok, "title": "ắ" * 501}, 422, "title"),
            ({**ok, "title": " "}, 422, "title"),
            ({**ok, "country": "ZZ"}, 422, "country"),                           # bad country
            ({**ok, "quarter": 5}, 422, "quarter"),                              # quarter 5
            ({**ok, "quarter": 0}, 422, "quarter"),
            ({**ok, "budget": {"amount": -1, "currency": "VND"}}, 422, "budget.amount"),  # negative
            ({**ok, "budget": {"amount": 1e16, "currency": "VND"}}, 422, "budget.amount"),
            ({**ok, "budget": {"amount": 1, "currency": "dong"}}, 422, "budget.currency"),
            ({**ok, "year": 1800}, 422, "year"),                                 # year 1800
            ({**ok, "year": 2101}, 422, "year"),
            ({**ok, "year": 10 ** 30}, 422, "year"),
            ({**ok, "year": 2 ** 63}, 422, "year"),
            ({**ok, "kind": "trip"}, 422, "kind"),
            ({**ok, "partner_id": 999999}, 422, "partner_id"),                   # no such partner
            ({**ok, "partner_id": -3}, 422, "partner_id"),
            ({**ok, "partner_id": 2 ** 64 - 1}, 422, "partner_id"),
        ]
        before = len(self.call("icd_officer", "GET", "/api/plan-items?year=%d" % THIS_YEAR).json())
        for body, status, field in cases:
            with self.subTest(body=repr(body)[:70]):
                if isinstance(body, bytes):
                    r = self.call("staff", "POST", "/api/plan-items", raw_body=body)
                else:
                    r = self.call("staff", "POST", "/api/plan-items", body)
                self.assertRefused(r, status, field)
        after = len(self.call("icd_officer", "GET", "/api/plan-items?year=%d" % THIS_YEAR).json())
        self.assertEqual(after, before, "a refused plan item was stored")
        r = self.call("staff", "POST", "/api/plan-items", {**ok, "quarter": 5, "country": "ZZ", "year": 1800})
        self.assertEqual({e["field"] for e in r.json()["errors"]}, {"quarter", "country", "year"})
        item = self.new_plan_item("staff")
        path = "/api/plan-items/%d" % item["id"]
        for body, field in (({"quarter": 5}, "quarter"), ({"unit": "QLLDNN"}, "unit"),
                            ({"partner_id": 999999}, "partner_id"), ({"year": 1800}, "year"),
                            ({"title": None}, "title")):
            with self.subTest(patch=body):
                self.assertRefused(self.call("staff", "PATCH", path, body), 422, field)
        self.assertEqual(self.call("staff", "GET", path).json(), item)

    def test_a_plan_item_a_proposal_links_to_is_kept(self):
        item = self.new_plan_item("staff", kind="aid")
        path = "/api/plan-items/%d" % item["id"]
        self.insert_proposal("CVL", "aid", plan_item_id=item["id"], starts_on="2026-09-01")
        self.assertEqual(self.call("staff", "GET", path).json()["linked_proposals"], 1)
        r = self.call("staff", "DELETE", path)
        self.assertRefused(r, 409)
        self.assertIn("cannot be deleted", r.json()["detail"])
        self.assertEqual(self.call("staff", "GET", path).status, 200)
        # It may still be edited.
        self.assertEqual(self.call("staff", "PATCH", path, {"quarter": 4}).json()["quarter"], 4)


class DemoSeed(unittest.TestCase):
    def test_a_demo_database_without_partners_gets_them_once(self):
        tmp = tempfile.mkdtemp(prefix="attache-seed-")
        try:
            data = os.path.join(tmp, "data")
            os.makedirs(data)
            self.assertEqual(run_cli("seed-demo", data=data).returncode, 0)
            path = os.path.join(data, "attache.db")
            db = sqlite3.connect(path)
            counts = db.execute("SELECT (SELECT count(*) FROM partners), (SELECT count(*) FROM plan_items)").fetchone()
            self.assertGreaterEqual(counts[0], 20)
            self.assertGreater(counts[1], 0)
            # As a database seeded before partners existed:
            with db:
                db.execute("DELETE FROM plan_items")
                db.execute("DELETE FROM partners")
            db.close()
            again = run_cli("seed-demo", data=data)
            self.assertEqual(again.returncode, 0, again.stderr)
            self.assertIn("partners", again.stdout)
            third = run_cli("seed-demo", data=data)
            self.assertNotIn("partners", third.stdout)
            db = sqlite3.connect(path)
            self.assertEqual(db.execute("SELECT (SELECT count(*) FROM partners), (SELECT count(*) FROM plan_items)")
                             .fetchone(), counts)
            self.assertEqual(db.execute("SELECT count(*) FROM units").fetchone()[0], 10)
            db.close()
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
