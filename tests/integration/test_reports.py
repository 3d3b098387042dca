"""The annual report and the dashboard against hand-counted expectations: a year (2019, before
any demo data) seeded with proposals in known states, each counted or not by the rules of
docs/reports.md."""
import csv
import datetime
import io
import os
import unittest

from fixtures import DemoServerTest
from harness import Server, run_cli
from seeding import create_proposal


class Reports(DemoServerTest):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        api, data = cls.api, cls.server.data

        def partner(q):
            items = api.call("mai", "GET", "/api/partners?q=" + q).json()
            return items[0]["id"]
        ilo, unicef, wb = partner("ILO"), partner("UNICEF"), partner("World%20Bank")
        cls.plan = [api.call("lan", "POST", "/api/plan-items", {"year": 2019, "kind": kind, "title": title}).json()["id"]
                    for kind, title in (("outbound_delegation", "Đoàn ra Hàn Quốc"),
                                        ("outbound_delegation", "Đoàn ra Nhật Bản"),
                                        ("conference", "Hội thảo lao động di cư"))]

        def seed(kind, state, unit="CVL", fields=None, **columns):
            create_proposal(data, unit=unit, creator="lan" if unit == "CVL" else "mai", kind=kind, state=state,
                            title="%s %s" % (kind, state), fields=fields or {}, **columns)
        # Delegations: held in 2019 (2), approved but not yet held, cancelled, held in 2018.
        seed("outbound_delegation", "closed", starts_on="2019-05-10", country="KR", partner_id=ilo,
             plan_item_id=cls.plan[0])
        seed("outbound_delegation", "in_progress", starts_on="2019-11-02", country="JP")
        seed("outbound_delegation", "approved", starts_on="2019-06-01", country="KR")
        seed("outbound_delegation", "cancelled", unit="QLLDNN", starts_on="2019-03-01", country="KR")
        seed("outbound_delegation", "closed", starts_on="2018-12-30", country="KR")
        seed("inbound_visit", "report_due", unit="QLLDNN", starts_on="2019-09-09", country="KR")
        seed("conference", "closed", starts_on="2019-04-04", fields={"format": "online"})
        seed("conference", "in_progress", unit="HTQT", starts_on="2019-10-10", fields={"format": "hybrid"})
        # Agreements: signed in 2019 and in force at its end; expired in it; signed not yet in
        # force; rejected.
        seed("agreement", "in_force", unit="HTQT", partner_id=ilo, country="CH",
             fields={"signed_on": "2019-02-02", "in_force_on": "2019-03-01", "expires_on": "2024-03-01"})
        seed("agreement", "expired", unit="HTQT",
             fields={"signed_on": "2015-01-01", "in_force_on": "2015-02-01", "expires_on": "2019-06-30",
                     "ended_on": "2019-06-30"})
        seed("agreement", "signed", unit="HTQT", fields={"signed_on": "2019-12-20"})
        seed("agreement", "rejected", unit="HTQT", fields={"signed_on": "2019-05-05"})
        # Aid: approved in 2019 (2, by a UN agency and a bank), rejected.
        seed("aid", "implementing", partner_id=unicef, fields={"approved_on": "2019-07-01", "amount_usd": 150000})
        seed("aid", "closed", unit="VKHLD", partner_id=wb, fields={"approved_on": "2019-01-15", "amount_usd": 2500000})
        seed("aid", "rejected", fields={"approved_on": "2019-02-01", "amount_usd": 99})

    def report(self, user="thanh", query="year=2019"):
        r = self.api.call(user, "GET", "/api/reports/annual?" + query)
        self.assertEqual(r.status, 200, r.body[:300])
        return r.json()

    def test_totals(self):
        t = self.report()["totals"]
        self.assertEqual(t["outbound_delegations"], 2)
        self.assertEqual(t["inbound_visits"], 1)
        self.assertEqual(t["conferences"], 2)
        self.assertEqual(t["conferences_by_format"], {"in_person": 0, "online": 1, "hybrid": 1})
        self.assertEqual(t["agreements_signed"], 2)
        self.assertEqual(t["agreements_in_force"], 1)
        self.assertEqual(t["aid_approved"], 2)
        self.assertAlmostEqual(t["aid_usd"], 2650000)

    def test_breakdowns(self):
        rep = self.report()
        units = {u["unit"]["code"]: u["counts"] for u in rep["by_unit"]}
        self.assertEqual(set(units), {"CVL", "QLLDNN", "HTQT", "VKHLD"})
        self.assertEqual((units["CVL"]["outbound_delegations"], units["CVL"]["conferences"], units["CVL"]["aid_approved"]),
                         (2, 1, 1))
        self.assertEqual(units["HTQT"]["agreements_signed"], 2)
        self.assertAlmostEqual(units["VKHLD"]["aid_usd"], 2500000)
        countries = {c["country"]: c["counts"] for c in rep["by_country"]}
        self.assertEqual(countries["KR"]["outbound_delegations"], 1)
        self.assertEqual(countries["KR"]["inbound_visits"], 1)
        self.assertEqual(countries["JP"]["outbound_delegations"], 1)
        self.assertEqual(countries["CH"]["agreements_signed"], 1)
        partners = {p["partner"]["name"]["en"]: p["counts"] for p in rep["by_partner"]}
        ilo = next(v for k, v in partners.items() if "Labour" in k)
        self.assertEqual((ilo["outbound_delegations"], ilo["agreements_signed"]), (1, 1))
        donors = {d["type"]: d for d in rep["aid_by_donor_type"]}
        self.assertEqual(donors["un_agency"]["count"], 1)
        self.assertAlmostEqual(donors["financial_institution"]["usd"], 2500000)
        plan = {(p["unit"]["code"], p["kind"]): p for p in rep["plan_vs_actual"]}
        self.assertEqual({k: plan[("CVL", "outbound_delegation")][k] for k in ("planned", "carried_out", "outside_plan")},
                         {"planned": 2, "carried_out": 1, "outside_plan": 1})
        self.assertEqual({k: plan[("CVL", "conference")][k] for k in ("planned", "carried_out", "outside_plan")},
                         {"planned": 1, "carried_out": 0, "outside_plan": 1})

    def test_a_unit_sees_its_own(self):
        t = self.report("lan")["totals"]
        self.assertEqual((t["outbound_delegations"], t["inbound_visits"], t["conferences"], t["agreements_signed"],
                          t["aid_approved"]), (2, 0, 1, 0, 1))

    def test_csv_for_spreadsheets(self):
        r = self.api.call("thanh", "GET", "/api/reports/annual?year=2019&format=csv")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.headers["content-type"], "text/csv; charset=utf-8")
        self.assertIn("attachment", r.headers["content-disposition"])
        self.assertTrue(r.body.startswith(b"\xef\xbb\xbf"))
        rows = list(csv.reader(io.StringIO(r.body[3:].decode())))
        ministry = next(row for row in rows if row and row[0].startswith("Toàn Bộ"))
        self.assertEqual(ministry[1:], ["2", "1", "2", "2", "2", "2650000.00"])
        self.assertTrue(any(row and row[0] == "Cục Việc làm" for row in rows))

    def test_bad_queries(self):
        for query, field in (("", "year"), ("year=1999", "year"), ("year=20x9", "year"), ("year=2019&format=xls", "format"),
                             ("year=2019&unit=CVL", "unit")):
            with self.subTest(query=query):
                r = self.api.call("thanh", "GET", "/api/reports/annual?" + query)
                self.assertEqual(r.status, 422, r.body)
                self.assertEqual(r.json()["errors"][0]["field"], field)

    def test_dashboard(self):
        today = datetime.date.today()
        past = (today - datetime.timedelta(days=3)).isoformat()
        create_proposal(self.server.data, kind="agreement", state="consultation", due_on=past)
        create_proposal(self.server.data, kind="agreement", state="in_force", unit="HTQT", creator="mai",
                        title="Bản ghi nhớ sắp hết hạn", ends_on=(today + datetime.timedelta(days=30)).isoformat())
        d = self.api.call("thanh", "GET", "/api/dashboard").json()
        consultation = next(p for p in d["pending"] if p["kind"] == "agreement" and p["state"] == "consultation")
        self.assertGreaterEqual(consultation["count"], 1)
        self.assertGreaterEqual(consultation["overdue"], 1)
        self.assertIn("CVL", [u["unit"]["code"] for u in d["overdue_by_unit"]])
        self.assertIn("Bản ghi nhớ sắp hết hạn", [a["title"] for a in d["agreements"]["expiring_90_days"]])
        self.assertGreaterEqual(d["agreements"]["pending"], 1)
        self.assertFalse(any(p["state"] in ("closed", "rejected") for p in d["pending"]))
        # The other unit's staff see none of CVL's overdue work.
        other = self.api.call("khanh", "GET", "/api/dashboard").json()
        self.assertNotIn("CVL", [u["unit"]["code"] for u in other["overdue_by_unit"]])
        self.assertEqual(self.api.call("thanh", "GET", "/api/dashboard?x=1").status, 422)


