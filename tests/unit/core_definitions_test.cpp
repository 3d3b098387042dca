// Tests generated from the definitions themselves (the five of schema/workflows and the
// minimal fixture): every transition is taken once by an allowed person and refused for every
// other role, for the creator where separation of duties applies, outside the unit where the
// scope is the unit, and with each of its rules unmet, with the exact reasons. Then random
// walks: thousands of random actions by random people never leave the definition, never let a
// creator approve their own proposal, and leave an audit chain that verifies.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "attache/core/audit_chain.h"
#include "attache/core/engine.h"
#include "attache/core/fields.h"
#include "attache/core/iso_date.h"
#include "sanitizer.h"
#include "test_files.h"
#include "workflow_samples.h"

namespace fs = std::filesystem;
using namespace attache::workflow;
using attache::Date;
using attache::Status;
using nlohmann::json;

namespace {

using attache::testing::Alternatives;
using attache::testing::Day;
using attache::testing::ReadFile;
using attache::testing::SampleValue;

// The five real definitions and the minimal fixture.
const std::vector<Definition>& Definitions() {
  static const std::vector<Definition> defs = [] {
    std::vector<fs::path> files = {fs::path(ATTACHE_TEST_DIR) / "fixtures/workflows/minimal.json"};
    for (const auto& e : fs::directory_iterator(fs::path(ATTACHE_SOURCE_DIR) / "schema/workflows"))
      if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin() + 1, files.end());
    std::vector<Definition> out;
    for (const auto& f : files) {
      Definition d;
      Status s = LoadDefinition(ReadFile(f), f.filename().string(), &d);
      if (!s.ok()) throw std::runtime_error(s.message());
      out.push_back(std::move(d));
    }
    return out;
  }();
  return defs;
}

const Date kToday = attache::testing::kSampleToday;
const attache::workflow::Today kNow{kToday, nullptr};
constexpr int64_t kUnit = 1, kOtherUnit = 2, kCreatorId = 7;
const char* const kAllRoles[] = {"staff",   "unit_head", "icd_officer", "icd_head",
                                 "finance", "leader",    "admin",       "auditor"};

ProposalState Full(const Definition& def, const std::string& state) {
  ProposalState p;
  p.state = state;
  p.unit_id = kUnit;
  p.created_by = kCreatorId;
  p.state_entered_on = kToday;
  for (const auto& f : def.fields) p.fields[f.name] = SampleValue(f);
  for (const auto& d : def.documents) p.documents.insert(d.type);
  p.consultations = {{"Bộ Ngoại giao", "agree"}};
  return p;
}

// The consultation situations worth trying.
std::vector<std::vector<Consultation>> ConsultationVariants() {
  return {{{"Bộ Ngoại giao", "agree"}},
          {{"Bộ Ngoại giao", "object"}},
          {},
          {{"Bộ Ngoại giao", "agree"}, {"Bộ Công an", std::nullopt}}};
}

std::set<std::string> ExpressionFields(const TransitionDef& t) {
  std::set<std::string> out;
  if (t.when) out.insert(t.when->fields().begin(), t.when->fields().end());
  for (const auto& r : t.to)
    if (r.when) out.insert(r.when->fields().begin(), r.when->fields().end());
  return out;
}

bool MentionsConsultations(const TransitionDef& t) {
  auto mentions = [](const std::optional<attache::Expression>& e) {
    return e && (e->text().find("objections") != std::string::npos ||
                 e->text().find("unanswered_consultations") != std::string::npos);
  };
  bool any = mentions(t.when);
  for (const auto& r : t.to) any = any || mentions(r.when);
  return any;
}

// Searches single and paired changes of the fields the transition's conditions read (and the
// consultations) for a proposal where `accept(option)` holds.
template <class Accept>
std::optional<ProposalState> Search(const Definition& def, const TransitionDef& t,
                                    const ProposalState& base, const Actor& actor, Accept accept) {
  auto try_one = [&](const ProposalState& p) {
    auto options = AllowedActions(def, p, actor, kNow);
    for (const auto& o : options)
      if (o.transition == &t && accept(o)) return true;
    return false;
  };
  const std::set<std::string> read = ExpressionFields(t);
  const std::vector<std::string> names(read.begin(), read.end());
  for (const auto& consultations : ConsultationVariants()) {
    ProposalState p = base;
    p.consultations = consultations;
    if (try_one(p)) return p;
    for (size_t i = 0; i < names.size(); ++i)
      for (const json& a : Alternatives(*def.Field(names[i]))) {
        ProposalState q = p;
        q.fields[names[i]] = a;
        if (try_one(q)) return q;
        for (size_t j = i + 1; j < names.size(); ++j)
          for (const json& b : Alternatives(*def.Field(names[j]))) {
            ProposalState r = q;
            r.fields[names[j]] = b;
            if (try_one(r)) return r;
          }
      }
  }
  return std::nullopt;
}

