#include "attache/service/proposals.h"

#include <map>

#include "attache/core/iso_date.h"
#include "attache/core/rfc3339.h"
#include "attache/service/policy.h"
#include "attache/service/proposal_search.h"
#include "attache/store/authorisations.h"
#include "attache/store/consultations.h"
#include "attache/store/documents.h"
#include "attache/store/partners.h"
#include "attache/store/plan_items.h"

namespace attache::service {
namespace {

using nlohmann::json;

std::optional<std::string> DueText(const std::optional<workflow::Deadline>& d) {
  if (!d) return std::nullopt;
  return FormatIsoDate(std::chrono::year_month_day(d->due));
}

workflow::Person PersonOf(const store::User& u) {
  return {u.id, u.unit_id, u.roles};
}

}  // namespace

store::ListColumns ColumnsOf(const workflow::Definition& def, const json& fields) {
  store::ListColumns c = FilterColumnsOf(def, fields);
  c.search_text = FieldsSearchText(def, fields);
  return c;
}

store::ListColumns FilterColumnsOf(const workflow::Definition& def, const json& fields) {
  store::ListColumns c;
  auto value = [&](const std::string& name) -> const json* {
    if (name.empty()) return nullptr;
    auto it = fields.find(name);
    return it == fields.end() || it->is_null() ? nullptr : &*it;
  };
  if (const json* v = value(def.columns.partner); v && v->is_number_integer())
    c.partner_id = v->get<int64_t>();
  if (const json* v = value(def.columns.country)) {
    if (v->is_string())
      c.country = v->get<std::string>();
    else if (v->is_array() && !v->empty() && (*v)[0].is_string())
      c.country = (*v)[0].get<std::string>();
  }
  if (const json* v = value(def.columns.starts_on); v && v->is_string())
    c.starts_on = v->get<std::string>();
  if (const json* v = value(def.columns.ends_on); v && v->is_string())
    c.ends_on = v->get<std::string>();
  if (const json* v = value(def.columns.amount_usd); v && v->is_number())
    c.amount_usd = v->get<double>();
  return c;
}

std::vector<workflow::FieldError> CheckFieldValues(store::Db& db, const workflow::Definition& def,
                                                   const json& values) {
  auto errors = workflow::ValidateFieldValues(def, values);
  if (!errors.empty() || !values.is_object()) return errors;
  for (auto it = values.begin(); it != values.end(); ++it) {
    const workflow::FieldDef* f = def.Field(it.key());
    if (f->type == workflow::FieldType::kPartner && it->is_number_integer() &&
        !store::PartnerExists(db, it->get<int64_t>()))
      errors.push_back({f->name, {"không có đối tác này", "no such partner"}});
  }
  return errors;
}

workflow::Today Proposals::Today() const {
  auto vietnam = clock_.Now() + std::chrono::hours(7);
  return {std::chrono::floor<std::chrono::days>(vietnam), &calendar_};
}

workflow::ProposalState Proposals::StateOf(store::Db& db, const store::ProposalRow& row) const {
  workflow::ProposalState p;
  p.state = row.state;
  p.unit_id = row.unit_id;
  p.created_by = row.created_by;
  p.fields = row.fields;
  for (const auto& c : store::ConsultationsOf(db, row.id))
    p.consultations.push_back({c.body, c.answer});
  p.documents = store::CurrentDocumentTypes(db, row.id);
  // The day it entered the state, in Vietnam (the stored time is UTC).
  Clock::time_point entered;
  p.state_entered_on = ParseRfc3339(row.state_entered_at, &entered)
                           ? std::chrono::floor<std::chrono::days>(entered + std::chrono::hours(7))
                           : Today().date;
  return p;
}

workflow::Actor Proposals::ActorOf(store::Db& db, const store::User& user) const {
  workflow::Actor actor{PersonOf(user), {}};
  std::string today = FormatIsoDate(std::chrono::year_month_day(Today().date));
  // A deputy takes the leader's steps only, not whatever other roles the leader holds, and only
  // while the leader is still an active leader.
  for (const auto& a : store::ActingForOn(db, user.id, today))
    if (auto leader = store::FindUser(db, a.leader_id);
        leader && leader->active && HasRole(*leader, kLeaderRole))
      actor.acting_for.push_back({leader->id, leader->unit_id, {std::string(kLeaderRole)}});
  return actor;
}

Status Proposals::Create(store::Db& db, const store::User& user, const NewProposalRequest& request,
                         store::ProposalRow* out, Refusal* refusal) const {
  if (!CanCreateProposal(user)) return Status::PermissionDenied("you may not create proposals");
  auto refuse = [&](const char* field, workflow::Label message) {
    std::string detail = std::string(field) + ": " + message.en;
    if (refusal) refusal->field_errors = {{field, std::move(message)}};
    return Status::InvalidArgument(detail);
  };
  auto def = workflows_.Current(request.kind);
  if (!def)
    return refuse("kind", {"không có loại hồ sơ này", "no such kind of proposal: " + request.kind});
  // Characters, as the store counts bytes only as a last guard.
  size_t length = 0;
  for (unsigned char c : request.title) length += (c & 0xC0) != 0x80;
  if (length == 0 || length > 500 || request.title.size() > 2000 ||
      request.title.find_first_not_of(" \t\r\n") == std::string::npos)
    return refuse("title",
                  {"tiêu đề phải có từ 1 đến 500 ký tự", "the title must be 1 to 500 characters"});
  auto errors = CheckFieldValues(db, *def, request.fields);
  if (!errors.empty()) {
    if (refusal) refusal->field_errors = std::move(errors);
    return Status::InvalidArgument("some fields are malformed");
  }
  workflow::Today today = Today();
  json fields = json::object();
  for (auto it = request.fields.begin(); it != request.fields.end(); ++it)
    if (!it->is_null()) fields[it.key()] = *it;
  store::NewProposal n;
  n.kind = def->kind;
  n.workflow_version = workflows_.CurrentVersion(def->kind);
  n.ref_prefix = def->ref_prefix;
  n.title = request.title;
  n.unit_id = user.unit_id;
  n.created_by = user.id;
  n.initial_state = def->initial_state;
  if (request.plan_item_id) {
    auto item = store::FindPlanItem(db, *request.plan_item_id);
    if (!item || item->unit_id != user.unit_id) {
      if (refusal)
        refusal->field_errors = {
            {"plan_item_id",
             {"không có mục kế hoạch này của đơn vị", "no such plan item of your unit"}}};
      return Status::InvalidArgument("plan_item_id: no such plan item of your unit");
    }
    n.plan_item_id = request.plan_item_id;
  }
  n.due_on = DueText(workflow::DeadlineOf(*def, def->initial_state, fields, today.date, today));
  n.columns = ColumnsOf(*def, fields);
  n.fields = std::move(fields);
  n.at = FormatRfc3339(clock_.Now());
  return store::CreateProposal(db, n, out);
}

std::vector<store::AwaitingRule> Proposals::AwaitingRules(store::Db& db,
                                                          const store::User& user) const {
  std::vector<store::AwaitingRule> rules;
  if (IsReadOnly(user)) return rules;
  workflow::Actor actor = ActorOf(db, user);
  std::vector<workflow::Person> people = {actor.self};
  people.insert(people.end(), actor.acting_for.begin(), actor.acting_for.end());
  return RulesFor(people);
}

DeputySteps Proposals::DeputyStepsOf(store::Db& db, const store::User& user) const {
  if (IsReadOnly(user)) return {};
  return {RulesFor(ActorOf(db, user).acting_for)};
}

std::vector<store::AwaitingRule> Proposals::RulesFor(
    const std::vector<workflow::Person>& people) const {
  std::vector<store::AwaitingRule> rules;
  if (people.empty()) return rules;
  for (const auto& [key, def] : workflows_.All()) {
    for (const workflow::Person& who : people) {
      // One rule per kind of limit: steps limited to the unit or open everywhere, and steps
      // the creator may take or not (a unit head's own proposal does not wait for them).
      std::map<std::pair<bool, bool>, store::AwaitingRule> by_limit;  // (own unit, not creator)
      // The rules are OR'd: a state waits for this person if any step out of it is theirs.
      for (const workflow::StateDef& state : def->states) {
        for (const workflow::TransitionDef* t : def->TransitionsFrom(state.id)) {
          if (t->creator_only) continue;  // withdrawing is possible, not awaited
          bool role = std::any_of(t->roles.begin(), t->roles.end(), [&](const std::string& r) {
            return std::find(who.roles.begin(), who.roles.end(), r) != who.roles.end();
          });
          if (!role) continue;
          store::AwaitingRule& rule = by_limit[{t->own_unit, t->not_by_creator}];
          if (rule.kind.empty()) {
            rule.kind = key.first;
            rule.workflow_version = key.second;
            if (t->own_unit) rule.unit_id = who.unit_id;
            if (t->not_by_creator) rule.not_created_by = who.user_id;
          }
          if (rule.states.empty() || rule.states.back() != state.id)
            rule.states.push_back(state.id);
        }
      }
      for (auto& [limit, rule] : by_limit) rules.push_back(std::move(rule));
    }
  }
  return rules;
}

Status Proposals::Load(store::Db& db, const store::User& user, int64_t id,
                       store::ProposalRow* out) const {
  if (Status s = store::LoadProposal(db, id, out); !s.ok()) return s;
  if (!CanSeeProposal(user, DeputyStepsOf(db, user), ScopeOf(*out)))
    return Status::NotFound("no proposal " + std::to_string(id));
  return Status::Ok();
}

Status Proposals::Edit(store::Db& db, const store::User& user, int64_t id, int64_t expected_version,
                       const std::optional<std::string>& title, const json& fields,
                       store::ProposalRow* after, Refusal* refusal) const {
  store::ProposalRow row;
  if (Status s = Load(db, user, id, &row); !s.ok()) return s;
  if (!CanEditProposal(user, row.unit_id))
    return Status::PermissionDenied("you may not edit this proposal");
  if (row.version != expected_version)
    return Status::FailedPrecondition("proposal " + row.ref + " is at version " +
                                      std::to_string(row.version) + ", not " +
                                      std::to_string(expected_version) + ": reload it");
  auto def = workflows_.Version(row.kind, row.workflow_version);
  if (!def)
    return Status::Corruption("no workflow " + row.kind + " version " +
                              std::to_string(row.workflow_version));
  const workflow::StateDef* state = def->State(row.state);
  if (!state || !state->editable)
    return Status::Conflict("proposal " + row.ref + " cannot be edited in state " + row.state);
  auto errors = CheckFieldValues(db, *def, fields);
  if (!errors.empty()) {
    if (refusal) refusal->field_errors = std::move(errors);
    return Status::InvalidArgument("some fields are malformed");
  }
  json merged = row.fields;
  json changed = json::object();
  for (auto it = fields.begin(); it != fields.end(); ++it) {
    if (merged.value(it.key(), json()) == *it) continue;
    changed[it.key()] = *it;
    if (it->is_null())
      merged.erase(it.key());
    else
      merged[it.key()] = *it;
  }
  store::EventRecord record;
  record.proposal_id = id;
  record.expected_version = expected_version;
  if (title && *title != row.title) record.title = title;
  record.fields = merged;
  record.columns = ColumnsOf(*def, merged);
  record.event.at = FormatRfc3339(clock_.Now());
  record.event.actor = user.id;
  record.event.action = "edit";
  // The audit keeps what changed, so the history shows who wrote what.
  record.event.payload = {{"fields", changed}};
  if (record.title) record.event.payload["title"] = *record.title;
  Status s = store::RecordEvent(db, record, after);
  if (s.code() == Status::Code::kConflict) return Status::FailedPrecondition(s.message());
  return s;
}

Status Proposals::RecordEvent(store::Db& db, const store::User& user, int64_t proposal_id,
                              const std::string& action, json payload) const {
  store::EventRecord record;
  record.proposal_id = proposal_id;
  record.event.at = FormatRfc3339(clock_.Now());
  record.event.actor = user.id;
  record.event.action = action;
  record.event.payload = std::move(payload);
  return store::RecordEvent(db, record, nullptr);
}

Status Proposals::Act(store::Db& db, const store::User& user, const ActRequest& request,
                      store::ProposalRow* after, Refusal* refusal) const {
  store::ProposalRow row;
  if (Status s = store::LoadProposal(db, request.proposal_id, &row); !s.ok()) return s;
  const DeputySteps deputy = DeputyStepsOf(db, user);
  if (!CanSeeProposal(user, deputy, ScopeOf(row)))
    return Status::NotFound("no proposal " + std::to_string(request.proposal_id));
  if (!CanChangeProposal(user, deputy, ScopeOf(row)))
    return Status::PermissionDenied("you may not act on proposals (read-only)");
  if (row.version != request.expected_version)
    return Status::Conflict("proposal " + row.ref + " is at version " +
                            std::to_string(row.version) + ", not " +
                            std::to_string(request.expected_version) + ": someone acted first");
  auto def = workflows_.Version(row.kind, row.workflow_version);
  if (!def)
    return Status::Corruption("no workflow " + row.kind + " version " +
                              std::to_string(row.workflow_version));
  workflow::Today today = Today();
  workflow::Step step;
  std::vector<workflow::Reason> unmet;
  Status decided = workflow::Apply(*def, StateOf(db, row), ActorOf(db, user), request.step, today,
                                   &step, &unmet);
  if (!decided.ok()) {
    if (refusal) refusal->reasons = std::move(unmet);
    return decided;
  }
  store::StepRecord record;
  record.proposal_id = row.id;
  record.expected_version = row.version;
  record.to_state = step.to;
  record.due_on = DueText(step.deadline);
  // Most steps bring no input fields: then the fields, the list columns and the words indexed
  // stay as they are, and so do the index entries that hold them.
  if (step.fields != row.fields) {
    record.columns = ColumnsOf(*def, step.fields);
    record.fields = step.fields;
  }
  record.event.at = FormatRfc3339(clock_.Now());
  record.event.actor = user.id;
  record.event.on_behalf_of = step.on_behalf_of;
  record.event.action = step.action;
  record.event.from = step.from;
  record.event.to = step.to;
  record.event.comment = step.comment;
  record.event.payload = step.audit_payload;
  return store::RecordStep(db, record, after);
}

}  // namespace attache::service
