"""The demo data (attache seed-demo) through the real binary: quick to load, at least 60
proposals of all five kinds, every state each workflow can reach present, work waiting for each
role, an audit trail that verifies, documents that download, and a second run that adds nothing."""
import time
import unittest
import urllib.parse

from fixtures import ServerTest
from harness import run_cli


def reachable_states(definition):
    """The states reachable from the initial state through the definition's transitions."""
    edges = {}
    for t in definition["transitions"]:
        sources = t["from"] if isinstance(t["from"], list) else [t["from"]]
        targets = [t["to"]] if isinstance(t["to"], str) else [r["state"] for r in t["to"]]
        for s in sources:
            edges.setdefault(s, set()).update(targets)
    seen, frontier = set(), [definition["initial_state"]]
    while frontier:
        s = frontier.pop()
        if s not in seen:
            seen.add(s)
            frontier.extend(edges.get(s, ()))
    return seen


class Demo(ServerTest):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.all = cls.list("mai", "")

    @classmethod
    def prepare_data(cls, data):
        # Seeded here rather than by DemoServerTest, to time it and keep what it printed.
        cls.data = data
        started = time.monotonic()
        cls.seed = run_cli("seed-demo", data=data)
        cls.seconds = time.monotonic() - started
        assert cls.seed.returncode == 0, cls.seed.stderr

    @classmethod
    def list(cls, user, query):
        items, cursor = [], None
        while True:
            path = "/api/proposals?limit=200" + query + ("&cursor=" + cursor if cursor else "")
            r = cls.api.call(user, "GET", path)
            assert r.status == 200, r.body
            items += r.json()["items"]
            cursor = r.json()["next_cursor"]
            if not cursor:
                return items

    def test_seeding_is_quick_and_says_what_it_made(self):
        self.assertLess(self.seconds, 5, "seed-demo took %.1f s" % self.seconds)
        self.assertIn("demo proposals", self.seed.stdout)
        for user in ("lan", "hung", "mai", "quang", "thu", "thanh", "ha", "khanh"):
            self.assertIn("  %s\t" % user, self.seed.stdout)

    def test_sixty_proposals_or_more_of_every_kind_in_every_reachable_state(self):
        self.assertGreaterEqual(len(self.all), 60)
        workflows = self.api.call("mai", "GET", "/api/workflows").json()
        self.assertEqual({w["kind"] for w in workflows}, {p["kind"] for p in self.all})
        for w in workflows:
            with self.subTest(kind=w["kind"]):
                present = {p["state"] for p in self.all if p["kind"] == w["kind"]}
                self.assertEqual(reachable_states(w) - present, set())

    def test_three_years_some_overdue_partners_and_countries(self):
        years = {p["created_at"][:4] for p in self.all}
        self.assertGreaterEqual(len(years), 3)
        self.assertGreater(len(self.list("mai", "&overdue=true")), 3)
        with_partner = self.list("mai", "&partner=%d" % self.partner_id("ILO"))
        self.assertGreater(len(with_partner), 2)
        self.assertGreater(len(self.list("mai", "&country=KR")), 3)

    def partner_id(self, acronym):
        partners = self.api.call("mai", "GET", "/api/partners?q=" + urllib.parse.quote(acronym)).json()
        return [p for p in partners if p["acronym"] == acronym][0]["id"]

    def test_work_waits_for_every_role(self):
        for user in ("lan", "hung", "mai", "quang", "thu", "thanh", "khanh", "tuan", "nga", "son"):
            with self.subTest(user=user):
                self.assertGreater(len(self.list(user, "&awaiting=me")), 0)
        self.assertEqual(self.list("ha", "&awaiting=me"), [])

    def test_each_unit_sees_its_own(self):
        mine = self.list("khanh", "")
        self.assertGreater(len(mine), 5)
        unit = self.api.call("khanh", "GET", "/api/me").json()["unit"]["id"]
        self.assertEqual({p["unit_id"] for p in mine}, {unit})
        self.assertEqual(len(self.list("ha", "")), len(self.all))

    def test_a_closed_delegation_reads_as_a_real_one(self):
        closed = [p for p in self.all if p["kind"] == "outbound_delegation" and p["state"] == "closed"]
        self.assertTrue(closed)
        pid = closed[0]["id"]
        history = self.api.call("mai", "GET", "/api/proposals/%d/history" % pid).json()
        actions = [h["action"] for h in history]
        for action in ("create", "submit", "endorse", "recommend", "approve", "depart", "complete",
                       "file_report", "upload_document"):
            self.assertIn(action, actions)
        times = [h["at"] for h in history]
        self.assertEqual(times, sorted(times))
        self.assertGreaterEqual(len({h["actor"]["id"] for h in history}), 4)  # unit, ICD, leader
        documents = self.api.call("mai", "GET", "/api/proposals/%d/documents" % pid).json()
        self.assertIn("report", {d["type"] for d in documents})
        r = self.api.call("mai", "GET", "/api/documents/%d" % documents[0]["id"])
        self.assertEqual(r.status, 200)
        self.assertTrue(r.body.startswith(b"%PDF-"))

    def test_search_finds_demo_proposals(self):
        found = self.api.call("mai", "GET", "/api/proposals?q=" + urllib.parse.quote("hoi thao lao dong di cu")).json()
        self.assertIn("Hội thảo quốc tế về lao động di cư", [p["title"] for p in found["items"]][:3])
        found = self.api.call("mai", "GET", "/api/proposals?q=doan%20eps&limit=200").json()["items"]
        self.assertTrue(found and all("EPS" in p["title"] or "Đoàn" in p["title"] or "đoàn" in p["title"]
                                      for p in found[:3]))

    def test_the_audit_trail_verifies_and_a_second_seed_adds_nothing(self):
        self.assertEqual(run_cli("verify", data=self.data).returncode, 0)
        again = run_cli("seed-demo", data=self.data)
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertIn("already present", again.stdout)
        self.assertEqual(len(self.list("mai", "")), len(self.all))


if __name__ == "__main__":
    unittest.main()