Person WithRole(const std::string& role, int64_t id = 100, int64_t unit = kUnit) {
  return {id, unit, {role}};
}

// A person allowed to take `t` on proposals of kUnit made by kCreatorId.
Person Allowed(const TransitionDef& t) {
  return WithRole(t.roles.front(), t.creator_only ? kCreatorId : 100);
}

// Values for the step's input fields: the proposal's own where it has them (a search may have
// set them on purpose), samples otherwise.
json Inputs(const Definition& def, const TransitionDef& t, const json& fields = json::object()) {
  json in = json::object();
  for (const auto& name : t.input_fields) {
    auto it = fields.find(name);
    in[name] = it != fields.end() && IsPresent(*it) ? *it : SampleValue(*def.Field(name));
  }
  return in;
}

StepRequest Request(const Definition& def, const TransitionDef& t, const ProposalState& p) {
  return {t.action, "Lý do: kiểm thử", Inputs(def, t, p.fields)};
}

std::set<std::string> Codes(const std::vector<Reason>& reasons) {
  std::set<std::string> out;
  for (const auto& r : reasons) out.insert(r.code + (r.subject.empty() ? "" : ":" + r.subject));
  return out;
}

using Codeset = std::set<std::string>;

}  // namespace

TEST_CASE(
    "Every transition of every definition, by whom it may and may not be taken, and each rule "
    "unmet") {
  size_t taken = 0, refusals = 0;
  for (const Definition& def : Definitions()) {
    for (const TransitionDef& t : def.transitions) {
      for (const std::string& from : t.from) {
        INFO(def.kind << ": " << t.action << " from " << from);
        auto p = Search(def, t, Full(def, from), {Allowed(t), {}},
                        [](const ActionOption& o) { return o.enabled; });
        REQUIRE(p);  // some proposal lets an allowed person take it

        // Taken by each allowed role.
        for (const auto& role : t.roles) {
          Person who = WithRole(role, t.creator_only ? kCreatorId : 100);
          Step step;
          std::vector<Reason> unmet;
          Status s = Apply(def, *p, {who, {}}, Request(def, t, *p), kNow, &step, &unmet);
          INFO(role << ": " << s.message() << " " << json(Codes(unmet)).dump());
          REQUIRE(s.ok());
          CHECK(def.State(step.to) != nullptr);
          CHECK(std::any_of(t.to.begin(), t.to.end(),
                            [&](const Route& r) { return r.state == step.to; }));
          ++taken;
        }
        // Refused for every other role (admin and auditor included), with the role as reason.
        for (const char* role : kAllRoles) {
          if (std::find(t.roles.begin(), t.roles.end(), role) != t.roles.end()) continue;
          Step step;
          std::vector<Reason> unmet;
          Person who = WithRole(role, t.creator_only ? kCreatorId : 100);
          CHECK(Apply(def, *p, {who, {}}, Request(def, t, *p), kNow, &step, &unmet).code() ==
                Status::Code::kPermissionDenied);
          CHECK(Codes(unmet) == Codeset{"role:" + [&] {
                  std::string r;
                  for (const auto& x : t.roles) r += (r.empty() ? "" : ", ") + x;
                  return r;
                }()});
          ++refusals;
        }
        Step step;
        std::vector<Reason> unmet;
        if (t.not_by_creator) {
          // Separation of duties is a rule of the step (422), not a question of role (403).
          Person creator = WithRole(t.roles.front(), kCreatorId);
          CHECK(Apply(def, *p, {creator, {}}, Request(def, t, *p), kNow, &step, &unmet).code() ==
                Status::Code::kInvalidArgument);
          CHECK(Codes(unmet) == Codeset{"not_by_creator"});
          ++refusals;
        }
        if (t.creator_only) {
          CHECK(Apply(def, *p, {WithRole(t.roles.front(), 100), {}}, Request(def, t, *p), kNow,
                      &step, &unmet)
                    .code() == Status::Code::kPermissionDenied);
          CHECK(Codes(unmet) == Codeset{"creator_only"});
          ++refusals;
        }
        if (t.own_unit) {
          Person outsider =
              WithRole(t.roles.front(), t.creator_only ? kCreatorId : 100, kOtherUnit);
          CHECK(Apply(def, *p, {outsider, {}}, Request(def, t, *p), kNow, &step, &unmet).code() ==
                Status::Code::kPermissionDenied);
          CHECK(Codes(unmet) == Codeset{"scope:own_unit"});
          ++refusals;
        }
        // Each rule unmet, one at a time.
        const Actor actor{Allowed(t), {}};
        std::set<std::string> read = ExpressionFields(t);
        REQUIRE(Apply(def, *p, actor, Request(def, t, *p), kNow, &step, &unmet).ok());
        std::string to = step.to;
        // Every field and document, removed one at a time, that the target state then lacks.
        std::vector<std::pair<std::string, std::string>> requirements;
        for (const auto& f : def.fields) requirements.emplace_back("missing_field", f.name);
        for (const auto& d : def.documents) requirements.emplace_back("missing_document", d.type);
        for (const auto& [code, subject] : requirements) {
          INFO("without " << subject);
          ProposalState q = *p;
          StepRequest request = Request(def, t, *p);
          if (code == "missing_field")
            q.fields.erase(subject), request.fields.erase(subject);
          else
            q.documents.erase(subject);
          if (!Codes(MissingRequirements(def, to, q.fields, q.documents, kNow))
                   .count(code + ":" + subject))
            continue;
          CHECK(Apply(def, q, actor, request, kNow, &step, &unmet).code() ==
                Status::Code::kInvalidArgument);
          if (read.count(subject))
            CHECK(Codes(unmet).count(code + ":" + subject));
          else
            CHECK(Codes(unmet) == Codeset{code + ":" + subject});
          ++refusals;
        }
        if (t.consultations_answered) {
          ProposalState q = *p;
          q.consultations.push_back({"Bộ Tư pháp", std::nullopt});
          CHECK(Apply(def, q, actor, Request(def, t, *p), kNow, &step, &unmet).code() ==
                Status::Code::kInvalidArgument);
          if (MentionsConsultations(t))
            CHECK(Codes(unmet).count("consultation_unanswered:Bộ Tư pháp"));
          else
            CHECK(Codes(unmet) == Codeset{"consultation_unanswered:Bộ Tư pháp"});
          ++refusals;
        }
        if (t.needs_comment) {
          StepRequest request = Request(def, t, *p);
          request.comment.reset();
          CHECK(Apply(def, *p, actor, request, kNow, &step, &unmet).code() ==
                Status::Code::kInvalidArgument);
          CHECK(Codes(unmet) == Codeset{"comment_required:comment"});
          ++refusals;
        }
        if (t.when) {
          auto q = Search(def, t, *p, actor, [&](const ActionOption& o) {
            return Codes(o.reasons).count("condition:" + t.when->text()) > 0;
          });
          INFO("a proposal where " << t.when->text() << " is false");
          REQUIRE(q);
          CHECK(Apply(def, *q, actor, Request(def, t, *q), kNow, &step, &unmet).code() ==
                Status::Code::kInvalidArgument);
          CHECK(Codes(unmet).count("condition:" + t.when->text()));
          ++refusals;
        }
      }
    }
  }
  INFO(taken << " steps taken, " << refusals << " refusals checked");
  CHECK(taken >= 100);
  CHECK(refusals >= 500);
}

