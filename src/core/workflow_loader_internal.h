// Private to the workflow definition loader, shared by its four parts: workflow_loader.cpp
// reads the top level, checks the definition as a whole and turns a fault into a status;
// workflow_loader_json.cpp reads labels and expressions (the generic values are read by
// core/json_reader.h); workflow_loader_fields.cpp reads the fields, documents and columns, and
// workflow_loader_states.cpp the states, transitions and warnings. Reading walks the document with the JSON pointer of each value at hand, so every
// refusal names where it is. Not a public header.
// Thread-safety: pure functions over the JSON document and the definition being read.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "attache/core/json_reader.h"
#include "attache/core/workflow.h"

namespace attache::workflow::loader {

using nlohmann::json;

// The typed-value helpers of core/json_reader.h, under the names the loader's parts use. A
// fault thrown by Fail never leaves the loader: LoadDefinition turns it into an
// InvalidArgument status.
using LoadError = json_reader::Fault;
using json_reader::Array;
using json_reader::Bool;
using json_reader::CheckKeys;
using json_reader::Fail;
using json_reader::IdList;
using json_reader::Identifier;
using json_reader::Integer;
using json_reader::Join;
using json_reader::Number;
using json_reader::OptionalString;
using json_reader::Quote;
using json_reader::String;

// ---------------------------------------------------------------------------------------------
// Values of a definition out of the JSON (workflow_loader_json.cpp), failing like the helpers.

// {"vi": ..., "en": ...}
Label ReadLabel(const json& j, const std::string& path);
std::optional<Label> OptionalLabel(const json& obj, const std::string& path, std::string_view key);

// Parses an expression and checks that every field it reads exists.
Expression ReadExpression(const json& obj, const std::string& path, std::string_view key,
                          const Definition& def);
std::optional<Expression> OptionalExpression(const json& obj, const std::string& path,
                                             std::string_view key, const Definition& def);

// ---------------------------------------------------------------------------------------------
// The sections of a definition, read into `def` in the order workflow_loader.cpp calls them:
// each may refer to what the ones before it have read.

// workflow_loader_fields.cpp
void ReadFields(const json& root, Definition* def);
void ReadColumns(const json& root, Definition* def);
void ReadDocuments(const json& root, Definition* def);

// workflow_loader_states.cpp
void ReadStates(const json& root, Definition* def);
void ReadTransitions(const json& root, Definition* def);
void ReadWarnings(const json& root, Definition* def);

// Checks that `id` names a state, or fails at `path`.
const StateDef& KnownState(const Definition& def, const std::string& id, const std::string& path);

}  // namespace attache::workflow::loader
