"""Lists are kept between changes (api/list_cache.h) without ever answering from before a
change: a kept list is per user, and any commit (through the API or by another program
writing the database file) makes the next answer fresh."""
import os
import sqlite3
import unittest

from fixtures import DemoServerTest

QUERY = "/api/proposals?limit=200&sort=updated"


class ListCache(DemoServerTest):

    def items(self, user, path=QUERY):
        r = self.api.call(user, "GET", path)
        self.assertEqual(r.status, 200, r.body)
        return r, r.json()["items"]

    def test_a_kept_list_is_the_same_answer_and_never_another_users(self):
        first, staff = self.items("lan")
        again, _ = self.items("lan")
        self.assertEqual(again.body, first.body)
        _, everyone = self.items("mai")  # the ICD officer sees every unit's
        self.assertGreater(len(everyone), len(staff))
        units = {p["unit_id"] for p in staff}
        self.assertEqual(len(units), 1, units)
        later, staff_again = self.items("lan")
        self.assertEqual(later.body, first.body)
        self.assertEqual({p["unit_id"] for p in staff_again}, units)

    def test_a_change_through_the_api_shows_at_once(self):
        self.items("lan")
        created = self.api.call("lan", "POST", "/api/proposals", {
            "kind": "outbound_delegation", "title": "Đoàn mới để kiểm tra bộ nhớ đệm",
            "fields": {"depart_on": "2027-03-01", "return_on": "2027-03-08",
                       "destination_countries": ["KR"], "purpose": "Làm việc"}})
        self.assertEqual(created.status, 201, created.body)
        _, after = self.items("lan")
        self.assertEqual(after[0]["id"], created.json()["id"])

    def test_a_change_by_another_program_shows_at_once(self):
        _, before = self.items("mai")
        target = before[0]
        db = sqlite3.connect(os.path.join(self.server.data, "attache.db"), timeout=30)
        try:
            with db:
                db.execute("UPDATE proposals SET title = ? WHERE id = ?",
                           ("Tiêu đề do chương trình khác ghi", target["id"]))
        finally:
            db.close()
        _, after = self.items("mai")
        self.assertEqual(next(p for p in after if p["id"] == target["id"])["title"],
                         "Tiêu đề do chương trình khác ghi")


if __name__ == "__main__":
    unittest.main()