class CalendarFeed(DemoServerTest):

    def feed(self, user):
        r = self.api.call(user, "POST", "/api/me/calendar-feed")
        self.assertEqual(r.status, 201, r.body)
        return r.json()["path"]

    def get(self, path):
        from harness import request
        return request(self.server, "GET", path)

    def test_approved_activities_as_icalendar(self):
        title = "Đoàn công tác tại Hàn Quốc, Nhật Bản; làm việc về chương trình EPS và lao động kỹ năng đặc định"
        create_proposal(self.server.data, state="approved", title=title, starts_on="2027-03-01", ends_on="2027-03-08",
                        country="KR")
        create_proposal(self.server.data, state="draft", title="Bản nháp chưa duyệt", starts_on="2027-04-01")
        path = self.feed("lan")
        r = self.get(path)  # no session: the token is the credential
        self.assertEqual(r.status, 200)
        self.assertEqual(r.headers["content-type"], "text/calendar; charset=utf-8")
        text = r.body.decode()
        self.assertTrue(text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        self.assertTrue(text.endswith("END:VCALENDAR\r\n"))
        self.assertTrue(all(len(line.encode()) <= 75 for line in text.split("\r\n")))
        self.assertNotIn("\n", text.replace("\r\n", ""))
        unfolded = text.replace("\r\n ", "")
        self.assertEqual(unfolded.count("SUMMARY:ĐR-TEST-"), 1)  # ours, besides the demo's
        self.assertIn("DTSTART;VALUE=DATE:20270301\r\n", unfolded)
        self.assertIn("DTEND;VALUE=DATE:20270309\r\n", unfolded)  # the day after the last day
        self.assertIn("SUMMARY:ĐR-TEST-", unfolded)
        self.assertIn("Hàn Quốc\\, Nhật Bản\\; làm việc", unfolded)
        self.assertNotIn("Bản nháp", unfolded)
        # Another unit's staff do not get CVL's activities; a new address replaces the old.
        other = self.get(self.feed("khanh")).body.decode().replace("\r\n ", "")
        self.assertNotIn("ĐR-TEST-", other)
        self.assertNotIn("Cục Việc làm", other)
        renewed = self.feed("lan")
        self.assertEqual(self.get(path).status, 404)
        self.assertEqual(self.get(renewed).status, 200)
        for bad in ("/api/calendar.ics", "/api/calendar.ics?feed=", "/api/calendar.ics?feed=" + "A" * 43,
                    renewed + "&x=1"):
            with self.subTest(path=bad):
                self.assertEqual(self.get(bad).status, 404)


if __name__ == "__main__":
    unittest.main()
