// The expression language's evaluator: walks the tree built by expression.cpp over a
// proposal's fields, applying the operators of expression_values.cpp, and calls the built-in
// functions. Value semantics are in expression.h; where that is silent:
//   - A JSON object in the fields (a money value, a person in a list) is an opaque value that
//     equals only itself; a path is the only way into one.
//   - A date field holding "" is null (an empty field); one holding anything else that is not a
//     date stays what it is, and using it as a date is an error naming it.
//   - A path through a null or missing member is null; through a string, number, boolean or list
//     it is an error (the definition names a member that cannot exist).
//   - Arithmetic on null gives null, so "depart_on - 20 > today()" is false while depart_on is
//     empty. Results must be finite numbers, and dates between 1900 and 2999 (the dates
//     ParseIsoDate reads), so that every value can be written back as text.
//   - "a not in L" is exactly "not (a in L)": true when L is null.
// Errors are returned as InvalidArgument naming the column of the operator or call at fault.
#include <algorithm>
#include <cstdint>
#include <optional>

#include "attache/core/expression.h"
#include "attache/core/iso_date.h"
#include "expression_internal.h"

namespace attache {
namespace {

using expr::Arithmetic;
using expr::As;
using expr::AsDate;
using expr::AsList;
using expr::AtColumn;
using expr::Compare;
using expr::DaysBetween;
using expr::Describe;
using expr::FromJson;
using expr::Function;
using expr::IsNull;
using expr::MakeList;
using expr::ToJson;
using expr::Truth;
using expr::Value;
using Node = Expression::Node;
using Json = nlohmann::json;

// The days d with a < d <= b that are Monday to Friday (negative when b < a): what
// WorkingDayCalendar::WorkingDaysBetween counts for years it does not know.
int64_t WeekdaysBetween(Date a, Date b) {
  using namespace std::chrono;
  // Weekdays among the n days from a Monday on: five a whole week, plus the rest of the last
  // week up to Friday. Floor division keeps that right for n < 0.
  auto weekdays_in_first = [](int64_t n) {
    int64_t weeks = n / 7, rest = n % 7;
    if (rest < 0) {
      rest += 7;
      --weeks;
    }
    return 5 * weeks + std::min<int64_t>(rest, 5);
  };
  const Date monday = sys_days(year(1970) / January / 5);
  return weekdays_in_first(DaysBetween(monday, b) + 1) -
         weekdays_in_first(DaysBetween(monday, a) + 1);
}

// ---------------------------------------------------------------------------------------------
// Evaluator

class Evaluator {
 public:
  explicit Evaluator(const EvalContext& context) : context_(context) {}

  // The tree's depth is bounded by the parser's nesting limit, so this recursion is too.
  Status Eval(const Node& node, Value* out) const {
    switch (node.kind) {
      case Node::Kind::kLiteral:
        *out = node.literal;
        return Status::Ok();
      case Node::Kind::kList:
        return EvalList(node, out);
      case Node::Kind::kPath:
        return EvalPath(node, out);
      case Node::Kind::kCall:
        return EvalCall(node, out);
      case Node::Kind::kNot:
        return EvalNot(node, out);
      case Node::Kind::kNegate:
        return EvalNegate(node, out);
      case Node::Kind::kAnd:
        return EvalLogic(node, "and", false, out);
      case Node::Kind::kOr:
        return EvalLogic(node, "or", true, out);
      case Node::Kind::kSum:
        return EvalSum(node, out);
      case Node::Kind::kCompare:
        return EvalCompare(node, out);
    }
    return Status::Internal("unknown expression node");
  }

 private:
  Status EvalList(const Node& node, Value* out) const {
    Value::List elements(node.operands.size());
    for (size_t i = 0; i < node.operands.size(); ++i) {
      Status s = Eval(*node.operands[i], &elements[i]);
      if (!s.ok()) return s;
    }
    *out = MakeList(std::move(elements));
    return Status::Ok();
  }

