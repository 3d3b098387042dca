"""A full disk, against the real binary (issue 8, item 2).

The data folder lives on a small tmpfs the test mounts, and the test fills it. While it is full:
changes are answered 503 with a problem body, or 2xx only if they were really stored; reads keep
working; an upload that runs out of space leaves no partial file anywhere. Once space is freed
the server takes changes again by itself, without a restart, and everything that was
acknowledged is there, the chain verifies and SQLite's integrity check passes.

Mounting needs root (or a user namespace where one may mount); without either the test is
skipped and says why."""
import errno
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

import uploads
from fixtures import demo_server
from harness import BIN, run_cli

SIZE_MB = 24


def try_mount(path):
    """Mounts a SIZE_MB tmpfs on path; returns None or why it could not."""
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%dm,mode=0700" % SIZE_MB, "tmpfs", path],
                       capture_output=True, text=True)
    return None if r.returncode == 0 else (r.stderr.strip() or "mount failed")


def fill(path):
    """Writes a file until the filesystem refuses with ENOSPC; returns its name."""
    name = os.path.join(path, "filler")
    fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        for size in (1 << 20, 4096, 1):  # to the last byte
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError as e:
                if e.errno != errno.ENOSPC:
                    raise
    finally:
        os.close(fd)
    return name


def files_under(root):
    return {os.path.relpath(os.path.join(d, n), root) for d, _, names in os.walk(root) for n in names}


class FullDisk(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="attache-disk-")
        self.disk = os.path.join(self.tmp, "disk")
        os.mkdir(self.disk)
        why = try_mount(self.disk)
        if why:
            os.rmdir(self.disk)
            shutil.rmtree(self.tmp)
            self.skipTest("cannot mount a small tmpfs here (%s): run the tests as root" % why)
        self.addCleanup(self.unmount)
        self.server, self.api = demo_server(self, "lan", "hung", data=os.path.join(self.disk, "data"))

    def unmount(self):
        subprocess.run(["umount", "-l", self.disk], check=False)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def create(self, title):
        return self.api.call("lan", "POST", "/api/proposals",
                             {"kind": "outbound_delegation", "title": title,
                              "fields": {"destination_countries": ["JP"], "purpose": "Hợp tác"}})

    def assert_problem(self, r, status):
        self.assertEqual(r.status, status, r.body[:300])
        self.assertTrue(r.headers["content-type"].startswith("application/problem+json"))
        problem = json.loads(r.body)
        self.assertEqual(problem["status"], status)
        self.assertTrue(problem["detail"])

    def query(self, sql):
        db = sqlite3.connect(os.path.join(self.server.data, "attache.db"), timeout=30)
        try:
            return db.execute(sql).fetchall()
        finally:
            db.close()

    def test_a_full_disk_refuses_changes_keeps_reads_and_recovers_by_itself(self):
        acknowledged = {}
        for i in range(5):
            r = self.create("Trước khi đầy %d" % i)
            self.assertEqual(r.status, 201, r.body)
            acknowledged[r.json()["id"]] = "Trước khi đầy %d" % i
        pid = next(iter(acknowledged))
        documents = os.path.join(self.server.data, "documents")
        uploads_dir = os.path.join(self.server.data, "tmp")
        stored_before = files_under(documents)

        filler = fill(self.disk)

        # Changes: each is stored and acknowledged, or refused with 503. The WAL may still have
        # room for a few, so go on until the refusals come.
        refused = 0
        for i in range(400):
            title = "Khi đầy %d — %s" % (i, "x" * 400)
            r = self.create(title)
            if r.status == 201:
                acknowledged[r.json()["id"]] = title
                continue
            self.assert_problem(r, 503)
            if not refused:
                print("\nfull disk: %d changes stored after the disk was filled, then: %s"
                      % (i, r.body.decode()), file=sys.stderr)
            refused += 1
            if refused >= 5:
                break
        self.assertGreaterEqual(refused, 5, "the full disk never refused a change")

        # An upload that runs out of space: 503, and no partial file left behind.
        big = uploads.pdf("lớn " + "y" * (2 << 20))
        body, content_type = uploads.document_form("programme", big)
        r = self.api.call("lan", "POST", "/api/proposals/%d/documents" % pid, raw=body,
                          headers={"Content-Type": content_type})
        self.assert_problem(r, 503)
        self.assertEqual(files_under(documents), stored_before)
        self.assertEqual(files_under(uploads_dir) if os.path.isdir(uploads_dir) else set(), set())

        # Reads keep working, for users who are logged in and for the health check.
        r = self.api.call("lan", "GET", "/api/proposals/%d" % pid)
        self.assertEqual(r.status, 200, r.body[:300])
        r = self.api.call("lan", "GET", "/api/proposals?limit=50")
        self.assertEqual(r.status, 200, r.body[:300])
        r = self.api.call("lan", "GET", "/api/proposals/%d/history" % pid)
        self.assertEqual(r.status, 200, r.body[:300])
        r = self.api.call("lan", "GET", "/")
        self.assertEqual(r.status, 200)
        self.assertIsNone(self.server.proc.poll(), "the server died on a full disk")

        # Space comes back: the server takes changes again by itself.
        os.remove(filler)
        deadline = time.monotonic() + 20
        while True:
            r = self.create("Sau khi giải phóng")
            if r.status == 201 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        self.assertEqual(r.status, 201, r.body[:300])
        acknowledged[r.json()["id"]] = "Sau khi giải phóng"
        body, content_type = uploads.document_form("programme", uploads.pdf("sau khi giải phóng"))
        r = self.api.call("lan", "POST", "/api/proposals/%d/documents" % pid, raw=body,
                          headers={"Content-Type": content_type})
        self.assertEqual(r.status, 201, r.body[:300])

        # Nothing acknowledged was lost, across a restart too.
        self.assertEqual(self.server.stop(), 0)
        self.assertEqual(self.query("PRAGMA integrity_check"), [("ok",)])
        titles = dict(self.query("SELECT id, title FROM proposals"))
        for pid_, title in acknowledged.items():
            self.assertEqual(titles.get(pid_), title, pid_)
        v = run_cli("verify", data=self.server.data)
        self.assertEqual(v.returncode, 0, v.stdout + v.stderr)
        self.server.start()
        r = self.api.call("lan", "GET", "/api/proposals/%d/documents" % pid)
        self.assertEqual(r.status, 200)
        self.assertEqual(len(r.json()), 1)


if __name__ == "__main__":
    unittest.main()
