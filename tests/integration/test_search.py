"""Full-text search (GET /api/proposals?q=) against the real binary: accent- and case-insensitive
matching (đ included), title before field-only matches, the caller's unit, other filters, the
index kept in step with edits, proposals indexed at start when they have no index row, and the
refusals of q, sort and cursor."""
import os
import sqlite3
import unittest
import urllib.parse

from fixtures import Api, DemoServerTest, demo_data
from harness import Server


def search(api, user, q, extra=""):
    r = api.call(user, "GET", "/api/proposals?q=" + urllib.parse.quote(q) + extra)
    assert r.status == 200, (q, r.status, r.body)
    return r.json()


def ids(page):
    return [i["id"] for i in page["items"]]


class Search(DemoServerTest):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The words "Quỳnh Lưu" appear in no demo proposal: each test looks for its own.
        cls.workshop = cls.create("conference", "Hội thảo lao động và việc làm Quỳnh Lưu")
        cls.delegation = cls.create("outbound_delegation", "Đoàn công tác khảo sát Quỳnh Lưu")
        cls.field_only = cls.create("outbound_delegation", "Khảo sát thị trường lao động",
                                    {"purpose": "Làm việc với các doanh nghiệp tại Quỳnh Lưu, Nghệ An"})

    @classmethod
    def create(cls, kind, title, fields=None, user="lan"):
        r = cls.api.call(user, "POST", "/api/proposals", {"kind": kind, "title": title, "fields": fields or {}})
        assert r.status == 201, r.body
        return r.json()["id"]

    def test_accents_case_and_d_are_ignored(self):
        self.assertIn(self.workshop, ids(search(self.api, "lan", "hoi thao lao dong quynh luu")))
        self.assertIn(self.workshop, ids(search(self.api, "lan", "HỘI THẢO Lao Động quỳnh lưu")))
        found = ids(search(self.api, "lan", "doan quynh luu"))
        self.assertEqual(found, [self.delegation])
        self.assertEqual(ids(search(self.api, "lan", "ĐOÀN Quỳnh Lưu")), [self.delegation])

    def test_a_title_match_comes_before_a_field_only_match(self):
        found = ids(search(self.api, "mai", "quynh luu"))
        self.assertEqual(set(found), {self.workshop, self.delegation, self.field_only})
        self.assertEqual(found[-1], self.field_only)
        page = search(self.api, "mai", "quynh luu")
        self.assertIsNone(page["next_cursor"])
        self.assertEqual(page["items"][0]["title"], {self.workshop: "Hội thảo lao động và việc làm Quỳnh Lưu",
                                                    self.delegation: "Đoàn công tác khảo sát Quỳnh Lưu"}[found[0]])

    def test_another_units_staff_find_nothing_of_this_unit(self):
        self.assertEqual(ids(search(self.api, "khanh", "quynh luu")), [])
        self.assertEqual(ids(search(self.api, "hung", "quynh luu"))[-1], self.field_only)
        # ICD, leaders and auditors see every unit's.
        for user in ("quang", "thanh", "ha"):
            self.assertEqual(len(ids(search(self.api, user, "quynh luu"))), 3, user)

    def test_text_combines_with_the_other_filters(self):
        self.assertEqual(ids(search(self.api, "lan", "quynh luu", "&kind=conference")), [self.workshop])
        self.assertEqual(ids(search(self.api, "lan", "quynh luu", "&state=draft&unit=CVL&limit=1")),
                         ids(search(self.api, "lan", "quynh luu"))[:1])
        # Drafts wait for their unit's staff, not for ICD.
        self.assertEqual(len(ids(search(self.api, "lan", "quynh luu", "&awaiting=me"))), 3)
        self.assertEqual(ids(search(self.api, "mai", "quynh luu", "&awaiting=me")), [])

    def test_edits_steps_and_partners_are_searchable_at_once(self):
        pid = self.create("outbound_delegation", "Đoàn công tác Hải Hậu")
        self.assertEqual(ids(search(self.api, "lan", "hai hau")), [pid])
        r = self.api.call("lan", "PATCH", "/api/proposals/%d" % pid,
                          {"title": "Đoàn công tác Giao Thủy", "fields": {"destination_cities": ["Ulsan"]}},
                          headers={"If-Match": '"1"'})
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(ids(search(self.api, "lan", "hai hau")), [])
        self.assertEqual(ids(search(self.api, "lan", "giao thuy ulsan")), [pid])
        r = self.api.call("lan", "POST", "/api/proposals/%d/actions" % pid,
                          {"action": "withdraw", "comment": "Đối tác hoãn", "expected_version": 2})
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(ids(search(self.api, "lan", "giao thuy", "&state=withdrawn")), [pid])
        # The partner it names, by its Vietnamese name, English name or acronym.
        partners = self.api.call("lan", "GET", "/api/partners?q=HRD").json()
        hrd = [p for p in partners if p["acronym"] == "HRD Korea"][0]
        pid = self.create("outbound_delegation", "Đoàn công tác Cát Bà", {"inviting_partner": hrd["id"]})
        for q in ("cat ba human resources development", "cat ba phat trien nguon nhan luc", "hrd cat ba"):
            self.assertEqual(ids(search(self.api, "lan", q)), [pid], q)

    def test_hostile_text_is_plain_words(self):
        for q in ('"', "*", "NEAR(", "-", "AND OR", "quynh luu OR", '"quynh', "quynh:luu", "^quynh",
                  "quynh NEAR/1 luu", "(quynh)", "'; DROP TABLE proposals; --", "%", "\\"):
            with self.subTest(q=q):
                search(self.api, "mai", q)
        self.assertEqual(ids(search(self.api, "mai", "*")), [])
        self.assertEqual(len(ids(search(self.api, "mai", '"quynh luu" OR'))), 0)  # "or" is a word
        self.assertEqual(len(ids(search(self.api, "mai", "(quynh) -luu-"))), 3)

    def test_bad_q_sort_and_cursor_are_refused(self):
        for query, field in (("q=", "q"), ("q=%20%20", "q"), ("q=" + "%C3%A1" * 201, "q"),
                             ("q=hoi&sort=ref", "sort"), ("q=hoi&cursor=00", "cursor")):
            with self.subTest(query=query):
                r = self.api.call("lan", "GET", "/api/proposals?" + query)
                self.assertEqual(r.status, 422, r.body)
                self.assertEqual(r.json()["errors"][0]["field"], field)
                error = r.json()["errors"][0]
                # In Vietnamese (message) and English (message_en), as every field error.
                self.assertRegex(error["message"], "[ạàáảãầấậẫẩăằắặẵẳêềếệễểôồốộỗổơờớợỡởưừứựữửđ]")
                self.assertTrue(error["message_en"].isascii() and error["message_en"], error)
        self.assertEqual(self.api.call("lan", "GET", "/api/proposals?q=" + "%C3%A1" * 200).status, 200)


class IndexedAtStart(unittest.TestCase):
    def test_proposals_without_an_index_row_are_indexed_when_the_server_starts(self):
        server = Server()
        try:
            demo_data(server.data)
            server.start()
            api = Api(server)
            r = api.call("lan", "POST", "/api/proposals", {"kind": "agreement", "title": "Thỏa thuận Mộc Châu"})
            self.assertEqual(r.status, 201, r.body)
            pid = r.json()["id"]
            self.assertEqual(server.stop(), 0)
            # As a database written before the index existed.
            db = sqlite3.connect(os.path.join(server.data, "attache.db"))
            with db:
                db.execute("DELETE FROM proposals_fts")
            db.close()
            server.start()
            api = Api(server)
            self.assertEqual(ids(search(api, "lan", "moc chau")), [pid])
            self.assertGreater(len(ids(search(api, "mai", "doan", "&limit=200"))), 0)
        finally:
            server.stop()
            server.cleanup()


if __name__ == "__main__":
    unittest.main()
