// The expression language's evaluator: walks the tree built by expression.cpp over a
// proposal's fields. Value semantics are in expression.h; where that is silent:
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
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "attache/core/expression.h"
#include "attache/core/iso_date.h"
#include "expression_internal.h"

namespace attache {
namespace {

using expr::AtColumn;
using expr::Function;
using expr::Op;
using expr::Value;
using Node = Expression::Node;
using Json = nlohmann::json;
using std::chrono::days;

// ---------------------------------------------------------------------------------------------
// Values

bool IsNull(const Value& v) {
  return std::holds_alternative<std::monostate>(v.data);
}

template <typename T>
const T* As(const Value& v) {
  return std::get_if<T>(&v.data);
}

const Value::List* AsList(const Value& v) {
  const auto* list = As<std::shared_ptr<const Value::List>>(v);
  return list ? list->get() : nullptr;
}

Value MakeList(Value::List elements) {
  return Value{std::make_shared<const Value::List>(std::move(elements))};
}

// A date, or the date a "YYYY-MM-DD" string names.
std::optional<Date> AsDate(const Value& v) {
  if (const Date* date = As<Date>(v)) return *date;
  if (const std::string* text = As<std::string>(v)) {
    if (auto ymd = ParseIsoDate(*text)) return Date(*ymd);
  }
  return std::nullopt;
}

std::string FormatNumber(double n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", n);
  return buf;
}

// The value as an error message names it: "the string 'abc'", "a list of 3 elements".
std::string Describe(const Value& v) {
  if (IsNull(v)) return "null";
  if (const bool* b = As<bool>(v)) return *b ? "true" : "false";
  if (const double* n = As<double>(v)) return "the number " + FormatNumber(*n);
  if (const std::string* s = As<std::string>(v)) return "the string " + expr::QuoteForMessage(*s);
  if (const Date* d = As<Date>(v)) return "the date " + FormatIsoDate(*d);
  if (const Value::List* list = AsList(v))
    return "a list of " + std::to_string(list->size()) +
           (list->size() == 1 ? " element" : " elements");
  return "an object";
}

// Days from a to b, in 64 bits so that no pair of dates can overflow.
int64_t DaysBetween(Date a, Date b) {
  return static_cast<int64_t>(b.time_since_epoch().count()) - a.time_since_epoch().count();
}

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

bool Equal(const Value& a, const Value& b) {
  if (a.data.index() != b.data.index()) {
    // A date equals the string of the same day, and nothing else of another type.
    if (As<Date>(a) && As<std::string>(b)) return AsDate(b) == *As<Date>(a);
    if (As<std::string>(a) && As<Date>(b)) return AsDate(a) == *As<Date>(b);
    return false;
  }
  if (IsNull(a)) return true;
  if (const auto* list = AsList(a)) {
    const auto& other = *AsList(b);
    return list->size() == other.size() &&
           std::equal(list->begin(), list->end(), other.begin(), other.end(), Equal);
  }
  if (const auto* object = As<Value::Object>(a)) return object->json == As<Value::Object>(b)->json;
  if (const bool* x = As<bool>(a)) return *x == *As<bool>(b);
  if (const double* x = As<double>(a)) return *x == *As<double>(b);
  if (const std::string* x = As<std::string>(a)) return *x == *As<std::string>(b);
  return *As<Date>(a) == *As<Date>(b);
}

Json ToJson(const Value& v) {
  if (const bool* b = As<bool>(v)) return *b;
  if (const double* n = As<double>(v)) {
    // Whole numbers as integers, so that tools show count(...) as 3 rather than 3.0.
    constexpr double kExact = 9007199254740992.0;  // 2^53
    if (std::trunc(*n) == *n && std::fabs(*n) <= kExact) return static_cast<int64_t>(*n);
    return *n;
  }
  if (const std::string* s = As<std::string>(v)) return *s;
  if (const Date* d = As<Date>(v)) return FormatIsoDate(*d);
  if (const Value::List* list = AsList(v)) {
    Json array = Json::array();
    for (const auto& element : *list) array.push_back(ToJson(element));
    return array;
  }
  if (const auto* object = As<Value::Object>(v)) return *object->json;
  return nullptr;
}

// The value of a JSON document from the fields. Arrays nested deeper than kMaxDepth are refused
// so that converting, comparing and writing them back cannot recurse without bound.
Status FromJson(const Json& json, int depth, Value* out) {
  switch (json.type()) {
    case Json::value_t::boolean:
      *out = Value{json.get<bool>()};
      break;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      *out = Value{json.get<double>()};
      break;
    case Json::value_t::string:
      *out = Value{json.get_ref<const Json::string_t&>()};
      break;
    case Json::value_t::array: {
      if (depth >= expr::kMaxDepth)
        return Status::InvalidArgument("a field's lists are nested more than " +
                                       std::to_string(expr::kMaxDepth) + " deep");
      Value::List elements(json.size());
      for (size_t i = 0; i < json.size(); ++i) {
        Status s = FromJson(json[i], depth + 1, &elements[i]);
        if (!s.ok()) return s;
      }
      *out = MakeList(std::move(elements));
      break;
    }
    case Json::value_t::object:
    case Json::value_t::binary:
      *out = Value{Value::Object{&json}};
      break;
    case Json::value_t::null:
    case Json::value_t::discarded:
      *out = Value{};
      break;
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// Operators

Status Truth(const Value& v, std::string_view op, int column, bool* out) {
  if (IsNull(v)) {
    *out = false;
    return Status::Ok();
  }
  if (const bool* b = As<bool>(v)) {
    *out = *b;
    return Status::Ok();
  }
  return Status::InvalidArgument(
      AtColumn(column, expr::Quoted(op) + " needs true or false, found " + Describe(v)));
}

// < <= > >=: numbers with numbers, dates (or date strings) with dates; false with null.
Status Order(Op op, const Value& a, const Value& b, int column, bool* out) {
  *out = false;
  if (IsNull(a) || IsNull(b)) return Status::Ok();
  auto decide = [&](auto x, auto y) {
    switch (op) {
      case Op::kLt:
        *out = x < y;
        break;
      case Op::kLe:
        *out = x <= y;
        break;
      case Op::kGt:
        *out = x > y;
        break;
      default:
        *out = x >= y;
        break;
    }
    return Status::Ok();
  };
  const double* x = As<double>(a);
  const double* y = As<double>(b);
  if (x && y) return decide(*x, *y);
  const std::string spelling(expr::OpSpelling(op));
  if (As<Date>(a) || As<Date>(b)) {
    const auto date_a = AsDate(a), date_b = AsDate(b);
    if (date_a && date_b) return decide(*date_a, *date_b);
    const Value& bad = date_a ? b : a;
    return Status::InvalidArgument(AtColumn(
        column,
        expr::Quoted(spelling) + " compares a date with a date, not with " + Describe(bad)));
  }
  return Status::InvalidArgument(
      AtColumn(column, "cannot compare " + Describe(a) + " with " + Describe(b) + " using '" +
                           spelling + "' (it compares numbers, or dates: use date('YYYY-MM-DD'))"));
}

// in, not in, includes: whether some element of the list equals the item; false if it is null.
Status Membership(Op op, const Value& left, const Value& right, int column, bool* out) {
  const bool list_on_right = op != Op::kIncludes;
  const Value& list = list_on_right ? right : left;
  const Value& item = list_on_right ? left : right;
  bool found = false;
  if (const Value::List* elements = AsList(list)) {
    found = std::any_of(elements->begin(), elements->end(),
                        [&](const Value& element) { return Equal(element, item); });
  } else if (!IsNull(list)) {
    return Status::InvalidArgument(
        AtColumn(column, expr::Quoted(expr::OpSpelling(op)) + " needs a list on its " +
                             (list_on_right ? "right" : "left") + ", found " + Describe(list)));
  }
  *out = op == Op::kNotIn ? !found : found;
  return Status::Ok();
}

Status Compare(Op op, const Value& a, const Value& b, int column, Value* out) {
  bool result = false;
  Status s;
  switch (op) {
    case Op::kEq:
      result = Equal(a, b);
      break;
    case Op::kNe:
      result = !Equal(a, b);
      break;
    case Op::kIn:
    case Op::kNotIn:
    case Op::kIncludes:
      s = Membership(op, a, b, column, &result);
      break;
    default:
      s = Order(op, a, b, column, &result);
      break;
  }
  *out = Value{result};
  return s;
}

// A date `n` days after `from`, if n is a whole number and the result lies in the years
// ParseIsoDate accepts.
Status ShiftDate(Date from, double n, int column, Value* out) {
  using namespace std::chrono;
  constexpr int64_t kFirst = sys_days(year(1900) / January / 1).time_since_epoch().count();
  constexpr int64_t kLast = sys_days(year(2999) / December / 31).time_since_epoch().count();
  if (std::trunc(n) != n)
    return Status::InvalidArgument(
        AtColumn(column, "a date moves by whole days, not by " + FormatNumber(n)));
  const double day = static_cast<double>(from.time_since_epoch().count()) + n;
  if (!(day >= static_cast<double>(kFirst) && day <= static_cast<double>(kLast)))
    return Status::InvalidArgument(AtColumn(column, "the date falls outside 1900 to 2999"));
  *out = Value{Date(days(static_cast<int>(day)))};
  return Status::Ok();
}

// + and -: numbers; a date plus or minus days; a date minus a date, in days. Null gives null.
Status Arithmetic(Op op, const Value& a, const Value& b, int column, Value* out) {
  if (IsNull(a) || IsNull(b)) {
    *out = Value{};
    return Status::Ok();
  }
  const bool plus = op == Op::kPlus;
  const double* x = As<double>(a);
  const double* y = As<double>(b);
  const Date* date = As<Date>(a);
  if (x && y) {
    const double result = plus ? *x + *y : *x - *y;
    if (!std::isfinite(result))
      return Status::InvalidArgument(AtColumn(column, "the result is out of range"));
    *out = Value{result};
    return Status::Ok();
  }
  if (date && y) return ShiftDate(*date, plus ? *y : -*y, column, out);
  if (date && !plus && As<Date>(b)) {
    *out = Value{static_cast<double>(DaysBetween(*As<Date>(b), *date))};
    return Status::Ok();
  }
  return Status::InvalidArgument(
      AtColumn(column, "cannot " + std::string(plus ? "add " : "subtract ") + Describe(b) +
                           (plus ? " to " : " from ") + Describe(a) +
                           " ('+' and '-' take numbers, a date and a number of days, or two "
                           "dates to subtract)"));
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
