// The engine on the minimal fixture (tests/fixtures/workflows/minimal.json): who may act, which
// rules hold a step back and with which exact reasons, routing, deputies, deadlines, warnings.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "attache/core/engine.h"
#include "attache/core/fields.h"
#include "attache/core/iso_date.h"
#include "test_files.h"

using namespace attache::workflow;
using attache::Date;
using attache::Status;
using nlohmann::json;

namespace {

const Definition& Minimal() {
  static const Definition def = [] {
    Definition d;
    Status st = LoadDefinition(attache::testing::ReadFile(std::filesystem::path(ATTACHE_TEST_DIR) /
                                                          "fixtures/workflows/minimal.json"),
                               "minimal.json", &d);
    if (!st.ok()) FAIL(st.message());
    return d;
  }();
  return def;
}

Date D(const char* text) {
  return Date(*attache::ParseIsoDate(text));
}

constexpr int64_t kUnit = 1, kOtherUnit = 2, kIcdUnit = 9;
const Person kCreator{10, kUnit, {"staff"}};
const Person kColleague{11, kUnit, {"staff"}};
const Person kStranger{12, kOtherUnit, {"staff"}};
const Person kHead{20, kUnit, {"unit_head"}};
const Person kOtherHead{21, kOtherUnit, {"unit_head"}};
const Person kIcd{30, kIcdUnit, {"icd_officer"}};
const Person kFinance{40, 5, {"finance"}};
const Person kLeader{50, 3, {"leader"}};
const Person kIcdHead{60, kIcdUnit, {"icd_head"}};

Actor As(const Person& p, std::vector<Person> acting_for = {}) {
  return {p, std::move(acting_for)};
}

const attache::workflow::Today kToday{D("2026-03-02"),
                                      nullptr};  // a Monday; weekends-only calendar

ProposalState Proposal(const std::string& state, json fields = json::object()) {
  ProposalState p;
  p.state = state;
  p.unit_id = kUnit;
  p.created_by = kCreator.user_id;
  p.fields = std::move(fields);
  p.state_entered_on = kToday.date;
  return p;
}

json Complete() {
  return {{"depart_on", "2026-06-01"},
          {"return_on", "2026-06-08"},
          {"purpose", "Hợp tác lao động"},
          {"funding_sources", {"host"}}};
}

std::vector<std::string> Codes(const std::vector<Reason>& reasons) {
  std::vector<std::string> out;
  for (const auto& r : reasons) out.push_back(r.code + (r.subject.empty() ? "" : ":" + r.subject));
  return out;
}

const ActionOption& Find(const std::vector<ActionOption>& options, const std::string& action) {
  for (const auto& o : options)
    if (o.transition->action == action) return o;
  FAIL("no option " << action);
  return options.front();
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("Who may act: roles, own unit, creator only, separation of duties") {
  const Definition& def = Minimal();
  auto draft = Proposal("draft", Complete());
  CHECK(Find(AllowedActions(def, draft, As(kCreator), kToday), "submit").enabled);
  CHECK(Find(AllowedActions(def, draft, As(kColleague), kToday), "submit").enabled);
  CHECK(Codes(Find(AllowedActions(def, draft, As(kStranger), kToday), "submit").reasons) ==
        Strings{"scope:own_unit"});
  CHECK(Codes(Find(AllowedActions(def, draft, As(kLeader), kToday), "submit").reasons) ==
        Strings{"role:staff", "scope:own_unit"});
  // Withdrawing is the creator's alone.
  CHECK(Codes(Find(AllowedActions(def, draft, As(kColleague), kToday), "withdraw").reasons) ==
        Strings{"creator_only"});

  auto unit_review = Proposal("unit_review", Complete());
  unit_review.documents = {"invitation_letter"};
  CHECK(Find(AllowedActions(def, unit_review, As(kHead), kToday), "endorse").enabled);
  CHECK(Codes(Find(AllowedActions(def, unit_review, As(kOtherHead), kToday), "endorse").reasons) ==
        Strings{"scope:own_unit"});
  // A unit head who created the proposal may not endorse it.
  auto own = unit_review;
  own.created_by = kHead.user_id;
  CHECK(Codes(Find(AllowedActions(def, own, As(kHead), kToday), "endorse").reasons) ==
        Strings{"not_by_creator"});
}

TEST_CASE("Separation of duties is an unmet rule (422), a missing role or scope is not (403)") {
  const Definition& def = Minimal();
  auto own = Proposal("unit_review", Complete());
  own.documents = {"invitation_letter"};
  own.created_by = kHead.user_id;
  attache::workflow::Step step;
  std::vector<Reason> unmet;
  // The head holds the role in the unit, but created the proposal: a rule, named, with the
  // step's other unmet rules.
  CHECK(Apply(def, own, As(kHead), {"endorse", std::nullopt, json::object()}, kToday, &step, &unmet)
            .code() == attache::Status::Code::kInvalidArgument);
  CHECK(Codes(unmet) == Strings{"not_by_creator"});
  CHECK_FALSE(unmet[0].IsWho());
  own.documents.clear();
  auto option = Find(AllowedActions(def, own, As(kHead), kToday), "endorse");
  CHECK_FALSE(option.enabled);
  CHECK(Codes(option.reasons) == Strings{"not_by_creator", "missing_document:invitation_letter"});
  // Another unit's head may not act at all: who, 403.
  CHECK(Apply(def, own, As(kOtherHead), {"endorse", std::nullopt, json::object()}, kToday, &step,
              &unmet)
            .code() == attache::Status::Code::kPermissionDenied);
  CHECK(Codes(unmet) == Strings{"scope:own_unit"});
}

TEST_CASE("Required fields and documents of the target state hold a step back, each named") {
  const Definition& def = Minimal();
  auto draft = Proposal("draft", {{"purpose", "Hội thảo"}});
  auto option = Find(AllowedActions(def, draft, As(kCreator), kToday), "submit");
  CHECK_FALSE(option.enabled);
  CHECK(Codes(option.reasons) == Strings{"missing_field:depart_on", "missing_field:return_on",
                                         "missing_field:funding_sources"});
  CHECK(option.reasons[0].message.vi == "Thiếu thông tin bắt buộc: Ngày đi");

  // From unit review to ICD review the invitation letter is needed, and the budget only where
  // the state budget pays.
  auto unit_review = Proposal("unit_review", Complete());
  CHECK(Codes(Find(AllowedActions(def, unit_review, As(kHead), kToday), "endorse").reasons) ==
        Strings{"missing_document:invitation_letter"});
  unit_review.documents = {"invitation_letter"};
  unit_review.fields["funding_sources"] = {"state_budget"};
  CHECK(Codes(Find(AllowedActions(def, unit_review, As(kHead), kToday), "endorse").reasons) ==
        Strings{"missing_field:budget"});
  unit_review.fields["budget"] = {{"amount", 5000}, {"currency", "USD"}};
  CHECK(Find(AllowedActions(def, unit_review, As(kHead), kToday), "endorse").enabled);
  // Halting states check nothing: withdrawing an empty draft is allowed.
  auto empty = Proposal("draft");
  CHECK(Find(AllowedActions(def, empty, As(kCreator), kToday), "withdraw").enabled);
}

TEST_CASE("Routes: the first whose condition holds; consultations must be answered") {
  const Definition& def = Minimal();
  auto p = Proposal("icd_review", Complete());
  p.documents = {"invitation_letter"};
  CHECK(Find(AllowedActions(def, p, As(kIcd), kToday), "forward").to == "leader_decision");
  p.fields["funding_sources"] = {"state_budget", "host"};
  p.fields["budget"] = {{"amount", 1}, {"currency", "VND"}};
  CHECK(Find(AllowedActions(def, p, As(kIcd), kToday), "forward").to == "finance_review");

  p.consultations = {{"Bộ Ngoại giao", "agree"}, {"Bộ Công an", std::nullopt}};
  auto option = Find(AllowedActions(def, p, As(kIcd), kToday), "forward");
  CHECK(Codes(option.reasons) == Strings{"consultation_unanswered:Bộ Công an"});
  p.consultations[1].answer = "object";
  CHECK(Find(AllowedActions(def, p, As(kIcd), kToday), "forward").enabled);
}

TEST_CASE("Apply: input fields, comments, conditions and the refusal's status") {
  const Definition& def = Minimal();
  auto p = Proposal("leader_decision", Complete());
  p.documents = {"invitation_letter"};
  attache::workflow::Step step;
  std::vector<Reason> unmet;

  // The decision number is asked by the step itself: listed as enabled, required when applied.
  CHECK(Find(AllowedActions(def, p, As(kLeader), kToday), "approve").enabled);
  CHECK(Apply(def, p, As(kLeader), {"approve", std::nullopt, json::object()}, kToday, &step, &unmet)
            .code() == Status::Code::kInvalidArgument);
  CHECK(Codes(unmet) == Strings{"missing_field:decision_no"});
  CHECK(Apply(def, p, As(kLeader), {"approve", std::nullopt, {{"decision_no", 42}}}, kToday, &step,
              &unmet)
            .code() == Status::Code::kInvalidArgument);
  CHECK(Codes(unmet) == Strings{"invalid_field:decision_no"});
  // Given empty is missing, not a way around the requirement.
  for (json empty : {json(""), json(nullptr)}) {
    CHECK(Apply(def, p, As(kLeader), {"approve", std::nullopt, {{"decision_no", empty}}}, kToday,
                &step, &unmet)
              .code() == Status::Code::kInvalidArgument);
    CHECK(Codes(unmet) == Strings{"missing_field:decision_no"});
  }
  CHECK(Apply(def, p, As(kLeader), {"approve", std::nullopt, {{"purpose", "x"}}}, kToday, &step,
              &unmet)
            .code() == Status::Code::kInvalidArgument);
  CHECK(Codes(unmet) == Strings{"not_input_field:purpose", "missing_field:decision_no"});

  REQUIRE(Apply(def, p, As(kLeader), {"approve", "Đồng ý", {{"decision_no", "123/QĐ-BLĐTBXH"}}},
                kToday, &step, &unmet)
              .ok());
  CHECK(step.from == "leader_decision");
  CHECK(step.to == "approved");
  CHECK(step.fields["decision_no"] == "123/QĐ-BLĐTBXH");
  CHECK(step.fields["purpose"] == "Hợp tác lao động");
  CHECK(step.comment == "Đồng ý");
  CHECK_FALSE(step.on_behalf_of);
  CHECK(step.audit_payload["fields"] == json{{"decision_no", "123/QĐ-BLĐTBXH"}});
  // Approved: due 15 calendar days after return.
  REQUIRE(step.deadline);
  CHECK(step.deadline->due == D("2026-06-23"));
  CHECK(step.audit_payload["due_on"] == "2026-06-23");

  // Not this person's step: PermissionDenied, the who-reasons only.
  CHECK(Apply(def, p, As(kIcd), {"approve", std::nullopt, {{"decision_no", "1"}}}, kToday, &step,
              &unmet)
            .code() == Status::Code::kPermissionDenied);
  CHECK(Codes(unmet) == Strings{"role:leader"});
  // A reason is needed to reject; blank does not count.
  CHECK(
      Apply(def, p, As(kLeader), {"reject", " \n", json::object()}, kToday, &step, &unmet).code() ==
      Status::Code::kInvalidArgument);
  CHECK(Codes(unmet) == Strings{"comment_required:comment"});
  // An action that does not leave this state.
  CHECK(Apply(def, p, As(kLeader), {"submit", std::nullopt, json::object()}, kToday, &step, &unmet)
            .code() == Status::Code::kInvalidArgument);
  CHECK(Codes(unmet) == Strings{"not_available:submit"});
  // A guard with its own words.
  auto late = p;
  late.fields["depart_on"] = "2026-03-01";
  auto option = Find(AllowedActions(def, late, As(kLeader), kToday), "approve");
  CHECK(Codes(option.reasons) == Strings{"condition:days_until(depart_on) >= 0"});
  CHECK(option.reasons[0].message.vi == "Ngày đi đã qua");
}

TEST_CASE("A deputy takes the leader's step on their behalf, within the same rules") {
  const Definition& def = Minimal();
  auto p = Proposal("leader_decision", Complete());
  p.documents = {"invitation_letter"};
  attache::workflow::Step step;
  std::vector<Reason> unmet;
  CHECK(Codes(Find(AllowedActions(def, p, As(kIcdHead), kToday), "approve").reasons) ==
        Strings{"role:leader"});
  auto option = Find(AllowedActions(def, p, As(kIcdHead, {kLeader}), kToday), "approve");
  CHECK(option.enabled);
  CHECK(option.on_behalf_of == kLeader.user_id);
  REQUIRE(Apply(def, p, As(kIcdHead, {kLeader}), {"reject", "Không phù hợp", json::object()},
                kToday, &step, &unmet)
              .ok());
  CHECK(step.on_behalf_of == kLeader.user_id);
  // A deputy who created the proposal may not approve it for the leader either.
  p.created_by = kIcdHead.user_id;
  CHECK(Codes(Find(AllowedActions(def, p, As(kIcdHead, {kLeader}), kToday), "approve").reasons) ==
        Strings{"not_by_creator"});
}

TEST_CASE("Deadlines: working days from entry, before or after a date field, by condition") {
  const Definition& def = Minimal();
  attache::workflow::Today today{D("2026-03-06"), nullptr};  // a Friday
  auto d = DeadlineOf(def, "unit_review", Complete(), today.date, today);
  REQUIRE(d);
  CHECK(d->due == D("2026-03-10"));  // two working days: Monday, Tuesday
  CHECK(d->approximate);             // no holiday calendar given
  json many = Complete();
  many["members"] = json::array();
  for (int i = 0; i < 4; ++i)
    many["members"].push_back({{"full_name", "Người " + std::to_string(i)}});
  d = DeadlineOf(def, "approved", many, today.date, today);
  REQUIRE(d);
  CHECK(d->due == D("2026-05-29"));  // one working day before Monday 1 June
  CHECK_FALSE(
      DeadlineOf(def, "approved", json::object(), today.date, today));  // no return date yet
  CHECK_FALSE(DeadlineOf(def, "leader_decision", Complete(), today.date, today));
  CHECK_FALSE(DeadlineOf(def, "closed", Complete(), today.date, today));
}

TEST_CASE("Lead-time warnings show in their states and are recorded with their step") {
  const Definition& def = Minimal();
  auto p = Proposal("draft", Complete());
  p.fields["depart_on"] = "2026-03-20";  // 14 working days ahead
  auto warnings = ActiveWarnings(def, p, kToday);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0]->id == "late_submission");
  attache::workflow::Step step;
  REQUIRE(
      Apply(def, p, As(kCreator), {"submit", std::nullopt, json::object()}, kToday, &step).ok());
  CHECK(step.audit_payload["warnings"] == json{"late_submission"});
  CHECK(step.audit_payload["due_on_approximate"] == true);  // no holiday calendar was given
  p.fields["depart_on"] = "2026-06-01";
  CHECK(ActiveWarnings(def, p, kToday).empty());
  p.state = "unit_review";
  p.fields["depart_on"] = "2026-03-20";
  CHECK(ActiveWarnings(def, p, kToday).empty());  // shown only where it can still be acted on
}

