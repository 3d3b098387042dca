// Reading typed values out of a JSON document written by people (the workflow definitions of
// core/workflow.h, the demo data of demo/demo_files.h), with the JSON pointer of each value at
// hand so that every refusal names where it is: `agreement.json: /transitions/4/to: ...`.
// A fault unwinds the reading as a Fault thrown by Fail; the reader of a document catches it at
// the top and turns it into a status naming the file. The pointers are joined as written
// (keys holding '/' or '~' are not escaped): they name our own keys, which hold neither.
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "attache/core/status.h"

namespace attache::json_reader {

using nlohmann::json;

// Documents nested deeper than this are refused: nothing we read goes past a few levels, and a
// deeper one would be walked recursively (copied, compared, written) further on.
inline constexpr int kMaxDepth = 64;

// Parses `text`, refusing it (InvalidArgument, starting with `name`) when it is not JSON
// ("not valid JSON (line 3, column 7)") or is nested deeper than kMaxDepth.
Status Parse(std::string_view text, std::string_view name, json* out);

// A fault in a document: "<pointer>: <why>". Thrown by Fail; caught by the document's reader.
struct Fault {
  std::string message;
};

// Throws a Fault: "<path>: <why>", "/" for the root.
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

// Each of these fails at the key's path when the value is missing or of the wrong kind.

// A non-empty string.
std::string String(const json& obj, const std::string& path, std::string_view key);
// A non-empty string, or "" when the key is absent.
std::string OptionalString(const json& obj, const std::string& path, std::string_view key);
// A name: [a-z][a-z0-9_]*, at most 64 bytes.
std::string Identifier(const json& obj, const std::string& path, std::string_view key);
// A boolean; false when the key is absent.
bool Bool(const json& obj, const std::string& path, std::string_view key);
// An integer from lo to hi.
int Integer(const json& obj, const std::string& path, std::string_view key, int lo, int hi);
// A number, integer or not.
double Number(const json& obj, const std::string& path, std::string_view key);

// An array, each element read by `read(element, its path)`. When `required` it must be there
// and not be empty; otherwise an absent key reads no elements.
void Array(const json& obj, const std::string& path, std::string_view key, bool required,
           const std::function<void(const json&, const std::string&)>& read);

// One id or an array of ids.
std::vector<std::string> IdList(const json& obj, const std::string& path, std::string_view key);

}  // namespace attache::json_reader
