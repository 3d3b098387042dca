"""Notifications by e-mail, against the real binary, a real SMTP server on loopback (aiosmtpd,
smtp_sink.py) and a clock the test controls (issue 9, item 4 and its "done when").

Users choose: `immediate` (a message for each notification), `digest` (one message a day, from
07:00, of what waits for them) or `none`. The dossier of test_reminders.py is walked again:
each step and each reminder reaches the people it concerns by e-mail exactly once, however
often the scheduler looks; the digest arrives once a day; nothing arrives for `none`; the
subject is encoded Vietnamese and a title cannot add a header."""
import datetime
import os
import unittest

import uploads
from fixtures import OUTBOUND_FIELDS, DemoServerTest, set_clock
from test_mail import Sink, free_port, wait_for


class ReminderMail(DemoServerTest):

    @classmethod
    def setUpClass(cls):
        cls.tmp = cls.temporary_folder("attache-mail-clock-")
        cls.clock = os.path.join(cls.tmp, "now")
        cls.set_time("2027-04-20", 1)  # 08:00 in Hà Nội: before the digest hour
        cls.sink = Sink(free_port(), os.path.join(cls.tmp, "mail"))
        cls.addClassCleanup(cls.sink.stop)
        os.makedirs(cls.sink.out, exist_ok=True)
        cls.server_args = ["--scheduler-interval-ms", "3600000", "--session-idle-s", "2592000",
                           "--session-absolute-s", "2592000", "--smtp-host", "127.0.0.1",
                           "--smtp-port", str(cls.sink.port), "--smtp-starttls", "no",
                           "--mail-from", "attache@molisa.test", "--public-url",
                           "http://attache.molisa.test/", "--mail-retry-base-ms", "100"]
        cls.server_env = {"ATTACHE_TEST_CLOCK_FILE": cls.clock}
        super().setUpClass()
        cls.api.call("admin", "POST", "/api/admin/reminders/run")  # the demo's own, before e-mail
        for user, mode in (("hung", "immediate"), ("mai", "immediate"), ("quang", "immediate"),
                           ("lan", "none"), ("thanh", "digest")):
            r = cls.api.call(user, "PATCH", "/api/me/notification-settings",
                             {"email": user + "@molisa.test", "email_mode": mode})
            assert r.status == 200, r.body

    @classmethod
    def set_time(cls, iso, hour_utc):
        set_clock(cls.clock, iso, hour_utc)

    def sweep(self):
        r = self.api.call("admin", "POST", "/api/admin/reminders/run")
        self.assertEqual(r.status, 200, r.body)

    def mails(self, to=None, about=None):
        out = []
        for envelope, message, raw in self.sink.messages():
            if to and envelope["rcpt_tos"] != [to]:
                continue
            if about and about not in str(message["subject"]):
                continue
            out.append((message, raw))
        return out

    def settle(self):
        """Waits until the outbox has nothing pending (everything queued has been sent)."""
        def empty():
            r = self.api.call("admin", "GET", "/api/admin/mail?status=pending")
            return r.status == 200 and not r.json()["items"]
        wait_for(empty, what="the outbox to empty")

    def act(self, user, pid, action, version, comment=None):
        body = {"action": action, "expected_version": version}
        if comment:
            body["comment"] = comment
        r = self.api.call(user, "POST", "/api/proposals/%d/actions" % pid, body)
        self.assertEqual(r.status, 200, r.body[:400])
        return r.json()

    def test_steps_reminders_and_digests_arrive_once_each(self):
        title = "Đoàn thư điện tử\r\nBcc: spy@evil.test"
        r = self.api.call("lan", "POST", "/api/proposals",
                          {"kind": "outbound_delegation", "title": title, "fields": OUTBOUND_FIELDS})
        self.assertEqual(r.status, 201, r.body)
        pid, ref = r.json()["id"], r.json()["ref"]
        for type_ in ("invitation_letter", "programme"):
            body, content_type = uploads.document_form(type_, uploads.pdf(type_))
            self.api.call("lan", "POST", "/api/proposals/%d/documents" % pid, raw=body,
                          headers={"Content-Type": content_type})
        p = self.api.call("lan", "GET", "/api/proposals/%d" % pid).json()
        p = self.act("lan", pid, "submit", p["version"])
        p = self.act("hung", pid, "endorse", p["version"])
        self.settle()
        # The unit head was told it was his turn, then ICD's officer; once each.
        [(to_hung, raw)] = self.mails("hung@molisa.test", ref)
        self.assertIn("chờ anh/chị xử lý", to_hung["subject"])
        self.assertIn("awaits your action", to_hung["subject"])
        self.assertIn(b"=?utf-8?", raw.split(b"\r\n\r\n", 1)[0].lower())  # encoded, not raw UTF-8
        head = raw.split(b"\r\n\r\n", 1)[0]
        self.assertNotIn(b"\r\nBcc:", head)
        self.assertNotIn(b"spy@evil.test", b"".join(l for l in head.split(b"\r\n") if not l.startswith((b"Subject", b" "))))
        self.assertEqual(len(self.mails("mai@molisa.test", ref)), 1)
        self.assertEqual(self.mails("lan@molisa.test"), [])  # lan chose none
        text = to_hung.get_body(("plain",)).get_content()
        self.assertIn("http://attache.molisa.test/#/proposals/%d" % pid, text)

        # Day by day, looking twice a day, at 06:00 and 10:00 in Hà Nội (23:00 and 03:00 UTC):
        # reminder, overdue notice, escalation, once each; the digest after 07:00 only.
        current = datetime.date(2027, 4, 21)
        while current <= datetime.date(2027, 5, 6):
            self.set_time((current - datetime.timedelta(days=1)).isoformat(), 23)
            self.sweep()
            self.settle()
            self.assertFalse([m for m, _ in self.mails("thanh@molisa.test", current.strftime("%d/%m"))])
            self.set_time(current.isoformat(), 3)
            self.sweep()
            current += datetime.timedelta(days=1)
        self.settle()
        to_mai = [m["subject"] for m, _ in self.mails("mai@molisa.test", ref)]
        self.assertEqual(sum("sắp đến hạn" in s for s in to_mai), 1, to_mai)
        self.assertEqual(sum("đã quá hạn" in s for s in to_mai), 1, to_mai)
        to_quang = [m["subject"] for m, _ in self.mails("quang@molisa.test", ref)]
        self.assertEqual(sum("báo lãnh đạo" in s for s in to_quang), 1, to_quang)
        # The digest: one a day for the leader who chose it, from the day e-mail was set.
        digests = [m for m, _ in self.mails("thanh@molisa.test") if "Việc chờ xử lý" in m["subject"]]
        self.assertEqual(len(digests), 16, [m["subject"] for m in digests])  # 21 April – 6 May
        self.assertEqual(len({m["subject"] for m in digests}), 16)
        self.assertIn("Waiting for you on 2027-05-06", str(digests[-1]["subject"]))
        # Nobody got the same message twice.
        seen = [(tuple(e["rcpt_tos"]), str(m["subject"])) for e, m, _ in self.sink.messages()]
        self.assertEqual(len(seen), len(set(seen)))


if __name__ == "__main__":
    unittest.main()
