#include "attache/api/proposal_json.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "attache/core/iso_date.h"
#include "attache/http/problem.h"
#include "attache/service/policy.h"
#include "attache/store/consultations.h"
#include "attache/store/units.h"

namespace attache::api {
namespace {

using nlohmann::json;

// The fields with personal data removed for a user who may not see it.
json Redacted(const workflow::Definition& def, const json& fields) {
  json out = json::object();
  for (auto it = fields.begin(); it != fields.end(); ++it) {
    const workflow::FieldDef* f = def.Field(it.key());
    if (!f || f->personal) continue;
    json value = *it;
    if (f->type == workflow::FieldType::kPeople && value.is_array())
      for (json& person : value)
        for (const auto& column : f->item_fields)
          if (column.personal && person.is_object()) person.erase(column.name);
    out[it.key()] = std::move(value);
  }
  return out;
}

json PersonJson(store::Db& db, std::optional<int64_t> id) {
  if (!id) return nullptr;
  auto u = store::FindUser(db, *id);
  return {{"id", *id}, {"display_name", u ? u->display_name : ""}};
}

json StateLabel(const workflow::Definition* def, const std::string& state) {
  const workflow::StateDef* s = def ? def->State(state) : nullptr;
  return s ? LabelJson(s->label) : json{{"vi", state}, {"en", state}};
}

bool Overdue(std::optional<std::string_view> due_on, std::string_view today) {
  return due_on && *due_on < today;
}

}  // namespace

json DocumentJson(const store::DocumentRow& d) {
  auto id_or_null = [](const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); };
  return {{"id", d.id},
          {"type", d.type},
          {"filename", d.filename},
          {"size", d.size},
          {"sha256", d.sha256},
          {"content_type", d.content_type},
          {"uploaded_at", d.uploaded_at},
          {"uploaded_by", {{"id", d.uploaded_by}, {"display_name", d.uploaded_by_name}}},
          {"replaces", id_or_null(d.replaces)},
          {"replaced_by", id_or_null(d.replaced_by)}};
}

json LabelJson(const workflow::Label& label) {
  return {{"vi", label.vi}, {"en", label.en}};
}

json ReasonErrors(const std::vector<workflow::Reason>& reasons) {
  json out = json::array();
  for (const auto& r : reasons)
    out.push_back({{"field", r.subject.empty() ? r.code : r.subject},
                   {"code", r.code},
                   {"message", r.message.vi},
                   {"message_en", r.message.en}});
  return out;
}

json FieldErrors(const std::vector<workflow::FieldError>& errors) {
  json out = json::array();
  for (const auto& e : errors)
    out.push_back({{"field", e.field},
                   {"code", "invalid_field"},
                   {"message", e.message.vi},
                   {"message_en", e.message.en}});
  return out;
}

// The roles whose step it is now: the roles of the transitions out of `state`, leaving out the
// creator's own (withdraw), for "waiting for whom" in lists and on the pending board.
json AwaitingRoles(const workflow::Definition* def, const std::string& state) {
  json roles = json::array();
  if (!def) return roles;
  for (const auto& t : def->transitions) {
    if (t.creator_only || std::find(t.from.begin(), t.from.end(), state) == t.from.end()) continue;
    for (const auto& r : t.roles)
      if (std::find(roles.begin(), roles.end(), r) == roles.end()) roles.push_back(r);
  }
  return roles;
}

SummaryWriter::SummaryWriter(AppContext& ctx, std::string today, JsonWriter& w)
    : ctx_(ctx), today_(std::move(today)), w_(w) {}

void SummaryWriter::Write(const store::ProposalListView& row) {
  auto it = per_state_.find(std::tuple(row.kind, row.workflow_version, row.state));
  if (it == per_state_.end()) {
    it = per_state_
             .try_emplace({std::string(row.kind), row.workflow_version, std::string(row.state)})
             .first;
    auto def = ctx_.workflows.Version(std::string(row.kind), row.workflow_version);
    const std::string state(row.state);
    it->second.label = http::SafeDump(StateLabel(def.get(), state));
    it->second.awaiting = http::SafeDump(AwaitingRoles(def.get(), state));
  }
  auto optional_text = [&](const char* key, const std::optional<std::string_view>& v) {
    w_.Key(key);
    v ? w_.String(*v) : w_.Null();
  };
  auto optional_int = [&](const char* key, const std::optional<int64_t>& v) {
    w_.Key(key);
    v ? w_.Int(*v) : w_.Null();
  };
  // Keys in nlohmann::json's (sorted) order, so the text is what it wrote before.
  w_.BeginObject();
  w_.Key("awaiting_roles").Raw(it->second.awaiting);
  optional_text("country", row.country);
  w_.Key("created_at").String(row.created_at);
  optional_text("due_on", row.due_on);
  optional_text("ends_on", row.ends_on);
  w_.Key("id").Int(row.id);
  w_.Key("kind").String(row.kind);
  w_.Key("overdue").Bool(Overdue(row.due_on, today_));
  optional_int("partner_id", row.partner_id);
  optional_int("plan_item_id", row.plan_item_id);
  w_.Key("ref").String(row.ref);
  optional_text("starts_on", row.starts_on);
  w_.Key("state").String(row.state);
  w_.Key("state_entered_at").String(row.state_entered_at);
  w_.Key("state_label").Raw(it->second.label);
  w_.Key("title").String(row.title);
  w_.Key("unit_id").Int(row.unit_id);
  w_.Key("updated_at").String(row.updated_at);
  w_.Key("version").Int(row.version);
  w_.EndObject();
}

