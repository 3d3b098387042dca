"""E-mail against a real SMTP server on loopback (Debian's aiosmtpd, smtp_sink.py), started by
the test: a test message arrives exactly once with headers Python's email package reads back
(the Vietnamese subject and sender name, multipart/alternative with both parts, the link);
with the relay down the message stays pending with its attempts and error visible to
administrators, and arrives exactly once when the relay is back on the same port; a
permanent refusal ends as failed and can be retried; STARTTLS with a certificate the test
makes, verified by default, with AUTH; and every handler refuses malformed input."""
import email
import email.policy
import glob
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

from harness import Server, request, run_cli

HERE = os.path.dirname(os.path.abspath(__file__))
FROM = "attache@molisa.test"
FROM_NAME = "Attaché – Vụ HTQT"
PUBLIC_URL = "http://attache.molisa.test/"
SUBJECT = "Thư thử của Attaché / Attaché test message"


def sink_python():
    """An interpreter that has aiosmtpd: this one, or Debian's (CTest may run another)."""
    for python in (sys.executable, "/usr/bin/python3"):
        if os.path.exists(python) and subprocess.run(
                [python, "-c", "import aiosmtpd"], capture_output=True).returncode == 0:
            return python
    raise RuntimeError("aiosmtpd is missing: apt-get install python3-aiosmtpd")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout=20, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out waiting for " + what)


