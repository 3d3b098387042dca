// The expression language's evaluation (core/expression_eval.cpp, expression_values.cpp): the
// value of every construct over a proposal's fields, the type errors that name their column and
// cause, and what EvaluateBool accepts.
#include <catch2/catch.hpp>
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

TEST_CASE("Expressions evaluate to the values the language defines", "[expression]") {
  struct Case {
    const char* text;
    const char* expected;  // JSON
    const char* fields = nullptr;
    const char* today = nullptr;
  };
  const Case cases[] = {
      // Literals and whitespace.
      {"1", "1"},
      {"1.5", "1.5"},
      {"007", "7"},
      {"'abc'", R"("abc")"},
      {R"('it\'s')", R"("it's")"},
      {R"("say \"hi\"")", R"("say \"hi\"")"},
      {R"('back\\slash')", R"("back\\slash")"},
      {"'Đoàn ra'", R"("Đoàn ra")"},
      {"true", "true"},
      {"false", "false"},
      {"null", "null"},
      {"[]", "[]"},
      {"[1, 'a', null, [true]]", R"([1, "a", null, [true]])"},
      {" \t1\n+\r2 ", "3"},
      // Arithmetic: left to right, unary minus binds tightest.
      {"1 + 2", "3"},
      {"10 - 4 - 3", "3"},
      {"-3 + 5", "2"},
      {"- -3", "3"},
      {"2 - -2", "4"},
      {"1.25 + 1.25", "2.5"},
      {"(1 + 2) - (3 - 1)", "1"},
      {"((((1))))", "1"},
      {"participants + 1", "4"},
      {"budget.amount - 500.5", "12000"},
      {"nothing + 1", "null"},
      {"1 - missing", "null"},
      {"-nothing", "null"},
      // Date arithmetic, across month, leap-day and year ends.
      {"depart_on + 10", R"("2026-03-02")"},
      {"depart_on - 21", R"("2026-01-30")"},
      {"depart_on - today()", "21"},
      {"return_on - depart_on", "10"},
      {"date('2026-01-31') + 1", R"("2026-02-01")"},
      {"date('2024-02-28') + 1", R"("2024-02-29")"},
      {"date('2025-02-28') + 1", R"("2025-03-01")"},
      {"date('2026-12-31') + 1", R"("2027-01-01")"},
      {"date('2024-03-01') - 1", R"("2024-02-29")"},
      {"date('2026-03-01') - 1", R"("2026-02-28")"},
      {"date('2027-01-01') - 365", R"("2026-01-01")"},
      {"date('2027-01-01') - date('2026-12-31')", "1"},
      {"date('2024-03-01') - date('2024-02-01')", "29"},
      {"today() + 0", R"("2026-01-30")"},
      {"today() + 1", R"("2027-01-01")", nullptr, "2026-12-31"},
      {"today() + 1", R"("2024-02-29")", nullptr, "2024-02-28"},
      {"empty_date + 3", "null"},
      {"trip.start + 1", R"("2026-02-02")"},  // date_fields may name a member path
      // Comparisons.
      {"1 < 2", "true"},
      {"2 <= 2", "true"},
      {"3 > 4", "false"},
      {"4 >= 5", "false"},
      {"1 == 1.0", "true"},
      {"1 != 2", "true"},
      {"'a' == 'a'", "true"},
      {"'a' == 'A'", "false"},
      {"1 == '1'", "false"},
      {"true == 1", "false"},
      {"null == null", "true"},
      {"null != 0", "true"},
      {"nothing == null", "true"},
      {"missing == null", "true"},
      {"[1, 2] == [1, 2]", "true"},
      {"[1, 2] == [2, 1]", "false"},
      {"funding_sources == ['state_budget', 'partner']", "true"},
      {"budget == budget", "true"},
      {"budget == people", "false"},
      // With null, an ordering is false rather than an error.
      {"nothing < 1", "false"},
      {"nothing >= 1", "false"},
      {"1 > null", "false"},
      {"missing < today()", "false"},
      {"empty_date <= today()", "false"},
      // Dates and the strings of dates.
      {"depart_on == '2026-02-20'", "true"},
      {"'2026-02-20' == depart_on", "true"},
      {"depart_on != '2026-02-21'", "true"},
      {"depart_on == 'soon'", "false"},
      {"depart_on > '2026-02-19'", "true"},
      {"'2026-02-21' <= depart_on", "false"},
      {"depart_on < return_on", "true"},
      {"today() < depart_on", "true"},
      {"date('2026-02-20') == depart_on", "true"},
      {"bad_date", R"("2026-02-30")"},  // not a real day: stays a string
      {"bad_date == '2026-02-30'", "true"},
      // in, not in, includes.
      {"'KR' in countries", "true"},
      {"'VN' in countries", "false"},
      {"'VN' not in countries", "true"},
      {"'KR' not in countries", "false"},
      {"funding_sources includes 'state_budget'", "true"},
      {"funding_sources includes 'loan'", "false"},
      {"'x' in nothing", "false"},
      {"'x' not in nothing", "true"},
      {"missing includes 'x'", "false"},
      {"null in [1, null]", "true"},
      {"2 in [1, 1 + 1]", "true"},
      {"1 + 1 in [2]", "true"},
      {"depart_on in ['2026-02-20']", "true"},
      {"[3] in nested", "true"},
      {"[1] in nested", "false"},
      {"'a' in []", "false"},
      {"people includes budget", "false"},
      // and, or, not: precedence and short-circuit.
      {"true and false", "false"},
      {"true or false", "true"},
      {"not true", "false"},
      {"not not true", "true"},
      {"not nothing", "true"},
      {"nothing or true", "true"},
      {"nothing and true", "false"},
      {"not false and false", "false"},     // (not false) and false
      {"true or false and false", "true"},  // true or (false and false)
      {"false and false or true", "true"},  // (false and false) or true
      {"not 1 == 2", "true"},               // not (1 == 2)
      {"not flag and visa_needed", "true"},
      {"false and 1", "false"},  // 1 is never evaluated
      {"true or 'x'", "true"},
      {"visa_needed == true and participants >= 3", "true"},
      // Functions.
      {"today()", R"("2026-01-30")"},
      {"days_until(depart_on)", "21"},
      {"days_until('2025-12-25')", "-36"},
      {"days_since('2025-12-25')", "36"},
      {"days_since(depart_on)", "-21"},
      {"days_until(date('2024-02-29'))", "-701"},
      {"days_until('2027-01-01')", "1", nullptr, "2026-12-31"},
      {"days_since('2026-01-30')", "1", nullptr, "2026-01-31"},
      {"days_until(depart_on) >= 20", "true"},
      {"working_days_until(depart_on)", "15"},
      {"working_days_until('2026-03-02')", "21"},
      {"working_days_since('2025-12-25')", "26"},
      {"working_days_since('2024-02-29')", "501"},
      {"working_days_until('2027-01-04')", "241"},
      {"working_days_until(today())", "0"},
      {"working_days_until('2026-02-01')", "0"},                         // Sunday
      {"working_days_until('2026-02-02')", "1"},                         // Monday
      {"working_days_until('2026-02-02')", "1", nullptr, "2026-01-31"},  // from a Saturday
      {"working_days_since('2026-01-30')", "0", nullptr, "2026-01-31"},
      {"working_days_until('2026-01-30')", "-1", nullptr, "2026-02-02"},
      {"days_until(nothing)", "null"},
      {"days_until(missing)", "null"},
      {"working_days_since(empty_date)", "null"},
      {"days_until(nothing) >= 20", "false"},
      {"date('2026-01-01')", R"("2026-01-01")"},
      {"date(depart_on)", R"("2026-02-20")"},
      {"date(null)", "null"},
      {"count(countries)", "2"},
      {"count(nothing)", "0"},
      {"count(missing)", "0"},
      {"count([])", "0"},
      {"count(people)", "2"},
      {"count([[1, 2]])", "1"},
      {"present(title)", "true"},
      {"present(empty_text)", "false"},
      {"present(empty_list)", "false"},
      {"present(nothing)", "false"},
      {"present(missing)", "false"},
      {"present(empty_date)", "false"},
      {"present(0)", "true"},
      {"present(false)", "true"},
      {"present(budget)", "true"},
      {"objections()", "2"},
      {"unanswered_consultations() == 0", "false"},
      // Paths.
      {"budget.amount", "12500.5"},
      {"budget . currency == 'USD'", "true"},
      {"budget.missing", "null"},
      {"missing.member", "null"},
      {"nothing.member", "null"},
      {"budget", R"({"amount": 12500.5, "currency": "USD"})"},
      {"people", R"([{"full_name": "A"}, {"full_name": "B"}])"},
      {"nested", "[[1, 2], [3]]"},
      {"title", R"("Đoàn ra")"},
      {"deep.a.b", "7", R"({"deep": {"a": {"b": 7}}})"},
      {"today", "5", R"({"today": 5})"},  // a field may share a function's name
      {"anything", "null", "[1, 2]"},     // fields that are not an object: none
  };
  for (const auto& c : cases) {
    INFO(c.text);
    Evaluation r = Run(c.text, c.fields, c.today);
    REQUIRE(r.status.ok());
    CHECK(r.value == json::parse(c.expected));
  }
}

TEST_CASE("Type errors are InvalidArgument values naming the column and the cause",
          "[expression]") {
  struct Case {
    const char* text;
    const char* fragment;
  };
  const Case cases[] = {
      {"'abc' < 3", "column 7: cannot compare the string 'abc' with the number 3 using '<'"},
      {"'a' < 'b'", "cannot compare the string 'a' with the string 'b'"},
      {"depart_on < 3", "'<' compares a date with a date, not with the number 3"},
      {"depart_on < 'soon'", "not with the string 'soon'"},
      {"bad_date < today()", "not with the string '2026-02-30'"},
      {"1 + 'a'", "column 3: cannot add the string 'a' to the number 1"},
      {"'a' - 1", "cannot subtract the number 1 from the string 'a'"},
      {"today() + today()", "cannot add the date 2026-01-30 to the date 2026-01-30"},
      {"1 - today()", "cannot subtract"},
      {"depart_on + 1.5", "a date moves by whole days, not by 1.5"},
      {"today() + 400000", "outside 1900 to 2999"},
      {"date('1900-01-01') - 1", "outside 1900 to 2999"},
      {"big + big", "out of range"},
      {"-'a'", "column 1: '-' needs a number, found the string 'a'"},
      {"not 1", "'not' needs true or false, found the number 1"},
      {"true and 1", "column 10: 'and' needs true or false, found the number 1"},
      {"1 or true", "'or' needs true or false"},
      {"countries and true", "found a list of 2 elements"},
      {"budget or true", "found an object"},
      {"'x' in 'xyz'", "'in' needs a list on its right, found the string 'xyz'"},
      {"'x' not in 3", "'not in' needs a list on its right"},
      {"title includes 'a'", "'includes' needs a list on its left, found the string 'Đoàn ra'"},
      {"count(title)", "count needs a list"},
      {"days_until('soon')", "days_until needs a date"},
      {"days_since(3)", "days_since needs a date (YYYY-MM-DD, a real day), found the number 3"},
      {"working_days_until(bad_date)", "working_days_until needs a date"},
      {"date('2026-02-30')", "date needs a date (YYYY-MM-DD, a real day)"},
      {"budget.amount.value", "budget.amount is a number, not an object with a member 'value'"},
      {"title.x", "title is a string"},
      {"countries.x", "countries is a list"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    Evaluation r = Run(c.text);
    CHECK(r.status.code() == Status::Code::kInvalidArgument);
    CHECK_THAT(r.status.message(), Catch::Contains(c.fragment));
    CHECK(IsValidUtf8(r.status.message()));
  }
}

TEST_CASE("EvaluateBool wants true, false or null", "[expression]") {
  const json fields = json::parse(kFields);
  EvalContext context;
  context.fields = &fields;
  context.today = Day("2026-01-30");
  context.date_fields = &kDateFields;
  auto evaluate = [&](const char* text, bool* result) {
    Expression e;
    REQUIRE(Expression::Parse(text, &e).ok());
    return e.EvaluateBool(context, result);
  };
  bool result = false;
  CHECK(evaluate("visa_needed", &result).ok());
  CHECK(result);
  result = true;
  CHECK(evaluate("nothing", &result).ok());
  CHECK_FALSE(result);
  result = true;
  CHECK(evaluate("missing", &result).ok());
  CHECK_FALSE(result);
  Status s = evaluate("1 + 1", &result);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK_THAT(s.message(), Catch::Contains("the expression gives the number 2, not true or false"));
  s = evaluate("'abc' < 3", &result);
  CHECK_THAT(s.message(), Catch::Contains("cannot compare"));

  Expression never_parsed;
  CHECK(never_parsed.EvaluateBool(context, &result).code() == Status::Code::kInvalidArgument);
  json value;
  CHECK(never_parsed.Evaluate(context, &value).code() == Status::Code::kInvalidArgument);

  context.fields = nullptr;  // no fields: every path is null
  CHECK(evaluate("not present(depart_on)", &result).ok());
  CHECK(result);
}
