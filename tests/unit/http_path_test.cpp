#include <catch2/catch.hpp>

#include "attache/http/path.h"

using attache::Status;
using attache::http::NormaliseStaticPath;

namespace {

struct Case {
  const char* raw;
  Status::Code code;
  const char* relative;  // expected on success
};

// Every traversal trick we know, and the ordinary paths that must keep working.
const Case kCases[] = {
    {"/", Status::Code::kOk, "index.html"},
    {"/index.html", Status::Code::kOk, "index.html"},
    {"/app/main.js", Status::Code::kOk, "app/main.js"},
    {"/app/", Status::Code::kOk, "app/index.html"},
    {"/h%E1%BB%99i-th%E1%BA%A3o.pdf", Status::Code::kOk, "h\xe1\xbb\x99i-th\xe1\xba\xa3o.pdf"},
    {"/a%20b.css", Status::Code::kOk, "a b.css"},
    {"/..", Status::Code::kNotFound, ""},
    {"/../etc/passwd", Status::Code::kNotFound, ""},
    {"/app/../../etc/passwd", Status::Code::kNotFound, ""},
    {"/app/..", Status::Code::kNotFound, ""},
    {"/.", Status::Code::kNotFound, ""},
    {"/./index.html", Status::Code::kNotFound, ""},
    {"/%2e%2e/etc/passwd", Status::Code::kNotFound, ""},
    {"/%2E%2E/etc/passwd", Status::Code::kNotFound, ""},
    {"/.%2e/etc/passwd", Status::Code::kNotFound, ""},
    {"/app%2f..%2f..%2fetc%2fpasswd", Status::Code::kNotFound, ""},
    {"/app%2F..%2F..%2Fetc%2Fpasswd", Status::Code::kNotFound, ""},
    {"/..%5c..%5cetc%5cpasswd", Status::Code::kNotFound, ""},
    {"/..\\..\\etc\\passwd", Status::Code::kNotFound, ""},
    {"/app\\index.html", Status::Code::kNotFound, ""},
    {"/index.html%00.png", Status::Code::kNotFound, ""},
    {"/index.html\0", Status::Code::kOk, "index.html"},  // C string ends at the NUL
    {"//etc/passwd", Status::Code::kNotFound, ""},
    {"/app//main.js", Status::Code::kNotFound, ""},
    {"/C:/Windows/win.ini", Status::Code::kNotFound, ""},
    {"/.git/config", Status::Code::kNotFound, ""},
    {"/.env", Status::Code::kNotFound, ""},
    {"/a%0d%0aSet-Cookie:x", Status::Code::kNotFound, ""},
    {"/a%7f", Status::Code::kNotFound, ""},
    {"/%", Status::Code::kInvalidArgument, ""},
    {"/%2", Status::Code::kInvalidArgument, ""},
    {"/%zz", Status::Code::kInvalidArgument, ""},
    {"etc/passwd", Status::Code::kInvalidArgument, ""},
    {"", Status::Code::kInvalidArgument, ""},
    {"http://evil/", Status::Code::kInvalidArgument, ""},
};

}  // namespace

TEST_CASE("NormaliseStaticPath refuses every way out of the web root") {
  for (const Case& c : kCases) {
    INFO("path: " << c.raw);
    std::string relative;
    Status s = NormaliseStaticPath(c.raw, &relative);
    CHECK(s.code() == c.code);
    if (s.ok()) CHECK(relative == c.relative);
  }
}

TEST_CASE("NormaliseStaticPath refuses an embedded NUL byte") {
  std::string raw("/index.html\0/../../etc/passwd", 29);
  std::string relative;
  CHECK_FALSE(NormaliseStaticPath(raw, &relative).ok());
}

TEST_CASE("NormaliseStaticPath refuses over-long paths and segments") {
  std::string relative;
  CHECK_FALSE(NormaliseStaticPath("/" + std::string(300, 'a'), &relative).ok());
  CHECK_FALSE(NormaliseStaticPath("/" + std::string(2000, 'a'), &relative).ok());
  CHECK(NormaliseStaticPath("/" + std::string(200, 'a'), &relative).ok());
}
