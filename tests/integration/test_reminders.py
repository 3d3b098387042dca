"""Deadlines that act, against the real binary with a clock the test controls (issue 9).

The server reads its time from a file (ATTACHE_TEST_CLOCK_FILE); the test moves it a day at a
time and asks the scheduler to look (POST /api/admin/reminders/run, which the background tick
also does every --scheduler-interval-ms). Dates are in 2027, whose holidays (schema/holidays/
vn-2027.json) include Friday 30 April and Monday 3 May (1 May falls on a Saturday).

- A dossier left at ICD review (7 working days) gets its reminder two working days before the
  deadline, its overdue notice the day after, and its escalation to ICD's head once it is two
  working days late, which the holidays push from Monday 3 to Wednesday 5 May; each once.
- Every step tells the people whose turn it is, and the submitter when it is returned.
- A delegation's report reminder arrives the day after its return, and the overdue notice the
  day after the 15-day deadline.
- Notifications: unread first, marking read, the unread count, and nobody sees another's."""
import datetime
import json
import os
import unittest

import uploads
from fixtures import OUTBOUND_FIELDS, DemoServerTest, set_clock
from seeding import create_proposal

FIELDS = OUTBOUND_FIELDS


def day(iso):
    return datetime.date.fromisoformat(iso)


class Reminders(DemoServerTest):
    server_args = ["--scheduler-interval-ms", "60000", "--session-idle-s", "2592000",
                   "--session-absolute-s", "2592000"]

    @classmethod
    def setUpClass(cls):
        cls.tmp = cls.temporary_folder("attache-clock-")
        cls.clock = os.path.join(cls.tmp, "now")
        cls.set_day("2027-04-20")
        cls.server_env = {"ATTACHE_TEST_CLOCK_FILE": cls.clock}
        super().setUpClass()

    @classmethod
    def set_day(cls, iso, hour_utc=2):
        """09:00 in Hà Nội on that day."""
        set_clock(cls.clock, iso, hour_utc)

    def sweep(self):
        r = self.api.call("admin", "POST", "/api/admin/reminders/run")
        self.assertEqual(r.status, 200, r.body)
        return r.json()

    def notifications(self, user, proposal=None):
        r = self.api.call(user, "GET", "/api/notifications?limit=200")
        self.assertEqual(r.status, 200, r.body)
        items = r.json()["items"]
        return [n for n in items if proposal is None or (n["proposal"] or {}).get("id") == proposal]

    def kinds(self, user, proposal):
        return sorted(n["kind"] for n in self.notifications(user, proposal))

    def act(self, user, pid, action, version, comment=None):
        body = {"action": action, "expected_version": version}
        if comment:
            body["comment"] = comment
        r = self.api.call(user, "POST", "/api/proposals/%d/actions" % pid, body)
        self.assertEqual(r.status, 200, r.body[:400])
        return r.json()

    def draft(self, title):
        r = self.api.call("lan", "POST", "/api/proposals",
                          {"kind": "outbound_delegation", "title": title, "fields": FIELDS})
        self.assertEqual(r.status, 201, r.body)
        pid = r.json()["id"]
        for type_ in ("invitation_letter", "programme"):
            body, content_type = uploads.document_form(type_, uploads.pdf(title + type_))
            r = self.api.call("lan", "POST", "/api/proposals/%d/documents" % pid, raw=body,
                              headers={"Content-Type": content_type})
            self.assertEqual(r.status, 201, r.body)
        return pid, self.api.call("lan", "GET", "/api/proposals/%d" % pid).json()["version"]

    def test_icd_review_reminder_overdue_and_escalation_fall_on_working_days(self):
        self.set_day("2027-04-20")
        pid, version = self.draft("Đoàn thử nhắc hạn")
        p = self.act("lan", pid, "submit", version)
        self.assertIn("turn", self.kinds("hung", pid))  # the unit head's turn
        p = self.act("hung", pid, "endorse", p["version"])
        self.assertEqual(p["state"], "icd_review")
        # 7 working days from Tuesday 20 April: 21, 22, 23, 26, 27, 28, 29.
        self.assertEqual(p["due_at"], "2027-04-29")
        self.assertIn("turn", self.kinds("mai", pid))  # ICD's officers are told it is theirs
        self.assertNotIn("turn", self.kinds("hung", pid)[1:])  # not told of his own step again

        seen = {}  # (user, kind) -> the day it first appeared
        current = day("2027-04-20")
        while current <= day("2027-05-07"):
            self.set_day(current.isoformat())
            self.sweep()
            self.sweep()  # a second look the same day raises nothing twice
            for user in ("mai", "quang"):
                for n in self.notifications(user, pid):
                    seen.setdefault((user, n["kind"]), current.isoformat())
            current += datetime.timedelta(days=1)
        # Two working days before the deadline: Tuesday 27 April (not Monday 26).
        self.assertEqual(seen.get(("mai", "due_soon")), "2027-04-27")
        # The first day after it.
        self.assertEqual(seen.get(("mai", "overdue")), "2027-04-30")
        # Two working days late: 30 April and 3 May are holidays, 1–2 May a weekend.
        self.assertEqual(seen.get(("quang", "escalation")), "2027-05-05")
        self.assertNotIn(("mai", "escalation"), seen)  # escalation goes to the head
        for kind in ("due_soon", "overdue"):
            self.assertEqual(self.kinds("mai", pid).count(kind), 1, kind)
        self.assertEqual(self.kinds("quang", pid).count("escalation"), 1)
        escalation = [n for n in self.notifications("quang", pid) if n["kind"] == "escalation"][0]
        self.assertIn("quá hạn 2 ngày làm việc", escalation["text"]["vi"])
        self.assertIn("2 working days overdue", escalation["text"]["en"])

        # It shows on the dashboard's overdue table as escalated.
        dashboard = self.api.call("quang", "GET", "/api/dashboard").json()
        cvl = [u for u in dashboard["overdue_by_unit"] if u["unit"]["code"] == "CVL"][0]
        self.assertGreaterEqual(cvl["escalated"], 1)
        self.assertLessEqual(cvl["escalated"], cvl["count"])
        # Moving on clears the open reminders; nothing is raised again for the old step.
        p = self.api.call("mai", "GET", "/api/proposals/%d" % pid).json()
        self.act("mai", pid, "return", p["version"], comment="Bổ sung chương trình")
        self.assertIn("returned", self.kinds("lan", pid))
        result = self.sweep()
        self.assertGreaterEqual(result["cleared"], 2)  # its overdue notice and escalation
        dashboard = self.api.call("quang", "GET", "/api/dashboard").json()
        after = [u for u in dashboard["overdue_by_unit"] if u["unit"]["code"] == "CVL"]
        self.assertEqual(after[0]["escalated"] if after else 0, cvl["escalated"] - 1)
        before = len(self.notifications("mai", pid))
        self.sweep()
        self.assertEqual(len(self.notifications("mai", pid)), before)

    def test_a_delegations_report_is_asked_for_the_day_after_return_and_then_overdue(self):
        pid = create_proposal(self.server.data, state="in_progress", title="Đoàn đã về",
                              fields=dict(FIELDS, depart_on="2027-04-19", return_on="2027-04-23"),
                              starts_on="2027-04-19", ends_on="2027-04-23")
        seen = {}
        current = day("2027-04-21")
        while current <= day("2027-05-12"):
            self.set_day(current.isoformat())
            self.sweep()
            for n in self.notifications("lan", pid):
                seen.setdefault(n["kind"], current.isoformat())
            current += datetime.timedelta(days=1)
        self.assertEqual(seen.get("report_due"), "2027-04-24")  # the day after return
        self.assertEqual(seen.get("report_overdue"), "2027-05-09")  # 15 days after return, passed
        self.assertEqual(self.kinds("lan", pid).count("report_due"), 1)
        self.assertEqual(self.kinds("lan", pid).count("report_overdue"), 1)
        self.assertIn("report_due", self.kinds("hung", pid))  # the unit's head too

    def test_the_other_reminders_each_fire_once_on_their_day(self):
        """Consultations, aid, agreements and deputies: each rule on the day it should, once."""
        ids = {u["username"]: u["id"] for u in self.api.call("admin", "GET", "/api/users").json()}
        # Aid approved on 31 August 2026 with 183 days to start: due 2 March 2027, so late on the
        # first day looked at.
        aid = create_proposal(self.server.data, kind="aid", state="approved", title="Viện trợ chưa triển khai",
                              fields={"approved_on": "2026-08-31"}, due_on="2027-03-02")
        # An agreement in force until 15 June 2027: 90 days before is 17 March, 30 days 16 May.
        agreement = create_proposal(self.server.data, kind="agreement", state="in_force",
                                    title="Bản ghi nhớ sắp hết hạn", fields={"expires_on": "2027-06-15"},
                                    ends_on="2027-06-15")
        # A consultation asked of Foreign Affairs, due 12 March 2027.
        self.set_day("2027-03-01")
        self.api.sessions.clear()
        consulted = create_proposal(self.server.data, state="consultation", title="Đoàn chờ ý kiến")
        r = self.api.call("mai", "POST", "/api/proposals/%d/consultations" % consulted,
                          {"body": "Bộ Ngoại giao", "due_on": "2027-03-12"})
        self.assertEqual(r.status, 201, r.body)
        # The leader's deputy until 20 March 2027.
        r = self.api.call("thanh", "POST", "/api/authorisations",
                          {"deputy_id": ids["quang"], "starts_on": "2027-03-01", "ends_on": "2027-03-20",
                           "reason": "Công tác nước ngoài"})
        self.assertEqual(r.status, 201, r.body)
        seen = {}
        # The days around each rule's (sessions last 30 days at most, so log in again each day).
        for current in ("2027-03-10", "2027-03-12", "2027-03-13", "2027-03-16", "2027-03-17", "2027-03-18",
                        "2027-03-19", "2027-03-20", "2027-05-15", "2027-05-16", "2027-05-17"):
            self.set_day(current)
            self.api.sessions.clear()
            self.sweep()
            for user in ("lan", "mai", "quang", "thanh", "hung"):
                for n in self.notifications(user):
                    key = (user, n["kind"], (n["proposal"] or {}).get("id"))
                    seen.setdefault(key, current)
        self.assertEqual(seen.get(("mai", "consultation_overdue", consulted)), "2027-03-13")
        self.assertEqual(seen.get(("thanh", "authorisation_ending", None)), "2027-03-19")
        self.assertEqual(seen.get(("quang", "authorisation_ending", None)), "2027-03-19")
        self.assertEqual(seen.get(("lan", "agreement_expiring_90", agreement)), "2027-03-17")
        self.assertEqual(seen.get(("lan", "agreement_expiring_30", agreement)), "2027-05-16")
        self.assertEqual(seen.get(("lan", "aid_not_started", aid)), "2027-03-10")
        self.assertEqual(seen.get(("quang", "aid_not_started", aid)), "2027-03-10")
        for user, kind, pid in (("mai", "consultation_overdue", consulted), ("lan", "agreement_expiring_90", agreement),
                                ("thanh", "authorisation_ending", None)):
            self.assertEqual([n["kind"] for n in self.notifications(user)
                              if (n["proposal"] or {}).get("id") == pid].count(kind), 1, kind)
        self.set_day("2027-04-20")
        self.api.sessions.clear()

    def test_notifications_read_unread_and_privacy(self):
        self.set_day("2027-04-20")
        pid, version = self.draft("Đoàn thử thông báo")
        self.act("lan", pid, "submit", version)
        r = self.api.call("hung", "GET", "/api/notifications/unread-count")
        self.assertEqual(r.status, 200)
        unread = r.json()["unread"]
        self.assertGreaterEqual(unread, 1)
        items = self.api.call("hung", "GET", "/api/notifications").json()["items"]
        mine = [n for n in items if (n["proposal"] or {}).get("id") == pid][0]
        self.assertFalse(mine["read"])
        self.assertIn(mine["proposal"]["ref"], mine["text"]["vi"])
        self.assertIn("Đoàn thử thông báo", mine["text"]["en"])
        # Another user cannot mark it, nor learn it exists.
        r = self.api.call("lan", "POST", "/api/notifications/%d/read" % mine["id"])
        self.assertEqual(r.status, 404)
        r = self.api.call("hung", "POST", "/api/notifications/%d/read" % mine["id"])
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(r.json()["unread"], unread - 1)
        items = self.api.call("hung", "GET", "/api/notifications").json()["items"]
        # Unread first: every unread one comes before every read one.
        flags = [n["read"] for n in items]
        self.assertEqual(flags, sorted(flags))
        self.assertTrue(all(not n["read"] for n in
                            self.api.call("hung", "GET", "/api/notifications?unread=1").json()["items"]))
        r = self.api.call("hung", "POST", "/api/notifications/read-all")
        self.assertEqual(r.status, 200)
        self.assertEqual(self.api.call("hung", "GET", "/api/notifications/unread-count").json()["unread"], 0)
        for bad in ("limit=0", "limit=9999", "before=x", "unread=maybe", "bogus=1"):
            self.assertEqual(self.api.call("hung", "GET", "/api/notifications?" + bad).status, 400, bad)
        self.assertEqual(self.api.call("hung", "POST", "/api/notifications/abc/read").status, 404)
        r = self.api.call("lan", "POST", "/api/admin/reminders/run")
        self.assertEqual(r.status, 403)

    def test_email_settings(self):
        r = self.api.call("lan", "GET", "/api/me/notification-settings")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.json()["email_mode"], "immediate")
        r = self.api.call("lan", "PATCH", "/api/me/notification-settings",
                          {"email": "lan@molisa.gov.vn", "email_mode": "digest"})
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(r.json(), {"email": "lan@molisa.gov.vn", "email_mode": "digest"})
        for body in ({"email": "lan@x.vn\r\nBcc: evil@x.vn"}, {"email": "không-phải-địa-chỉ"}, {"email": "nguyễn@molisa.gov.vn"}, {"email": "a..b@x.vn"},
                     {"email": 5}, {"email_mode": "sometimes"}, {"email": "a" * 300 + "@x.vn"}):
            r = self.api.call("lan", "PATCH", "/api/me/notification-settings", body)
            self.assertEqual(r.status, 422, (body, r.body))
        r = self.api.call("lan", "PATCH", "/api/me/notification-settings", {"email": None})
        self.assertEqual(r.json()["email"], None)


if __name__ == "__main__":
    unittest.main()