TEST_CASE("Field values are checked by type") {
  const Definition& def = Minimal();
  struct Case {
    json values;
    std::vector<std::string> bad;
  };
  std::vector<Case> cases = {
      {Complete(), {}},
      {{{"depart_on", "2026-02-30"}}, {"depart_on"}},
      {{{"depart_on", 20260201}}, {"depart_on"}},
      {{{"depart_on", nullptr}}, {}},
      {{{"purpose", std::string(20001, 'a')}}, {"purpose"}},
      {{{"purpose", std::string(20000, 'a')}}, {}},
      {{{"decision_no", "một\nhai"}}, {"decision_no"}},
      {{{"funding_sources", {"state_budget", "state_budget"}}}, {"funding_sources"}},
      {{{"funding_sources", {"lottery"}}}, {"funding_sources"}},
      {{{"funding_sources", "host"}}, {"funding_sources"}},
      {{{"budget", {{"amount", 10}, {"currency", "usd"}}}}, {"budget"}},
      {{{"budget", {{"amount", -1}, {"currency", "USD"}}}}, {"budget"}},
      {{{"budget", {{"amount", 0}, {"currency", "VND"}}}}, {}},
      {{{"members", {{{"full_name", "An"}, {"passport_no", "B123"}}}}}, {}},
      {{{"members", {{{"passport_no", "B123"}}}}}, {"members[0].full_name"}},
      {{{"members", {{{"full_name", "An"}, {"shoe_size", 42}}}}}, {"members[0].shoe_size"}},
      {{{"members", {"An"}}}, {"members[0]"}},
      {{{"unknown", 1}}, {"unknown"}},
  };
  for (const auto& c : cases) {
    INFO(c.values.dump());
    std::vector<std::string> bad;
    for (const auto& e : ValidateFieldValues(def, c.values)) bad.push_back(e.field);
    CHECK(bad == c.bad);
  }
  CHECK(ValidateFieldValues(def, json::array()).size() == 1);
  CHECK(IsCountryCode("VN"));
  CHECK(IsCountryCode("KR"));
  CHECK_FALSE(IsCountryCode("XX"));
  CHECK_FALSE(IsCountryCode("vn"));
  CHECK_FALSE(IsCountryCode("VNM"));
}

TEST_CASE(
    "With the holiday calendar, deadlines skip Tết and are exact; beyond its years, approximate") {
  const Definition& def = Minimal();
  attache::WorkingDayCalendar calendar;
  for (int year : {2025, 2026, 2027}) {
    auto doc = json::parse(
        attache::testing::ReadFile(std::filesystem::path(ATTACHE_SOURCE_DIR) /
                                   ("schema/holidays/vn-" + std::to_string(year) + ".json")));
    REQUIRE(calendar.AddYear(doc, "vn.json").ok());
  }
  // Entering ICD review on Friday 13 February 2026, the eve of Tết (off 14-22 February): the
  // seventh working day is Tuesday 3 March, not Tuesday 24 February.
  attache::workflow::Today today{D("2026-02-13"), &calendar};
  auto d = DeadlineOf(def, "icd_review", Complete(), today.date, today);
  REQUIRE(d);
  CHECK(d->due == D("2026-03-03"));
  CHECK_FALSE(d->approximate);
  attache::workflow::Today later{D("2027-12-28"), &calendar};
  d = DeadlineOf(def, "icd_review", Complete(), later.date, later);
  REQUIRE(d);
  CHECK(d->approximate);  // runs into 2028, whose holidays are not known
}
