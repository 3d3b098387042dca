"""`attache seed --proposals N` against the real binary: generated proposals of every kind in
several states, an audit chain that verifies, proposals the API lists and search finds, and a
second run that appends with new reference numbers."""
import os
import re
import sqlite3
import tempfile
import unittest
import urllib.parse

from fixtures import DemoServerTest, demo_data
from harness import run_cli

SEEDED = 2000


class BulkSeed(DemoServerTest):
    @classmethod
    def prepare_data(cls, data):
        super().prepare_data(data)
        cls.db_path = os.path.join(data, "attache.db")
        cls.demo_max = cls.query("SELECT max(id) FROM proposals")[0][0]
        cls.first = run_cli("seed", "--proposals", str(SEEDED), "--seed", "3", data=data)

    @classmethod
    def query(cls, sql, args=()):
        db = sqlite3.connect(cls.db_path, timeout=30)
        try:
            return db.execute(sql, args).fetchall()
        finally:
            db.close()

    def test_reports_what_it_wrote(self):
        self.assertEqual(self.first.returncode, 0, self.first.stderr)
        m = re.match(r"(\d+) proposals, (\d+) audit entries in [\d.]+ s \(\d+ proposals/s\)",
                     self.first.stdout)
        self.assertTrue(m, self.first.stdout)
        self.assertEqual(int(m.group(1)), SEEDED)
        self.assertGreater(int(m.group(2)), SEEDED)

    def test_every_kind_in_several_states_and_the_chain_verifies(self):
        rows = self.query("SELECT kind, count(*), count(DISTINCT state) FROM proposals "
                          "WHERE id > ? GROUP BY kind", (self.demo_max,))
        self.assertEqual(len(rows), 5, rows)
        for kind, count, states in rows:
            self.assertGreater(count, 0, kind)
            self.assertGreaterEqual(states, 4, kind)
        r = run_cli("verify", data=self.server.data)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def test_the_api_lists_and_search_finds_them(self):
        r = self.api.call("mai", "GET", "/api/proposals?limit=50")
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(len(r.json()["items"]), 50)
        # Every seeded aid title reads "Dự án ... do ... tài trợ"; "du an" finds them folded.
        r = self.api.call("mai", "GET", "/api/proposals?limit=50&q=" + urllib.parse.quote("du an tai tro"))
        self.assertEqual(r.status, 200, r.body)
        found = [i["id"] for i in r.json()["items"]]
        self.assertTrue(any(i > self.demo_max for i in found), found)

    def test_seeding_again_appends_with_new_reference_numbers(self):
        before = self.query("SELECT count(*) FROM proposals")[0][0]
        r = run_cli("seed", "--proposals", "300", "--seed", "3", data=self.server.data)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.query("SELECT count(*) FROM proposals")[0][0], before + 300)
        self.assertEqual(self.query("SELECT count(DISTINCT ref) FROM proposals")[0][0], before + 300)
        # No counter lags behind a number already given out.
        lagging = self.query(
            "SELECT p.ref FROM proposals p JOIN ref_counters c "
            "ON p.ref LIKE c.prefix || '-' || c.year || '-%' "
            "WHERE CAST(substr(p.ref, length(c.prefix) + 7) AS INTEGER) > c.last")
        self.assertEqual(lagging, [])
        v = run_cli("verify", data=self.server.data)
        self.assertEqual(v.returncode, 0, v.stdout + v.stderr)

    def test_refuses_without_the_demo_reference_data(self):
        with tempfile.TemporaryDirectory(prefix="attache-it-") as empty:
            r = run_cli("seed", "--proposals", "10", data=empty)
            self.assertEqual(r.returncode, 1)
            self.assertIn("seed-demo", r.stderr)
            self.assertEqual(run_cli("seed", data=empty).returncode, 2)


class LargeLoad(unittest.TestCase):
    """A load of 25,000 into a demo database, with the server stopped: the secondary indexes
    are dropped and built again afterwards, constraints are skipped while writing and the
    rollback journal replaces the WAL. Afterwards everything must be as if written row by row."""

    COUNT = 25_000

    def test_the_database_is_whole_afterwards(self):
        with tempfile.TemporaryDirectory(prefix="attache-it-") as data:
            demo_data(data)
            path = os.path.join(data, "attache.db")

            def query(sql):
                db = sqlite3.connect(path, timeout=30)
                try:
                    return db.execute(sql).fetchall()
                finally:
                    db.close()

            schema = "SELECT type, name, sql FROM sqlite_schema ORDER BY name"
            before = query(schema)
            r = run_cli("seed", "--proposals", str(self.COUNT), data=data)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(query(schema), before)  # every index and trigger is back
            self.assertEqual(query("PRAGMA journal_mode"), [("wal",)])
            self.assertEqual(query("PRAGMA integrity_check"), [("ok",)])
            self.assertEqual(query("PRAGMA foreign_key_check"), [])
            # The CHECK constraints that were skipped hold for every row written.
            self.assertEqual(query("SELECT count(*) FROM proposals WHERE NOT json_valid(fields) "
                                   "OR length(title) NOT BETWEEN 1 AND 500"), [(0,)])
            self.assertEqual(query("SELECT count(*) FROM audit WHERE NOT json_valid(payload)"),
                             [(0,)])
            self.assertGreaterEqual(query("SELECT count(*) FROM proposals")[0][0], self.COUNT)
            self.assertEqual(query("SELECT count(*) FROM proposals_fts")[0][0],
                             query("SELECT count(*) FROM proposals")[0][0])
            # The indexes serve queries again: the default list order reads an index.
            plan = query("EXPLAIN QUERY PLAN SELECT id FROM proposals ORDER BY updated_at DESC, "
                         "id DESC LIMIT 50")
            self.assertIn("proposals_updated", str(plan))
            v = run_cli("verify", data=data)
            self.assertEqual(v.returncode, 0, v.stdout + v.stderr)


if __name__ == "__main__":
    unittest.main()
