"""Backups and restores against the real binary (issue 8, item 7).

`attache backup FILE` runs beside a server under write load from several clients (new
proposals, approval steps, document uploads); the file is restored into a new folder and a
server started on it. Checked: the archive is a tar file `tar` can list; the restored audit
trail is exactly a prefix of the source's (same entries, same hashes: one snapshot), and
writes continued past it; every proposal and document row restored equals the source's for the
same id as of that snapshot; every write acknowledged before the backup started is there;
every document's bytes have their SHA-256; `attache verify` and PRAGMA integrity_check pass;
the restored server serves them. Then the refusals: a non-empty target, and damaged or hostile
archives (a flipped byte in a document, a truncated file, a ../ entry, a symbolic link, a
document missing), which leave the target as it was."""
import hashlib
import io
import os
import shutil
import sqlite3
import tarfile
import tempfile
import threading
import time
import unittest

import uploads
from fixtures import OUTBOUND_FIELDS as FIELDS, Api, demo_data
from harness import Server, run_cli

SEEDED = 20000  # generated proposals: a database big enough that the backup takes a while


def query(db_path, sql, args=()):
    db = sqlite3.connect(db_path, timeout=30)
    try:
        return db.execute(sql, args).fetchall()
    finally:
        db.close()


def sha256_of(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class Load(threading.Thread):
    """One client writing as fast as the server answers until stopped; every acknowledged write
    is recorded with the moment its answer arrived."""

    def __init__(self, api, work):
        super().__init__(daemon=True)
        self.api, self.work = api, work
        self.acked = []  # (monotonic time of the answer, what)
        self.stop = threading.Event()
        self.error = None

    def run(self):
        try:
            n = 0
            while not self.stop.is_set():
                n += 1
                what = self.work(self.api, n)
                if what is not None:
                    self.acked.append((time.monotonic(), what))
        except BaseException as e:  # reported by the test, not lost in the thread
            self.error = e


def create(api, n):
    title = "Đoàn sao lưu %d-%d" % (os.getpid(), n)
    r = api.call("lan", "POST", "/api/proposals",
                 {"kind": "outbound_delegation", "title": title, "fields": FIELDS})
    assert r.status == 201, (r.status, r.body[:300])
    return ("created", r.json()["id"], title)


def stepper(pids):
    known = {}

    def step(api, n):
        pid = pids[n % len(pids)]
        if pid not in known:
            p = api.call("lan", "GET", "/api/proposals/%d" % pid).json()
            known[pid] = (p["state"], p["version"])
        state, version = known[pid]
        user, action = ("lan", "submit") if state == "draft" else ("hung", "return")
        body = {"action": action, "expected_version": version}
        if action == "return":
            body["comment"] = "Bổ sung thông tin"
        r = api.call(user, "POST", "/api/proposals/%d/actions" % pid, body)
        assert r.status == 200, (r.status, r.body[:300])
        p = r.json()
        known[pid] = (p["state"], p["version"])
        return ("step", pid, p["version"], action)
    return step


def uploader(pids):
    def upload(api, n):
        pid = pids[n % len(pids)]
        data = uploads.pdf("Thư mời số %d-%d" % (os.getpid(), n))
        body, content_type = uploads.document_form("invitation_letter", data)
        r = api.call("lan", "POST", "/api/proposals/%d/documents" % pid, raw=body,
                     headers={"Content-Type": content_type})
        assert r.status == 201, (r.status, r.body[:300])
        return ("document", r.json()["id"], hashlib.sha256(data).hexdigest())
    return upload


class BackupUnderLoad(unittest.TestCase):

    def setUp(self):
        self.server = Server()
        self.tmp = tempfile.mkdtemp(prefix="attache-backup-")
        demo_data(self.server.data)
        r = run_cli("seed", "--proposals", str(SEEDED), data=self.server.data, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.server.start()
        self.api = Api(self.server)
        for user in ("lan", "hung"):
            self.api.login(user)

    def tearDown(self):
        self.server.cleanup()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def drafts(self, n, documents=False):
        """New drafts; with their required documents when they are to be submitted."""
        pids = [create(self.api, 1000 + i)[1] for i in range(n)]
        for pid in pids if documents else []:
            for type_ in ("invitation_letter", "programme"):
                body, content_type = uploads.document_form(type_, uploads.pdf("%s %d" % (type_, pid)))
                r = self.api.call("lan", "POST", "/api/proposals/%d/documents" % pid, raw=body,
                                  headers={"Content-Type": content_type})
                self.assertEqual(r.status, 201, r.body)
        return pids

    def test_a_backup_under_write_load_restores_one_consistent_snapshot(self):
        loads = [Load(self.api, create), Load(self.api, stepper(self.drafts(3, documents=True))),
                 Load(self.api, uploader(self.drafts(2)))]
        for load in loads:
            load.start()
        time.sleep(1.0)
        archive = os.path.join(self.tmp, "attache-backup.tar")
        started = time.monotonic()
        backup = run_cli("backup", archive, data=self.server.data, timeout=300)
        finished = time.monotonic()
        time.sleep(0.5)  # writes go on after the snapshot too
        for load in loads:
            load.stop.set()
        for load in loads:
            load.join(timeout=30)
            self.assertFalse(load.is_alive())
            if load.error:
                raise load.error
        self.server.stop()
        self.assertEqual(backup.returncode, 0, backup.stdout + backup.stderr)
        self.assertIn("backed up", backup.stdout)
        self.assertFalse(os.path.exists(archive + ".tmp") or os.path.exists(archive + ".db-tmp"))
        acked = [a for load in loads for a in load.acked]
        during = [what for at, what in acked if started <= at <= finished]
        self.assertTrue(during, "no write was answered while the backup ran: the test proves nothing")
        before = [what for at, what in acked if at < started]

        with tarfile.open(archive) as t:  # a plain tar file
            names = t.getnames()
        self.assertEqual(names[:3], ["manifest.json", "attache.db", "audit-anchors.log"])
        self.assertTrue(all(n.startswith("documents/") for n in names[3:]), names[3:10])

        target = os.path.join(self.tmp, "restored")
        r = run_cli("restore", archive, data=target, timeout=300)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("restored", r.stdout)
        self.assertEqual(sorted(os.listdir(target)), ["attache.db", "audit-anchors.log", "documents"])

        src_db = os.path.join(self.server.data, "attache.db")
        dst_db = os.path.join(target, "attache.db")
        self.assertEqual(query(dst_db, "PRAGMA integrity_check"), [("ok",)])
        # One snapshot: the restored trail is the source's, entry for entry, up to a point, and
        # the source went on past it.
        src_audit = query(src_db, "SELECT * FROM audit ORDER BY seq")
        dst_audit = query(dst_db, "SELECT * FROM audit ORDER BY seq")
        self.assertGreater(len(dst_audit), 0)
        self.assertEqual(dst_audit, src_audit[:len(dst_audit)])
        self.assertGreater(len(src_audit), len(dst_audit))
        # Every restored row is the source's as of the snapshot: equal where the source has not
        # changed it since, an earlier version of it where it has.
        src_rows = {row[0]: row for row in query(src_db, "SELECT * FROM proposals")}
        head = dst_audit[-1][0]
        for row in query(dst_db, "SELECT * FROM proposals"):
            pid, version, audit_seq = row[0], row[11], row[12]
            self.assertIn(pid, src_rows)
            if src_rows[pid][11] == version:
                self.assertEqual(row, src_rows[pid])
            else:
                self.assertLess(version, src_rows[pid][11], pid)
                self.assertLessEqual(audit_seq, head, pid)
        src_docs = {row[0]: row for row in query(src_db, "SELECT * FROM documents")}
        dst_docs = query(dst_db, "SELECT * FROM documents")
        for row in dst_docs:
            self.assertEqual(row, src_docs[row[0]])
        for sha in {row[5] for row in dst_docs}:
            self.assertEqual(sha256_of(os.path.join(target, "documents", sha[:2], sha)), sha)

        # Everything acknowledged before the backup started is there.
        histories = {}
        titles = dict(query(dst_db, "SELECT id, title FROM proposals"))
        doc_sha = {row[0]: row[5] for row in dst_docs}
        for what in before:
            if what[0] == "created":
                self.assertEqual(titles.get(what[1]), what[2], what)
            elif what[0] == "step":
                pid, version, action = what[1:]
                if pid not in histories:
                    histories[pid] = [a for (a,) in query(
                        dst_db, "SELECT action FROM audit WHERE proposal = ? ORDER BY seq", (pid,))]
                self.assertGreaterEqual(len(histories[pid]), version, what)
                self.assertEqual(histories[pid][version - 1], action, what)
            else:
                self.assertEqual(doc_sha.get(what[1]), what[2], what)
        self.assertTrue({w[0] for w in before} >= {"created", "step", "document"}, before[:5])

        v = run_cli("verify", data=target, timeout=120)
        self.assertEqual(v.returncode, 0, v.stdout + v.stderr)
        # A server on the restored folder serves what it restored.
        created = [w for w in before if w[0] == "created"][-1]
        document = [w for w in before if w[0] == "document"][-1]
        with Server(data=target) as restored:
            api = Api(restored)
            p = api.call("lan", "GET", "/api/proposals/%d" % created[1])
            self.assertEqual(p.status, 200, p.body)
            self.assertEqual(p.json()["title"], created[2])
            d = api.call("lan", "GET", "/api/documents/%d" % document[1])
            self.assertEqual(d.status, 200)
            self.assertEqual(hashlib.sha256(d.body).hexdigest(), document[2])
        print("\nbackup under load: %d writes answered before it, %d while it ran (%.2f s), %d "
              "audit entries restored of %d" % (len(before), len(during), finished - started,
                                               len(dst_audit), len(src_audit)))


class Refusals(unittest.TestCase):
    """A backup of a stopped demo folder, then restores that must not happen."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="attache-backup-")
        cls.data = os.path.join(cls.tmp, "data")
        demo_data(cls.data)
        with Server(data=cls.data):  # writes an anchor
            pass
        cls.archive = os.path.join(cls.tmp, "good.tar")
        r = run_cli("backup", cls.archive, data=cls.data)
        assert r.returncode == 0, r.stdout + r.stderr
        with open(cls.archive, "rb") as f:
            cls.bytes = f.read()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def restore(self, blob, target, refused_with=None):
        path = os.path.join(self.tmp, "try.tar")
        with open(path, "wb") as f:
            f.write(blob)
        r = run_cli("restore", path, data=target)
        if refused_with is None:
            return r
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("restore refused", r.stderr)
        self.assertIn(refused_with, r.stderr)
        return r

    def rebuilt(self, change):
        """The good archive re-written entry by entry with Python's tarfile; `change(members)`
        edits the list of (TarInfo, bytes)."""
        members = []
        with tarfile.open(fileobj=io.BytesIO(self.bytes)) as t:
            for m in t.getmembers():
                members.append((m, t.extractfile(m).read()))
        change(members)
        out = io.BytesIO()
        with tarfile.open(fileobj=out, mode="w", format=tarfile.USTAR_FORMAT) as t:
            for m, data in members:
                t.addfile(m, io.BytesIO(data) if data is not None else None)
        return out.getvalue()

    def test_the_good_archive_restores_and_anchors_come_with_it(self):
        target = os.path.join(self.tmp, "good")
        r = self.restore(self.bytes, target)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("1 anchors", r.stdout)
        v = run_cli("verify", data=target)
        self.assertEqual(v.returncode, 0, v.stdout + v.stderr)
        self.assertIn("1 anchors", v.stdout)
        shutil.rmtree(target)

    def test_a_folder_that_is_not_empty_is_refused_and_left_alone(self):
        target = os.path.join(self.tmp, "busy")
        os.makedirs(target)
        with open(os.path.join(target, "notes.txt"), "w") as f:
            f.write("giữ nguyên")
        self.restore(self.bytes, target, refused_with="is not empty")
        self.assertEqual(os.listdir(target), ["notes.txt"])
        # The source folder itself, the likeliest mistake, is refused the same way.
        before = sorted(os.listdir(self.data))
        self.restore(self.bytes, self.data, refused_with="is not empty")
        self.assertEqual(sorted(os.listdir(self.data)), before)
        shutil.rmtree(target)

    def assertRefusedLeavingNothing(self, blob, says):
        missing = os.path.join(self.tmp, "new")
        self.restore(blob, missing, refused_with=says)
        self.assertFalse(os.path.exists(missing))
        empty = os.path.join(self.tmp, "empty")
        os.makedirs(empty)
        self.restore(blob, empty, refused_with=says)
        self.assertEqual(os.listdir(empty), [])
        os.rmdir(empty)

    def test_a_flipped_byte_in_a_document_is_refused(self):
        with tarfile.open(fileobj=io.BytesIO(self.bytes)) as t:
            doc = [m for m in t.getmembers() if m.name.startswith("documents/")][-1]
        blob = bytearray(self.bytes)
        blob[doc.offset_data + doc.size // 2] ^= 0x20
        self.assertRefusedLeavingNothing(bytes(blob), "does not have the SHA-256")

    def test_a_flipped_byte_in_the_database_is_refused(self):
        with tarfile.open(fileobj=io.BytesIO(self.bytes)) as t:
            db = t.getmember("attache.db")
        blob = bytearray(self.bytes)
        blob[db.offset_data + 5000] ^= 0x01
        self.assertRefusedLeavingNothing(bytes(blob), "attache.db does not have the SHA-256")

    def test_a_truncated_file_is_refused(self):
        for cut in (len(self.bytes) // 2, len(self.bytes) - 10240 - 1024, 700):
            self.assertRefusedLeavingNothing(self.bytes[:cut], "truncated")

    def test_a_parent_folder_entry_is_refused(self):
        def add(members):
            evil = tarfile.TarInfo("../escaped.txt")
            evil.size = 4
            members.insert(2, (evil, b"boom"))
        self.assertRefusedLeavingNothing(self.rebuilt(add), "unsafe name: ../escaped.txt")
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "escaped.txt")))

    def test_an_absolute_name_and_a_symbolic_link_are_refused(self):
        def absolute(members):
            evil = tarfile.TarInfo("/tmp/attache-escaped.txt")
            evil.size = 4
            members.append((evil, b"boom"))
        self.assertRefusedLeavingNothing(self.rebuilt(absolute), "unsafe name")

        def link(members):
            evil = tarfile.TarInfo("documents")
            evil.type, evil.linkname = tarfile.SYMTYPE, "/etc"
            members.insert(1, (evil, None))
        self.assertRefusedLeavingNothing(self.rebuilt(link), "not a regular file")

    def test_a_document_missing_from_the_archive_is_refused(self):
        def drop(members):
            del members[-1]  # a document: they come last
        self.assertRefusedLeavingNothing(self.rebuilt(drop), "not in the archive")

    def test_an_entry_twice_is_refused(self):
        for index in (1, -1):  # the database, a document
            def twice(members):
                members.append(members[index])
            self.assertRefusedLeavingNothing(self.rebuilt(twice), "twice")

    def test_a_failed_backup_leaves_no_file(self):
        # A stored document damaged on disk: the backup refuses instead of copying it, and an
        # older backup under the same name stays as it was.
        data = os.path.join(self.tmp, "damaged")
        shutil.copytree(self.data, data)
        docs = os.path.join(data, "documents")
        folder = sorted(os.listdir(docs))[0]
        victim = os.path.join(docs, folder, os.listdir(os.path.join(docs, folder))[0])
        with open(victim, "r+b") as f:
            f.write(b"X")
        archive = os.path.join(self.tmp, "older.tar")
        shutil.copy(self.archive, archive)
        r = run_cli("backup", archive, data=data)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("backup failed", r.stderr)
        self.assertIn("does not hash to its name", r.stderr)
        with open(archive, "rb") as f:
            self.assertEqual(f.read(), self.bytes)
        self.assertFalse(os.path.exists(archive + ".tmp"))
        self.assertFalse(os.path.exists(archive + ".db-tmp"))
        # No database at all.
        r = run_cli("backup", os.path.join(self.tmp, "none.tar"), data=os.path.join(self.tmp, "nowhere"))
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "none.tar")))
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "nowhere")))
        shutil.rmtree(data)
        os.remove(archive)


if __name__ == "__main__":
    unittest.main()
