// The request log: one JSON line per answered request, which the server writes to stderr.
// Formatted by hand rather than through a JSON object because it is on every request's path;
// the text is the same as nlohmann::json's compact dump of the same object.
// Thread-safety: pure function.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace attache::http {

struct RequestLogEntry {
  std::string_view time;  // RFC 3339 with milliseconds
  std::string_view id;
  std::string_view method;
  std::string_view path;  // never the query, which may carry tokens
  std::string_view remote;
  int status = 0;
  uint64_t bytes = 0;
  int64_t us = 0;
  std::string_view write_error;  // left out when empty
};

// The entry as a JSON object followed by "\n", keys in alphabetical order (bytes, id, method,
// path, remote, status, time, us, write_error), no spaces. Strings are escaped as JSON, and
// bytes that are not valid UTF-8 are replaced by U+FFFD, as nlohmann::json does with
// error_handler_t::replace.
std::string FormatRequestLogLine(const RequestLogEntry& entry);

}  // namespace attache::http
