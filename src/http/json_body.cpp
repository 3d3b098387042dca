#include "attache/http/json_body.h"

#include "attache/http/problem.h"

namespace attache::http {
namespace {

bool HasType(const nlohmann::json& v, JsonType t) {
  switch (t) {
    case JsonType::kString: return v.is_string();
    case JsonType::kInteger: return v.is_number_integer();
    case JsonType::kNumber: return v.is_number();
    case JsonType::kBoolean: return v.is_boolean();
    case JsonType::kObject: return v.is_object();
    case JsonType::kArray: return v.is_array();
    case JsonType::kAny: return true;
  }
  return false;
}

std::string_view TypeName(JsonType t) {
  switch (t) {
    case JsonType::kString: return "a string";
    case JsonType::kInteger: return "an integer";
    case JsonType::kNumber: return "a number";
    case JsonType::kBoolean: return "true or false";
    case JsonType::kObject: return "an object";
    case JsonType::kArray: return "an array";
    case JsonType::kAny: return "a value";
  }
  return "";
}

}  // namespace

std::optional<Response> ParseJsonBody(const Request& request,
                                      const std::map<std::string, MemberSpec>& spec,
                                      nlohmann::json* out) {
  std::string_view type = request.headers.Get("Content-Type");
  if (!type.starts_with("application/json"))
    return Problem(415, "send the body as application/json");
  // nlohmann::json rejects invalid UTF-8 in strings, so nothing malformed gets further.
  *out = nlohmann::json::parse(request.body, nullptr, false);
  if (out->is_discarded()) return Problem(400, "the body is not valid JSON (UTF-8)");
  if (!out->is_object()) return Problem(422, "the body must be a JSON object");
  nlohmann::json errors = nlohmann::json::array();
  for (const auto& [name, value] : out->items()) {
    auto it = spec.find(name);
    if (it == spec.end())
      errors.push_back({{"field", name}, {"message", "unknown field"}});
    else if (!HasType(value, it->second.type))
      errors.push_back({{"field", name}, {"message", "must be " + std::string(TypeName(it->second.type))}});
  }
  for (const auto& [name, member] : spec)
    if (member.required && !out->contains(name))
      errors.push_back({{"field", name}, {"message", "is required"}});
  if (!errors.empty()) return Problem(422, "the body has invalid fields", errors);
  return std::nullopt;
}

}  // namespace attache::http