  Status EvalPath(const Node& node, Value* out) const {
    *out = Value{};
    const Json* json = context_.fields;
    if (json == nullptr || !json->is_object()) return Status::Ok();
    for (size_t i = 0; i < node.path.size(); ++i) {
      if (json->is_null()) return Status::Ok();
      if (!json->is_object())
        return Status::InvalidArgument(
            AtColumn(node.column, JoinPath(node, i) + " is " + KindOf(*json) +
                                      ", not an object with a member '" + node.path[i] + "'"));
      auto member = json->find(node.path[i]);
      if (member == json->end()) return Status::Ok();
      json = &*member;
    }
    if (json->is_string() && IsDateField(node)) return ReadDateField(*json, out);
    Status s = FromJson(*json, 0, out);
    if (!s.ok()) return Status::InvalidArgument(AtColumn(node.column, s.message()));
    return Status::Ok();
  }

  static std::string KindOf(const Json& json) {
    if (json.is_array()) return "a list";
    if (json.is_number()) return "a number";
    if (json.is_boolean()) return "a boolean";
    return "a string";
  }

  // The first `n` names of the path, joined by dots.
  static std::string JoinPath(const Node& node, size_t n) {
    std::string joined;
    for (size_t i = 0; i < n && i < node.path.size(); ++i) {
      if (i > 0) joined += '.';
      joined += node.path[i];
    }
    return joined;
  }

  bool IsDateField(const Node& node) const {
    return context_.date_fields && context_.date_fields->count(JoinPath(node, node.path.size()));
  }

  static Status ReadDateField(const Json& json, Value* out) {
    const auto& text = json.get_ref<const Json::string_t&>();
    if (text.empty()) {
      *out = Value{};
    } else if (auto ymd = ParseIsoDate(text)) {
      *out = Value{Date(*ymd)};
    } else {
      *out = Value{text};
    }
    return Status::Ok();
  }

  Status EvalNot(const Node& node, Value* out) const {
    Value operand;
    Status s = Eval(*node.operands[0], &operand);
    if (!s.ok()) return s;
    bool truth = false;
    s = Truth(operand, "not", node.column, &truth);
    if (!s.ok()) return s;
    *out = Value{!truth};
    return Status::Ok();
  }

  Status EvalNegate(const Node& node, Value* out) const {
    Value operand;
    Status s = Eval(*node.operands[0], &operand);
    if (!s.ok()) return s;
    if (IsNull(operand)) {
      *out = Value{};
    } else if (const double* n = As<double>(operand)) {
      *out = Value{-*n};
    } else {
      return Status::InvalidArgument(
          AtColumn(node.column, "'-' needs a number, found " + Describe(operand)));
    }
    return Status::Ok();
  }

  // and, or: left to right, stopping at the first operand that decides.
  Status EvalLogic(const Node& node, std::string_view op, bool decides, Value* out) const {
    for (const auto& operand : node.operands) {
      Value value;
      Status s = Eval(*operand, &value);
      if (!s.ok()) return s;
      bool truth = false;
      s = Truth(value, op, operand->column, &truth);
      if (!s.ok()) return s;
      if (truth == decides) {
        *out = Value{decides};
        return Status::Ok();
      }
    }
    *out = Value{!decides};
    return Status::Ok();
  }

  Status EvalSum(const Node& node, Value* out) const {
    Status s = Eval(*node.operands[0], out);
    for (size_t i = 1; s.ok() && i < node.operands.size(); ++i) {
      Value right;
      s = Eval(*node.operands[i], &right);
      if (s.ok()) s = Arithmetic(node.ops[i - 1], *out, right, node.op_columns[i - 1], out);
    }
    return s;
  }

  Status EvalCompare(const Node& node, Value* out) const {
    Value left, right;
    Status s = Eval(*node.operands[0], &left);
    if (s.ok()) s = Eval(*node.operands[1], &right);
    if (s.ok()) s = Compare(node.ops[0], left, right, node.column, out);
    return s;
  }

