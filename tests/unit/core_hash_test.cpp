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
