"""Plan B against the real binary (issue 9, item 5): ICD postpones a set of approved activities
in one action, with one reason; each proposal gets its own audit entry and its submitter a
notification; one that cannot be postponed leaves all of them unchanged."""
import unittest

from fixtures import DemoServerTest
from seeding import create_proposal


class PlanB(DemoServerTest):

    def approved(self, kind="outbound_delegation", **fields):
        defaults = {"outbound_delegation": {"depart_on": "2027-05-10", "return_on": "2027-05-15",
                                            "destination_countries": ["JP"]},
                    "conference": {"start_on": "2027-06-01", "end_on": "2027-06-02", "format": "in_person"}}
        return create_proposal(self.server.data, kind=kind, state="approved",
                               title="Hoạt động đã duyệt", fields=dict(defaults[kind], **fields))

    def get(self, pid, user="mai"):
        r = self.api.call(user, "GET", "/api/proposals/%d" % pid)
        self.assertEqual(r.status, 200, r.body)
        return r.json()

    def postpone(self, body, user="mai"):
        return self.api.call(user, "POST", "/api/proposals/postpone", body)

    def test_a_set_postponed_with_dates_to_be_decided_each_with_its_own_entry(self):
        a, b = self.approved(), self.approved()
        c = self.approved("conference")
        r = self.postpone({"ids": [a, b, c], "reason": "Điều chỉnh kế hoạch đối ngoại quý II",
                           "to_be_decided": True, "online": True})
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual([p["id"] for p in r.json()["postponed"]], [a, b, c])
        for pid in (a, b, c):
            p = self.get(pid)
            self.assertEqual(p["state"], "postponed")
            history = self.api.call("mai", "GET", "/api/proposals/%d/history" % pid).json()
            self.assertEqual([e["action"] for e in history], ["create", "postpone"])
            self.assertIn("Điều chỉnh kế hoạch đối ngoại quý II", history[-1]["comment"])
            told = [n for n in self.api.call("lan", "GET", "/api/notifications?limit=200").json()["items"]
                    if (n["proposal"] or {}).get("id") == pid]
            self.assertEqual([n["kind"] for n in told], ["postponed"])
        self.assertIsNone(self.get(a)["fields"].get("depart_on"))  # to be decided
        self.assertEqual(self.get(c)["fields"]["format"], "online")
        self.assertIn("trực tuyến", self.api.call("mai", "GET", "/api/proposals/%d/history" % a)
                      .json()[-1]["comment"])  # no format field: the switch is in the comment

    def test_new_dates_per_proposal(self):
        a = self.approved()
        r = self.postpone({"ids": [a], "reason": "Phía bạn đề nghị lùi lịch",
                           "new_dates": {str(a): {"depart_on": "2027-09-01", "return_on": "2027-09-06"}}})
        self.assertEqual(r.status, 200, r.body)
        fields = self.get(a)["fields"]
        self.assertEqual((fields["depart_on"], fields["return_on"]), ("2027-09-01", "2027-09-06"))

    def test_all_or_nothing(self):
        a = self.approved()
        draft = create_proposal(self.server.data, title="Dự thảo")
        r = self.postpone({"ids": [a, draft], "reason": "Hoãn"})
        self.assertEqual(r.status, 422, r.body)
        errors = r.json()["errors"]
        self.assertEqual([e["id"] for e in errors], [draft])
        self.assertEqual(self.get(a)["state"], "approved")  # the good one was not changed either
        self.assertEqual(len(self.api.call("mai", "GET", "/api/proposals/%d/history" % a).json()), 1)
        # Dates that are not the postponement's, and a date that is not a date.
        r = self.postpone({"ids": [a], "reason": "Hoãn", "new_dates": {str(a): {"purpose": "x"}}})
        self.assertEqual(r.status, 422)
        self.assertEqual(r.json()["errors"][0]["field"], "purpose")
        r = self.postpone({"ids": [a], "reason": "Hoãn", "new_dates": {str(a): {"depart_on": "mai"}}})
        self.assertEqual(r.status, 422)
        self.assertEqual(self.get(a)["state"], "approved")

    def test_who_may_and_malformed_requests(self):
        a = self.approved()
        r = self.postpone({"ids": [a], "reason": "Hoãn"}, user="lan")  # staff may not
        self.assertEqual(r.status, 422)
        self.assertEqual(self.get(a)["state"], "approved")
        for body in ({"ids": [], "reason": "x"}, {"ids": [a], "reason": ""}, {"ids": ["a"], "reason": "x"},
                     {"ids": list(range(1, 300)), "reason": "x"}, {"ids": [a], "reason": "x" * 2001},
                     {"ids": [a], "reason": "x", "to_be_decided": True,
                      "new_dates": {str(a): {"depart_on": "2027-09-01"}}},
                     {"ids": [a], "reason": "x", "new_dates": {"999999": {}}}):
            r = self.postpone(body)
            self.assertEqual(r.status, 422, (body if len(str(body)) < 200 else "…", r.body[:200]))
        self.assertEqual(self.postpone({"ids": [a]}).status, 422)
        r = self.api.call("mai", "POST", "/api/proposals/postpone", raw=b"{", headers={"Content-Type": "application/json"})
        self.assertEqual(r.status, 400)
        self.assertEqual(self.get(a)["state"], "approved")


if __name__ == "__main__":
    unittest.main()
