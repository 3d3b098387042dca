"""Tamper evidence outside the database: the server writes the audit chain's head to
data/audit-anchors.log at every start; `attache verify` and GET /api/audit/verify check the
chain against those anchors, so a tail cut off consistently (proposal and audit entries alike,
which the chain alone cannot tell) is caught, as is a rewritten anchored entry or a damaged
anchors file."""
import os
import sqlite3
import unittest

from fixtures import Api, demo_data
from harness import Server, run_cli

OUTBOUND = {"depart_on": "2027-03-01", "return_on": "2027-03-08", "destination_countries": ["KR"],
            "purpose": "Làm việc"}


class Anchors(unittest.TestCase):

    def setUp(self):
        self.server = Server()
        demo_data(self.server.data)
        self.anchors = os.path.join(self.server.data, "audit-anchors.log")
        self.db_path = os.path.join(self.server.data, "attache.db")

    def tearDown(self):
        self.server.cleanup()

    def head(self):
        db = sqlite3.connect(self.db_path)
        try:
            return db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        finally:
            db.close()

    def lines(self):
        with open(self.anchors) as f:
            return [l.split() for l in f.read().splitlines()]

    def api_verify(self):
        self.server.start()
        try:
            r = Api(self.server).call("ha", "GET", "/api/audit/verify")  # the auditor
            self.assertEqual(r.status, 200, r.body)
            return r.json()
        finally:
            self.server.stop()

    def test_each_start_anchors_the_head_and_verify_checks_them(self):
        self.server.start()
        created = Api(self.server).call("lan", "POST", "/api/proposals", {
            "kind": "outbound_delegation", "title": "Đoàn cuối cùng", "fields": OUTBOUND})
        self.assertEqual(created.status, 201, created.body)
        self.server.stop()
        self.server.start()  # anchors the head, the new proposal's entry included
        self.server.stop()
        seq, digest = self.head()
        self.assertEqual(self.lines()[-1][1:], [str(seq), digest])
        self.assertEqual(len(self.lines()), 2)
        ok = run_cli("verify", data=self.server.data)
        self.assertEqual(ok.returncode, 0, ok.stdout)
        self.assertIn("2 anchors", ok.stdout)

        # Cut the tail off consistently: the proposal and its entry go, so the chain and the
        # proposals still agree with each other.
        db = sqlite3.connect(self.db_path)
        db.execute("DROP TRIGGER audit_no_delete")
        pid = created.json()["id"]
        db.execute("DELETE FROM audit WHERE proposal = ?", (pid,))
        db.execute("DELETE FROM proposals_fts WHERE rowid = ?", (pid,))
        db.execute("DELETE FROM proposals WHERE id = ?", (pid,))
        db.commit()
        db.close()
        broken = run_cli("verify", data=self.server.data)
        self.assertEqual(broken.returncode, 1, broken.stdout)
        self.assertIn("entries were removed", broken.stdout)
        answer = self.api_verify()
        self.assertFalse(answer["ok"], answer)
        self.assertIn("entries were removed", answer["reason"])

    def test_a_damaged_anchors_file_fails_verification(self):
        self.server.start()
        self.server.stop()
        with open(self.anchors, "a") as f:
            f.write("not an anchor\n")
        r = run_cli("verify", data=self.server.data)
        self.assertEqual(r.returncode, 1, r.stdout)
        self.assertIn("line 2", r.stdout)

    def test_an_anchored_entry_rewritten_fails_verification(self):
        self.server.start()
        self.server.stop()
        seq, digest = self.head()
        with open(self.anchors, "a") as f:
            f.write("2026-01-01T00:00:00Z %d %s\n" % (seq, "f" * 64))
        r = run_cli("verify", data=self.server.data)
        self.assertEqual(r.returncode, 1, r.stdout)
        self.assertIn("is not the one anchored", r.stdout)


if __name__ == "__main__":
    unittest.main()
