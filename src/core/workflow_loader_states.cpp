// The states, transitions and warnings of a workflow definition (workflow_loader_internal.h):
// each state with its deadline rules; each transition with the states it leaves and reaches,
// who may take it and on what condition; each warning with the actions it is shown on.
#include <algorithm>

#include "workflow_loader_internal.h"

namespace attache::workflow::loader {
namespace {

DeadlineRule ReadDeadlineRule(const json& j, const std::string& at, const Definition& def) {
  CheckKeys(j, at, {"source"}, {"working_days", "calendar_days", "after", "before", "when"});
  DeadlineRule r;
  bool working = j.contains("working_days"), calendar = j.contains("calendar_days");
  if (working == calendar) Fail(at, "give exactly one of working_days and calendar_days");
  r.working = working;
  r.days = Integer(j, at, working ? "working_days" : "calendar_days", 0, 3660);
  if (j.contains("after") && j.contains("before")) Fail(at, "give at most one of after and before");
  for (const char* key : {"after", "before"}) {
    if (!j.contains(key)) continue;
    r.from = key[0] == 'a' ? DeadlineRule::From::kAfter : DeadlineRule::From::kBefore;
    r.field = String(j, at, key);
    const FieldDef* f = def.Field(r.field);
    if (!f) Fail(Join(at, key), "unknown field " + Quote(r.field));
    if (f->type != FieldType::kDate)
      Fail(Join(at, key), "field " + Quote(r.field) + " is not a date");
  }
  r.when = OptionalExpression(j, at, "when", def);
  r.source = String(j, at, "source");
  return r;
}

}  // namespace

void ReadStates(const json& root, Definition* def) {
  bool aid = def->kind == "aid";
  Array(root, "", "states", true, [&](const json& j, const std::string& at) {
    CheckKeys(j, at, {"id", "label"},
              {"terminal", "deadline", "editable", "skip_requirements", "iati_status", "stage"});
    StateDef s;
    s.id = Identifier(j, at, "id");
    if (def->State(s.id)) Fail(Join(at, "id"), "duplicate state " + Quote(s.id));
    s.label = ReadLabel(j.at("label"), Join(at, "label"));
    s.terminal = Bool(j, at, "terminal");
    s.editable = Bool(j, at, "editable");
    s.skip_requirements = Bool(j, at, "skip_requirements");
    if (j.contains("iati_status")) {
      if (!aid) Fail(Join(at, "iati_status"), "iati_status belongs to aid states only");
      s.iati_status = Integer(j, at, "iati_status", 1, 6);
    } else if (aid) {
      Fail(at, "an aid state needs iati_status (1 to 6)");
    }
    s.stage = j.contains("stage") ? Identifier(j, at, "stage") : std::string();
    if (j.contains("deadline")) {
      if (s.terminal) Fail(Join(at, "deadline"), "a terminal state has no deadline");
      const json& d = j.at("deadline");
      std::string dat = Join(at, "deadline");
      if (d.is_array()) {
        if (d.empty()) Fail(dat, "must not be empty");
        for (size_t i = 0; i < d.size(); ++i)
          s.deadline.push_back(ReadDeadlineRule(d[i], Join(dat, i), *def));
      } else {
        s.deadline.push_back(ReadDeadlineRule(d, dat, *def));
      }
      for (size_t i = 0; i + 1 < s.deadline.size(); ++i)
        if (!s.deadline[i].when) Fail(Join(dat, i), "only the last rule may have no \"when\"");
    }
    s.position = def->states.size();
    def->states.push_back(std::move(s));
  });
}

const StateDef& KnownState(const Definition& def, const std::string& id, const std::string& path) {
  const StateDef* s = def.State(id);
  if (!s) Fail(path, "unknown state " + Quote(id));
  return *s;
}

void ReadTransitions(const json& root, Definition* def) {
  Array(root, "", "transitions", true, [&](const json& j, const std::string& at) {
    CheckKeys(j, at, {"action", "label", "from", "to", "roles"},
              {"scope", "creator_only", "not_by_creator", "needs_comment", "consultations_answered",
               "when", "when_label", "input_fields", "confirm"});
    TransitionDef t;
    t.action = Identifier(j, at, "action");
    if (t.action == "create")
      Fail(Join(at, "action"), "\"create\" is reserved for creating a proposal");
    t.label = ReadLabel(j.at("label"), Join(at, "label"));
    t.from = IdList(j, at, "from");
    for (size_t i = 0; i < t.from.size(); ++i) {
      std::string fat = j.at("from").is_array() ? Join(Join(at, "from"), i) : Join(at, "from");
      const StateDef& s = KnownState(*def, t.from[i], fat);
      if (s.terminal) Fail(fat, "terminal state " + Quote(s.id) + " cannot have a transition out");
      if (def->Transition(s.id, t.action))
        Fail(Join(at, "action"),
             "a second transition " + Quote(t.action) + " from state " + Quote(s.id));
    }
    const json& to = j.at("to");
    if (to.is_string()) {
      t.to.push_back({to.get<std::string>(), std::nullopt});
      KnownState(*def, t.to.back().state, Join(at, "to"));
    } else {
      Array(j, at, "to", true, [&](const json& r, const std::string& rat) {
        CheckKeys(r, rat, {"state"}, {"when"});
        if (!t.to.empty() && !t.to.back().when)
          Fail(rat, "unreachable route: the one before it has no \"when\"");
        t.to.push_back({String(r, rat, "state"), OptionalExpression(r, rat, "when", *def)});
        KnownState(*def, t.to.back().state, Join(rat, "state"));
      });
    }
    Array(j, at, "roles", true, [&](const json& r, const std::string& rat) {
      bool known = false;
      for (auto role : kStepRoles) known = known || (r.is_string() && r.get<std::string>() == role);
      if (!known)
        Fail(rat, "unknown role " + r.dump() + " (admin and auditor take no workflow step)");
      if (std::find(t.roles.begin(), t.roles.end(), r.get<std::string>()) != t.roles.end())
        Fail(rat, "role " + r.dump() + " is listed twice");
      t.roles.push_back(r.get<std::string>());
    });
    std::string scope = j.contains("scope") ? String(j, at, "scope") : "any";
    if (scope != "own_unit" && scope != "any")
      Fail(Join(at, "scope"), "must be \"own_unit\" or \"any\"");
    t.own_unit = scope == "own_unit";
    t.creator_only = Bool(j, at, "creator_only");
    t.not_by_creator = Bool(j, at, "not_by_creator");
    if (t.creator_only && t.not_by_creator)
      Fail(at, "creator_only and not_by_creator exclude each other");
    t.needs_comment = Bool(j, at, "needs_comment");
    t.consultations_answered = Bool(j, at, "consultations_answered");
    t.when = OptionalExpression(j, at, "when", *def);
    t.when_label = OptionalLabel(j, at, "when_label");
    if (t.when_label && !t.when) Fail(Join(at, "when_label"), "when_label without when");
    Array(j, at, "input_fields", false, [&](const json& f, const std::string& fat) {
      if (!f.is_string() || !def->Field(f.get<std::string>()))
        Fail(fat, "unknown field " + f.dump());
      if (std::find(t.input_fields.begin(), t.input_fields.end(), f.get<std::string>()) !=
          t.input_fields.end())
        Fail(fat, "field " + f.dump() + " is listed twice");
      t.input_fields.push_back(f.get<std::string>());
    });
    t.confirm = OptionalLabel(j, at, "confirm");
    def->transitions.push_back(std::move(t));
  });
}

void ReadWarnings(const json& root, Definition* def) {
  Array(root, "", "warnings", false, [&](const json& j, const std::string& at) {
    CheckKeys(j, at, {"id", "when", "actions", "message", "source"}, {"states"});
    WarningDef w;
    w.id = Identifier(j, at, "id");
    for (const auto& seen : def->warnings)
      if (seen.id == w.id) Fail(Join(at, "id"), "duplicate warning " + Quote(w.id));
    w.when = ReadExpression(j, at, "when", *def);
    w.actions = IdList(j, at, "actions");
    for (const auto& a : w.actions) {
      bool known = false;
      for (const auto& t : def->transitions) known = known || t.action == a;
      if (!known) Fail(Join(at, "actions"), "unknown action " + Quote(a));
    }
    if (j.contains("states")) {
      w.states = IdList(j, at, "states");
      for (const auto& s : w.states) KnownState(*def, s, Join(at, "states"));
    } else {
      for (const auto& t : def->transitions)
        for (const auto& a : w.actions)
          if (t.action == a)
            for (const auto& s : t.from)
              if (std::find(w.states.begin(), w.states.end(), s) == w.states.end())
                w.states.push_back(s);
    }
    w.message = ReadLabel(j.at("message"), Join(at, "message"));
    w.source = String(j, at, "source");
    def->warnings.push_back(std::move(w));
  });
}

}  // namespace attache::workflow::loader
