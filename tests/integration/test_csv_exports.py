"""CSV exports are safe to open in a spreadsheet (CSV injection, OWASP): a cell that would be
read as a formula (starting with =, +, -, @, a tab or a carriage return) comes with a single
quote first, in every export — the annual report and the proposal list — while plain numbers,
negative ones too, stay numbers. The files are read back with Python's csv module, as a
spreadsheet reads them."""
import csv
import io
import unittest
import urllib.parse

from fixtures import DemoServerTest
from seeding import create_proposal

FORMULA = '=HYPERLINK("http://x","y")'
# Titles starting with each trigger (a title needs a visible character besides).
TITLES = ["+1+1 Đoàn ra", "-2+3 Đoàn vào", "@SUM(A1:A9) Hội thảo", "\t=1+1 Thỏa thuận", "\r=1+1 Viện trợ"]


def rows_of(response):
    body = response.body
    assert body.startswith(b"\xef\xbb\xbf"), body[:20]
    return list(csv.reader(io.StringIO(body[3:].decode("utf-8"), newline="")))


def neutralised(text):
    return "'" + text


class CsvExports(DemoServerTest):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        r = cls.api.call("mai", "POST", "/api/partners", {"type": "ngo", "name_vi": FORMULA, "name_en": FORMULA})
        assert r.status == 201, r.body
        cls.partner = r.json()["id"]
        # Counted in the annual report of 2019 under that partner.
        create_proposal(cls.server.data, kind="outbound_delegation", state="closed", title="Đoàn 2019",
                        starts_on="2019-05-10", country="KR", partner_id=cls.partner)
        cls.ids = []
        for title in TITLES:
            r = cls.api.call("lan", "POST", "/api/proposals", {"kind": "agreement", "title": title,
                                                                "fields": {"partner": cls.partner}})
            assert r.status == 201, r.body
            cls.ids.append(r.json()["id"])

    def test_annual_report(self):
        r = self.api.call("thanh", "GET", "/api/reports/annual?year=2019&format=csv")
        self.assertEqual(r.status, 200)
        rows = rows_of(r)
        names = [row[0] for row in rows if row]
        self.assertIn(neutralised(FORMULA), names)
        self.assertNotIn(FORMULA, names)
        partner_row = next(row for row in rows if row and row[0] == neutralised(FORMULA))
        self.assertEqual(partner_row[1:], ["1", "0", "0", "0", "0", "0.00"])  # numbers stay numbers

    def test_proposal_list(self):
        r = self.api.call("lan", "GET", "/api/proposals?format=csv&kind=agreement&partner=%d" % self.partner)
        self.assertEqual(r.status, 200, r.body[:300])
        self.assertEqual(r.headers["content-type"], "text/csv; charset=utf-8")
        self.assertIn("attachment", r.headers["content-disposition"])
        rows = rows_of(r)
        header, items = rows[0], rows[1:]
        self.assertEqual(header[0], "Số hồ sơ / Reference")
        title, partner = header.index("Tên hồ sơ / Title"), header.index("Đối tác / Partner")
        self.assertEqual(sorted(row[title] for row in items), sorted(neutralised(t) for t in TITLES))
        self.assertEqual({row[partner] for row in items}, {neutralised(FORMULA)})
        # Every cell of every row: none starts with a trigger unquoted.
        for row in items:
            for cell in row:
                self.assertFalse(cell[:1] in ("=", "+", "@", "\t", "\r") or
                                 (cell[:1] == "-" and not cell[1:].replace(".", "", 1).isdigit()), row)

    def test_proposal_list_follows_the_list(self):
        # The same filters and the same view as the JSON list: staff of another unit see none
        # of CVL's; paging does not apply to the file.
        r = self.api.call("khanh", "GET", "/api/proposals?format=csv&partner=%d" % self.partner)
        self.assertEqual(r.status, 200)
        self.assertEqual(len(rows_of(r)), 1)  # the header only
        q = urllib.parse.quote("Đoàn vào")
        r = self.api.call("lan", "GET", "/api/proposals?format=csv&q=" + q)
        self.assertEqual(r.status, 200)
        self.assertIn(neutralised(TITLES[1]), [row[1] for row in rows_of(r)[1:]])
        for query in ("format=csv&cursor=00", "format=csv&limit=10", "format=xml"):
            with self.subTest(query=query):
                r = self.api.call("lan", "GET", "/api/proposals?" + query)
                self.assertEqual(r.status, 422, r.body[:300])


if __name__ == "__main__":
    unittest.main()
