"""A whole outbound delegation over HTTP, the way the ministry would run it: the unit drafts and
attaches the invitation, the unit head endorses, ICD consults the Ministry of Foreign Affairs,
finance gives its opinion because the state budget pays, the ICD head recommends, a deputy
decides while the leader is away, the delegation travels and reports, and the audit trail
shows every step with both names where a deputy acted."""
import datetime
import json
import os
import unittest

import uploads
from fixtures import DemoServerTest
from harness import Server, request, run_cli


class Journey(DemoServerTest):

    def act(self, user, pid, action, version, comment=None, fields=None, status=200):
        body = {"action": action, "expected_version": version}
        if comment:
            body["comment"] = comment
        if fields:
            body["fields"] = fields
        r = self.api.call(user, "POST", "/api/proposals/%d/actions" % pid, body)
        self.assertEqual(r.status, status, (action, r.body[:600]))
        return r.json()

    def upload(self, user, pid, type_, name):
        body, content_type = uploads.document_form(type_, uploads.pdf(name), filename=name + ".pdf")
        r = self.api.call(user, "POST", "/api/proposals/%d/documents" % pid, raw=body,
                          headers={"Content-Type": content_type})
        self.assertEqual(r.status, 201, r.body[:300])

    def test_outbound_delegation_from_draft_to_closed(self):
        today = datetime.date.today()
        depart = today + datetime.timedelta(days=90)
        fields = {"destination_countries": ["KR"], "destination_cities": ["Seoul", "Sejong"],
                  "inviting_organisation": "Bộ Việc làm và Lao động Hàn Quốc",
                  "purpose": "Trao đổi về chương trình cấp phép việc làm (EPS)",
                  "depart_on": depart.isoformat(), "return_on": (depart + datetime.timedelta(days=6)).isoformat(),
                  "members": [{"full_name": "Trần Văn Hùng", "position": "Cục trưởng", "unit": "Cục Việc làm",
                               "role": "head"},
                              {"full_name": "Nguyễn Thị Lan", "position": "Chuyên viên", "unit": "Cục Việc làm",
                               "role": "member"}],
                  "funding_sources": ["state_budget"], "budget_estimate": {"amount": 180000000, "currency": "VND"},
                  "in_annual_plan": True, "passport_type": "official", "invitation_language": "en"}
        p = self.api.call("lan", "POST", "/api/proposals",
                          {"kind": "outbound_delegation", "title": "Đoàn công tác tại Hàn Quốc về EPS",
                           "fields": fields}).json()
        self.assertIn("id", p, p)
        pid = p["id"]
        submit = {a["action"]: a for a in p["allowed_actions"]}["submit"]
        self.assertEqual(sorted(e["field"] for e in submit["reasons"]),
                         ["invitation_letter", "invitation_translation", "programme"])
        for type_, name in (("invitation_letter", "Thư mời"), ("invitation_translation", "Bản dịch thư mời"),
                            ("programme", "Chương trình làm việc")):
            self.upload("lan", pid, type_, name)
        shown = self.api.call("lan", "GET", "/api/proposals/%d" % pid).json()
        self.assertEqual(sorted(d["type"] for d in shown["documents"]),
                         ["invitation_letter", "invitation_translation", "programme"])
        p = self.act("lan", pid, "submit", shown["version"])
        self.assertEqual(p["state"], "unit_review")
        # The creator's unit head endorses; ICD asks Foreign Affairs before forwarding.
        p = self.act("hung", pid, "endorse", p["version"])
        p = self.act("mai", pid, "consult", p["version"])
        self.assertEqual(p["state"], "consultation")
        r = self.api.call("mai", "POST", "/api/proposals/%d/consultations" % pid,
                          {"body": "Bộ Ngoại giao", "due_on": (today + datetime.timedelta(days=7)).isoformat()})
        cid = r.json()["id"]
        p = self.api.call("mai", "GET", "/api/proposals/%d" % pid).json()
        forward = {a["action"]: a for a in p["allowed_actions"]}["forward"]
        self.assertFalse(forward["enabled"])
        self.assertEqual([e["code"] for e in forward["reasons"]], ["consultation_unanswered"])
        self.api.call("mai", "PATCH", "/api/consultations/%d" % cid, {"answer": "agree", "note": "Đồng ý"})
        p = self.api.call("mai", "GET", "/api/proposals/%d" % pid).json()
        # The state budget pays, so finance gives its opinion.
        p = self.act("mai", pid, "forward", p["version"])
        self.assertEqual(p["state"], "finance_review")
        p = self.act("thu", pid, "give_opinion", p["version"], comment="Dự toán phù hợp")
        p = self.act("quang", pid, "recommend", p["version"], comment="Đề nghị Lãnh đạo Bộ đồng ý")
        self.assertEqual(p["state"], "leader_decision")
        # The leader is away and has named the ICD head as deputy for these days.
        users = {u["username"]: u["id"] for u in self.api.call("admin", "GET", "/api/users").json()}
        r = self.api.call("thanh", "POST", "/api/authorisations",
                          {"deputy_id": users["quang"], "starts_on": today.isoformat(),
                           "ends_on": (today + datetime.timedelta(days=3)).isoformat(), "reason": "Công tác nước ngoài"})
        self.assertEqual(r.status, 201, r.body)
        approve = {a["action"]: a for a in self.api.call("quang", "GET", "/api/proposals/%d" % pid).json()["allowed_actions"]}["approve"]
        self.assertTrue(approve["enabled"])
        p = self.act("quang", pid, "approve", p["version"], fields={"decision_no": "125/QĐ-BLĐTBXH"}, status=200)
        self.assertEqual(p["state"], "approved")
        # The delegation travels and reports.
        self.upload("lan", pid, "decision", "Quyết định cử đoàn")
        v = self.api.call("lan", "GET", "/api/proposals/%d" % pid).json()["version"]
        p = self.act("lan", pid, "depart", v)
        p = self.act("lan", pid, "complete", p["version"], fields={"return_on": fields["return_on"]})
        self.assertEqual(p["state"], "report_due")
        self.assertEqual(p["deadline"]["due_on"],
                         (depart + datetime.timedelta(days=6 + 15)).isoformat())  # 15 days after return
        close = {a["action"]: a for a in p["allowed_actions"]}["file_report"]
        self.assertEqual([e["field"] for e in close["reasons"]], ["report"])
        self.upload("lan", pid, "report", "Báo cáo kết quả chuyến công tác")
        v = self.api.call("lan", "GET", "/api/proposals/%d" % pid).json()["version"]
        p = self.act("lan", pid, "file_report", v)
        self.assertEqual(p["state"], "closed")
        self.assertTrue(p["terminal"])
        self.assertEqual(p["allowed_actions"], [])

        history = self.api.call("ha", "GET", "/api/proposals/%d/history" % pid).json()
        steps = [h["action"] for h in history if h["from"] != h["to"] or h["action"] == "create"]
        self.assertEqual(steps, ["create", "submit", "endorse", "consult", "forward", "give_opinion",
                                 "recommend", "approve", "depart", "complete", "file_report"])
        approval = next(h for h in history if h["action"] == "approve")
        self.assertEqual(approval["actor"]["id"], users["quang"])
        self.assertEqual(approval["on_behalf_of"]["id"], users["thanh"])
        self.assertEqual(approval["payload"]["fields"]["decision_no"], "125/QĐ-BLĐTBXH")
        self.assertEqual(run_cli("verify", data=self.server.data).returncode, 0)


if __name__ == "__main__":
    unittest.main()
