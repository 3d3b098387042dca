// Reads a workflow definition from JSON and checks it (docs/workflows.md). Reading walks the
// document with the JSON pointer of each value at hand, so every refusal names where it is.
// A fault unwinds the reading as a LoadError, which never leaves this file: LoadDefinition
// turns it into an InvalidArgument status.
#include <deque>
#include <functional>
#include <initializer_list>
#include <queue>

#include "attache/core/workflow.h"

namespace attache::workflow {
namespace {

using nlohmann::json;

struct LoadError {
  std::string message;
};

[[noreturn]] void Fail(const std::string& path, const std::string& why) {
  throw LoadError{(path.empty() ? "/" : path) + ": " + why};
}

std::string Quote(std::string_view s) {
  std::string out;  // appended, not concatenated: GCC 12 warns falsely (-Wrestrict) on `"\"" + s`
  out.reserve(s.size() + 2);
  out += '"';
  out += s;
  out += '"';
  return out;
}

std::string Join(const std::string& path, std::string_view key) {
  return path + "/" + std::string(key);
}
std::string Join(const std::string& path, size_t index) {
  return path + "/" + std::to_string(index);
}

bool IsIdentifier(std::string_view s) {
  if (s.empty() || s.size() > 64 || s[0] < 'a' || s[0] > 'z') return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

// An object with exactly the allowed keys, every required one present.
void CheckKeys(const json& j, const std::string& path,
               std::initializer_list<std::string_view> required,
               std::initializer_list<std::string_view> optional = {}) {
  if (!j.is_object()) Fail(path, "must be an object");
  for (auto it = j.begin(); it != j.end(); ++it) {
    bool known = false;
    for (auto k : required) known = known || k == it.key();
    for (auto k : optional) known = known || k == it.key();
    if (!known) Fail(Join(path, it.key()), "unknown key " + Quote(it.key()));
  }
  for (auto k : required)
    if (!j.contains(k)) Fail(path, "missing key " + Quote(k));
}

std::string String(const json& obj, const std::string& path, std::string_view key) {
  const json& v = obj.at(std::string(key));
  if (!v.is_string() || v.get_ref<const std::string&>().empty())
    Fail(Join(path, key), "must be a non-empty string");
  return v.get<std::string>();
}

std::string OptionalString(const json& obj, const std::string& path, std::string_view key) {
  return obj.contains(key) ? String(obj, path, key) : std::string();
}

std::string Identifier(const json& obj, const std::string& path, std::string_view key) {
  std::string s = String(obj, path, key);
  if (!IsIdentifier(s))
    Fail(Join(path, key), Quote(s) + " must match [a-z][a-z0-9_]* (at most 64)");
  return s;
}

bool Bool(const json& obj, const std::string& path, std::string_view key) {
  if (!obj.contains(key)) return false;
  const json& v = obj.at(std::string(key));
  if (!v.is_boolean()) Fail(Join(path, key), "must be true or false");
  return v.get<bool>();
}

int Integer(const json& obj, const std::string& path, std::string_view key, int lo, int hi) {
  const json& v = obj.at(std::string(key));
  if (!v.is_number_integer() || v.get<int64_t>() < lo || v.get<int64_t>() > hi)
    Fail(Join(path, key),
         "must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
  return static_cast<int>(v.get<int64_t>());
}

Label ReadLabel(const json& j, const std::string& path) {
  CheckKeys(j, path, {"vi", "en"});
  return {String(j, path, "vi"), String(j, path, "en")};
}

std::optional<Label> OptionalLabel(const json& obj, const std::string& path, std::string_view key) {
  if (!obj.contains(key)) return std::nullopt;
  return ReadLabel(obj.at(std::string(key)), Join(path, key));
}

// A non-empty array, each element read by `read(element, its path)`.
void Array(const json& obj, const std::string& path, std::string_view key, bool required,
           const std::function<void(const json&, const std::string&)>& read) {
  if (!obj.contains(key)) {
    if (required) Fail(path, "missing key " + Quote(key));
    return;
  }
  const json& a = obj.at(std::string(key));
  std::string at = Join(path, key);
  if (!a.is_array()) Fail(at, "must be an array");
  if (a.empty() && required) Fail(at, "must not be empty");
  for (size_t i = 0; i < a.size(); ++i) read(a[i], Join(at, i));
}

// One id or an array of ids.
std::vector<std::string> IdList(const json& obj, const std::string& path, std::string_view key) {
  const json& v = obj.at(std::string(key));
  std::vector<std::string> out;
  if (v.is_string()) {
    out.push_back(v.get<std::string>());
  } else if (v.is_array() && !v.empty()) {
    for (const auto& e : v) {
      if (!e.is_string()) Fail(Join(path, key), "must be a string or an array of strings");
      out.push_back(e.get<std::string>());
    }
  } else {
    Fail(Join(path, key), "must be a string or a non-empty array of strings");
  }
  return out;
}

// Parses an expression and checks that every field it reads exists.
Expression ReadExpression(const json& obj, const std::string& path, std::string_view key,
                          const Definition& def) {
  std::string text = String(obj, path, key);
  Expression e;
  if (Status s = Expression::Parse(text, &e); !s.ok())
    Fail(Join(path, key), "expression does not parse: " + s.message());
  for (const auto& name : e.fields())
    if (!def.Field(name)) Fail(Join(path, key), "expression names unknown field " + Quote(name));
  return e;
}

std::optional<Expression> OptionalExpression(const json& obj, const std::string& path,
                                             std::string_view key, const Definition& def) {
  if (!obj.contains(key)) return std::nullopt;
  return ReadExpression(obj, path, key, def);
}

const std::map<std::string_view, FieldType>& FieldTypes() {
  static const std::map<std::string_view, FieldType> types = {
      {"text", FieldType::kText},
      {"long_text", FieldType::kLongText},
      {"date", FieldType::kDate},
      {"datetime", FieldType::kDatetime},
      {"number", FieldType::kNumber},
      {"integer", FieldType::kInteger},
      {"boolean", FieldType::kBoolean},
      {"country", FieldType::kCountry},
      {"country_list", FieldType::kCountryList},
      {"partner", FieldType::kPartner},
      {"money", FieldType::kMoney},
      {"enum", FieldType::kEnum},
      {"enum_list", FieldType::kEnumList},
      {"string_list", FieldType::kStringList},
      {"people", FieldType::kPeople}};
  return types;
}

FieldType ReadFieldType(const json& obj, const std::string& path) {
  std::string name = String(obj, path, "type");
  auto it = FieldTypes().find(name);
  if (it == FieldTypes().end()) Fail(Join(path, "type"), "unknown field type " + Quote(name));
  return it->second;
}

std::vector<Option> ReadOptions(const json& obj, const std::string& path) {
  std::vector<Option> options;
  Array(obj, path, "options", true, [&](const json& o, const std::string& at) {
    CheckKeys(o, at, {"value", "label"});
    Option option{Identifier(o, at, "value"), ReadLabel(o.at("label"), Join(at, "label"))};
    for (const auto& seen : options)
      if (seen.value == option.value)
        Fail(Join(at, "value"), "duplicate option " + Quote(option.value));
    options.push_back(std::move(option));
  });
  return options;
}

bool HasOptions(FieldType t) {
  return t == FieldType::kEnum || t == FieldType::kEnumList;
}

void ReadItemFields(const json& obj, const std::string& path, FieldDef* field) {
  Array(obj, path, "item_fields", true, [&](const json& j, const std::string& at) {
    CheckKeys(j, at, {"name", "type", "label"}, {"required", "personal", "options"});
    ItemField item{Identifier(j, at, "name"),
                   ReadFieldType(j, at),
                   ReadLabel(j.at("label"), Join(at, "label")),
                   Bool(j, at, "required"),
                   Bool(j, at, "personal"),
                   {}};
    if (item.type != FieldType::kText && item.type != FieldType::kDate &&
        item.type != FieldType::kCountry && item.type != FieldType::kEnum)
      Fail(Join(at, "type"), "a column of a people field is text, date, country or enum");
    if (item.type == FieldType::kEnum)
      item.options = ReadOptions(j, at);
    else if (j.contains("options"))
      Fail(Join(at, "options"), "only enum columns have options");
    for (const auto& seen : field->item_fields)
      if (seen.name == item.name) Fail(Join(at, "name"), "duplicate column " + Quote(item.name));
    field->item_fields.push_back(std::move(item));
  });
}

// Fields are read in two passes: names and types first, so that the `when` of any field may
// name any other.
void ReadFields(const json& root, Definition* def) {
  Array(root, "", "fields", true, [&](const json& j, const std::string& at) {
    CheckKeys(j, at, {"name", "type", "label"},
              {"help", "options", "item_fields", "personal", "max_length", "min", "max",
               "required_from", "when"});
    FieldDef f;
    f.name = Identifier(j, at, "name");
    if (def->Field(f.name)) Fail(Join(at, "name"), "duplicate field " + Quote(f.name));
    f.type = ReadFieldType(j, at);
    f.label = ReadLabel(j.at("label"), Join(at, "label"));
    f.help = OptionalLabel(j, at, "help");
    if (HasOptions(f.type))
      f.options = ReadOptions(j, at);
    else if (j.contains("options"))
      Fail(Join(at, "options"), "only enum and enum_list fields have options");
    if (f.type == FieldType::kPeople)
      ReadItemFields(j, at, &f);
    else if (j.contains("item_fields"))
      Fail(Join(at, "item_fields"), "only people fields have item_fields");
    f.personal = Bool(j, at, "personal");
    bool text = f.type == FieldType::kText || f.type == FieldType::kLongText;
    if (j.contains("max_length")) {
      if (!text) Fail(Join(at, "max_length"), "only text fields have max_length");
      f.max_length = static_cast<size_t>(Integer(j, at, "max_length", 1, 1'000'000));
    }
    bool numeric = f.type == FieldType::kNumber || f.type == FieldType::kInteger;
    for (const char* bound : {"min", "max"}) {
      if (!j.contains(bound)) continue;
      if (!numeric) Fail(Join(at, bound), "only number and integer fields have bounds");
      if (!j.at(bound).is_number()) Fail(Join(at, bound), "must be a number");
      (bound[1] == 'i' ? f.min : f.max) = j.at(bound).get<double>();
    }
    if (f.min && f.max && *f.min > *f.max) Fail(Join(at, "min"), "min is greater than max");
    f.required_from = OptionalString(j, at, "required_from");
    if (f.type == FieldType::kDate) def->date_fields.insert(f.name);
    def->fields.push_back(std::move(f));
  });
  const json& fields = root.at("fields");
  for (size_t i = 0; i < fields.size(); ++i)
    def->fields[i].when = OptionalExpression(fields[i], Join("/fields", i), "when", *def);
}

void ReadDocuments(const json& root, Definition* def) {
  Array(root, "", "documents", false, [&](const json& j, const std::string& at) {
    CheckKeys(j, at, {"type", "label"}, {"required_from", "when"});
    DocumentDef d{Identifier(j, at, "type"), ReadLabel(j.at("label"), Join(at, "label")),
                  OptionalString(j, at, "required_from"), OptionalExpression(j, at, "when", *def)};
    for (const auto& seen : def->documents)
      if (seen.type == d.type) Fail(Join(at, "type"), "duplicate document type " + Quote(d.type));
    def->documents.push_back(std::move(d));
  });
}

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

// Checks that `id` names a state, or fails at `path`.
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

// `required_from` of fields and documents: a state that does not skip requirements.
void CheckRequirements(const Definition& def) {
  auto check = [&](const std::string& state, const std::string& path) {
    if (state.empty()) return;
    const StateDef& s = KnownState(def, state, path);
    if (s.skip_requirements)
      Fail(path,
           "state " + Quote(state) + " skips requirements, so nothing can be required from it");
  };
  for (size_t i = 0; i < def.fields.size(); ++i)
    check(def.fields[i].required_from, Join(Join("/fields", i), "required_from"));
  for (size_t i = 0; i < def.documents.size(); ++i)
    check(def.documents[i].required_from, Join(Join("/documents", i), "required_from"));
}

// Every state is reachable from the initial one; every non-terminal state has a way out.
void CheckGraph(const Definition& def) {
  std::vector<bool> seen(def.states.size(), false);
  std::queue<size_t> next;
  next.push(def.State(def.initial_state)->position);
  seen[next.front()] = true;
  while (!next.empty()) {
    const StateDef& s = def.states[next.front()];
    next.pop();
    for (const TransitionDef* t : def.TransitionsFrom(s.id))
      for (const Route& r : t->to) {
        size_t p = def.State(r.state)->position;
        if (!seen[p]) seen[p] = true, next.push(p);
      }
  }
  for (const StateDef& s : def.states) {
    std::string at = Join("/states", s.position);
    if (!seen[s.position])
      Fail(at, "state " + Quote(s.id) + " cannot be reached from " + Quote(def.initial_state));
    if (!s.terminal && def.TransitionsFrom(s.id).empty())
      Fail(at, "state " + Quote(s.id) + " is not terminal and has no transition out");
  }
}

void ReadColumns(const json& root, Definition* def) {
  if (!root.contains("columns")) return;
  const json& c = root.at("columns");
  CheckKeys(c, "/columns", {}, {"partner", "country", "starts_on", "ends_on", "amount_usd"});
  auto column = [&](const char* key, std::initializer_list<FieldType> types, std::string* out) {
    if (!c.contains(key)) return;
    *out = String(c, "/columns", key);
    const FieldDef* f = def->Field(*out);
    if (!f) Fail(Join("/columns", key), "unknown field " + Quote(*out));
    if (std::find(types.begin(), types.end(), f->type) == types.end())
      Fail(Join("/columns", key), "field " + Quote(*out) + " cannot fill this column (type " +
                                      std::string(FieldTypeName(f->type)) + ")");
  };
  column("partner", {FieldType::kPartner}, &def->columns.partner);
  column("country", {FieldType::kCountry, FieldType::kCountryList}, &def->columns.country);
  column("starts_on", {FieldType::kDate}, &def->columns.starts_on);
  column("ends_on", {FieldType::kDate}, &def->columns.ends_on);
  column("amount_usd", {FieldType::kNumber}, &def->columns.amount_usd);
}

void Read(const json& root, Definition* def) {
  CheckKeys(root, "",
            {"kind", "ref_prefix", "title", "initial_state", "fields", "states", "transitions"},
            {"description", "columns", "documents", "warnings"});
  def->kind = String(root, "", "kind");
  bool known = false;
  for (auto k : kKinds) known = known || k == def->kind;
  if (!known) Fail("/kind", "unknown kind " + Quote(def->kind));
  def->ref_prefix = String(root, "", "ref_prefix");
  if (def->ref_prefix.size() > 16 || def->ref_prefix.find_first_of("-/ ") != std::string::npos)
    Fail("/ref_prefix", "must be at most 16 bytes without '-', '/' or spaces");
  def->title = ReadLabel(root.at("title"), "/title");
  def->description = OptionalLabel(root, "", "description");
  ReadFields(root, def);
  ReadColumns(root, def);
  ReadDocuments(root, def);
  ReadStates(root, def);
  def->initial_state = String(root, "", "initial_state");
  if (KnownState(*def, def->initial_state, "/initial_state").terminal)
    Fail("/initial_state", "the initial state cannot be terminal");
  CheckRequirements(*def);
  ReadTransitions(root, def);
  ReadWarnings(root, def);
  CheckGraph(*def);
}

}  // namespace

std::string_view FieldTypeName(FieldType type) {
  for (const auto& [name, t] : FieldTypes())
    if (t == type) return name;
  return "?";
}

bool FieldDef::HasOption(std::string_view value) const {
  for (const auto& o : options)
    if (o.value == value) return true;
  return false;
}

const StateDef* Definition::State(std::string_view id) const {
  for (const auto& s : states)
    if (s.id == id) return &s;
  return nullptr;
}

const FieldDef* Definition::Field(std::string_view name) const {
  for (const auto& f : fields)
    if (f.name == name) return &f;
  return nullptr;
}

std::vector<const TransitionDef*> Definition::TransitionsFrom(std::string_view state) const {
  std::vector<const TransitionDef*> out;
  for (const auto& t : transitions)
    if (std::find(t.from.begin(), t.from.end(), state) != t.from.end()) out.push_back(&t);
  return out;
}

const TransitionDef* Definition::Transition(std::string_view state, std::string_view action) const {
  for (const auto& t : transitions)
    if (t.action == action && std::find(t.from.begin(), t.from.end(), state) != t.from.end())
      return &t;
  return nullptr;
}

Status LoadDefinition(std::string_view text, std::string_view file_name, Definition* out) {
  json root = json::parse(text, nullptr, false);
  if (root.is_discarded())
    return Status::InvalidArgument(std::string(file_name) + ": not valid JSON");
  Definition def;
  try {
    Read(root, &def);
  } catch (const LoadError& e) {
    return Status::InvalidArgument(std::string(file_name) + ": " + e.message);
  }
  def.canonical = root.dump();
  def.json = std::move(root);
  *out = std::move(def);
  return Status::Ok();
}

}  // namespace attache::workflow
