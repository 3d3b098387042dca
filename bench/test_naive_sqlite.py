"""bench/naive_sqlite.cpp on the demo database: a positive rate, and the rows it claims.

Run by CTest (bench.naive_sqlite) with ATTACHE_BIN and NAIVE_BIN set. The demo database is
made by the real binary (`attache migrate`, `attache seed-demo`) in a temporary folder.
"""
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import unittest

ATTACHE = os.environ.get("ATTACHE_BIN", "build/attache")
NAIVE = os.environ.get("NAIVE_BIN", "build/bench/attache_naive_sqlite")


class NaiveSqliteTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="attache-naive-")
        cls.data = os.path.join(cls.tmp, "data")
        for cmd in (["migrate"], ["seed-demo"]):
            subprocess.run([ATTACHE, *cmd, "--data", cls.data], check=True, capture_output=True,
                           timeout=60)
        cls.db = os.path.join(cls.data, "attache.db")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def counts(self):
        with sqlite3.connect(self.db) as c:
            return c.execute("SELECT count(*), max(seq) FROM audit").fetchone()

    def run_naive(self, *args):
        return subprocess.run([NAIVE, "--db", self.db, *args], capture_output=True, text=True,
                              timeout=60)

    def test_random_steps_for_one_second(self):
        before, _ = self.counts()
        r = self.run_naive("--seconds", "1")
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        self.assertGreater(out["steps"], 0)
        self.assertGreater(out["steps_per_s"], 0)
        self.assertGreaterEqual(out["seconds"], 1.0)
        self.assertEqual(out["page_size"], 4096)
        after, _ = self.counts()
        self.assertEqual(after - before, out["steps"], "one audit entry per committed step")
        with sqlite3.connect(self.db) as c:
            self.assertEqual(c.execute("PRAGMA journal_mode").fetchone()[0], "wal")
            # The chain is linked: every new entry names the previous entry's hash.
            broken = c.execute(
                "SELECT count(*) FROM audit a JOIN audit b ON b.seq = a.seq - 1 "
                "WHERE a.action = 'note' AND a.prev_hash != b.hash").fetchone()[0]
            self.assertEqual(broken, 0)

    def test_plan_steps_move_proposals(self):
        with sqlite3.connect(self.db) as c:
            pid, version, state = c.execute(
                "SELECT id, version, state FROM proposals ORDER BY id LIMIT 1").fetchone()
            actor = c.execute("SELECT id FROM users WHERE username = 'mai'").fetchone()[0]
        plan = os.path.join(self.tmp, "plan.tsv")
        with open(plan, "w") as f:
            f.write(f"{pid}\t{version}\treturn\t0\t{actor}\t{state}\treturned\n")
        r = self.run_naive("--seconds", "0.2", "--plan", plan)
        self.assertEqual(r.returncode, 0, r.stderr)
        steps = json.loads(r.stdout)["steps"]
        with sqlite3.connect(self.db) as c:
            row = c.execute("SELECT state, version FROM proposals WHERE id = ?", (pid,)).fetchone()
        self.assertEqual(row, ("returned", version + steps))

    def test_bad_arguments(self):
        self.assertEqual(subprocess.run([NAIVE, "--seconds", "1"], capture_output=True).returncode, 2)
        r = self.run_naive("--seconds", "1", "--plan", os.path.join(self.tmp, "missing"))
        self.assertEqual(r.returncode, 1)


if __name__ == "__main__":
    unittest.main()
