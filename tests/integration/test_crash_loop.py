"""Crash safety under load, against the real binary (issue 8, item 1).

Several clients drive approval actions and new proposals at full speed; the server is killed
with SIGKILL at a random moment, then the test checks the files the crash left behind and
starts the server again on them. Each cycle checks:
- SQLite's `PRAGMA integrity_check` is ok;
- every action and every new proposal that was answered 2xx is there, in its place in the
  proposal's history;
- no proposal's row disagrees with its audit entries (state, version, last entry), and no
  audit entry belongs to a proposal that does not exist;
- `attache verify` passes: the chain and its anchors.

scripts/test runs 20 cycles. By hand, for longer:

    ATTACHE_BIN=build/attache python3 tests/integration/test_crash_loop.py --cycles 1000

(`--seed S` repeats a run's kill moments; the seed is printed when a cycle fails.)"""
import os
import random
import signal
import sqlite3
import sys
import threading
import time
import unittest

import uploads
from fixtures import OUTBOUND_FIELDS, demo_server
from harness import run_cli

CYCLES = int(os.environ.get("ATTACHE_CRASH_CYCLES", "20"))
SEED = int(os.environ.get("ATTACHE_CRASH_SEED", str(random.randrange(1 << 30))))
CLIENTS = 4           # threads driving actions; one more creates proposals
PROPOSALS_PER_CLIENT = 3

FIELDS = OUTBOUND_FIELDS


class ServerGone(Exception):
    """The server stopped answering: the client's part of this cycle is over."""


class Client(threading.Thread):
    """Moves its own proposals back and forth between draft and unit review as fast as the
    server answers: `lan` submits, `hung` (her unit head) returns. Every 2xx is recorded as
    (proposal, version it produced, action)."""

    def __init__(self, api, pids, acknowledged):
        super().__init__(daemon=True)
        self.api, self.pids, self.acknowledged = api, pids, acknowledged
        self.error = None

    def call(self, user, method, path, body=None):
        try:
            return self.api.call(user, method, path, body)
        except OSError as e:  # refused, reset, or cut: the server died
            raise ServerGone() from e

    def step(self, pid, known):
        state, version = known
        if state == "draft":
            user, action = "lan", "submit"
        else:
            user, action = "hung", "return"
        body = {"action": action, "expected_version": version}
        if action == "return":
            body["comment"] = "Bổ sung thông tin"
        r = self.call(user, "POST", "/api/proposals/%d/actions" % pid, body)
        if r.status == 200:
            p = r.json()
            self.acknowledged.append((pid, p["version"], action))
            return p["state"], p["version"]
        if r.status == 409:  # another try of ours committed unanswered before a crash: re-read
            p = self.call(user, "GET", "/api/proposals/%d" % pid).json()
            return p["state"], p["version"]
        raise AssertionError("%s on %d answered %d: %s" % (action, pid, r.status, r.body[:300]))

    def run(self):
        try:
            known = {}
            for pid in self.pids:
                p = self.call("lan", "GET", "/api/proposals/%d" % pid).json()
                known[pid] = (p["state"], p["version"])
            while True:
                for pid in self.pids:
                    known[pid] = self.step(pid, known[pid])
        except ServerGone:
            pass
        except BaseException as e:  # reported by the test, not lost in the thread
            self.error = e


class Creator(Client):
    """Creates proposals as fast as the server answers; every 201 is recorded by its id."""

    def __init__(self, api, created):
        super().__init__(api, [], None)
        self.created = created

    def run(self):
        try:
            n = 0
            while True:
                n += 1
                title = "Đoàn thử sự cố %d-%d" % (os.getpid(), n)
                r = self.call("lan", "POST", "/api/proposals",
                              {"kind": "outbound_delegation", "title": title, "fields": FIELDS})
                if r.status != 201:
                    raise AssertionError("create answered %d: %s" % (r.status, r.body[:300]))
                self.created.append((r.json()["id"], title))
        except ServerGone:
            pass
        except BaseException as e:
            self.error = e