json ProposalJson(AppContext& ctx, store::Db& db, const store::User& user,
                  const store::ProposalRow& row) {
  auto def = ctx.workflows.Version(row.kind, row.workflow_version);
  workflow::Today today = ctx.proposals.Today();
  std::string today_text = FormatIsoDate(std::chrono::year_month_day(today.date));
  workflow::ProposalState state = ctx.proposals.StateOf(db, row);
  auto unit = store::FindUnit(db, row.unit_id);

  const service::DeputySteps deputy = ctx.proposals.DeputyStepsOf(db, user);
  const service::ProposalScope scope = service::ScopeOf(row);
  json actions = json::array();
  json warnings = json::array();
  json deadline = nullptr;
  if (def) {
    workflow::Actor actor = ctx.proposals.ActorOf(db, user);
    bool may_change = service::CanChangeProposal(user, deputy, scope);
    for (const auto& o : workflow::AllowedActions(*def, state, actor, today)) {
      // Only steps this person could take: a staff member is not shown a leader's buttons.
      if (!may_change || (!o.enabled && !o.reasons.empty() && o.reasons.front().IsWho())) continue;
      const workflow::TransitionDef& t = *o.transition;
      actions.push_back({{"action", t.action},
                         {"to", o.to.empty() ? json(nullptr) : json(o.to)},
                         {"to_label", o.to.empty() ? json(nullptr) : StateLabel(def.get(), o.to)},
                         {"label", LabelJson(t.label)},
                         {"needs_comment", t.needs_comment},
                         {"input_fields", t.input_fields},
                         {"enabled", o.enabled},
                         {"reasons", ReasonErrors(o.reasons)},
                         {"on_behalf_of", o.on_behalf_of ? json(*o.on_behalf_of) : json(nullptr)}});
    }
    for (const workflow::WarningDef* w : workflow::ActiveWarnings(*def, state, today))
      warnings.push_back(
          {{"id", w->id}, {"message", LabelJson(w->message)}, {"source", w->source}});
    if (auto d = workflow::DeadlineOf(*def, row.state, row.fields, state.state_entered_on, today))
      deadline = {{"due_on", FormatIsoDate(std::chrono::year_month_day(d->due))},
                  {"source", d->rule->source},
                  {"approximate", d->approximate}};
  }
  json documents = json::array();  // the current version of each, newest first
  for (const auto& d : store::ListDocuments(db, row.id))
    if (d.current()) documents.push_back(DocumentJson(d));
  json consultations = json::array();
  for (const auto& c : store::ConsultationsOf(db, row.id))
    consultations.push_back(
        {{"id", c.id},
         {"body", c.body},
         {"note", c.note},
         {"due_on", c.due_on},
         {"overdue", !c.answer && c.due_on < today_text},
         {"asked_by", PersonJson(db, c.asked_by)},
         {"asked_at", c.asked_at},
         {"answer", c.answer ? json(*c.answer) : json(nullptr)},
         {"answer_note", c.answer_note},
         {"answered_by", PersonJson(db, c.answered_by)},
         {"answered_at", c.answered_at ? json(*c.answered_at) : json(nullptr)},
         {"document_id", c.document_id ? json(*c.document_id) : json(nullptr)}});
  const workflow::StateDef* s = def ? def->State(row.state) : nullptr;
  return {
      {"id", row.id},
      {"ref", row.ref},
      {"kind", row.kind},
      {"workflow_version", row.workflow_version},
      {"title", row.title},
      {"state", row.state},
      {"state_label", StateLabel(def.get(), row.state)},
      {"terminal", s && s->terminal},
      {"editable", s && s->editable && service::CanEditProposal(user, row.unit_id)},
      {"unit",
       {{"id", row.unit_id},
        {"code", unit ? unit->code : ""},
        {"name", unit ? json{{"vi", unit->name_vi}, {"en", unit->name_en}} : json(nullptr)}}},
      {"created_by", PersonJson(db, row.created_by)},
      {"fields", def && !service::CanSeePassports(user, deputy, scope) ? Redacted(*def, row.fields)
                                                                          : row.fields},
      {"documents", documents},
      {"consultations", consultations},
      {"due_at", row.due_on ? json(*row.due_on) : json(nullptr)},
      {"deadline", deadline},
      {"overdue", Overdue(row.due_on, today_text)},
      {"warnings", warnings},
      {"version", row.version},
      {"plan_item_id", row.plan_item_id ? json(*row.plan_item_id) : json(nullptr)},
      // Flagged in the annual report's plan against actual too (docs/reports.md).
      {"outside_plan", !row.plan_item_id},
      {"allowed_actions", actions},
      {"created_at", row.created_at},
      {"updated_at", row.updated_at}};
}

}  // namespace attache::api
