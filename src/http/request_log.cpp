#include "attache/http/request_log.h"

#include <charconv>

#include <nlohmann/json.hpp>

namespace attache::http {
namespace {

// Printable ASCII other than '"' and '\' is its own JSON text; anything else (rare: a path
// with escapes or non-ASCII bytes, an error message) goes through nlohmann::json, so both
// paths give the same text.
void AppendString(std::string* out, std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
      *out += nlohmann::json(std::string(s))
                  .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      return;
    }
  }
  out->push_back('"');
  out->append(s);
  out->push_back('"');
}

template <class Int>
void AppendInt(std::string* out, Int value) {
  char buf[24];
  auto end = std::to_chars(buf, buf + sizeof buf, value).ptr;
  out->append(buf, end);
}

}  // namespace

std::string FormatRequestLogLine(const RequestLogEntry& e) {
  std::string line;
  line.reserve(160 + e.path.size());
  line += "{\"bytes\":";
  AppendInt(&line, e.bytes);
  line += ",\"id\":";
  AppendString(&line, e.id);
  line += ",\"method\":";
  AppendString(&line, e.method);
  line += ",\"path\":";
  AppendString(&line, e.path);
  line += ",\"remote\":";
  AppendString(&line, e.remote);
  line += ",\"status\":";
  AppendInt(&line, e.status);
  line += ",\"time\":";
  AppendString(&line, e.time);
  line += ",\"us\":";
  AppendInt(&line, e.us);
  if (!e.write_error.empty()) {
    line += ",\"write_error\":";
    AppendString(&line, e.write_error);
  }
  line += "}\n";
  return line;
}

}  // namespace attache::http
