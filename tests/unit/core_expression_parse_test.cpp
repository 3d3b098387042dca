// The expression language's parsing (core/expression.cpp, expression_lexer.cpp): the errors
// that name the column and what was expected, the fields an expression reads, and an Expression
// as a value that a failed parse leaves unchanged.
#include <catch2/catch.hpp>
#include <string>

#include "attache/core/expression.h"
#include "expression_fixture.h"

using namespace attache;
using attache::testing::IsValidUtf8;
using nlohmann::json;

TEST_CASE("Parse errors name the column and what was expected", "[expression]") {
  struct Case {
    std::string text;
    int column;
    const char* fragment;
  };
  const Case cases[] = {
      {"", 1, "the expression is empty"},
      {"   ", 4, "the expression is empty"},
      {"days_until(depart_on", 21,
       "expected ')' after the arguments of days_until, found the end of the expression"},
      {"days_until(depart_on x", 22, "expected ')' after the arguments of days_until, found 'x'"},
      {"foo(1)", 1, "unknown function 'foo'"},
      {"today(1)", 1, "today takes no arguments, not 1"},
      {"days_until()", 1, "days_until takes 1 argument, not 0"},
      {"days_until(a, b)", 1, "days_until takes 1 argument, not 2"},
      {"'abc", 1, "unterminated string"},
      {"x == \"abc", 6, "unterminated string"},
      {"'abc\\", 1, "unterminated string"},
      {"'a\\nb'", 3, "unknown escape"},
      {"1 + #", 5, "unexpected character '#'"},
      {"a = 1", 3, "did you mean '=='?"},
      {"!a", 1, "did you mean '!=' or 'not'?"},
      {"a && b", 3, "did you mean 'and'?"},
      {"a || b", 3, "did you mean 'or'?"},
      {"1 2", 3, "expected an operator or the end of the expression, found the number 2"},
      {"a b", 3, "found 'b'"},
      {"a.b(1)", 4, "expected an operator or the end of the expression, found '('"},
      {"(1 + 2", 7, "expected ')' to close the '(' at column 1, found the end of the expression"},
      {"(1 + 2))", 8, "expected an operator or the end of the expression, found ')'"},
      {"[1, 2", 6, "expected ',' or ']' in the list opened at column 1"},
      {"[1 2]", 4, "expected ',' or ']' in the list opened at column 1, found the number 2"},
      {"[1,]", 4, "expected a value, found ']'"},
      {"1 +", 4, "expected a value, found the end of the expression"},
      {"and", 1, "expected a value, found 'and'"},
      {"in", 1, "expected a value, found 'in'"},
      {")", 1, "expected a value, found ')'"},
      {"-", 2, "expected a value"},
      {"not", 4, "expected a value"},
      {"a not b", 7, "expected 'in' after 'not', found 'b'"},
      {"1 < 2 < 3", 7, "comparisons do not chain; join them with 'and'"},
      {"a in b in c", 8, "comparisons do not chain"},
      {"1.", 3, "expected a digit after the decimal point"},
      {"1.x", 3, "expected a digit after the decimal point"},
      {"budget.", 8, "expected a member name after '.', found the end of the expression"},
      {"budget.and", 8, "expected a member name after '.', found 'and'"},
      {"a.1", 3, "expected a member name after '.', found the number 1"},
      {std::string(400, '9'), 1, "the number is out of range"},
      {"0." + std::string(400, '0') + "1", 1, "the number is out of range"},
      // Columns count characters: "Đoàn" is four of them, seven bytes.
      {"title == 'Đoàn' +", 18, "expected a value"},
      {"'a\tb'", 3, "control character in a string"},
      {"'\xff'", 2, "a string must be valid UTF-8"},
      {"'\xc0\xaf'", 2, "a string must be valid UTF-8"},      // overlong '/'
      {"'\xed\xa0\x80'", 2, "a string must be valid UTF-8"},  // a surrogate
      {"\xff", 1, "unexpected byte '\\xFF'"},
      {std::string("1 +\0", 4), 4, "unexpected byte '\\x00'"},
      {"đ", 1, "unexpected character 'đ'"},
  };
  for (const auto& c : cases) {
    INFO(json(c.text).dump(-1, ' ', true, json::error_handler_t::replace));
    Expression e;
    Status s = Expression::Parse(c.text, &e);
    REQUIRE(s.code() == Status::Code::kInvalidArgument);
    CHECK_THAT(s.message(), Catch::StartsWith("column " + std::to_string(c.column) + ": "));
    CHECK_THAT(s.message(), Catch::Contains(c.fragment));
    CHECK(IsValidUtf8(s.message()));
  }
}

TEST_CASE("fields() lists the first name of every path", "[expression]") {
  Expression e;
  REQUIRE(Expression::Parse("budget.amount > 0 and days_until(depart_on) < 20 or 'KR' in "
                            "countries and today() > date('2026-01-01')",
                            &e)
              .ok());
  CHECK(e.fields() == std::set<std::string>{"budget", "countries", "depart_on"});
  CHECK(e.text() ==
        "budget.amount > 0 and days_until(depart_on) < 20 or 'KR' in countries and today() > "
        "date('2026-01-01')");
  REQUIRE(Expression::Parse("1 + objections()", &e).ok());
  CHECK(e.fields().empty());
}

TEST_CASE("A parsed expression is a value: copies evaluate alike, a failed parse changes nothing",
          "[expression]") {
  Expression e;
  REQUIRE(Expression::Parse("participants + 1", &e).ok());
  CHECK_FALSE(Expression::Parse("participants +", &e).ok());
  CHECK(e.text() == "participants + 1");
  Expression copy = e;
  Expression moved = std::move(e);
  const json fields = {{"participants", 4}};
  EvalContext context;
  context.fields = &fields;
  json a, b;
  REQUIRE(copy.Evaluate(context, &a).ok());
  REQUIRE(moved.Evaluate(context, &b).ok());
  CHECK(a == 5);
  CHECK(b == 5);
}
