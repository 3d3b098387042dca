#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

#include "attache/service/passwords.h"

using namespace attache::service;
using attache::Status;

namespace {

const CommonPasswords& Common() {
  static CommonPasswords common = [] {
    CommonPasswords c;
    REQUIRE(CommonPasswords::Load(ATTACHE_COMMON_PASSWORDS_FILE, ATTACHE_CRACKLIB_DICTIONARY, &c)
                .ok());
    return c;
  }();
  return common;
}

// The demo ministry's top unit, and a ministry by its real name.
const PasswordOwner kLan{"lan", "Nguyễn Thị Lan", {"Bộ Nội vụ", "Ministry of Home Affairs", "BNV"}};

}  // namespace

TEST_CASE("The common-password list is the installed data file, cracklib's dictionary opens") {
  CHECK(Common().size() > 3000);
  CHECK(Common().Contains("password"));
  CHECK(Common().Contains("PASSWORD"));
  CHECK(Common().Contains("12345678"));
  CHECK_FALSE(Common().Contains("#!comment: This list has been compiled by Solar Designer of Openwall Project"));
  CommonPasswords empty;
  CHECK(CommonPasswords::Load("/nonexistent/list.txt", ATTACHE_CRACKLIB_DICTIONARY, &empty).code() ==
        Status::Code::kInvalidArgument);
  CommonPasswords no_dictionary;
  Status s = CommonPasswords::Load(ATTACHE_COMMON_PASSWORDS_FILE, "/nonexistent/cracklib_dict",
                                   &no_dictionary);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK_THAT(s.message(), Catch::Contains("cracklib"));
}

TEST_CASE("Password policy: length in characters, no composition rules, nothing guessable") {
  struct Case {
    std::string password;
    const char* refused;  // a piece of the message, or nullptr when accepted
  };
  const Case cases[] = {
      // Passphrases and plain long passwords of any characters pass: no composition rules.
      {"mua thu ha noi rat dep", nullptr},
      {"Mùa thu Hà Nội rất đẹp", nullptr},
      {"correct horse battery staple", nullptr},
      {"tôi đi học ở trường đại học", nullptr},
      {"đi một ngày đàng học một sàng khôn", nullptr},
      {"Hà Nội mùa thu 2026", nullptr},
      {"mậtkhẩu!", nullptr},                   // 8 characters, 12 bytes
      {"vietnam2026", nullptr},
      {"lan yeu ha noi lam", nullptr},         // the username among other words
      {std::string("nul\0inside!", 11), nullptr},
      // Length, in characters.
      {"mậtkhẩu", "at least 8"},               // 7 characters, 10 bytes
      {"abcdefg", "at least 8"},
      {std::string(64, 'x') + std::string(64, 'y') + "\xc3\xa9", "at most 128"},
      {std::string(129, 'x'), "at most 128"},
      {"abcdefgh\xff", "UTF-8"},
      {"abc\xc0\xafxxxxxx", "UTF-8"},          // overlong '/'
      {"abc\xed\xa0\x80xxxxx", "UTF-8"},       // surrogate
      // The john-data list.
      {"sunshine", "too common"},
      {"QwertyUI", "too common"},
      {"Password", "too common"},
      {"iloveyou", "too common"},
      // cracklib: dictionary words with the usual mangling.
      {"password123", "dictionary word"},
      {"qwerty123", "dictionary word"},
      {"admin123", "dictionary word"},
      {"Password1", "too common"},             // in both: the list speaks first
      {"hanoi123", "dictionary word"},
      {"zaq12wsx", "dictionary word"},
      // cracklib: too few different characters, runs.
      {"aaaaaaaa", "too few different"},
      {std::string(128, 'x'), "too few different"},
      {"abcdef12", "too simple"},
      {"zyxwvu98", "too simple"},
      {"hanoihanoihanoi", "too simple"},
      // The owner's names and the ministry's, in any case, with or without diacritics, with
      // digits and punctuation around.
      {"lan12345", "your username"},
      {"LAN@2026!", "your username"},
      {"Nguyễn Thị Lan", "your name"},
      {"nguyenthilan", "your name"},
      {"NguyenThiLan1990", "your name"},
      {"lannguyen2026", "your name"},
      {"thilan2026", "your name"},
      {"thị lan thị lan", "your name"},
      {"Bộ Nội vụ 2026", "ministry"},
      {"bonoivu2026", "ministry"},
      {"ministry of home affairs", "ministry"},
      {"bnv12345678", "ministry"},
  };
  for (const auto& c : cases) {
    INFO(c.password);
    Status s = CheckPasswordPolicy(c.password, Common(), kLan);
    if (!c.refused) {
      CHECK(s.ok());
      if (!s.ok()) INFO(s.message());
    } else {
      CHECK(s.code() == Status::Code::kInvalidArgument);
      CHECK_THAT(s.message(), Catch::Contains(c.refused));
    }
  }
}

TEST_CASE("Password refusals are bilingual, Vietnamese first") {
  for (const char* password : {"password123", "aaaaaaaa", "abcdef12", "lan12345", "sunshine"}) {
    INFO(password);
    Status s = CheckPasswordPolicy(password, Common(), kLan);
    REQUIRE_FALSE(s.ok());
    CHECK_THAT(s.message(), Catch::StartsWith("Mật khẩu"));
    CHECK_THAT(s.message(), Catch::Contains(" / the password") || Catch::Contains(" / this password"));
  }
}

TEST_CASE("cracklib is called by one thread at a time") {
  // FascistCheck keeps static state; the policy holds a mutex around it. Many threads at once
  // must each get the same verdicts as alone.
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        if (CheckPasswordPolicy("qwerty123", Common(), kLan).ok()) ++wrong;
        if (!CheckPasswordPolicy("mua thu ha noi rat dep", Common(), kLan).ok()) ++wrong;
      }
    });
  for (auto& t : threads) t.join();
  CHECK(wrong == 0);
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
