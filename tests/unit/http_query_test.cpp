#include <catch2/catch.hpp>

#include "attache/http/query.h"

using attache::Status;
using attache::http::ParseQuery;
using Params = std::map<std::string, std::string>;

TEST_CASE("ParseQuery decodes names and values") {
  struct Case {
    const char* query;
    Params params;
  };
  const Case cases[] = {
      {"", {}},
      {"year=2026", {{"year", "2026"}}},
      {"year=2026&unit=CVL", {{"year", "2026"}, {"unit", "CVL"}}},
      {"q=lao+dong", {{"q", "lao dong"}}},
      {"q=L%C3%A0o%20%C4%91%E1%BB%99ng", {{"q", "Lào động"}}},
      {"q=a%2Bb%26c%3Dd", {{"q", "a+b&c=d"}}},
      {"flag&x=", {{"flag", ""}, {"x", ""}}},
      {"&&year=1&", {{"year", "1"}}},
      {"q=a=b", {{"q", "a=b"}}},
  };
  for (const Case& c : cases) {
    INFO(c.query);
    Params out{{"stale", "value"}};
    REQUIRE(ParseQuery(c.query, &out).ok());
    CHECK(out == c.params);
  }
}

TEST_CASE("ParseQuery refuses malformed escapes, bytes that are not UTF-8 and repeats") {
  for (const char* query : {"q=%", "q=%2", "q=%zz", "q=%FF", "q=%C3%28", "%FF=1", "q=1&q=2"}) {
    INFO(query);
    Params out;
    Status s = ParseQuery(query, &out);
    CHECK(s.code() == Status::Code::kInvalidArgument);
  }
}
