// Fuzz target: the expression language of workflow definitions (core/expression.h), parsed and
// then evaluated against a proposal's fields. The input's first line is the expression; the
// rest, when it is a JSON object, is the fields (else a fixed set with every kind of value).
//
// Properties, beyond "no crash, no sanitizer report":
//  - a parsed expression keeps its text, and every field it reads is named in that text;
//  - evaluating is deterministic, for the expression and for a copy of it;
//  - EvaluateBool agrees with Evaluate: a boolean is itself, null is false, an error or any
//    other value is an error.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "attache/core/expression.h"
#include "attache/service/workflows.h"

namespace {

using attache::Status;
using nlohmann::json;

[[noreturn]] void Fail(const std::string& why, std::string_view text) {
  std::fprintf(stderr, "fuzz_expression: %s\n  expression: %.*s\n", why.c_str(),
               static_cast<int>(text.size()), text.data());
  std::abort();
}

const json& DefaultFields() {
  static const json fields = json::parse(R"({
    "urgent": true, "amount_usd": 150000, "budget": {"amount": 2.5e9, "currency": "VND"},
    "aid_type": "oda", "format": "online", "highest_rank": "minister",
    "sensitive_topics": ["maritime"], "funding_sources": ["state_budget", "partner"],
    "counterpart_sources": [], "start_on": "2026-04-01", "end_on": "2026-04-10",
    "expires_on": "2026-12-31", "signed_on": null, "proposed_signing_on": "not a date",
    "people": [{"name": "Lan", "role": "head"}], "count": 3, "notes": ""})");
  return fields;
}

const std::set<std::string>& DateFields() {
  static const std::set<std::string> names{"start_on",  "end_on",  "expires_on",
                                           "signed_on", "proposed_signing_on"};
  return names;
}

const attache::WorkingDayCalendar& Calendar() {
  static const attache::WorkingDayCalendar calendar = [] {
    attache::WorkingDayCalendar c;
    attache::service::LoadHolidays(std::string(ATTACHE_SOURCE_DIR) + "/schema/holidays", &c);
    return c;
  }();
  return calendar;
}

// The value or the error, as text to compare.
std::string Outcome(const attache::Expression& e, const attache::EvalContext& context) {
  json value;
  Status s = e.Evaluate(context, &value);
  return s.ok() ? "value " + value.dump(-1, ' ', false, json::error_handler_t::replace)
                : "error " + s.message();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t newline = input.find('\n');
  std::string_view text = input.substr(0, newline);
  attache::Expression expression;
  if (!attache::Expression::Parse(text, &expression).ok()) return 0;
  if (expression.text() != text) Fail("the text kept is not the text parsed", text);
  for (const std::string& field : expression.fields())
    if (text.find(field) == std::string_view::npos) Fail("reads a field it does not name", text);

  json fields = DefaultFields();
  if (newline != std::string_view::npos) {
    json given = json::parse(input.substr(newline + 1), nullptr, false);
    if (given.is_object()) fields = std::move(given);
  }
  attache::EvalContext context;
  context.fields = &fields;
  context.today = std::chrono::sys_days{std::chrono::year{2026} / 3 / 2};
  context.calendar = &Calendar();
  context.date_fields = &DateFields();
  context.objections = 1;
  context.unanswered_consultations = 2;

  const std::string first = Outcome(expression, context);
  if (Outcome(expression, context) != first) Fail("evaluation is not deterministic", text);
  const attache::Expression copy = expression;
  if (Outcome(copy, context) != first) Fail("a copy evaluates differently", text);

  json value;
  const bool evaluated = expression.Evaluate(context, &value).ok();
  bool result = false;
  Status as_bool = expression.EvaluateBool(context, &result);
  if (evaluated && (value.is_boolean() || value.is_null())) {
    if (!as_bool.ok() || result != (value.is_boolean() && value.get<bool>()))
      Fail("EvaluateBool disagrees with Evaluate (" + first + ")", text);
  } else if (as_bool.ok()) {
    Fail("EvaluateBool accepts what is not a boolean (" + first + ")", text);
  }
  return 0;
}