  Status EvalCall(const Node& node, Value* out) const {
    Value argument;
    if (!node.operands.empty()) {
      Status s = Eval(*node.operands[0], &argument);
      if (!s.ok()) return s;
    }
    switch (node.function) {
      case Function::kToday:
        *out = Value{context_.today};
        return Status::Ok();
      case Function::kObjections:
        *out = Value{static_cast<double>(context_.objections)};
        return Status::Ok();
      case Function::kUnansweredConsultations:
        *out = Value{static_cast<double>(context_.unanswered_consultations)};
        return Status::Ok();
      case Function::kCount:
        return Count(node, argument, out);
      case Function::kPresent:
        *out = Value{IsPresent(argument)};
        return Status::Ok();
      default:
        return DateFunction(node, argument, out);
    }
  }

  static Status Count(const Node& node, const Value& argument, Value* out) {
    if (IsNull(argument)) {
      *out = Value{0.0};
    } else if (const Value::List* list = AsList(argument)) {
      *out = Value{static_cast<double>(list->size())};
    } else {
      return Status::InvalidArgument(
          AtColumn(node.column, "count needs a list, found " + Describe(argument)));
    }
    return Status::Ok();
  }

  // The rule for a required field (docs/workflows.md): not null, not "", not an empty list.
  static bool IsPresent(const Value& v) {
    if (IsNull(v)) return false;
    if (const std::string* s = As<std::string>(v)) return !s->empty();
    if (const Value::List* list = AsList(v)) return !list->empty();
    return true;
  }

  // The functions of one date: null gives null, anything but a date (or date string) is an error.
  Status DateFunction(const Node& node, const Value& argument, Value* out) const {
    if (IsNull(argument)) {
      *out = Value{};
      return Status::Ok();
    }
    const std::optional<Date> date = AsDate(argument);
    if (!date)
      return Status::InvalidArgument(AtColumn(
          node.column, std::string(expr::FunctionName(node.function)) +
                           " needs a date (YYYY-MM-DD, a real day), found " + Describe(argument)));
    const Date today = context_.today;
    double result = 0;
    switch (node.function) {
      case Function::kDate:
        *out = Value{*date};
        return Status::Ok();
      case Function::kDaysUntil:
        result = static_cast<double>(DaysBetween(today, *date));
        break;
      case Function::kDaysSince:
        result = static_cast<double>(DaysBetween(*date, today));
        break;
      case Function::kWorkingDaysUntil:
        result = WorkingDays(today, *date);
        break;
      default:
        result = WorkingDays(*date, today);
        break;
    }
    *out = Value{result};
    return Status::Ok();
  }

  double WorkingDays(Date from, Date to) const {
    if (context_.calendar) return context_.calendar->WorkingDaysBetween(from, to);
    return static_cast<double>(WeekdaysBetween(from, to));
  }

  const EvalContext& context_;
};

}  // namespace

Status Expression::Evaluate(const EvalContext& context, nlohmann::json* result) const {
  if (root_ == nullptr) return Status::InvalidArgument("the expression was never parsed");
  Value value;
  Status s = Evaluator(context).Eval(*root_, &value);
  if (!s.ok()) return s;
  if (result) *result = ToJson(value);
  return Status::Ok();
}

Status Expression::EvaluateBool(const EvalContext& context, bool* result) const {
  if (root_ == nullptr) return Status::InvalidArgument("the expression was never parsed");
  Value value;
  Status s = Evaluator(context).Eval(*root_, &value);
  if (!s.ok()) return s;
  bool truth = false;
  if (IsNull(value)) {
    truth = false;
  } else if (const bool* b = As<bool>(value)) {
    truth = *b;
  } else {
    return Status::InvalidArgument("the expression gives " + Describe(value) +
                                   ", not true or false");
  }
  if (result) *result = truth;
  return Status::Ok();
}

}  // namespace attache
