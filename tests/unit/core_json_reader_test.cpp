#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "attache/core/json_reader.h"

namespace jr = attache::json_reader;
using nlohmann::json;

namespace {

// The fault a read throws, or "" when it reads.
template <class F>
std::string FaultOf(F read) {
  try {
    read();
  } catch (const jr::Fault& f) {
    return f.message;
  }
  return "";
}

std::string Nested(int depth) {
  return std::string(static_cast<size_t>(depth), '[') + std::string(static_cast<size_t>(depth), ']');
}

}  // namespace

TEST_CASE("Parse names the line and column of a syntax error") {
  json j;
  CHECK(jr::Parse("{\n  \"a\": 1,\n  \"b\": tru\n}", "x.json", &j).message() ==
        "x.json: not valid JSON (line 3, column 11)");
  CHECK(jr::Parse("", "x.json", &j).message() == "x.json: not valid JSON (line 1, column 1)");
  CHECK(jr::Parse("{\"a\": \"\xff\"}", "x.json", &j).message().rfind("x.json: not valid JSON", 0) ==
        0);
  REQUIRE(jr::Parse("{\"a\": [1, 2]}", "x.json", &j).ok());
  CHECK(j["a"][1] == 2);
}

TEST_CASE("Parse refuses documents nested past the limit, without recursing") {
  json j;
  CHECK(jr::Parse(Nested(jr::kMaxDepth), "x.json", &j).ok());
  CHECK(jr::Parse(Nested(jr::kMaxDepth + 2), "x.json", &j).message() ==
        "x.json: nested deeper than 64 levels");
  // Far deeper than any stack would take if anything recursed over it.
  CHECK(jr::Parse(Nested(1'000'000), "x.json", &j).message() ==
        "x.json: nested deeper than 64 levels");
  CHECK(j.is_null());
}

TEST_CASE("The typed readers fail at the value's pointer") {
  const json doc = json::parse(R"({"n": "x", "i": 7, "s": "", "a": 3, "o": {"k": 1}})");
  CHECK(FaultOf([&] { jr::Number(doc, "/top", "n"); }) == "/top/n: must be a number");
  CHECK(jr::Number(doc, "", "i") == 7.0);
  CHECK(FaultOf([&] { jr::Integer(doc, "", "i", 1, 5); }) == "/i: must be an integer from 1 to 5");
  CHECK(FaultOf([&] { jr::String(doc, "", "s"); }) == "/s: must be a non-empty string");
  CHECK(FaultOf([&] { jr::Array(doc, "", "a", true, [](const json&, const std::string&) {}); }) ==
        "/a: must be an array");
  CHECK(FaultOf([&] { jr::CheckKeys(doc.at("o"), "/o", {"j"}); }) == "/o/k: unknown key \"k\"");
  CHECK(FaultOf([&] { jr::CheckKeys(doc.at("o"), "/o", {"k", "j"}); }) ==
        "/o: missing key \"j\"");
  CHECK(FaultOf([&] { jr::Fail("", "whole"); }) == "/: whole");
}

TEST_CASE("Parse refuses a number out of range, as the fuzzer found, without throwing") {
  // fuzz_workflow_loader: `1e999` made nlohmann throw out_of_range, which Parse let escape.
  for (const char* text : {"{\"a\": 1e999}", "[-1e999]", "1e400"}) {
    INFO(text);
    json out;
    attache::Status s = attache::Status::Ok();
    REQUIRE_NOTHROW(s = jr::Parse(text, "f.json", &out));
    CHECK(s.code() == attache::Status::Code::kInvalidArgument);
    CHECK(s.message() == "f.json: not valid JSON (a number out of range)");
  }
}
