"""GET /api/audit/verify against the real binary: auditors and administrators see the chain
verified, others get 403; after an attacker drops the triggers and edits or deletes an entry
with sqlite3, the running server names the first entry that no longer verifies."""
import json
import os
import sqlite3
import unittest

from fixtures import demo_server
from harness import request, run_cli
from test_idempotency import new_proposal


class AuditVerify(unittest.TestCase):
    def setUp(self):
        self.server, self.api = demo_server(self)
        # The demo data's own trail, before the three entries made here.
        self.demo_entries = self.api.call("ha", "GET", "/api/audit/verify").json()["entries"]
        self.pids = []
        for title in ("Đoàn một", "Đoàn hai"):
            r = self.api.call("lan", "POST", "/api/proposals", new_proposal(title))
            self.assertEqual(r.status, 201, r.body)
            self.pids.append(r.json()["id"])
        r = self.api.call("lan", "POST", "/api/proposals/%d/actions" % self.pids[0],
                          {"action": "withdraw", "comment": "Không đi nữa", "expected_version": 1})
        self.assertEqual(r.status, 200, r.body)
        self.db = os.path.join(self.server.data, "attache.db")

    def tearDown(self):
        self.server.stop()

    def verify(self, user="ha"):
        r = self.api.call(user, "GET", "/api/audit/verify")
        return r

    def history(self, pid):
        return self.api.call("lan", "GET", "/api/proposals/%d/history" % pid).json()

    def tamper(self, *statements):
        db = sqlite3.connect(self.db, timeout=30)
        try:
            for s in statements:
                db.execute(s)
            db.commit()
        finally:
            db.close()

    def test_a_sound_trail_verifies(self):
        for user in ("ha", "admin"):
            with self.subTest(user=user):
                r = self.verify(user)
                self.assertEqual(r.status, 200, r.body)
                self.assertEqual(r.headers["cache-control"], "no-store")
                body = r.json()
                self.assertEqual(set(body), {"ok", "entries", "head", "anchors"})
                self.assertTrue(body["ok"])
                self.assertGreaterEqual(body["anchors"], 1)  # written when the server started
                self.assertEqual(body["entries"], self.demo_entries + 3)
                # The head is the hash of the newest entry.
                self.assertEqual(body["head"], self.history(self.pids[0])[-1]["hash"])
        self.assertIn(body["head"], run_cli("verify", data=self.server.data).stdout)

    def test_others_may_not(self):
        for user in ("lan", "mai", "thanh", "khanh"):
            with self.subTest(user=user):
                r = self.verify(user)
                self.assertEqual(r.status, 403)
                self.assertEqual(r.headers["content-type"], "application/problem+json; charset=utf-8")

    def test_an_edited_entry_is_named(self):
        seq = self.history(self.pids[0])[-1]["seq"]
        with self.assertRaises(sqlite3.IntegrityError):
            self.tamper("UPDATE audit SET comment = 'Đã sửa' WHERE seq = %d" % seq)
        self.tamper("DROP TRIGGER audit_no_update",
                    "UPDATE audit SET comment = 'Đã sửa' WHERE seq = %d" % seq)
        body = self.verify().json()
        self.assertFalse(body["ok"])
        self.assertEqual(body["first_bad"], seq)
        self.assertIn(str(seq), body["reason"])

    def test_a_deleted_entry_is_named(self):
        first = self.history(self.pids[0])[0]["seq"]
        self.tamper("DROP TRIGGER audit_no_delete", "DELETE FROM audit WHERE seq = %d" % first)
        body = self.verify("admin").json()
        self.assertFalse(body["ok"])
        self.assertIsNotNone(body["first_bad"])
        self.assertTrue(body["reason"])


if __name__ == "__main__":
    unittest.main()
