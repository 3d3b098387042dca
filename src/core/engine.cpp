#include "attache/core/engine.h"

#include <algorithm>

#include "attache/core/fields.h"
#include "attache/core/iso_date.h"

namespace attache::workflow {
namespace {

using nlohmann::json;

bool HasAnyRole(const Person& p, const std::vector<std::string>& roles) {
  for (const auto& r : roles)
    if (std::find(p.roles.begin(), p.roles.end(), r) != p.roles.end()) return true;
  return false;
}

std::string JoinRoles(const std::vector<std::string>& roles) {
  std::string out;
  for (const auto& r : roles) out += (out.empty() ? "" : ", ") + r;
  return out;
}

// Why `who` (the user, or a leader the user acts for) may not take `t`; empty when they may.
std::vector<Reason> WhoReasons(const TransitionDef& t, const ProposalState& p, const Person& self,
                               const Person& who) {
  std::vector<Reason> out;
  if (!HasAnyRole(who, t.roles))
    out.push_back({"role", JoinRoles(t.roles),
                   Label("Bước này dành cho vai trò: " + JoinRoles(t.roles),
                         "This step is for the roles: " + JoinRoles(t.roles))});
  if (t.own_unit && who.unit_id != p.unit_id)
    out.push_back({"scope", "own_unit",
                   Label("Chỉ đơn vị chủ trì hồ sơ được thực hiện bước này",
                         "Only the proposal's own unit may take this step")});
  if (t.creator_only && self.user_id != p.created_by)
    out.push_back({"creator_only", "",
                   Label("Chỉ người tạo hồ sơ được thực hiện bước này",
                         "Only the person who created the proposal may take this step")});
  return out;
}

// Separation of duties: a rule of the step (422), not a question of who may act (403). The
// person holds the step's role in its scope, but neither they nor the leader they act for may
// take it on a proposal they created.
std::optional<Reason> CreatorReason(const TransitionDef& t, const ProposalState& p,
                                    const Person& self, const Person& who) {
  if (!t.not_by_creator || (self.user_id != p.created_by && who.user_id != p.created_by))
    return std::nullopt;
  return Reason{"not_by_creator", "",
                Label("Người tạo hồ sơ không được tự phê duyệt hồ sơ của mình",
                      "Nobody may approve a proposal they created")};
}

int CountObjections(const ProposalState& p) {
  return static_cast<int>(
      std::count_if(p.consultations.begin(), p.consultations.end(),
                    [](const Consultation& c) { return c.answer == "object"; }));
}

int CountUnanswered(const ProposalState& p) {
  return static_cast<int>(std::count_if(p.consultations.begin(), p.consultations.end(),
                                        [](const Consultation& c) { return !c.answer; }));
}

EvalContext Context(const Definition& def, const ProposalState& p, const json& fields,
                    const Today& today) {
  EvalContext c;
  c.fields = &fields;
  c.today = today.date;
  c.calendar = today.calendar;
  c.date_fields = &def.date_fields;
  c.objections = CountObjections(p);
  c.unanswered_consultations = CountUnanswered(p);
  return c;
}

// A condition that cannot be evaluated (a type error in data) counts as false, with the error
// as its reason, rather than letting a step through.
bool Holds(const Expression& e, const EvalContext& c, std::string* error = nullptr) {
  bool result = false;
  Status s = e.EvaluateBool(c, &result);
  if (!s.ok() && error) *error = s.message();
  return s.ok() && result;
}

// The first route whose condition holds, or null.
const Route* PickRoute(const TransitionDef& t, const EvalContext& c) {
  for (const Route& r : t.to)
    if (!r.when || Holds(*r.when, c)) return &r;
  return nullptr;
}

// The rules of `t` unmet for a proposal whose fields would be `fields`; fills `to`.
std::vector<Reason> RuleReasons(const Definition& def, const TransitionDef& t,
                                const ProposalState& p, const json& fields, const Today& today,
                                bool inputs_given, std::string* to) {
  std::vector<Reason> out;
  EvalContext c = Context(def, p, fields, today);
  if (t.when) {
    std::string error;
    if (!Holds(*t.when, c, &error))
      out.push_back({"condition", t.when->text(),
                     t.when_label ? *t.when_label
                                  : Label("Chưa đáp ứng điều kiện: " + t.when->text() +
                                              (error.empty() ? "" : " (" + error + ")"),
                                          "Condition not met: " + t.when->text() +
                                              (error.empty() ? "" : " (" + error + ")"))});
  }
  if (t.consultations_answered)
    for (const auto& consult : p.consultations)
      if (!consult.answer)
        out.push_back({"consultation_unanswered", consult.body,
                       Label("Chưa có ý kiến trả lời của " + consult.body,
                             "No answer yet from " + consult.body)});
  const Route* route = PickRoute(t, c);
  if (!route) {
    std::string conditions;
    for (const Route& r : t.to) conditions += (conditions.empty() ? "" : "; ") + r.when->text();
    out.push_back({"no_route", t.action,
                   Label("Không có bước tiếp theo phù hợp: " + conditions,
                         "No next step applies: " + conditions)});
    return out;
  }
  *to = route->state;
  for (Reason& r : MissingRequirements(def, route->state, fields, p.documents, today)) {
    // Before the step is taken, a field the step itself asks for is not yet missing.
    bool asked =
        std::find(t.input_fields.begin(), t.input_fields.end(), r.subject) != t.input_fields.end();
    if (r.code == "missing_field" && asked && !inputs_given) continue;
    out.push_back(std::move(r));
  }
  return out;
}

struct Evaluated {
  ActionOption option;
  bool may_act = false;  // some identity of the actor holds a role in scope (creator aside)
};

Evaluated Evaluate(const Definition& def, const TransitionDef& t, const ProposalState& p,
                   const Actor& actor, const json& fields, const Today& today, bool inputs_given) {
  Evaluated e;
  e.option.transition = &t;
  // The user acts as themself when they can; otherwise for the first leader they deputise for
  // who can. Reasons are those of the first identity that holds one of the roles. An identity
  // that may act but created the proposal is the last choice: its step is refused by the rule
  // of separation of duties, named among the step's other unmet rules.
  std::vector<Reason> own, first_with_role;
  std::optional<size_t> creator_identity;
  std::optional<Reason> creator_reason;
  for (size_t i = 0; i <= actor.acting_for.size() && !e.may_act; ++i) {
    const Person& who = i == 0 ? actor.self : actor.acting_for[i - 1];
    std::vector<Reason> reasons = WhoReasons(t, p, actor.self, who);
    if (reasons.empty()) {
      if (auto creator = CreatorReason(t, p, actor.self, who)) {
        if (!creator_identity) creator_identity = i, creator_reason = std::move(creator);
        continue;
      }
      e.may_act = true;
      if (i > 0) e.option.on_behalf_of = who.user_id;
    } else if (HasAnyRole(who, t.roles) && first_with_role.empty()) {
      first_with_role = std::move(reasons);
    } else if (i == 0) {
      own = std::move(reasons);
    }
  }
  const bool as_creator = !e.may_act && creator_identity.has_value();
  if (as_creator) {
    e.may_act = true;
    if (*creator_identity > 0)
      e.option.on_behalf_of = actor.acting_for[*creator_identity - 1].user_id;
  }
  if (!e.may_act) {
    e.option.reasons = first_with_role.empty() ? std::move(own) : std::move(first_with_role);
    return e;
  }
  e.option.reasons = RuleReasons(def, t, p, fields, today, inputs_given, &e.option.to);
  if (as_creator) e.option.reasons.insert(e.option.reasons.begin(), std::move(*creator_reason));
  e.option.enabled = e.option.reasons.empty();
  return e;
}

Date Shift(Date from, int days, bool working, const Today& today) {
  if (!working) return from + std::chrono::days(days);
  if (today.calendar) return today.calendar->AddWorkingDays(from, days);
  return WorkingDayCalendar().AddWorkingDays(from, days);
}

}  // namespace

bool Reason::IsWho() const {
  return code == "role" || code == "scope" || code == "creator_only";
}

std::vector<Reason> MissingRequirements(const Definition& def, const std::string& state,
                                        const json& fields, const std::set<std::string>& documents,
                                        const Today& today) {
  std::vector<Reason> out;
  const StateDef* target = def.State(state);
  if (!target || target->skip_requirements) return out;
  ProposalState none;
  EvalContext c = Context(def, none, fields, today);
  auto applies = [&](const std::string& from, const std::optional<Expression>& when) {
    if (from.empty() || def.State(from)->position > target->position) return false;
    return !when || Holds(*when, c);
  };
  for (const FieldDef& f : def.fields) {
    if (!applies(f.required_from, f.when)) continue;
    auto it = fields.find(f.name);
    if (it == fields.end() || !IsPresent(*it))
      out.push_back({"missing_field", f.name,
                     Label("Thiếu thông tin bắt buộc: " + f.label.vi,
                           "Required field missing: " + f.label.en)});
  }
  for (const DocumentDef& d : def.documents) {
    if (!applies(d.required_from, d.when)) continue;
    if (!documents.count(d.type))
      out.push_back({"missing_document", d.type,
                     Label("Thiếu tài liệu bắt buộc: " + d.label.vi,
                           "Required document missing: " + d.label.en)});
  }
  return out;
}

std::vector<ActionOption> AllowedActions(const Definition& def, const ProposalState& p,
                                         const Actor& actor, const Today& today) {
  std::vector<ActionOption> out;
  for (const TransitionDef* t : def.TransitionsFrom(p.state))
    out.push_back(Evaluate(def, *t, p, actor, p.fields, today, false).option);
  return out;
}

Status Apply(const Definition& def, const ProposalState& p, const Actor& actor,
             const StepRequest& request, const Today& today, Step* step,
             std::vector<Reason>* unmet) {
  std::vector<Reason> reasons;
  auto refuse = [&](Status status) {
    if (unmet) *unmet = std::move(reasons);
    return status;
  };
  const TransitionDef* t = def.Transition(p.state, request.action);
  if (!t) {
    reasons.push_back({"not_available", request.action,
                       Label("Không thể thực hiện \"" + request.action + "\" ở bước hiện tại",
                             "\"" + request.action + "\" is not available in state " + p.state)});
    return refuse(Status::InvalidArgument("action " + request.action +
                                          " is not available in state " + p.state));
  }
  // The step's own inputs: only the transition's input fields, each well-formed.
  json fields = p.fields.is_object() ? p.fields : json::object();
  bool inputs_ok = true;
  if (!request.fields.is_object()) {
    reasons.push_back(
        {"invalid_field", "fields", Label("phải là một đối tượng", "must be an object")});
    inputs_ok = false;
  } else {
    for (auto it = request.fields.begin(); it != request.fields.end(); ++it)
      if (std::find(t->input_fields.begin(), t->input_fields.end(), it.key()) ==
          t->input_fields.end()) {
        reasons.push_back({"not_input_field", it.key(),
                           Label("Bước này không nhận trường " + it.key(),
                                 "This step does not take field " + it.key())});
        inputs_ok = false;
      }
    if (inputs_ok) {
      for (FieldError& e : ValidateFieldValues(def, request.fields)) {
        reasons.push_back({"invalid_field", e.field, std::move(e.message)});
        inputs_ok = false;
      }
    }
    if (inputs_ok) fields.update(request.fields);
  }
  Evaluated e = Evaluate(def, *t, p, actor, fields, today, true);
  if (!e.may_act) {
    reasons.insert(reasons.begin(), e.option.reasons.begin(), e.option.reasons.end());
    return refuse(Status::PermissionDenied("you may not take the step " + t->action));
  }
  for (Reason& r : e.option.reasons) {
    // A field given in a malformed form is reported as such, not as missing too. A field given
    // as null or "" is missing like any other.
    bool malformed = r.code == "missing_field" &&
                     std::any_of(reasons.begin(), reasons.end(), [&](const Reason& x) {
                       return x.code == "invalid_field" && x.subject == r.subject;
                     });
    if (!malformed) reasons.push_back(std::move(r));
  }
  bool has_comment =
      request.comment && request.comment->find_first_not_of(" \t\r\n") != std::string::npos;
  if (t->needs_comment && !has_comment)
    reasons.push_back({"comment_required", "comment",
                       Label("Bước này cần nêu lý do", "This step needs a reason")});
  if (!reasons.empty())
    return refuse(Status::InvalidArgument("the step " + t->action + " has unmet rules"));

  Step s;
  s.action = t->action;
  s.from = p.state;
  s.to = e.option.to;
  s.on_behalf_of = e.option.on_behalf_of;
  if (has_comment) s.comment = request.comment;
  s.deadline = DeadlineOf(def, s.to, fields, today.date, today);
  ProposalState before = p;
  before.fields = fields;
  s.warnings = ActiveWarnings(def, before, today, &t->action);
  s.fields = std::move(fields);
  s.audit_payload = json::object();
  if (!request.fields.empty()) s.audit_payload["fields"] = request.fields;
  if (s.deadline) {
    s.audit_payload["due_on"] = FormatIsoDate(std::chrono::year_month_day(s.deadline->due));
    // Counted across a year without a holiday calendar: weekends only, and said so.
    if (s.deadline->approximate) s.audit_payload["due_on_approximate"] = true;
  }
  if (!s.warnings.empty()) {
    json ids = json::array();
    for (const WarningDef* w : s.warnings) ids.push_back(w->id);
    s.audit_payload["warnings"] = ids;
  }
  *step = std::move(s);
  if (unmet) unmet->clear();
  return Status::Ok();
}

std::optional<Deadline> DeadlineOf(const Definition& def, const std::string& state,
                                   const json& fields, Date entered_on, const Today& today) {
  const StateDef* s = def.State(state);
  if (!s) return std::nullopt;
  ProposalState none;
  EvalContext c = Context(def, none, fields, today);
  for (const DeadlineRule& rule : s->deadline) {
    if (rule.when && !Holds(*rule.when, c)) continue;
    Date base = entered_on;
    if (rule.from != DeadlineRule::From::kEntered) {
      auto it = fields.find(rule.field);
      if (it == fields.end() || !it->is_string()) return std::nullopt;
      auto ymd = ParseIsoDate(it->get_ref<const std::string&>());
      if (!ymd) return std::nullopt;
      base = Date(*ymd);
    }
    int days = rule.from == DeadlineRule::From::kBefore ? -rule.days : rule.days;
    Deadline d{Shift(base, days, rule.working, today), &rule, false};
    d.approximate = rule.working && (!today.calendar || !today.calendar->KnowsRange(base, d.due));
    return d;
  }
  return std::nullopt;
}

std::vector<const WarningDef*> ActiveWarnings(const Definition& def, const ProposalState& p,
                                              const Today& today, const std::string* action) {
  std::vector<const WarningDef*> out;
  EvalContext c = Context(def, p, p.fields, today);
  for (const WarningDef& w : def.warnings) {
    bool listed = action ? std::find(w.actions.begin(), w.actions.end(), *action) != w.actions.end()
                         : std::find(w.states.begin(), w.states.end(), p.state) != w.states.end();
    if (listed && Holds(w.when, c)) out.push_back(&w);
  }
  return out;
}

}  // namespace attache::workflow
