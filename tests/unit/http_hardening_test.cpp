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

TEST_CASE("Host: required once on HTTP/1.1, at most once on HTTP/1.0 (RFC 9112 3.2)") {
  struct Row {
    unsigned version;
    size_t hosts;
    bool refused;
  };
  const Row rows[] = {{11, 1, false}, {11, 0, true}, {11, 2, true},
                      {10, 0, false}, {10, 1, false}, {10, 2, true}};
  for (const Row& row : rows) {
    INFO("HTTP/" << row.version << " with " << row.hosts << " Host fields");
    Framing f;
    f.version = row.version;
    f.hosts = row.hosts;
    CHECK(HostProblem(f).has_value() == row.refused);
  }
}

TEST_CASE("A folded header line (obs-fold) is found in the raw header") {
  CHECK_FALSE(HasObsFold("GET / HTTP/1.1\r\nHost: a\r\nX-A: b c\r\n"));
  CHECK_FALSE(HasObsFold("GET / HTTP/1.1\r\nHost: a\r\nX-A:\tb\r\n"));  // a tab after the colon
  CHECK(HasObsFold("GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n"));
  CHECK(HasObsFold("GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n\tc\r\n"));
  CHECK(HasObsFold("GET / HTTP/1.1\r\n Host: a\r\n"));  // white space before the first field
  CHECK_FALSE(HasObsFold(""));
}

TEST_CASE("Strict-Transport-Security: one year, unless the handler set its own") {
  Headers h;
  AddStrictTransportSecurity(h);
  CHECK(h.Get("Strict-Transport-Security") == "max-age=31536000");
  Headers own;
  own.Set("Strict-Transport-Security", "max-age=60");
  AddStrictTransportSecurity(own);
  CHECK(own.Get("Strict-Transport-Security") == "max-age=60");
}

TEST_CASE("Bytes no request header holds are told apart from a header still arriving") {
  CHECK(PlausibleHeaderText("GET / HTTP/1.1\r\nHost: x\r\nX-A: ưu tiên\t1\r\n"));
  CHECK(PlausibleHeaderText(""));
  CHECK_FALSE(PlausibleHeaderText("\x16\x03\x01\x02\x00"));  // a TLS ClientHello
  CHECK_FALSE(PlausibleHeaderText(std::string_view("GET\0 /", 6)));
  CHECK_FALSE(PlausibleHeaderText("GET / HTTP/1.1\r\nX: \x7f"));
}
