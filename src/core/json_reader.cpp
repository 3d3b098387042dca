// Reading typed values out of a JSON document (core/json_reader.h): parsing with a depth limit
// and a position in the refusal, keys, strings, names, booleans, numbers, arrays, lists of ids.
#include "attache/core/json_reader.h"

#include <algorithm>

namespace attache::json_reader {
namespace {

bool IsIdentifier(std::string_view s) {
  if (s.empty() || s.size() > 64 || s[0] < 'a' || s[0] > 'z') return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

// "line L, column C" of the byte at `offset` (counted from 1, as nlohmann's errors count).
std::string Position(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset == 0 ? 0 : offset - 1);
  const size_t line = 1 + static_cast<size_t>(std::count(before.begin(), before.end(), '\n'));
  const size_t last = before.rfind('\n');
  const size_t column = last == std::string_view::npos ? offset : offset - 1 - last;
  return "line " + std::to_string(line) + ", column " + std::to_string(std::max<size_t>(column, 1));
}

}  // namespace

Status Parse(std::string_view text, std::string_view name, json* out) {
  // nlohmann's parser keeps its own stack, so a deep document cannot overflow ours while it is
  // read; values past the limit are dropped as they are parsed and the document refused.
  bool too_deep = false;
  auto limit = [&](int depth, json::parse_event_t, json&) {
    if (depth > kMaxDepth) too_deep = true;
    return !too_deep;
  };
  try {
    *out = json::parse(text.begin(), text.end(), limit);
  } catch (const json::parse_error& e) {
    return Status::InvalidArgument(std::string(name) + ": not valid JSON (" +
                                   Position(text, e.byte) + ")");
  } catch (const json::exception&) {
    // A number too large for a double (1e999) is out_of_range, not a parse_error.
    return Status::InvalidArgument(std::string(name) + ": not valid JSON (a number out of range)");
  }
  if (too_deep) {
    *out = nullptr;
    return Status::InvalidArgument(std::string(name) + ": nested deeper than " +
                                   std::to_string(kMaxDepth) + " levels");
  }
  return Status::Ok();
}

[[noreturn]] void Fail(const std::string& path, const std::string& why) {
  throw Fault{(path.empty() ? "/" : path) + ": " + why};
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

void CheckKeys(const json& j, const std::string& path,
               std::initializer_list<std::string_view> required,
               std::initializer_list<std::string_view> optional) {
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

double Number(const json& obj, const std::string& path, std::string_view key) {
  const json& v = obj.at(std::string(key));
  if (!v.is_number()) Fail(Join(path, key), "must be a number");
  return v.get<double>();
}

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

}  // namespace attache::json_reader