class CrashLoop(unittest.TestCase):

    def setUp(self):
        self.server, self.api = demo_server(self, "lan", "hung")  # the sessions outlive the crashes
        self.owned = [self.draft_with_documents(c * 100 + i)
                      for c in range(CLIENTS) for i in range(PROPOSALS_PER_CLIENT)]
    def draft_with_documents(self, n):
        r = self.api.call("lan", "POST", "/api/proposals",
                          {"kind": "outbound_delegation", "title": "Đoàn thử số %d" % n, "fields": FIELDS})
        self.assertEqual(r.status, 201, r.body)
        pid = r.json()["id"]
        for type_ in ("invitation_letter", "programme"):
            body, content_type = uploads.document_form(type_, uploads.pdf("%s %d" % (type_, n)))
            r = self.api.call("lan", "POST", "/api/proposals/%d/documents" % pid, raw=body,
                              headers={"Content-Type": content_type})
            self.assertEqual(r.status, 201, r.body)
        return pid

    def query(self, sql, args=()):
        db = sqlite3.connect(os.path.join(self.server.data, "attache.db"), timeout=30)
        try:
            return db.execute(sql, args).fetchall()
        finally:
            db.close()

    def check_files(self, cycle):
        """What the crash left on disk, before any server opens it again."""
        self.assertEqual(self.query("PRAGMA integrity_check"), [("ok",)], cycle)
        disagreeing = self.query(
            "SELECT p.id FROM proposals p "
            "LEFT JOIN audit a ON a.seq = (SELECT max(seq) FROM audit WHERE proposal = p.id) "
            "WHERE a.seq IS NULL OR p.audit_seq != a.seq OR p.state != a.to_state "
            "OR p.version != (SELECT count(*) FROM audit WHERE proposal = p.id)")
        self.assertEqual(disagreeing, [], cycle)
        orphans = self.query("SELECT count(*) FROM audit WHERE proposal IS NOT NULL "
                             "AND proposal NOT IN (SELECT id FROM proposals)")
        self.assertEqual(orphans, [(0,)], cycle)
        v = run_cli("verify", data=self.server.data, timeout=120)
        self.assertEqual(v.returncode, 0, "%s: %s" % (cycle, v.stdout + v.stderr))

    def check_acknowledged(self, cycle, acknowledged, created):
        histories = {}
        for pid, version, action in acknowledged:
            if pid not in histories:
                r = self.api.call("lan", "GET", "/api/proposals/%d/history" % pid)
                self.assertEqual(r.status, 200, r.body)
                histories[pid] = [e["action"] for e in r.json()]
            h = histories[pid]
            self.assertGreaterEqual(len(h), version, (cycle, pid, version, action, h))
            self.assertEqual(h[version - 1], action, (cycle, pid, version, h))
        titles = dict(self.query("SELECT id, title FROM proposals"))
        for pid, title in created:
            self.assertEqual(titles.get(pid), title, (cycle, pid))

    def test_sigkill_at_random_moments_under_load_loses_nothing_acknowledged(self):
        rng = random.Random(SEED)
        totals = {"actions": 0, "created": 0}
        started = time.monotonic()
        for cycle in range(1, CYCLES + 1):
            label = "cycle %d of %d (seed %d)" % (cycle, CYCLES, SEED)
            acknowledged, created = [], []
            clients = [Client(self.api, self.owned[c::CLIENTS], acknowledged) for c in range(CLIENTS)]
            clients.append(Creator(self.api, created))
            for c in clients:
                c.start()
            time.sleep(rng.uniform(0.05, 1.5))
            self.server.proc.send_signal(signal.SIGKILL)
            self.assertEqual(self.server.proc.wait(timeout=15), -signal.SIGKILL, label)
            for c in clients:
                c.join(timeout=30)
                self.assertFalse(c.is_alive(), label)
                if c.error:
                    raise AssertionError(label) from c.error
            self.server.proc.stdout.close()
            self.server._stderr.close()
            self.check_files(label)
            self.server.start()
            self.check_acknowledged(label, acknowledged, created)
            totals["actions"] += len(acknowledged)
            totals["created"] += len(created)
        # The load really ran: a test whose clients never got an answer would prove nothing.
        self.assertGreater(totals["actions"], CYCLES, totals)
        self.assertGreater(totals["created"], 0, totals)
        print("\ncrash loop: %d cycles, %d acknowledged actions and %d new proposals checked, "
              "%.1f s, seed %d" % (CYCLES, totals["actions"], totals["created"],
                                   time.monotonic() - started, SEED), file=sys.stderr)


if __name__ == "__main__":
    args = sys.argv[1:]
    for flag in ("--cycles", "--seed"):
        if flag in args:
            i = args.index(flag)
            value = int(args[i + 1])
            del args[i:i + 2]
            if flag == "--cycles":
                CYCLES = value
            else:
                SEED = value
    unittest.main(argv=[sys.argv[0], *args])
