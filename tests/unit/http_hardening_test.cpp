#include <catch2/catch.hpp>

#include "attache/http/hardening.h"

using namespace attache::http;

TEST_CASE("Framing that a proxy and we could read differently is refused") {
  struct Row {
    const char* name;
    Framing framing;
    bool refused;
  };
  const Row rows[] = {
      {"no body", {11, {}, {}}, false},
      {"one Content-Length", {11, {"12"}, {}}, false},
      {"chunked", {11, {}, {"chunked"}}, false},
      {"gzip then chunked", {11, {}, {"gzip, chunked"}}, false},
      {"two fields ending in chunked", {11, {}, {"gzip", "Chunked"}}, false},
      {"Content-Length and Transfer-Encoding", {11, {"12"}, {"chunked"}}, true},
      {"Content-Length twice, same value", {11, {"12", "12"}, {}}, true},
      {"Content-Length twice, other values", {11, {"12", "13"}, {}}, true},
      {"Transfer-Encoding not ending in chunked", {11, {}, {"chunked, gzip"}}, true},
      {"Transfer-Encoding gzip alone", {11, {}, {"gzip"}}, true},
      {"chunked on HTTP/1.0", {10, {}, {"chunked"}}, true},
      {"chunked with a parameter", {11, {}, {"chunked;x=1"}}, false},
      {"an empty Transfer-Encoding", {11, {}, {""}}, true},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    CHECK(FramingProblem(row.framing).has_value() == row.refused);
  }
}

TEST_CASE("Header text with CR, LF or NUL is unsafe") {
  CHECK(SafeHeaderText("attachment; filename=\"đơn.pdf\""));
  CHECK_FALSE(SafeHeaderText("a\r\nSet-Cookie: x=1"));
  CHECK_FALSE(SafeHeaderText("a\nb"));
  CHECK_FALSE(SafeHeaderText(std::string_view("a\0b", 3)));
}

TEST_CASE("Every answer gets the security headers, a handler's own policy kept") {
  Headers plain;
  AddSecurityHeaders(plain);
  CHECK(plain.Get("X-Content-Type-Options") == "nosniff");
  CHECK(plain.Get("X-Frame-Options") == "DENY");
  CHECK(plain.Get("Referrer-Policy") == "same-origin");
  std::string_view csp = plain.Get("Content-Security-Policy");
  CHECK(csp.find("script-src 'self';") != std::string_view::npos);
  CHECK(csp.find("frame-ancestors 'none'") != std::string_view::npos);

  Headers download;
  download.Set("Content-Security-Policy", "default-src 'none'; sandbox");
  AddSecurityHeaders(download);
  CHECK(download.Get("Content-Security-Policy") == "default-src 'none'; sandbox");
}
