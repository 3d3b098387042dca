#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "attache/core/json_writer.h"

using attache::JsonWriter;

namespace {

std::string Nlohmann(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string Written(const std::string& s) {
  std::string out;
  JsonWriter(&out).String(s);
  return out;
}

}  // namespace

TEST_CASE("JsonWriter writes strings as nlohmann::json dumps them") {
  for (const std::string& s : {std::string(""), std::string("Đoàn công tác \"Hàn Quốc\""),
                              std::string("a\\b\n\r\t\b\f\x01\x1f\x7f/</script>"),
                              std::string("😀 € ₫"), std::string("\xff"), std::string("ab\xc3"),
                              std::string("\xe0\x80\x80"), std::string("\xed\xa0\x80"),
                              std::string("\xf4\x90\x80\x80"), std::string("\xc3\xa9\x80x")})
    CHECK(Written(s) == Nlohmann(s));

  // Random bytes drawn from ASCII, controls, parts of multi-byte sequences and stray bytes.
  std::mt19937 rng(7);
  const std::string alphabet = "aZ\"\\\n\x02 \xc3\xa1\xe1\xba\xa1\xf0\x9f\x98\x80\x80\xbf\xfe";
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    for (int n = static_cast<int>(rng() % 12); n > 0; --n) s.push_back(alphabet[rng() % alphabet.size()]);
    INFO("case " << round);
    REQUIRE(Written(s) == Nlohmann(s));
  }
}

TEST_CASE("JsonWriter writes nested objects and arrays with their commas") {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("a").Int(-12);
  w.Key("b").BeginArray().String("x").Null().Bool(true).BeginObject().EndObject().EndArray();
  w.Key("c").Raw(R"({"en":"In force","vi":"Đang có hiệu lực"})");
  w.Key("d").BeginArray().EndArray();
  w.EndObject();
  nlohmann::json expected = {{"a", -12},
                             {"b", {"x", nullptr, true, nlohmann::json::object()}},
                             {"c", {{"en", "In force"}, {"vi", "Đang có hiệu lực"}}},
                             {"d", nlohmann::json::array()}};
  CHECK(out == Nlohmann(expected));
  CHECK(nlohmann::json::parse(out) == expected);
}
