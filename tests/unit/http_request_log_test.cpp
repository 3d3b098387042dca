#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "attache/http/request_log.h"

using namespace attache::http;

namespace {

// What the server wrote before the line was formatted by hand: a JSON object dumped whole.
std::string AsNlohmann(const RequestLogEntry& e) {
  nlohmann::json j = {{"time", e.time},   {"id", e.id},         {"method", e.method},
                      {"path", e.path},   {"remote", e.remote}, {"status", e.status},
                      {"bytes", e.bytes}, {"us", e.us}};
  if (!e.write_error.empty()) j["write_error"] = e.write_error;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace

TEST_CASE("The request log line is the JSON object nlohmann would write") {
  RequestLogEntry e;
  e.time = "2026-11-24T05:55:21.123Z";
  e.id = "9db8e980-17";
  e.method = "GET";
  e.remote = "127.0.0.1";
  e.status = 200;
  e.bytes = 18916;
  e.us = 57;
  const std::string paths[] = {
      "/js/pages/admin.js",
      "/",
      "/with \"quotes\" and \\backslash",
      "/t\x01\x1f\x7f",
      "/ho\xe1\xba\xa1t-\xc4\x91\xe1\xbb\x99ng",  // valid UTF-8
      "/bad\xff\xfe/\xc3",                        // invalid UTF-8: replaced
      "/%2e%2e/%00",
      "",
  };
  for (const std::string& path : paths) {
    INFO(path);
    e.path = path;
    CHECK(FormatRequestLogLine(e) == AsNlohmann(e));
  }
  e.path = "/x";
  e.status = 304;
  e.bytes = 0;
  e.us = -1;
  e.write_error = "Broken pipe";
  CHECK(FormatRequestLogLine(e) == AsNlohmann(e));
  CHECK(FormatRequestLogLine(e) ==
        "{\"bytes\":0,\"id\":\"9db8e980-17\",\"method\":\"GET\",\"path\":\"/x\","
        "\"remote\":\"127.0.0.1\",\"status\":304,\"time\":\"2026-11-24T05:55:21.123Z\","
        "\"us\":-1,\"write_error\":\"Broken pipe\"}\n");
}
