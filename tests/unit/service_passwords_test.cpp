#include <catch2/catch.hpp>

#include <chrono>

#include "attache/service/passwords.h"

using namespace attache::service;
using attache::Status;

namespace {

const CommonPasswords& Common() {
  static CommonPasswords common = [] {
    CommonPasswords c;
    REQUIRE(CommonPasswords::Load(ATTACHE_COMMON_PASSWORDS_FILE, &c).ok());
    return c;
  }();
  return common;
}

}  // namespace

TEST_CASE("The common-password list is the installed data file") {
  CHECK(Common().size() > 3000);
  CHECK(Common().Contains("password"));
  CHECK(Common().Contains("PASSWORD"));
  CHECK(Common().Contains("12345678"));
  CHECK_FALSE(Common().Contains("#!comment: This list has been compiled by Solar Designer of Openwall Project"));
  CommonPasswords empty;
  CHECK(CommonPasswords::Load("/nonexistent/list.txt", &empty).code() == Status::Code::kInvalidArgument);
}

TEST_CASE("Password policy: length in characters, no composition rules, no common ones") {
  struct Case {
    std::string password;
    bool ok;
    const char* message;
  };
  std::vector<Case> cases = {
      {"correct horse battery staple", true, ""},
      {"mậtkhẩu!", true, ""},                  // 8 characters, 12 bytes
      {"mậtkhẩu", false, "at least 8"},        // 7 characters, 10 bytes
      {"abcdefg", false, "at least 8"},        // 7 characters
      {"sunshine", false, "too common"},       // in the list
      {"QwertyUI", false, "too common"},
      {"password", false, "too common"},
      {"Password", false, "too common"},
      {"iloveyou", false, "too common"},
      {std::string(128, 'x') , true, ""},
      {std::string(129, 'x'), false, "at most 128"},
      {std::string(64, 'x') + std::string(64, 'y') + "\xc3\xa9", false, "at most 128"},
      {"abcdefgh\xff", false, "UTF-8"},
      {"abc\xc0\xafxxxxxx", false, "UTF-8"},   // overlong '/'
      {"abc\xed\xa0\x80xxxxx", false, "UTF-8"},  // surrogate
      {std::string("nul\0inside!", 11), true, ""},
  };
  for (const auto& c : cases) {
    INFO(c.password);
    Status s = CheckPasswordPolicy(c.password, Common());
    CHECK(s.ok() == c.ok);
    if (!c.ok) CHECK_THAT(s.message(), Catch::Contains(c.message));
  }
}

TEST_CASE("Hashes are argon2id with their parameters, salted, and verify") {
  std::string a, b;
  REQUIRE(HashPassword("Hà Nội mùa thu 2026", &a).ok());
  REQUIRE(HashPassword("Hà Nội mùa thu 2026", &b).ok());
  CHECK_THAT(a, Catch::StartsWith("$argon2id$v=19$m=65536,t=2,p=1$"));
  CHECK(a != b);  // random salt
  CHECK(VerifyPassword(a, "Hà Nội mùa thu 2026"));
  CHECK_FALSE(VerifyPassword(a, "Ha Noi mua thu 2026"));
  CHECK_FALSE(VerifyPassword("", "Hà Nội mùa thu 2026"));
  CHECK_FALSE(VerifyPassword("$argon2id$garbage", "x"));
}

TEST_CASE("Verifying for an unknown user still pays the full argon2id cost") {
  std::string h;
  REQUIRE(HashPassword("some long passphrase", &h).ok());
  auto time = [](auto fn) {
    auto start = std::chrono::steady_clock::now();
    fn();
    return std::chrono::steady_clock::now() - start;
  };
  auto unknown = time([] { VerifyPassword("", "guess"); });
  // A shortcut would answer in microseconds; argon2id over 64 MiB takes tens of milliseconds.
  CHECK(unknown > std::chrono::milliseconds(10));
}
