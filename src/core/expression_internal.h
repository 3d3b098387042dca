// Private to the expression language, shared by its four parts: the lexer
// (expression_lexer.cpp) makes tokens, the parser (expression.cpp) makes a tree of them, the
// evaluator (expression_eval.cpp) walks the tree to a value, applying the operators of
// expression_values.cpp. Not a public header.
// Thread-safety: a tree is immutable once parsed; tokens and values are plain data.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "attache/core/expression.h"

namespace attache::expr {

// The longest source text and the deepest nesting the parser accepts. The nesting limit also
// bounds how deep the evaluator recurses and how deeply nested a list in the fields may be.
inline constexpr size_t kMaxTextBytes = 4096;
inline constexpr int kMaxDepth = 64;

enum class Tok {
  kEnd,
  kNumber,
  kString,
  kName,  // keywords included; the parser tells them apart
  kLParen,
  kRParen,
  kLBracket,
  kRBracket,
  kComma,
  kDot,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kPlus,
  kMinus,
};

struct Token {
  Tok kind = Tok::kEnd;
  int column = 1;
  std::string text;  // a name, a string's value, a number's digits, an operator
  double number = 0;
};

// The tokens of `text`, ending with one kEnd token; InvalidArgument naming the column for text
// longer than kMaxTextBytes, an unterminated string, an unknown escape, a control character or
// invalid UTF-8 in a string, a malformed or out-of-range number, or a stray character.
// Columns count characters (UTF-8 sequences), not bytes, as an editor shows them.
Status Tokenize(std::string_view text, std::vector<Token>* tokens);

struct Value {
  // A JSON object from the fields (a money field, a person in a "people" list). The language
  // has no way to look inside one other than a path, so it is carried opaquely and equals only
  // the very same object; it points into EvalContext::fields and lives as long as they do.
  struct Object {
    const nlohmann::json* json = nullptr;
  };
  using List = std::vector<Value>;

  std::variant<std::monostate, bool, double, std::string, Date, std::shared_ptr<const List>, Object>
      data;
};

// Looking into a value, converting it, and naming it in a message (expression_values.cpp).

inline bool IsNull(const Value& v) {
  return std::holds_alternative<std::monostate>(v.data);
}

template <typename T>
const T* As(const Value& v) {
  return std::get_if<T>(&v.data);
}

inline const Value::List* AsList(const Value& v) {
  const auto* list = As<std::shared_ptr<const Value::List>>(v);
  return list ? list->get() : nullptr;
}

Value MakeList(Value::List elements);

// A date, or the date a "YYYY-MM-DD" string names.
std::optional<Date> AsDate(const Value& v);

// The value as an error message names it: "the string 'abc'", "a list of 3 elements".
std::string Describe(const Value& v);

// Days from a to b, in 64 bits so that no pair of dates can overflow.
int64_t DaysBetween(Date a, Date b);

// The value as JSON: dates as "YYYY-MM-DD", whole numbers as integers.
nlohmann::json ToJson(const Value& v);

// The value of a JSON document from the fields. Arrays nested deeper than kMaxDepth are refused
// so that converting, comparing and writing them back cannot recurse without bound.
Status FromJson(const nlohmann::json& json, int depth, Value* out);

enum class Function {
  kToday,
  kDaysUntil,
  kDaysSince,
  kWorkingDaysUntil,
  kWorkingDaysSince,
  kDate,
  kCount,
  kPresent,
  kObjections,
  kUnansweredConsultations,
};

struct FunctionInfo {
  std::string_view name;
  Function function;
  int arity;
};

inline constexpr std::array<FunctionInfo, 10> kFunctions = {{
    {"today", Function::kToday, 0},
    {"days_until", Function::kDaysUntil, 1},
    {"days_since", Function::kDaysSince, 1},
    {"working_days_until", Function::kWorkingDaysUntil, 1},
    {"working_days_since", Function::kWorkingDaysSince, 1},
    {"date", Function::kDate, 1},
    {"count", Function::kCount, 1},
    {"present", Function::kPresent, 1},
    {"objections", Function::kObjections, 0},
    {"unanswered_consultations", Function::kUnansweredConsultations, 0},
}};

std::string_view FunctionName(Function function);

enum class Op { kEq, kNe, kLt, kLe, kGt, kGe, kIn, kNotIn, kIncludes, kPlus, kMinus };

// How the operator is written: "==", "not in".
std::string_view OpSpelling(Op op);

// The operators (expression_values.cpp). Each fails with InvalidArgument naming `column` when
// its operands have types it does not take.

// The truth of an operand of `op` (and, or, not): a boolean, or null, which counts as false.
Status Truth(const Value& v, std::string_view op, int column, bool* out);

// a op b for the comparisons: == != < <= > >= in, not in, includes.
Status Compare(Op op, const Value& a, const Value& b, int column, Value* out);

// a op b for + and -.
Status Arithmetic(Op op, const Value& a, const Value& b, int column, Value* out);

// `text` quoted for an error message: at most a few dozen bytes, with control characters,
// quotes and invalid UTF-8 escaped, so that a message is always valid, printable UTF-8.
std::string QuoteForMessage(std::string_view text);

// 'word' in single quotes, for operators and names, which are plain ASCII.
std::string Quoted(std::string_view word);

// "column 7: " + what.
std::string AtColumn(int column, std::string_view what);

}  // namespace attache::expr

namespace attache {

struct Expression::Node {
  enum class Kind {
    kLiteral,  // literal
    kList,     // operands are the elements
    kPath,     // path
    kCall,     // function, operands are the arguments
    kNot,      // operands[0]
    kNegate,   // operands[0]
    kAnd,      // operands, two or more, evaluated left to right
    kOr,       // operands, two or more, evaluated left to right
    kSum,      // operands[0] then ops[i - 1] applied with operands[i], left to right
    kCompare,  // operands[0] ops[0] operands[1]
  };

  Kind kind = Kind::kLiteral;
  // Where the node is written (for kCompare and kSum's ops: where each operator is), 1-based,
  // so that evaluation errors can point at it too.
  int column = 1;
  expr::Value literal;
  std::vector<std::string> path;
  expr::Function function = expr::Function::kToday;
  std::vector<std::shared_ptr<const Node>> operands;
  std::vector<expr::Op> ops;
  std::vector<int> op_columns;
};

}  // namespace attache
