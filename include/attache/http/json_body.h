// Reading JSON request bodies strictly: malformed JSON or invalid UTF-8 is 400, a body that is
// not an object, an unknown member (typos surface instead of being ignored) or a member of the
// wrong type is 422 naming the field.
// Thread-safety: pure functions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "attache/http/message.h"

namespace attache::http {

enum class JsonType { kString, kInteger, kNumber, kBoolean, kObject, kArray, kAny };

struct MemberSpec {
  JsonType type;
  bool required;
};

// Parses `body` into `out`, checking members against `spec`. On failure returns the problem
// response to send.
std::optional<Response> ParseJsonBody(const Request& request,
                                      const std::map<std::string, MemberSpec>& spec,
                                      nlohmann::json* out);

}  // namespace attache::http
