"""A leader names a deputy for a date range: in force inside it, not outside it or after
revocation. (Taking the leader's workflow steps as deputy is tested with the engine.)"""
import datetime
import json
import unittest

from harness import request
from test_access_matrix import DemoContextTest


class Deputies(DemoContextTest):
    def authorise(self, starts, ends, role="leader", leader="thanh", deputy="quang"):
        body = {"deputy_id": self.ctx.ids[deputy], "starts_on": starts.isoformat(),
                "ends_on": ends.isoformat(), "reason": "Đi công tác nước ngoài"}
        if role != "leader":
            body["leader_id"] = self.ctx.ids[leader]
        return request(self.server, "POST", "/api/authorisations", headers=self.ctx.json_headers(role),
                       body=json.dumps(body).encode())

    def acting_for(self, role="icd_head"):
        me = request(self.server, "GET", "/api/me", headers=self.ctx.sessions[role]["headers"]).json()
        return [a["leader_name"] for a in me["acting_for"]]

    def test_inside_outside_and_after_revocation(self):
        # Ministry time is UTC+7; use dates far enough from midnight edges.
        today = (datetime.datetime.utcnow() + datetime.timedelta(hours=7)).date()
        self.assertEqual(self.acting_for(), [])
        future = self.authorise(today + datetime.timedelta(days=10), today + datetime.timedelta(days=20))
        self.assertEqual(future.status, 201, future.body)
        self.assertEqual(self.acting_for(), [])  # not yet in force
        past = self.authorise(today - datetime.timedelta(days=20), today - datetime.timedelta(days=1))
        self.assertEqual(past.status, 201)
        self.assertEqual(self.acting_for(), [])  # over
        now = self.authorise(today - datetime.timedelta(days=1), today + datetime.timedelta(days=1))
        self.assertEqual(now.status, 201)
        body = now.json()
        self.assertEqual(body["leader"]["display_name"], "Võ Văn Thành")
        self.assertEqual(body["deputy"]["display_name"], "Phạm Minh Quang")
        self.assertEqual(self.acting_for(), ["Võ Văn Thành"])
        r = request(self.server, "DELETE", "/api/authorisations/%d" % body["id"],
                    headers=self.ctx.sessions["leader"]["headers"])
        self.assertEqual(r.status, 204)
        self.assertEqual(self.acting_for(), [])
        again = request(self.server, "DELETE", "/api/authorisations/%d" % body["id"],
                        headers=self.ctx.sessions["leader"]["headers"])
        self.assertEqual(again.status, 404)

    def test_refusals(self):
        d = datetime.date(2026, 5, 1)
        cases = [
            (dict(starts=d, ends=d - datetime.timedelta(days=1)), 422),  # ends before it starts
            (dict(starts=d, ends=d, deputy="thanh"), 422),               # own deputy
            (dict(starts=d, ends=d, role="admin", leader="quang"), 422), # not a leader
            (dict(starts=d, ends=d, role="icd_head"), 403),              # not a leader naming
        ]
        for kwargs, status in cases:
            with self.subTest(**{k: str(v) for k, v in kwargs.items()}):
                self.assertEqual(self.authorise(**kwargs).status, status)
        bad_date = request(self.server, "POST", "/api/authorisations", headers=self.ctx.json_headers("leader"),
                           body=json.dumps({"deputy_id": self.ctx.ids["quang"], "starts_on": "2026-02-30",
                                            "ends_on": "2026-03-01", "reason": "x"}).encode())
        self.assertEqual(bad_date.status, 422)
        self.assertEqual(bad_date.json()["errors"][0]["field"], "starts_on")


if __name__ == "__main__":
    unittest.main()