class Sink:
    """smtp_sink.py in its own process, on `port`, writing what it receives to `out`."""

    def __init__(self, port, out, *args):
        self.port, self.out = port, out
        self.proc = subprocess.Popen(
            [sink_python(), os.path.join(HERE, "smtp_sink.py"), "--port", str(port), "--out", out, *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if line.strip() != "ready":
            self.proc.kill()
            raise RuntimeError("SMTP sink did not start: %r %s" % (line, self.proc.stderr.read()))

    def messages(self):
        """[(envelope dict, email.message.EmailMessage, raw bytes)] in arrival order."""
        out = []
        for path in sorted(glob.glob(os.path.join(self.out, "*.eml"))):
            with open(path, "rb") as f:
                raw = f.read()
            with open(path[:-4] + ".json") as f:
                envelope = json.load(f)
            out.append((envelope, email.message_from_bytes(raw, policy=email.policy.default), raw))
        return out

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)
        self.proc.stdout.close()
        self.proc.stderr.close()


class MailServer:
    """An attache server with an administrator (admin@molisa.test) and a staff member, sending
    through 127.0.0.1:`smtp_port` with the given extra flags."""

    def __init__(self, smtp_port, *args, env=None, mail=True):
        flags = ["--smtp-host", "127.0.0.1", "--smtp-port", str(smtp_port), "--mail-from", FROM,
                 "--mail-from-name", FROM_NAME, "--public-url", PUBLIC_URL,
                 "--mail-retry-base-ms", "100", *args] if mail else list(args)
        self.server = Server(args=flags, env=env)
        data = self.server.data
        os.makedirs(data, exist_ok=True)
        for cmd in (["unit", "add", "--code", "HTQT", "--name-vi", "Vụ Hợp tác quốc tế",
                     "--name-en", "International Cooperation"],
                    ["user", "add", "--username", "admin", "--display-name", "Nguyễn Văn Quản",
                     "--unit", "HTQT", "--role", "admin", "--email", "admin@molisa.test"],
                    ["user", "add", "--username", "lan", "--display-name", "Nguyễn Thị Lan",
                     "--unit", "HTQT", "--role", "staff"]):
            done = run_cli(*cmd, data=data)
            assert done.returncode == 0, done.stderr
        self.tokens = {}
        for user in ("admin", "lan"):
            self.tokens[user] = run_cli("token", "create", "--user", user, data=data).stdout.strip()
        self.server.start()

    def call(self, method, path, body=None, user="admin", raw=None, headers=None):
        h = {"Authorization": "Bearer " + self.tokens[user], **(headers or {})}
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
        return request(self.server, method, path, body=data, headers=h)

    def outbox(self, status=None):
        r = self.call("GET", "/api/admin/mail" + ("?status=" + status if status else ""))
        assert r.status == 200, r.body
        return r.json()

    def entry(self, mail_id):
        return next(e for e in self.outbox()["items"] if e["id"] == mail_id)

    def send_test(self, to):
        r = self.call("POST", "/api/admin/mail/test", {"to": to})
        assert r.status == 202, r.body
        return r.json()

    def close(self):
        self.server.stop()
        self.server.cleanup()


class Delivery(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="attache-mail-")
        cls.smtp_port = free_port()
        cls.sink = Sink(cls.smtp_port, os.path.join(cls.tmp, "sink"))
        cls.app = MailServer(cls.smtp_port, "--smtp-starttls", "no")

    @classmethod
    def tearDownClass(cls):
        cls.app.close()
        cls.sink.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def arrived_for(self, address):
        return [m for m in self.sink.messages() if m[0]["rcpt_tos"] == [address]]

    def test_the_test_message_arrives_once_with_readable_headers(self):
        queued = self.app.send_test("lan@molisa.test")
        self.assertEqual((queued["status"], queued["kind"], queued["subject"]), ("pending", "test", SUBJECT))
        wait_for(lambda: self.arrived_for("lan@molisa.test"), what="the test message")
        time.sleep(1.0)  # several polls of the outbox later, still one
        arrived = self.arrived_for("lan@molisa.test")
        self.assertEqual(len(arrived), 1)
        envelope, message, raw = arrived[0]
        self.assertEqual(envelope["mail_from"], FROM)
        self.assertFalse(envelope["tls"])

        self.assertEqual(str(message["Subject"]), SUBJECT)
        self.assertIn(b"Subject: =?UTF-8?B?", raw)  # encoded on the wire, not raw UTF-8
        self.assertTrue(all(b < 0x80 for b in raw))
        self.assertTrue(all(len(line) <= 78 for line in raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")))
        self.assertEqual(message["From"].addresses[0].display_name, FROM_NAME)
        self.assertEqual(message["From"].addresses[0].addr_spec, FROM)
        self.assertEqual(message["To"].addresses[0].addr_spec, "lan@molisa.test")
        self.assertIsNotNone(email.utils.parsedate_to_datetime(message["Date"]))
        self.assertEqual(message["Auto-Submitted"], "auto-generated")
        self.assertEqual(message.get_content_type(), "multipart/alternative")
        parts = {p.get_content_type(): p.get_content() for p in message.iter_parts()}
        self.assertEqual(sorted(parts), ["text/html", "text/plain"])
        link = PUBLIC_URL + "#/admin?tab=mail"
        text, html = parts["text/plain"], parts["text/html"]
        self.assertIn(link, text)
        self.assertIn('href="%s"' % link, html)
        self.assertIn("Nguyễn Văn Quản", text)  # who sent it, in both languages
        self.assertLess(text.index("Quản trị viên"), text.index("Administrator"))
        self.assertNotIn("<script", html)

        sent = self.app.entry(queued["id"])
        self.assertEqual((sent["status"], sent["attempts"], sent["last_error"]), ("sent", 1, None))
        self.assertEqual("<%s>" % sent["message_id"], message["Message-ID"])
        self.assertIsNotNone(sent["sent_at"])
        self.assertIsNone(sent["next_attempt_at"])

    def test_a_permanent_refusal_ends_as_failed_and_can_be_retried(self):
        queued = self.app.send_test("reject-me@molisa.test")
        failed = wait_for(lambda: [e for e in self.app.outbox("failed")["items"] if e["id"] == queued["id"]],
                          what="the refusal")[0]
        self.assertEqual(failed["attempts"], 1)
        self.assertIn("550 5.1.1 no such mailbox", failed["last_error"])
        self.assertIsNone(failed["next_attempt_at"])
        time.sleep(0.5)
        self.assertEqual(self.app.entry(queued["id"])["attempts"], 1)  # not retried on its own

        retried = self.app.call("POST", "/api/admin/mail/%d/retry" % queued["id"])
        self.assertEqual(retried.status, 200, retried.body)
        wait_for(lambda: self.app.entry(queued["id"])["attempts"] == 2, what="the retry")
        again = wait_for(lambda: self.app.entry(queued["id"])["status"] == "failed" and self.app.entry(queued["id"]))
        self.assertIsNotNone(again["retried_at"])
        self.assertEqual(self.arrived_for("reject-me@molisa.test"), [])

    def test_a_temporary_refusal_is_retried(self):
        queued = self.app.send_test("busy@molisa.test")
        entry = wait_for(lambda: (e := self.app.entry(queued["id"]))["attempts"] >= 2 and e, what="two attempts")
        self.assertEqual(entry["status"], "pending")
        self.assertIn("451 4.3.0 try again later", entry["last_error"])
        self.assertGreater(entry["next_attempt_at"], entry["created_at"])

    def test_retry_answers(self):
        queued = self.app.send_test("lan2@molisa.test")
        wait_for(lambda: self.app.entry(queued["id"])["status"] == "sent", what="sent")
        r = self.app.call("POST", "/api/admin/mail/%d/retry" % queued["id"])
        self.assertEqual(r.status, 409)
        self.assertEqual(r.headers["content-type"], "application/problem+json; charset=utf-8")
        for path in ("/api/admin/mail/999999/retry", "/api/admin/mail/abc/retry", "/api/admin/mail/0/retry",
                     "/api/admin/mail/-1/retry"):
            self.assertEqual(self.app.call("POST", path).status, 404, path)
        self.assertEqual(self.app.call("POST", "/api/admin/mail/%d/retry" % queued["id"], user="lan").status, 403)

    def test_the_list_pages_newest_first_and_filters_by_status(self):
        ids = [self.app.send_test("page%d@molisa.test" % i)["id"] for i in range(5)]
        wait_for(lambda: all(self.app.entry(i)["status"] == "sent" for i in ids), what="five sent")
        seen, cursor = [], None
        while True:
            r = self.app.call("GET", "/api/admin/mail?status=sent&limit=2" + ("&cursor=" + cursor if cursor else ""))
            self.assertEqual(r.status, 200, r.body)
            page = r.json()
            self.assertLessEqual(len(page["items"]), 2)
            seen += [e["id"] for e in page["items"]]
            self.assertTrue(all(e["status"] == "sent" for e in page["items"]))
            cursor = page["next_cursor"]
            if cursor is None:
                break
        self.assertEqual(seen, sorted(seen, reverse=True))
        self.assertTrue(set(ids) <= set(seen))
        listing = self.app.outbox()
        self.assertTrue(listing["enabled"])
        self.assertGreaterEqual(listing["counts"]["sent"], 5)
        self.assertEqual(listing["counts"]["sent"], len(self.app.outbox("sent")["items"]))

    def test_malformed_input(self):
        call = self.app.call
        cases = [
            ("bad JSON", call("POST", "/api/admin/mail/test", raw=b'{"to": ', headers={"Content-Type": "application/json"}), 400),
            ("not UTF-8", call("POST", "/api/admin/mail/test", raw=b'{"to": "\xff@b.c"}', headers={"Content-Type": "application/json"}), 400),
            ("no to", call("POST", "/api/admin/mail/test", {}), 422),
            ("to not a string", call("POST", "/api/admin/mail/test", {"to": 5}), 422),
            ("unknown member", call("POST", "/api/admin/mail/test", {"to": "a@b.c", "bcc": "x@y.z"}), 422),
            ("CR/LF in to", call("POST", "/api/admin/mail/test", {"to": "a@b.c\r\nRCPT TO:<x@y.z>"}), 422),
            ("LF in to", call("POST", "/api/admin/mail/test", {"to": "a@b.c\nBcc: x@y.z"}), 422),
            ("angle brackets", call("POST", "/api/admin/mail/test", {"to": "<a@b.c>"}), 422),
            ("two addresses", call("POST", "/api/admin/mail/test", {"to": "a@b.c, d@e.f"}), 422),
            ("long", call("POST", "/api/admin/mail/test", {"to": "a" * 300 + "@b.c"}), 422),
            ("oversized", call("POST", "/api/admin/mail/test", {"to": "a@b.c", "x": "y" * 8000}), 413),
            ("wrong type", call("POST", "/api/admin/mail/test", raw=b"to=a@b.c",
                                headers={"Content-Type": "application/x-www-form-urlencoded"}), 415),
            ("array", call("POST", "/api/admin/mail/test", ["a@b.c"]), 422),
            ("staff", call("POST", "/api/admin/mail/test", {"to": "a@b.c"}, user="lan"), 403),
            ("list staff", call("GET", "/api/admin/mail", user="lan"), 403),
            ("bad status", call("GET", "/api/admin/mail?status=lost"), 422),
            ("bad limit", call("GET", "/api/admin/mail?limit=0"), 422),
            ("big limit", call("GET", "/api/admin/mail?limit=201"), 422),
            ("bad cursor", call("GET", "/api/admin/mail?cursor=abc"), 422),
            ("unknown parameter", call("GET", "/api/admin/mail?colour=red"), 422),
            ("bad escape", call("GET", "/api/admin/mail?status=%ZZ"), 400),
            ("retry with a body", call("POST", "/api/admin/mail/1/retry", {"x": 1}), 422),
            ("retry with a big body", call("POST", "/api/admin/mail/1/retry", {"x": "y" * 8000}), 413),
        ]
        for what, r, status in cases:
            with self.subTest(what):
                self.assertEqual(r.status, status, r.body[:300])
                self.assertEqual(r.headers["content-type"], "application/problem+json; charset=utf-8")
        r = call("POST", "/api/admin/mail/test", {"to": "a@b.c\r\nRCPT TO:<x@y.z>"}).json()
        self.assertEqual(r["errors"][0]["field"], "to")
        self.assertTrue(r["errors"][0]["message"] and r["errors"][0]["message_en"])

    def test_user_add_stores_the_email_address(self):
        db = sqlite3.connect("file:%s?mode=ro" % os.path.join(self.app.server.data, "attache.db"), uri=True)
        try:
            rows = dict(db.execute("SELECT username, email FROM users").fetchall())
        finally:
            db.close()
        self.assertEqual(rows, {"admin": "admin@molisa.test", "lan": None})
        done = run_cli("user", "add", "--username", "x", "--display-name", "X", "--unit", "HTQT",
                       "--role", "staff", "--email", "x@y.z\r\nBcc: a@b.c", data=self.app.server.data)
        self.assertEqual(done.returncode, 1)
        self.assertIn("e-mail address", done.stderr)


class RelayDown(unittest.TestCase):
    def test_pending_while_the_relay_is_down_then_sent_exactly_once(self):
        tmp = tempfile.mkdtemp(prefix="attache-mail-down-")
        port = free_port()  # nothing listens here yet
        app = MailServer(port, "--smtp-starttls", "no")
        sink = None
        try:
            queued = app.send_test("lan@molisa.test")
            entry = wait_for(lambda: (e := app.entry(queued["id"]))["attempts"] >= 2 and e, what="two attempts")
            self.assertEqual(entry["status"], "pending")
            self.assertIn("cannot connect", entry["last_error"])
            self.assertIsNotNone(entry["next_attempt_at"])
            self.assertEqual(app.outbox("pending")["counts"]["pending"], 1)

            sink = Sink(port, os.path.join(tmp, "sink"))
            wait_for(sink.messages, timeout=30, what="the message after the relay came back")
            time.sleep(1.0)
            arrived = sink.messages()
            self.assertEqual(len(arrived), 1)
            self.assertEqual(str(arrived[0][1]["Subject"]), SUBJECT)
            sent = wait_for(lambda: (e := app.entry(queued["id"]))["status"] == "sent" and e)
            self.assertGreaterEqual(sent["attempts"], 3)
            self.assertEqual("<%s>" % sent["message_id"], arrived[0][1]["Message-ID"])
        finally:
            app.close()
            if sink:
                sink.stop()
            shutil.rmtree(tmp, ignore_errors=True)

    def test_a_message_pending_at_shutdown_is_sent_after_the_next_start(self):
        tmp = tempfile.mkdtemp(prefix="attache-mail-restart-")
        port = free_port()
        app = MailServer(port, "--smtp-starttls", "no")
        sink = None
        try:
            queued = app.send_test("lan@molisa.test")
            wait_for(lambda: app.entry(queued["id"])["attempts"] >= 1, what="an attempt")
            self.assertEqual(app.server.stop(), 0)
            sink = Sink(port, os.path.join(tmp, "sink"))
            app.server.start()
            wait_for(sink.messages, timeout=30, what="the message after the restart")
            time.sleep(0.5)
            self.assertEqual(len(sink.messages()), 1)
        finally:
            app.close()
            if sink:
                sink.stop()
            shutil.rmtree(tmp, ignore_errors=True)


class StartTls(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="attache-mail-tls-")
        cls.cert, cls.key = os.path.join(cls.tmp, "cert.pem"), os.path.join(cls.tmp, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", cls.key,
                        "-out", cls.cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                        "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
        cls.port = free_port()
        cls.sink = Sink(cls.port, os.path.join(cls.tmp, "sink"), "--tls-cert", cls.cert, "--tls-key", cls.key,
                        "--auth", "attache:mật-khẩu-thư")
        cls.password_file = os.path.join(cls.tmp, "smtp-password")
        with open(cls.password_file, "w", encoding="utf-8") as f:
            f.write("mật-khẩu-thư\n")

    @classmethod
    def tearDownClass(cls):
        cls.sink.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_starttls_with_the_certificate_trusted_and_auth(self):
        app = MailServer(self.port, "--smtp-starttls", "yes", "--smtp-ca-file", self.cert,
                         "--smtp-user", "attache", "--smtp-password-file", self.password_file)
        try:
            queued = app.send_test("tls@molisa.test")
            wait_for(lambda: app.entry(queued["id"])["status"] == "sent", what="sent over TLS")
            arrived = [m for m in self.sink.messages() if m[0]["rcpt_tos"] == ["tls@molisa.test"]]
            self.assertEqual(len(arrived), 1)
            envelope, message, _ = arrived[0]
            self.assertTrue(envelope["tls"])
            self.assertEqual(envelope["auth"], "attache")
            self.assertEqual(str(message["Subject"]), SUBJECT)
            # The password is in neither the command line nor the log.
            self.assertNotIn("mật-khẩu-thư", " ".join(app.server.proc.args))
            self.assertNotIn("mật-khẩu-thư", app.server.stderr())
        finally:
            app.close()

    def test_an_untrusted_certificate_is_refused_by_default(self):
        app = MailServer(self.port, "--smtp-starttls", "yes", "--smtp-user", "attache",
                         env={"ATTACHE_SMTP_PASSWORD": "mật-khẩu-thư"})
        try:
            queued = app.send_test("untrusted@molisa.test")
            entry = wait_for(lambda: (e := app.entry(queued["id"]))["attempts"] >= 1 and e["last_error"] and e,
                             what="an attempt")
            self.assertEqual(entry["status"], "pending")
            self.assertIn("certificate is not trusted", entry["last_error"])
            self.assertEqual([m for m in self.sink.messages() if m[0]["rcpt_tos"] == ["untrusted@molisa.test"]], [])
        finally:
            app.close()

    def test_auth_is_not_sent_in_clear(self):
        app = MailServer(self.port, "--smtp-starttls", "no", "--smtp-user", "attache",
                         "--smtp-password-file", self.password_file)
        try:
            queued = app.send_test("clear@molisa.test")
            entry = wait_for(lambda: (e := app.entry(queued["id"]))["attempts"] >= 1 and e["last_error"] and e,
                             what="an attempt")
            self.assertEqual(entry["status"], "pending")
            self.assertIn("without TLS", entry["last_error"])
        finally:
            app.close()


class MailOff(unittest.TestCase):
    def test_without_smtp_host_nothing_is_queued(self):
        app = MailServer(0, mail=False)
        try:
            r = app.call("POST", "/api/admin/mail/test", {"to": "lan@molisa.test"})
            self.assertEqual(r.status, 409)
            self.assertIn("--smtp-host", r.json()["detail"])
            listing = app.outbox()
            self.assertFalse(listing["enabled"])
            self.assertEqual(listing["items"], [])
            self.assertEqual(app.call("POST", "/api/admin/mail/1/retry").status, 409)
        finally:
            app.close()

    def test_bad_mail_flags_stop_the_server_with_a_clear_message(self):
        with tempfile.TemporaryDirectory(prefix="attache-mail-flags-") as data:
            for args, message in ((["--smtp-host", "127.0.0.1"], "--mail-from"),
                                  (["--smtp-password", "x"], "unknown option --smtp-password"),
                                  (["--smtp-host", "h", "--mail-from", "a@b.c", "--smtp-user", "u"], "needs a password")):
                done = run_cli("serve", "--listen", "127.0.0.1:0", *args, data=data)
                self.assertEqual(done.returncode, 2, args)
                self.assertIn(message, done.stderr)


if __name__ == "__main__":
    unittest.main()
