// What the expression tests (core_expression_*_test.cpp) share: a proposal's fields holding
// every kind of value the language meets, the date fields among them, and Run, which parses a
// text and evaluates it over them.
#pragma once

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "attache/core/expression.h"
#include "attache/core/iso_date.h"

namespace attache::testing {

using nlohmann::json;

inline Date Day(const char* text) {
  return Date(*ParseIsoDate(text));
}

// The fields most cases read. today() is a Friday, 2026-01-30, unless a case says otherwise.
inline constexpr const char* kFields = R"({
  "depart_on": "2026-02-20", "return_on": "2026-03-02", "empty_date": "", "bad_date": "2026-02-30",
  "funding_sources": ["state_budget", "partner"], "countries": ["KR", "JP"],
  "visa_needed": true, "flag": false, "participants": 3, "zero": 0, "nothing": null,
  "title": "Đoàn ra", "empty_text": "", "empty_list": [],
  "budget": {"amount": 12500.5, "currency": "USD"},
  "people": [{"full_name": "A"}, {"full_name": "B"}],
  "nested": [[1, 2], [3]], "trip": {"start": "2026-02-01"}, "big": 1.7e308
})";

inline const std::set<std::string> kDateFields = {"depart_on", "return_on", "empty_date",
                                                  "bad_date",  "nothing",   "trip.start"};

struct Evaluation {
  Status status;
  json value;
};

// Parses `text` and evaluates it over `fields` (kFields if null) on `today` (2026-01-30 if null),
// with two objections and one unanswered consultation.
inline Evaluation Run(const std::string& text, const char* fields = nullptr,
                      const char* today = nullptr) {
  Expression e;
  Status s = Expression::Parse(text, &e);
  if (!s.ok()) return {s, nullptr};
  const json document = json::parse(fields ? fields : kFields);
  EvalContext context;
  context.fields = &document;
  context.today = Day(today ? today : "2026-01-30");
  context.date_fields = &kDateFields;
  context.objections = 2;
  context.unanswered_consultations = 1;
  Evaluation out;
  out.status = e.Evaluate(context, &out.value);
  return out;
}

// Whether `text` can be written as JSON: every error message must be.
inline bool IsValidUtf8(const std::string& text) {
  try {
    (void)json(text).dump();
    return true;
  } catch (const json::exception&) {
    return false;
  }
}

}  // namespace attache::testing
