"""Start-up, configuration errors, migrations, the command line and graceful shutdown."""
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time
import unittest

from harness import BIN, SOURCE, Server, parse_status, request, run_cli


class ConfigurationErrors(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="attache-cfg-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def assertRefused(self, args, message):
        r = subprocess.run([BIN, *args], capture_output=True, text=True, timeout=30)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn(message, r.stderr)
        self.assertTrue(r.stderr.startswith("attache: "), r.stderr)

    def test_bad_port(self):
        data = os.path.join(self.tmp, "d")
        self.assertRefused(["serve", "--data", data, "--listen", "127.0.0.1:70000"], "port")
        self.assertRefused(["serve", "--data", data, "--listen", "nonsense"], "ADDRESS:PORT")
        self.assertRefused(["serve", "--data", data, "--listen", "999.1.1.1:8080"], "not an IP address")

    def test_bad_environment_value(self):
        r = subprocess.run([BIN, "serve", "--data", os.path.join(self.tmp, "d")], capture_output=True,
                           text=True, timeout=30, env=dict(os.environ, ATTACHE_THREADS="zero"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("--threads", r.stderr)

    def test_data_folder_is_a_file(self):
        path = os.path.join(self.tmp, "file")
        with open(path, "w") as f:
            f.write("x")
        self.assertRefused(["serve", "--data", path], "is a file")

    def test_data_folder_cannot_be_written(self):
        if os.geteuid() == 0:
            target = "/proc/attache-data"  # root may write anywhere else
        else:
            target = os.path.join(self.tmp, "ro")
            os.mkdir(target)
            os.chmod(target, 0o500)
        self.assertRefused(["serve", "--data", target], "data folder")

    def test_missing_web_folder(self):
        self.assertRefused(["serve", "--data", os.path.join(self.tmp, "d"), "--web",
                            os.path.join(self.tmp, "nope")], "web folder")

    def test_unknown_option_and_command(self):
        self.assertRefused(["serve", "--nope"], "unknown option --nope")
        self.assertRefused(["frobnicate"], "unknown command")

    def test_address_in_use(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            s.listen()
            port = s.getsockname()[1]
            r = subprocess.run([BIN, "serve", "--data", os.path.join(self.tmp, "d"), "--listen",
                                "127.0.0.1:%d" % port], capture_output=True, text=True, timeout=30)
            self.assertNotEqual(r.returncode, 0)
            self.assertIn("cannot listen", r.stderr)


class Migrations(unittest.TestCase):
    def test_edited_migration_stops_startup_naming_the_file(self):
        tmp = tempfile.mkdtemp(prefix="attache-mig-")
        try:
            schema = os.path.join(tmp, "schema")
            shutil.copytree(os.path.join(SOURCE, "schema"), schema)
            data = os.path.join(tmp, "data")
            r = run_cli("migrate", "--schema", schema, data=data)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("migrations applied", r.stdout)
            r = run_cli("migrate", "--schema", schema, data=data)
            self.assertIn("migrations applied: 0", r.stdout)
            with open(os.path.join(schema, "migrations", "0001_units.sql"), "a") as f:
                f.write("\n-- an innocent-looking edit\n")
            r = run_cli("migrate", "--schema", schema, data=data)
            self.assertEqual(r.returncode, 1)
            self.assertIn("0001_units.sql", r.stderr)
            r = subprocess.run([BIN, "serve", "--data", data, "--schema", schema, "--listen",
                                "127.0.0.1:0"], capture_output=True, text=True, timeout=30)
            self.assertEqual(r.returncode, 1)
            self.assertIn("0001_units.sql", r.stderr)
            self.assertIn("edited", r.stderr)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


class CommandLine(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="attache-cli-")
        self.data = os.path.join(self.tmp, "data")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_unit_add_and_list(self):
        r = run_cli("unit", "add", "--code", "HTQT", "--name-vi", "Vụ Hợp tác quốc tế", "--name-en",
                    "International Cooperation Department", data=self.data)
        self.assertEqual(r.returncode, 0, r.stderr)
        r = run_cli("unit", "add", "--code", "HTQT", "--name-vi", "x", "--name-en", "y", data=self.data)
        self.assertEqual(r.returncode, 1)
        self.assertIn("exists", r.stderr)
        r = run_cli("unit", "add", "--code", "X", data=self.data)
        self.assertEqual(r.returncode, 2)
        r = run_cli("unit", "list", data=self.data)
        self.assertIn("HTQT\tVụ Hợp tác quốc tế\tInternational Cooperation Department", r.stdout)

    def test_seed_demo_is_idempotent(self):
        r = run_cli("seed-demo", data=self.data)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("demo data loaded", r.stdout)
        first = run_cli("unit", "list", data=self.data).stdout
        self.assertIn("Vụ Hợp tác quốc tế", first)
        r = run_cli("seed-demo", data=self.data)
        self.assertIn("already present", r.stdout)
        self.assertEqual(run_cli("unit", "list", data=self.data).stdout, first)

    def test_version_and_help(self):
        self.assertRegex(run_cli("version").stdout, r"^attache \d+\.\d+\.\d+")
        self.assertIn("attache serve", run_cli("help").stdout)


class GracefulShutdown(unittest.TestCase):
    def test_sigterm_exits_0_after_finishing_a_request_in_flight(self):
        server = Server(args=["--shutdown-grace-ms", "5000"]).start()
        try:
            idle = socket.create_connection(("127.0.0.1", server.port), timeout=5)
            busy = socket.create_connection(("127.0.0.1", server.port), timeout=5)
            busy.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # a request begun
            time.sleep(0.2)
            server.send_signal(signal.SIGTERM)
            time.sleep(0.3)
            self.assertEqual(idle.recv(100), b"")  # idle keep-alive connection closed at once
            self.assertIsNone(server.proc.poll())  # still finishing the request in flight
            busy.sendall(b"\r\n")
            data = b""
            while True:
                chunk = busy.recv(65536)
                if not chunk:
                    break
                data += chunk
            self.assertEqual(parse_status(data), 200)
            self.assertIn(b"Connection: close", data)
            self.assertEqual(server.proc.wait(timeout=10), 0)
            idle.close()
            busy.close()
            # New connections are refused once shutdown has begun.
            with self.assertRaises(OSError):
                socket.create_connection(("127.0.0.1", server.port), timeout=2)
        finally:
            server.stop()
            server.cleanup()

    def test_grace_period_is_bounded(self):
        server = Server(args=["--shutdown-grace-ms", "500"]).start()
        try:
            stuck = socket.create_connection(("127.0.0.1", server.port), timeout=5)
            stuck.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # never finished
            time.sleep(0.1)
            started = time.monotonic()
            server.send_signal(signal.SIGINT)
            self.assertEqual(server.proc.wait(timeout=10), 0)
            self.assertLess(time.monotonic() - started, 3)
            stuck.close()
        finally:
            server.cleanup()

    def test_no_committed_write_is_lost_and_wal_is_checkpointed(self):
        server = Server().start()
        try:
            errors = []

            def add(i):
                r = run_cli("unit", "add", "--code", "U%03d" % i, "--name-vi", "Đơn vị %d" % i,
                            "--name-en", "Unit %d" % i, data=server.data)
                if r.returncode != 0:
                    errors.append(r.stderr)

            threads = [threading.Thread(target=add, args=(i,)) for i in range(20)]
            for t in threads:
                t.start()
            # Keep the server busy reading while the writes commit.
            for _ in range(20):
                self.assertEqual(request(server, "GET", "/readyz").status, 200)
            for t in threads:
                t.join()
            self.assertEqual(errors, [])
            self.assertEqual(server.stop(), 0)
            wal = os.path.join(server.data, "attache.db-wal")
            self.assertTrue(not os.path.exists(wal) or os.path.getsize(wal) == 0)
            db = sqlite3.connect(os.path.join(server.data, "attache.db"))
            self.assertEqual(db.execute("SELECT count(*) FROM units").fetchone()[0], 20)
            self.assertEqual(db.execute("PRAGMA integrity_check").fetchone()[0], "ok")
            db.close()
            self.assertIn('"event":"shutdown"', server.stderr())
        finally:
            server.cleanup()

    def test_restart_keeps_the_data(self):
        tmp = tempfile.mkdtemp(prefix="attache-restart-")
        try:
            data = os.path.join(tmp, "data")
            self.assertEqual(run_cli("seed-demo", data=data).returncode, 0)
            with Server(data=data) as s:
                self.assertEqual(request(s, "GET", "/readyz").status, 200)
            self.assertIn("HTQT", run_cli("unit", "list", data=data).stdout)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
