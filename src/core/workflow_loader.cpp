// Reads a workflow definition from JSON and checks it (docs/workflows.md). Reading walks the
// document with the JSON pointer of each value at hand, so every refusal names where it is.
// A fault unwinds the reading as a LoadError, which never leaves the loader: LoadDefinition
// turns it into an InvalidArgument status. This file reads the top level and checks the
// definition as a whole; the sections are read by workflow_loader_fields.cpp and
// workflow_loader_states.cpp, with the helpers of workflow_loader_json.cpp and
// core/json_reader.h.
#include <algorithm>
#include <queue>

#include "workflow_loader_internal.h"

namespace attache::workflow {
namespace loader {
namespace {

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
}  // namespace loader

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
  nlohmann::json root;
  if (Status s = json_reader::Parse(text, file_name, &root); !s.ok()) return s;
  Definition def;
  try {
    loader::Read(root, &def);
  } catch (const loader::LoadError& e) {
    return Status::InvalidArgument(std::string(file_name) + ": " + e.message);
  }
  def.canonical = root.dump();
  def.json = std::move(root);
  *out = std::move(def);
  return Status::Ok();
}

}  // namespace attache::workflow
