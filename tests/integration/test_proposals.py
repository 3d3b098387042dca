"""The proposals API against the real binary: create, read, edit with If-Match, act with
expected_version, history, lists with filters and keyset pagination, consultations and
comments, and the bad input each must refuse without writing anything."""
import json
import os
import threading
import unittest

from fixtures import Api, DemoServerTest
from harness import Server, request, run_cli



OUTBOUND = {"depart_on": "2027-03-01", "return_on": "2027-03-08", "destination_countries": ["KR"],
            "purpose": "Làm việc với Bộ Việc làm và Lao động Hàn Quốc về chương trình EPS"}


class Proposals(DemoServerTest):

    def create(self, user="lan", kind="outbound_delegation", title="Đoàn công tác tại Hàn Quốc", fields=None):
        r = self.api.call(user, "POST", "/api/proposals",
                          {"kind": kind, "title": title, "fields": OUTBOUND if fields is None else fields})
        self.assertEqual(r.status, 201, r.body)
        return r.json()

    def test_create_and_read(self):
        p = self.create()
        self.assertRegex(p["ref"], r"^ĐR-\d{4}-\d{4}$")
        self.assertEqual(p["state"], "draft")
        self.assertEqual(p["state_label"]["vi"], "Dự thảo")
        self.assertEqual(p["version"], 1)
        self.assertEqual(p["unit"]["code"], "CVL")
        self.assertTrue(p["editable"])
        r = self.api.call("lan", "GET", "/api/proposals/%d" % p["id"])
        self.assertEqual(r.status, 200)
        self.assertEqual(r.headers["etag"], '"1"')
        self.assertEqual(r.json()["fields"]["purpose"], OUTBOUND["purpose"])
        # The caller's steps: submit held back by named rules, withdraw open to the creator.
        actions = {a["action"]: a for a in r.json()["allowed_actions"]}
        self.assertFalse(actions["submit"]["enabled"])
        self.assertIn("invitation_letter", [e["field"] for e in actions["submit"]["reasons"]])
        self.assertTrue(actions["withdraw"]["enabled"])
        self.assertTrue(actions["withdraw"]["needs_comment"])
        # Others of the same unit see it; a leader sees all, but is offered no unit step.
        self.assertEqual(self.api.call("hung", "GET", "/api/proposals/%d" % p["id"]).status, 200)
        leader = self.api.call("thanh", "GET", "/api/proposals/%d" % p["id"]).json()
        self.assertEqual(leader["allowed_actions"], [])
        self.assertFalse(leader["editable"])

    def test_other_units_do_not_see_it(self):
        p = self.create()
        for method, path, body in (("GET", "/api/proposals/%d" % p["id"], None),
                                   ("GET", "/api/proposals/%d/history" % p["id"], None),
                                   ("POST", "/api/proposals/%d/actions" % p["id"],
                                    {"action": "withdraw", "comment": "x", "expected_version": 1}),
                                   ("POST", "/api/proposals/%d/comments" % p["id"], {"body": "x"})):
            with self.subTest(method=method, path=path):
                r = self.api.call("khanh", method, path, body)
                self.assertEqual(r.status, 404, r.body)
        listed = self.api.call("khanh", "GET", "/api/proposals?limit=200").json()["items"]
        self.assertNotIn(p["id"], [i["id"] for i in listed])

    def test_edit_with_if_match(self):
        p = self.create()
        path = "/api/proposals/%d" % p["id"]
        self.assertEqual(self.api.call("lan", "PATCH", path, {"title": "Đoàn mới"}).status, 428)
        r = self.api.call("lan", "PATCH", path, {"title": "Đoàn công tác tại Hàn Quốc và Nhật Bản",
                                                 "fields": {"destination_countries": ["KR", "JP"], "purpose": None}},
                          headers={"If-Match": '"1"'})
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(r.json()["version"], 2)
        self.assertEqual(r.json()["fields"]["destination_countries"], ["KR", "JP"])
        self.assertNotIn("purpose", r.json()["fields"])
        # The stale version loses and writes nothing.
        r = self.api.call("lan", "PATCH", path, {"title": "Cũ"}, headers={"If-Match": '"1"'})
        self.assertEqual(r.status, 412, r.body)
        self.assertEqual(self.api.call("lan", "GET", path).json()["title"], "Đoàn công tác tại Hàn Quốc và Nhật Bản")
        # A malformed field names itself.
        r = self.api.call("lan", "PATCH", path, {"fields": {"depart_on": "2026-02-30"}}, headers={"If-Match": '"2"'})
        self.assertEqual(r.status, 422)
        self.assertEqual([e["field"] for e in r.json()["errors"]], ["depart_on"])
        # Auditors change nothing; a withdrawn proposal is not editable.
        self.assertEqual(self.api.call("ha", "PATCH", path, {"title": "x"}, headers={"If-Match": '"2"'}).status, 403)
        r = self.api.call("lan", "POST", path + "/actions", {"action": "withdraw", "comment": "Đối tác hủy lời mời",
                                                             "expected_version": 2})
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(r.json()["state"], "withdrawn")
        self.assertEqual(self.api.call("lan", "PATCH", path, {"title": "x"}, headers={"If-Match": '"3"'}).status, 409)

    def test_actions_answer_403_422_409(self):
        p = self.create()
        path = "/api/proposals/%d/actions" % p["id"]
        r = self.api.call("hung", "POST", path, {"action": "submit", "expected_version": 1})
        self.assertEqual(r.status, 403, r.body)
        r = self.api.call("lan", "POST", path, {"action": "submit", "expected_version": 1})
        self.assertEqual(r.status, 422)
        fields = [e["field"] for e in r.json()["errors"]]
        self.assertIn("members", fields)
        self.assertIn("invitation_letter", fields)
        r = self.api.call("lan", "POST", path, {"action": "approve", "expected_version": 1})
        self.assertEqual(r.status, 422)
        self.assertEqual(r.json()["errors"][0]["code"], "not_available")
        r = self.api.call("lan", "POST", path, {"action": "withdraw", "expected_version": 1})
        self.assertEqual(r.status, 422)
        self.assertEqual(r.json()["errors"][0]["code"], "comment_required")
        r = self.api.call("lan", "POST", path, {"action": "withdraw", "comment": "x", "expected_version": 7})
        self.assertEqual(r.status, 409)
        self.assertEqual(self.api.call("lan", "GET", "/api/proposals/%d" % p["id"]).json()["version"], 1)

    def test_concurrent_actions_one_wins(self):
        p = self.create()
        path = "/api/proposals/%d/actions" % p["id"]
        self.api.login("lan")
        statuses = []

        def go(i):
            r = self.api.call("lan", "POST", path, {"action": "withdraw", "comment": "lần %d" % i,
                                                    "expected_version": 1})
            statuses.append(r.status)
        threads = [threading.Thread(target=go, args=(i,)) for i in range(12)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(statuses), [200] + [409] * 11)
        history = self.api.call("lan", "GET", "/api/proposals/%d/history" % p["id"]).json()
        self.assertEqual([h["action"] for h in history], ["create", "withdraw"])

    def test_history_records_who_and_verifies(self):
        p = self.create()
        self.api.call("lan", "PATCH", "/api/proposals/%d" % p["id"], {"title": "Sửa tiêu đề"},
                      headers={"If-Match": '"1"'})
        history = self.api.call("mai", "GET", "/api/proposals/%d/history" % p["id"]).json()
        self.assertEqual([h["action"] for h in history], ["create", "edit"])
        self.assertEqual(history[1]["actor"]["display_name"], "Nguyễn Thị Lan")
        self.assertEqual(history[1]["payload"]["title"], "Sửa tiêu đề")
        self.assertEqual(len(history[1]["hash"]), 64)
        self.assertEqual(run_cli("verify", data=self.server.data).returncode, 0)

    def test_consultations_and_comments(self):
        p = self.create()
        base = "/api/proposals/%d" % p["id"]
        ask = {"body": "Bộ Ngoại giao", "due_on": "2027-01-15", "note": "Xin ý kiến về chương trình làm việc"}
        self.assertEqual(self.api.call("lan", "POST", base + "/consultations", ask).status, 403)
        r = self.api.call("mai", "POST", base + "/consultations", ask)
        self.assertEqual(r.status, 201, r.body)
        cid = r.json()["id"]
        self.assertEqual(self.api.call("mai", "POST", base + "/consultations", {**ask, "due_on": "2027-02-30"}).status, 422)
        shown = self.api.call("lan", "GET", base).json()["consultations"]
        self.assertEqual([(c["body"], c["answer"]) for c in shown], [("Bộ Ngoại giao", None)])
        r = self.api.call("mai", "PATCH", "/api/consultations/%d" % cid, {"answer": "maybe"})
        self.assertEqual(r.status, 422)
        r = self.api.call("mai", "PATCH", "/api/consultations/%d" % cid,
                          {"answer": "agree_with_conditions", "note": "Đề nghị rút gọn đoàn"})
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(self.api.call("mai", "PATCH", "/api/consultations/%d" % cid, {"answer": "agree"}).status, 409)
        self.assertEqual(self.api.call("lan", "GET", base).json()["consultations"][0]["answer"], "agree_with_conditions")
        # Comments: everyone who sees it reads; auditors do not write.
        self.assertEqual(self.api.call("hung", "POST", base + "/comments", {"body": "Đề nghị bổ sung thư mời"}).status, 201)
        self.assertEqual(self.api.call("ha", "POST", base + "/comments", {"body": "x"}).status, 403)
        self.assertEqual(self.api.call("lan", "POST", base + "/comments", {"body": "   "}).status, 422)
        comments = self.api.call("thanh", "GET", base + "/comments").json()
        self.assertEqual([c["body"] for c in comments], ["Đề nghị bổ sung thư mời"])
        actions = [h["action"] for h in self.api.call("lan", "GET", base + "/history").json()]
        self.assertEqual(actions, ["create", "ask_opinion", "record_opinion"])

    def test_lists_filter_and_page(self):
        ids = [self.create(title="Đoàn số %d" % i, fields={**OUTBOUND, "destination_countries": ["JP" if i % 2 else "KR"]})["id"]
               for i in range(7)]
        seen, cursor = [], None
        while True:
            r = self.api.call("lan", "GET", "/api/proposals?kind=outbound_delegation&limit=3" +
                              ("&cursor=" + cursor if cursor else ""))
            self.assertEqual(r.status, 200, r.body)
            seen += [i["id"] for i in r.json()["items"]]
            cursor = r.json()["next_cursor"]
            if not cursor:
                break
        self.assertEqual(len(seen), len(set(seen)))
        self.assertTrue(set(ids) <= set(seen))
        japan = self.api.call("lan", "GET", "/api/proposals?kind=outbound_delegation&country=JP&limit=200").json()["items"]
        self.assertTrue(japan and all(i["kind"] == "outbound_delegation" for i in japan))
        self.assertTrue({ids[1], ids[3], ids[5]} <= {i["id"] for i in japan})
        self.assertFalse({ids[0], ids[2]} & {i["id"] for i in japan})
        by_ref = self.api.call("lan", "GET", "/api/proposals?sort=ref&limit=200").json()["items"]
        self.assertEqual([i["ref"] for i in by_ref], sorted(i["ref"] for i in by_ref))
        # Drafts wait for their unit's staff; nothing waits for the auditor.
        mine = {i["id"] for i in self.api.call("lan", "GET", "/api/proposals?awaiting=me&limit=200").json()["items"]}
        self.assertTrue(set(ids) <= mine)
        self.assertEqual(self.api.call("ha", "GET", "/api/proposals?awaiting=me").json()["items"], [])
        self.assertFalse(set(ids) & {i["id"] for i in self.api.call("mai", "GET", "/api/proposals?awaiting=me&limit=200").json()["items"]})
        for query, field in (("kind=picnic", "kind"), ("country=XX", "country"), ("from=2026-13-01", "from"),
                             ("limit=0", "limit"), ("limit=500", "limit"), ("sort=size", "sort"),
                             ("cursor=zz", "cursor"), ("unit=NOPE", "unit"), ("colour=red", "colour"),
                             ("overdue=yes", "overdue"), ("awaiting=you", "awaiting")):
            with self.subTest(query=query):
                r = self.api.call("lan", "GET", "/api/proposals?" + query)
                self.assertEqual(r.status, 422, r.body)
                error = r.json()["errors"][0]
                self.assertEqual(error["field"], field)
                self.assertNotEqual(error["message"], error["message_en"])  # vi and en
        self.assertEqual(self.api.call("lan", "GET", "/api/proposals?kind=%ZZ").status, 400)

    def test_titles_are_counted_in_characters(self):
        # "Đoàn " is 5 characters but 7 bytes: 100 of them are 500 characters, 700 bytes.
        title = "Đoàn " * 99 + "Đoàn."
        self.assertEqual(len(title), 500)
        r = self.api.call("lan", "POST", "/api/proposals", {"kind": "agreement", "title": title})
        self.assertEqual(r.status, 201, r.body[:300])
        for bad in (title + "x", "   "):
            r = self.api.call("lan", "POST", "/api/proposals", {"kind": "agreement", "title": bad})
            self.assertEqual(r.status, 422)
            self.assertEqual(r.json()["errors"][0]["field"], "title")
        r = self.api.call("lan", "POST", "/api/proposals", {"kind": "picnic", "title": "x"})
        self.assertEqual(r.json()["errors"][0]["field"], "kind")

    def test_a_proposal_carries_out_its_own_units_plan_item(self):
        item = self.api.call("lan", "POST", "/api/plan-items",
                             {"year": 2027, "kind": "outbound_delegation", "title": "Đoàn ra Hàn Quốc"}).json()["id"]
        r = self.api.call("lan", "POST", "/api/proposals", {"kind": "outbound_delegation", "title": "Theo kế hoạch",
                                                            "plan_item_id": item})
        self.assertEqual(r.status, 201, r.body)
        self.assertEqual((r.json()["plan_item_id"], r.json()["outside_plan"]), (item, False))
        self.assertTrue(self.create()["outside_plan"])
        linked = self.api.call("lan", "GET", "/api/plan-items/%d" % item).json()
        self.assertEqual(linked["linked_proposals"], 1)
        # Another unit cannot hang its proposal on CVL's plan.
        r = self.api.call("khanh", "POST", "/api/proposals", {"kind": "outbound_delegation", "title": "x",
                                                              "plan_item_id": item})
        self.assertEqual(r.status, 422)
        self.assertEqual(r.json()["errors"][0]["field"], "plan_item_id")

    def test_bad_bodies_are_refused_and_write_nothing(self):
        before = len(self.api.call("mai", "GET", "/api/proposals?limit=200").json()["items"])
        cases = [
            (b'{"kind": "outbound_delegation", "title": ', 400),
            (b'\xff\xfe{"kind": 1}', 400),
            (json.dumps({"kind": "outbound_delegation", "title": "x", "colour": "red"}).encode(), 422),
            (json.dumps({"kind": "outbound_delegation"}).encode(), 422),
            (json.dumps({"kind": 5, "title": "x"}).encode(), 422),
            (json.dumps({"kind": "picnic", "title": "x"}).encode(), 422),
            (json.dumps({"kind": "outbound_delegation", "title": ""}).encode(), 422),
            (json.dumps({"kind": "outbound_delegation", "title": "x" * 501}).encode(), 422),
            (json.dumps({"kind": "outbound_delegation", "title": "x",
                         "fields": {"purpose": "x" * (600 * 1024)}}).encode(), 413),
            (json.dumps({"kind": "aid", "title": "x", "fields": {"amount": {"amount": -5, "currency": "USD"}}}).encode(), 422),
            (json.dumps({"kind": "aid", "title": "x", "fields": {"amount": {"amount": 1e400, "currency": "USD"}}}).encode().replace(b"Infinity", b"1e400"), 400),
            (json.dumps({"kind": "outbound_delegation", "title": "x", "fields": {"depart_on": "2026-02-30"}}).encode(), 422),
            (json.dumps({"kind": "agreement", "title": "x", "fields": {"partner": 999999}}).encode(), 422),
            (json.dumps({"kind": "outbound_delegation", "title": "x", "plan_item_id": 999999}).encode(), 422),
        ]
        for body, status in cases:
            with self.subTest(body=body[:80]):
                r = self.api.call("lan", "POST", "/api/proposals", raw=body)
                self.assertEqual(r.status, status, r.body[:300])
                self.assertEqual(r.headers["content-type"], "application/problem+json; charset=utf-8")
                if status == 422:
                    self.assertTrue(r.json().get("errors"), r.body[:300])
        self.assertEqual(len(self.api.call("mai", "GET", "/api/proposals?limit=200").json()["items"]), before)
        self.assertEqual(self.api.call("ha", "POST", "/api/proposals", {"kind": "aid", "title": "x"}).status, 403)


if __name__ == "__main__":
    unittest.main()
