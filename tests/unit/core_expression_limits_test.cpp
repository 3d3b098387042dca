// The expression language at its limits: deep nesting and long input refused cleanly at parse
// time and in the fields, and random bytes and token soups that never throw or crash.
#include <catch2/catch.hpp>
#include <random>
#include <string>

#include "attache/core/expression.h"
#include "expression_fixture.h"

using namespace attache;
using attache::testing::Day;
using attache::testing::Evaluation;
using attache::testing::IsValidUtf8;
using attache::testing::kDateFields;
using attache::testing::kFields;
using attache::testing::Run;
using nlohmann::json;

TEST_CASE("Deep nesting and long input are refused cleanly", "[expression]") {
  auto parse = [](const std::string& text) {
    Expression e;
    return Expression::Parse(text, &e);
  };
  const std::string nested64 = std::string(64, '(') + "1" + std::string(64, ')');
  CHECK(parse(nested64).ok());
  const std::string nested65 = std::string(65, '(') + "1" + std::string(65, ')');
  CHECK(parse(nested65).message() == "column 65: nested more than 64 levels deep");

  CHECK_THAT(parse(std::string(10000, '(')).message(),
             Catch::Contains("column 4097: the expression is longer than 4096 bytes"));
  CHECK_THAT(parse(std::string(4000, '(')).message(), Catch::StartsWith("column 65: nested"));
  CHECK_THAT(parse(std::string(4000, '[')).message(), Catch::StartsWith("column 65: nested"));
  CHECK_THAT(parse(std::string(4000, '-') + "1").message(), Catch::StartsWith("column 65: nested"));
  std::string nots;
  for (int i = 0; i < 1000; ++i) nots += "not ";
  CHECK_THAT(parse(nots + "true").message(), Catch::StartsWith("column 257: nested"));
  std::string calls;
  for (int i = 0; i < 600; ++i) calls += "date(";
  CHECK_THAT(parse(calls).message(), Catch::Contains("nested more than 64 levels deep"));

  // Long but flat: a chain is one node, not a deep tree.
  std::string sum = "1";
  while (sum.size() + 4 <= 4096) sum += " + 1";
  Evaluation r = Run(sum);
  REQUIRE(r.status.ok());
  CHECK(r.value == 1024);
  CHECK(parse(std::string(4095, ' ') + "1").ok());
  CHECK_THAT(parse(std::string(4096, ' ') + "1").message(),
             Catch::Contains("longer than 4096 bytes"));

  // A field whose lists nest deeper than the language does.
  json deep = 1;
  for (int i = 0; i < 70; ++i) deep = json::array({deep});
  const std::string fields = json{{"deep", deep}}.dump();
  r = Run("count(deep)", fields.c_str());
  CHECK(r.status.code() == Status::Code::kInvalidArgument);
  CHECK_THAT(r.status.message(), Catch::Contains("nested more than 64"));
}

TEST_CASE("Random bytes and token soups never throw or crash", "[expression]") {
  std::mt19937 random(20260130);  // fixed: a failure must be reproducible
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(random); };
  const json fields = json::parse(kFields);
  EvalContext context;
  context.fields = &fields;
  context.today = Day("2026-01-30");
  context.date_fields = &kDateFields;

  int parsed = 0;
  // What went wrong for `text`, or "" if nothing did.
  auto problem = [&](const std::string& text) -> std::string {
    try {
      Expression e;
      Status s = Expression::Parse(text, &e);
      if (!s.ok()) return IsValidUtf8(s.message()) ? "" : "a message that is not UTF-8";
      ++parsed;
      json value;
      bool truth = false;
      s = e.Evaluate(context, &value);
      if (!s.ok() && !IsValidUtf8(s.message())) return "a message that is not UTF-8";
      (void)e.EvaluateBool(context, &truth);
      (void)value.dump();  // whatever it gives can be written as JSON
      return "";
    } catch (const std::exception& e) {
      return std::string("an exception: ") + e.what();
    }
  };
  auto attempt = [&](const std::string& text) {
    const std::string what = problem(text);
    if (!what.empty())
      FAIL(what << " for " << json(text).dump(-1, ' ', true, json::error_handler_t::replace));
  };

  const std::string grammar_bytes = "()[],.'\"\\=!<>+- _az09\t\n";
  for (int i = 0; i < 3000; ++i) {
    std::string text(pick(64), '\0');
    for (char& c : text)
      c = pick(2) ? grammar_bytes[pick(grammar_bytes.size())] : static_cast<char>(pick(256));
    attempt(text);
  }

  const std::vector<std::string> vocabulary = {"(",
                                               ")",
                                               "[",
                                               "]",
                                               ",",
                                               ".",
                                               "not",
                                               "and",
                                               "or",
                                               "in",
                                               "includes",
                                               "-",
                                               "+",
                                               "==",
                                               "!=",
                                               "<",
                                               "<=",
                                               ">",
                                               ">=",
                                               "1",
                                               "2.5",
                                               "0",
                                               "999999999999999999999",
                                               "'a'",
                                               "'2026-02-20'",
                                               "\"x\"",
                                               "''",
                                               "true",
                                               "false",
                                               "null",
                                               "depart_on",
                                               "empty_date",
                                               "bad_date",
                                               "budget",
                                               "budget.amount",
                                               "countries",
                                               "nothing",
                                               "missing",
                                               "people",
                                               "nested",
                                               "title",
                                               "big",
                                               "today()",
                                               "days_until(",
                                               "working_days_since(",
                                               "date(",
                                               "count(",
                                               "present(",
                                               "objections()",
                                               "'",
                                               "\\",
                                               "\xff",
                                               std::string(1, '\0'),
                                               "đ"};
  for (int i = 0; i < 4000; ++i) {
    std::string text;
    const size_t tokens = 1 + pick(24);
    for (size_t t = 0; t < tokens; ++t) {
      text += vocabulary[pick(vocabulary.size())];
      if (pick(4)) text += ' ';
    }
    attempt(text);
  }
  CHECK(parsed > 100);  // the soups do reach the evaluator
}
