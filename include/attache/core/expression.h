// The small, safe expression language of workflow definitions: guards ("when"), routing
// conditions and lead-time warnings are written in it, over a proposal's fields. It is parsed
// once, when a definition is loaded, and evaluated many times. No eval, no scripting runtime.
//
// Grammar (keywords are lower case; whitespace is free):
//   expr       := or
//   or         := and ("or" and)*
//   and        := not ("and" not)*
//   not        := "not" not | comparison
//   comparison := sum [ ("==" | "!=" | "<" | "<=" | ">" | ">=") sum
//                     | "in" sum | "not" "in" sum | "includes" sum ]
//   sum        := unary (("+" | "-") unary)*
//   unary      := "-" unary | primary
//   primary    := number | string | "true" | "false" | "null" | list | call | path | "(" expr ")"
//   list       := "[" [expr ("," expr)*] "]"
//   call       := name "(" [expr ("," expr)*] ")"
//   path       := name ("." name)*          a field, or a member of one: budget.amount
//   string     := '...' or "..." with \\ \' \" escapes; number := digits [. digits]
// Values: null, boolean, number (double), string, date, list. A date field's value is a date;
// strings compare to dates after parsing as YYYY-MM-DD.
//   ==, !=       any two values (a date equals the string of the same day); never an error
//   < <= > >=    numbers with numbers, dates (or date strings) with dates; with null: false
//   a in L       L is a list: whether some element == a. L null: false
//   L includes a L is a list: whether some element == a. L null: false
//   + -          numbers; date + number and date - number (days); date - date (days)
//   and, or      short-circuit; operands must be booleans (null counts as false)
//   not          boolean (null counts as false)
// Functions (unknown names, or a wrong number of arguments, are parse errors):
//   today()                   the evaluation date
//   days_until(d)             calendar days from today to d (negative when d is past)
//   days_since(d)             calendar days from d to today
//   working_days_until(d)     working days from today to d (WorkingDaysBetween(today, d))
//   working_days_since(d)     working days from d to today
//   date(s)                   the date written s ("YYYY-MM-DD")
//   count(L)                  elements of a list (0 for null)
//   present(x)                x is not null, not "", not an empty list
//   objections()              consultations answered "object"
//   unanswered_consultations() consultations asked and not yet answered
// Any function whose date argument is null gives null. Evaluation errors (a type mismatch such
// as "abc" < 3) are values returned, not exceptions.
// Limits: source text at most 4,096 bytes, nesting at most 64 levels; beyond, a parse error.
// Thread-safety: a parsed Expression is immutable and may be evaluated from many threads.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "attache/core/calendar.h"
#include "attache/core/status.h"

namespace attache {

// What an expression is evaluated against.
struct EvalContext {
  const nlohmann::json* fields = nullptr;  // the proposal's fields (an object); null: none
  Date today{};
  const WorkingDayCalendar* calendar = nullptr;  // null: weekends only
  // Field names whose values are dates ("YYYY-MM-DD" strings in `fields`).
  const std::set<std::string>* date_fields = nullptr;
  int objections = 0;
  int unanswered_consultations = 0;
};

class Expression {
 public:
  // Parses `text`. InvalidArgument with a message naming the 1-based column and what was
  // expected, e.g. "column 14: expected ')' after the arguments of days_until".
  static Status Parse(std::string_view text, Expression* out);

  Expression();
  ~Expression();
  Expression(const Expression&);
  Expression& operator=(const Expression&);
  Expression(Expression&&) noexcept;
  Expression& operator=(Expression&&) noexcept;

  // The source text it was parsed from.
  const std::string& text() const { return text_; }
  // The field names the expression reads: the first name of every path ("budget" for
  // budget.amount). The loader checks each against the definition's fields.
  const std::set<std::string>& fields() const { return fields_; }

  // Evaluates to a boolean. A non-boolean result, or an evaluation error, is InvalidArgument
  // with a message saying why; null counts as false.
  Status EvaluateBool(const EvalContext& context, bool* result) const;
  // Evaluates to any value, as JSON (dates as "YYYY-MM-DD" strings), for tests and tools.
  Status Evaluate(const EvalContext& context, nlohmann::json* result) const;

  struct Node;  // the syntax tree, defined in expression.cpp

 private:
  std::string text_;
  std::set<std::string> fields_;
  std::shared_ptr<const Node> root_;
};

}  // namespace attache
