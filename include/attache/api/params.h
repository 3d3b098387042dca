// Ids in paths and queries: a positive decimal number, nothing else ("12", not "+12", "012x" or
// "0"). Shared by every handler that takes an {id}.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>

#include "attache/http/message.h"

namespace attache::api {

inline std::optional<int64_t> ParseId(std::string_view text) {
  int64_t id = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || p != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

// The route's {id}, when it is one.
inline std::optional<int64_t> IdParam(const http::Request& request) {
  auto it = request.params.find("id");
  return it == request.params.end() ? std::nullopt : ParseId(it->second);
}

}  // namespace attache::api