TEST_CASE(
    "Random walks stay inside the definition, keep separation of duties, and chain their audit") {
  // Under the sanitizers (5 times slower) a fifth of the walks: enough for them to see the
  // engine's memory and arithmetic on every kind of step, but the fixed random sequence then
  // misses a rare state or two, so covering every state is checked by the Release run only.
  const bool every_state = !attache::testing::kSanitized;
  const int walks = every_state ? 10'000 : 2'000;
  for (const Definition& def : Definitions()) {
    INFO(def.kind);
    std::mt19937_64 rng(20261124 + def.states.size());
    auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
    std::set<std::string> reached;
    std::vector<std::string> actions;
    for (const auto& t : def.transitions) actions.push_back(t.action);
    int64_t steps = 0;
    for (int w = 0; w < walks; ++w) {
      ProposalState p = Full(def, def.initial_state);
      p.consultations = ConsultationVariants()[pick(4)];
      std::vector<attache::AuditEntry> chain;
      attache::ChainVerifier verifier;
      std::string prev = attache::kGenesisHash;
      reached.insert(p.state);
      for (int i = 0; i < 150 && !def.State(p.state)->terminal; ++i) {
        // Now and then the data changes under the walk: a field cleared or set otherwise.
        if (pick(20) == 0) {
          const FieldDef& f = def.fields[pick(def.fields.size())];
          auto alternatives = Alternatives(f);
          p.fields[f.name] = alternatives[pick(alternatives.size())];
        }
        // And now and then a field a condition of this state reads, so guarded steps get taken.
        if (auto out = def.TransitionsFrom(p.state); pick(10) == 0) {
          std::set<std::string> read = ExpressionFields(*out[pick(out.size())]);
          if (!read.empty()) {
            auto it = std::next(read.begin(), static_cast<long>(pick(read.size())));
            auto alternatives = Alternatives(*def.Field(*it));
            p.fields[*it] = alternatives[pick(alternatives.size())];
          }
        }
        if (pick(20) == 0) p.consultations = ConsultationVariants()[pick(4)];
        auto from_here = def.TransitionsFrom(p.state);
        std::string action = pick(10) == 0 ? actions[pick(actions.size())]
                                           : from_here[pick(from_here.size())]->action;
        // Mostly someone holding one of the step's roles (so walks get deep), often not.
        const TransitionDef* chosen = def.Transition(p.state, action);
        std::string role = chosen && pick(10) < 7 ? chosen->roles[pick(chosen->roles.size())]
                                                  : std::string(kAllRoles[pick(8)]);
        Person self{pick(3) == 0 ? kCreatorId : 100 + static_cast<int64_t>(pick(3)),
                    pick(4) == 0 ? kOtherUnit : kUnit,
                    {role}};
        Actor actor{self, {}};
        if (pick(5) == 0)
          actor.acting_for.push_back({pick(3) == 0 ? kCreatorId : 200, 3, {"leader"}});
        StepRequest request{action,
                            pick(4) == 0 ? std::nullopt : std::optional<std::string>("Ý kiến"),
                            json::object()};
        if (const TransitionDef* t = def.Transition(p.state, action); t && pick(5) != 0)
          request.fields = Inputs(def, *t, p.fields);
        // Now and then an input is sent empty, which must not pass for a required field.
        if (!request.fields.empty() && pick(8) == 0)
          request.fields[request.fields.begin().key()] = pick(2) ? json("") : json(nullptr);
        Step step;
        if (!Apply(def, p, actor, request, kNow, &step).ok()) continue;
        const TransitionDef* t = def.Transition(p.state, action);
        REQUIRE(t != nullptr);
        REQUIRE(def.State(step.to) != nullptr);
        const Person& who = step.on_behalf_of ? actor.acting_for.at(0) : actor.self;
        REQUIRE(std::any_of(t->roles.begin(), t->roles.end(),
                            [&](const std::string& r) { return r == who.roles[0]; }));
        if (t->not_by_creator) {
          REQUIRE(actor.self.user_id != p.created_by);
          REQUIRE(who.user_id != p.created_by);
        }
        if (t->needs_comment) REQUIRE(step.comment);
        REQUIRE(MissingRequirements(def, step.to, step.fields, p.documents, kNow).empty());
        attache::AuditEntry e;
        e.seq = static_cast<int64_t>(chain.size()) + 1;
        e.at = "2026-03-02T03:00:00Z";
        e.actor = actor.self.user_id;
        e.on_behalf_of = step.on_behalf_of;
        e.proposal = w + 1;
        e.action = step.action;
        e.from = step.from;
        e.to = step.to;
        e.comment = step.comment;
        e.payload = step.audit_payload;
        e.prev_hash = prev;
        e.hash = attache::ChainHash(prev, e);
        prev = e.hash;
        chain.push_back(e);
        p.state = step.to;
        p.fields = step.fields;
        reached.insert(p.state);
        ++steps;
      }
      for (const auto& e : chain) verifier.Add(e);
      REQUIRE(verifier.report().ok);
      REQUIRE(verifier.report().entries == static_cast<int64_t>(chain.size()));
    }
    INFO(steps << " steps taken; states reached: " << json(reached).dump());
    CHECK(steps > walks);
    if (every_state) CHECK(reached.size() == def.states.size());  // the walks cover every state
  }
}
