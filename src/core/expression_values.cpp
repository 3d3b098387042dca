// The expression language's values and operators (expression_internal.h): how a value from the
// fields becomes one and goes back to JSON, how it is named in an error message, and what each
// operator does with each type: equality, ordering, membership and date and number arithmetic.
// expression_eval.cpp walks the tree and calls these; its opening comment lists the rules where
// expression.h is silent. Every type error is an InvalidArgument naming the operator's column.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "attache/core/iso_date.h"
#include "expression_internal.h"

namespace attache::expr {
namespace {

using Json = nlohmann::json;

}  // namespace

// ---------------------------------------------------------------------------------------------
// Values

Value MakeList(Value::List elements) {
  return Value{std::make_shared<const Value::List>(std::move(elements))};
}

std::optional<Date> AsDate(const Value& v) {
  if (const Date* date = As<Date>(v)) return *date;
  if (const std::string* text = As<std::string>(v)) {
    if (auto ymd = ParseIsoDate(*text)) return Date(*ymd);
  }
  return std::nullopt;
}

namespace {

std::string FormatNumber(double n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", n);
  return buf;
}

}  // namespace

std::string Describe(const Value& v) {
  if (IsNull(v)) return "null";
  if (const bool* b = As<bool>(v)) return *b ? "true" : "false";
  if (const double* n = As<double>(v)) return "the number " + FormatNumber(*n);
  if (const std::string* s = As<std::string>(v)) return "the string " + QuoteForMessage(*s);
  if (const Date* d = As<Date>(v)) return "the date " + FormatIsoDate(*d);
  if (const Value::List* list = AsList(v))
    return "a list of " + std::to_string(list->size()) +
           (list->size() == 1 ? " element" : " elements");
  return "an object";
}

int64_t DaysBetween(Date a, Date b) {
  return static_cast<int64_t>(b.time_since_epoch().count()) - a.time_since_epoch().count();
}

namespace {

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

}  // namespace

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
      if (depth >= kMaxDepth)
        return Status::InvalidArgument("a field's lists are nested more than " +
                                       std::to_string(kMaxDepth) + " deep");
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
      AtColumn(column, Quoted(op) + " needs true or false, found " + Describe(v)));
}

namespace {

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
  const std::string spelling(OpSpelling(op));
  if (As<Date>(a) || As<Date>(b)) {
    const auto date_a = AsDate(a), date_b = AsDate(b);
    if (date_a && date_b) return decide(*date_a, *date_b);
    const Value& bad = date_a ? b : a;
    return Status::InvalidArgument(AtColumn(
        column, Quoted(spelling) + " compares a date with a date, not with " + Describe(bad)));
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
        AtColumn(column, Quoted(OpSpelling(op)) + " needs a list on its " +
                             (list_on_right ? "right" : "left") + ", found " + Describe(list)));
  }
  *out = op == Op::kNotIn ? !found : found;
  return Status::Ok();
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

}  // namespace

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

}  // namespace attache::expr
