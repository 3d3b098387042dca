// Private to the workflow definition loader, shared by its four parts: workflow_loader.cpp
// reads the top level, checks the definition as a whole and turns a fault into a status;
// workflow_loader_json.cpp reads typed values out of the JSON; workflow_loader_fields.cpp reads
// the fields, documents and columns, and workflow_loader_states.cpp the states, transitions and
// warnings. Reading walks the document with the JSON pointer of each value at hand, so every
// refusal names where it is. Not a public header.
// Thread-safety: pure functions over the JSON document and the definition being read.
#pragma once

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "attache/core/workflow.h"

namespace attache::workflow::loader {

using nlohmann::json;

// A fault in the definition. Thrown by Fail to unwind the reading; it never leaves the loader:
// LoadDefinition turns it into an InvalidArgument status.
struct LoadError {
  std::string message;
};

// ---------------------------------------------------------------------------------------------
// Typed values out of the JSON (workflow_loader_json.cpp). Each fails at the key's path when
// the value is missing or of the wrong kind.

// Throws a LoadError: "<path>: <why>", "/" for the root.
[[noreturn]] void Fail(const std::string& path, const std::string& why);

// `s` in double quotes, for messages.
std::string Quote(std::string_view s);

// The JSON pointer of a member or an element of the value at `path`.
std::string Join(const std::string& path, std::string_view key);
std::string Join(const std::string& path, size_t index);

// An object with exactly the allowed keys, every required one present.
void CheckKeys(const json& j, const std::string& path,
               std::initializer_list<std::string_view> required,
               std::initializer_list<std::string_view> optional = {});

// A non-empty string.
std::string String(const json& obj, const std::string& path, std::string_view key);
// A non-empty string, or "" when the key is absent.
std::string OptionalString(const json& obj, const std::string& path, std::string_view key);
// A name of the definition: [a-z][a-z0-9_]*, at most 64 bytes.
std::string Identifier(const json& obj, const std::string& path, std::string_view key);
// A boolean; false when the key is absent.
bool Bool(const json& obj, const std::string& path, std::string_view key);
// An integer from lo to hi.
int Integer(const json& obj, const std::string& path, std::string_view key, int lo, int hi);

// {"vi": ..., "en": ...}
Label ReadLabel(const json& j, const std::string& path);
std::optional<Label> OptionalLabel(const json& obj, const std::string& path, std::string_view key);

// A non-empty array, each element read by `read(element, its path)`.
void Array(const json& obj, const std::string& path, std::string_view key, bool required,
           const std::function<void(const json&, const std::string&)>& read);

// One id or an array of ids.
std::vector<std::string> IdList(const json& obj, const std::string& path, std::string_view key);

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
