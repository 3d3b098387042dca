"""A crash between the durable commit and the answer, against the real binary. The server is
started with ATTACHE_TEST_CRASH_AFTER_COMMITS=N, which makes it SIGKILL itself right after its
Nth group commit is durable and before any write in that batch is answered. After a restart:
every write that was answered 2xx is there; a write that committed unanswered is there once;
retrying it with the same Idempotency-Key replays its answer instead of acting twice; every
proposal's row agrees with its audit entries; the chain and SQLite's integrity check pass."""
import os
import signal
import sqlite3
import threading
import unittest

from fixtures import demo_server
from harness import run_cli

OUTBOUND = {"depart_on": "2027-03-01", "return_on": "2027-03-08", "destination_countries": ["KR"],
            "purpose": "Làm việc với Bộ Việc làm và Lao động Hàn Quốc"}


def withdraw(version):
    return {"action": "withdraw", "comment": "Không còn cần thiết", "expected_version": version}


class CrashBetweenCommitAndAnswer(unittest.TestCase):

    def setUp(self):
        self.server, self.api = demo_server(self, "lan")  # the session outlives the restarts below

    def drafts(self, n):
        ids = []
        for i in range(n):
            r = self.api.call("lan", "POST", "/api/proposals",
                              {"kind": "outbound_delegation", "title": "Đoàn số %d" % i,
                               "fields": OUTBOUND})
            self.assertEqual(r.status, 201, r.body)
            ids.append(r.json()["id"])
        return ids

    def restart(self, crash_after=None):
        """Stops the server (if it still runs) and starts it again, with the hook or without."""
        if self.server.proc.poll() is None:
            self.server.stop()
        else:
            self.server.proc.wait()
            self.server.proc.stdout.close()
            self.server._stderr.close()
        self.server.env.pop("ATTACHE_TEST_CRASH_AFTER_COMMITS", None)
        if crash_after is not None:
            self.server.env["ATTACHE_TEST_CRASH_AFTER_COMMITS"] = str(crash_after)
        self.server.start()

    def assertKilled(self):
        self.assertEqual(self.server.proc.wait(timeout=15), -signal.SIGKILL)

    def query(self, sql, args=()):
        db = sqlite3.connect(os.path.join(self.server.data, "attache.db"), timeout=30)
        try:
            return db.execute(sql, args).fetchall()
        finally:
            db.close()

    def assertConsistent(self):
        """Every proposal's row agrees with its audit entries, and the files are whole."""
        self.assertEqual(self.query("PRAGMA integrity_check"), [("ok",)])
        disagreeing = self.query(
            "SELECT p.id FROM proposals p "
            "JOIN audit a ON a.seq = (SELECT max(seq) FROM audit WHERE proposal = p.id) "
            "WHERE p.audit_seq != a.seq OR p.state != a.to_state "
            "OR p.version != (SELECT count(*) FROM audit WHERE proposal = p.id)")
        self.assertEqual(disagreeing, [])
        v = run_cli("verify", data=self.server.data)
        self.assertEqual(v.returncode, 0, v.stdout + v.stderr)

    def history(self, pid):
        r = self.api.call("lan", "GET", "/api/proposals/%d/history" % pid)
        self.assertEqual(r.status, 200, r.body)
        return [e["action"] for e in r.json()]

    def test_an_unanswered_commit_is_kept_and_its_retry_does_not_act_twice(self):
        [pid] = self.drafts(1)
        self.restart(crash_after=1)
        key = "crash-retry-" + os.urandom(6).hex()
        with self.assertRaises(OSError):  # the connection dies: no answer at all
            self.api.call("lan", "POST", "/api/proposals/%d/actions" % pid, withdraw(1), key=key)
        self.assertKilled()
        self.restart()
        # The step was durable before the crash, so it is there, once.
        self.assertEqual(self.history(pid), ["create", "withdraw"])
        again = self.api.call("lan", "POST", "/api/proposals/%d/actions" % pid, withdraw(1), key=key)
        self.assertEqual(again.status, 200, again.body)
        self.assertEqual(again.headers.get("idempotent-replayed"), "true")
        self.assertEqual(again.json()["state"], "withdrawn")
        self.assertEqual(self.history(pid), ["create", "withdraw"])
        self.assertConsistent()

    def test_nothing_answered_is_lost_when_many_writers_crash_the_server(self):
        ids = self.drafts(40)
        self.restart(crash_after=3)
        answers = {}

        def act(pid):
            try:
                r = self.api.call("lan", "POST", "/api/proposals/%d/actions" % pid, withdraw(1))
                answers[pid] = r.status
            except OSError:
                answers[pid] = None  # no answer: the server died first

        threads = [threading.Thread(target=act, args=(pid,)) for pid in ids[:30]]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        # Had the 30 fitted in fewer than three commits, the server would still run: go on one
        # at a time until it dies.
        for pid in ids[30:]:
            if self.server.proc.poll() is not None:
                break
            act(pid)
        self.assertKilled()
        acknowledged = [pid for pid, status in answers.items() if status == 200]
        unanswered = [pid for pid, status in answers.items() if status is None]
        self.assertTrue(acknowledged, answers)
        self.assertTrue(unanswered, answers)
        self.assertFalse([s for s in answers.values() if s not in (200, None)], answers)
        self.restart()
        for pid in acknowledged:
            self.assertEqual(self.history(pid), ["create", "withdraw"], pid)
        for pid in unanswered:  # committed in the last batch, or never run: whole either way
            self.assertIn(self.history(pid), (["create"], ["create", "withdraw"]), pid)
        self.assertConsistent()


if __name__ == "__main__":
    unittest.main()
