#include <catch2/catch.hpp>

#include "attache/core/hash.h"
#include "attache/core/status.h"

using attache::Sha256;
using attache::Sha256Hex;

TEST_CASE("Sha256Hex matches the FIPS 180-2 test vectors") {
  CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("Sha256 fed in pieces equals one-shot") {
  Sha256 h;
  h.Update("a");
  h.Update("bc");
  CHECK(h.FinishHex() == Sha256Hex("abc"));
}

TEST_CASE("Status carries code and message") {
  auto s = attache::Status::NotFound("no such proposal");
  CHECK_FALSE(s.ok());
  CHECK(s.code() == attache::Status::Code::kNotFound);
  CHECK(s.ToString() == "NotFound: no such proposal");
  CHECK(attache::Status::Ok().ok());
}

#include "attache/core/iso_date.h"

TEST_CASE("ISO dates: only real days in the exact form") {
  for (const char* good : {"2026-02-28", "2028-02-29", "2026-12-31", "1900-01-01"}) {
    INFO(good);
    auto d = attache::ParseIsoDate(good);
    REQUIRE(d);
    CHECK(attache::FormatIsoDate(*d) == good);
  }
  for (const char* bad : {"2026-02-30", "2027-02-29", "2026-13-01", "2026-00-10", "2026-1-01",
                          "26-01-01", "2026/01/01", "2026-01-01T00:00", "", "abcd-ef-gh",
                          "3000-01-01", "2026-01-+1"}) {
    INFO(bad);
    CHECK_FALSE(attache::ParseIsoDate(bad));
  }
}
