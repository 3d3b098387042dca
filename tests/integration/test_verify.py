"""`attache verify` over a real database: sound, then tampered with as an attacker would."""
import os
import shutil
import sqlite3
import tempfile
import unittest

from harness import run_cli


def seed_chain(path, n=5):
    """Writes a unit, a user, a proposal and n audit entries straight into the database, hashing
    them by the canonical rule documented in core/audit_chain.h. That the binary accepts them
    also checks that the documented rule is the one the code follows."""
    import hashlib
    import json
    db = sqlite3.connect(path)
    db.execute("INSERT INTO units (code, name_vi, name_en) VALUES ('CVL', 'Cục Việc làm', 'Employment')")
    db.execute("INSERT INTO users (username, display_name, unit_id) VALUES ('lan', 'Lan', 1)")
    db.execute("INSERT INTO workflow_versions (kind, version, sha256, definition) VALUES ('aid', 1, 'x', '{}')")
    prev = "0" * 64
    states = ["draft", "a", "b", "c", "d", "e", "f", "g"]
    db.execute("INSERT INTO proposals (kind, workflow_version, ref, title, unit_id, created_by, state,"
               " state_entered_at, audit_seq, created_at, updated_at) VALUES ('aid', 1, 'VT-2026-0001',"
               " 'Dự án', 1, 1, ?, 't', ?, 't', 't')", (states[n - 1], n))
    for seq in range(1, n + 1):
        frm, to = (states[seq - 2] if seq > 1 else ""), states[seq - 1]
        canonical = json.dumps([seq, "2026-01-01T00:00:00Z", 1, None, 1, "step", frm, to, None, {}],
                               separators=(",", ":"), ensure_ascii=False)
        h = hashlib.sha256((prev + canonical).encode()).hexdigest()
        db.execute("INSERT INTO audit (seq, at, actor, proposal, action, from_state, to_state, payload,"
                   " prev_hash, hash) VALUES (?, '2026-01-01T00:00:00Z', 1, 1, 'step', ?, ?, '{}', ?, ?)",
                   (seq, frm, to, prev, h))
        prev = h
    db.commit()
    db.close()
    return prev


class VerifyCommand(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="attache-verify-")
        self.data = os.path.join(self.tmp, "data")
        self.assertEqual(run_cli("migrate", data=self.data).returncode, 0)
        self.db = os.path.join(self.data, "attache.db")
        self.head = seed_chain(self.db)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_sound_chain_verifies(self):
        r = run_cli("verify", data=self.data)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("5 entries", r.stdout)
        self.assertIn(self.head, r.stdout)

    def test_edited_entry_is_named_and_exit_is_nonzero(self):
        db = sqlite3.connect(self.db)
        with self.assertRaises(sqlite3.IntegrityError):
            db.execute("UPDATE audit SET comment = 'x' WHERE seq = 3")
        db.execute("DROP TRIGGER audit_no_update")
        db.execute("UPDATE audit SET comment = 'x' WHERE seq = 3")
        db.commit()
        db.close()
        r = run_cli("verify", data=self.data)
        self.assertEqual(r.returncode, 1)
        self.assertIn("BROKEN at entry 3", r.stdout)


if __name__ == "__main__":
    unittest.main()
