// The expression language's parser: a recursive-descent parser from the lexer's tokens
// (expression_lexer.cpp) to an immutable tree (expression_internal.h), which
// expression_eval.cpp evaluates. Nesting is counted so that no input recurses without bound.
#include "attache/core/expression.h"

#include <algorithm>
#include <optional>
#include <set>

#include "expression_internal.h"

namespace attache {

namespace expr {

std::string_view FunctionName(Function function) {
  for (const auto& info : kFunctions)
    if (info.function == function) return info.name;
  return "?";
}

std::string_view OpSpelling(Op op) {
  switch (op) {
    case Op::kEq:
      return "==";
    case Op::kNe:
      return "!=";
    case Op::kLt:
      return "<";
    case Op::kLe:
      return "<=";
    case Op::kGt:
      return ">";
    case Op::kGe:
      return ">=";
    case Op::kIn:
      return "in";
    case Op::kNotIn:
      return "not in";
    case Op::kIncludes:
      return "includes";
    case Op::kPlus:
      return "+";
    case Op::kMinus:
      return "-";
  }
  return "?";
}

}  // namespace expr

namespace {

using expr::AtColumn;
using expr::kMaxDepth;
using expr::Op;
using expr::Tok;
using expr::Token;
using Node = Expression::Node;
using NodePtr = std::shared_ptr<const Node>;

// ---------------------------------------------------------------------------------------------
// Parser: one function per grammar rule (expression.h). Every rule that can lead back to
// ParseOr or to itself (parentheses, lists, calls, "not", unary "-") counts a level of nesting,
// so the recursion is bounded by kMaxDepth whatever the text.

constexpr std::array<std::string_view, 8> kKeywords = {"and",      "or",   "not",   "in",
                                                       "includes", "true", "false", "null"};

bool IsKeyword(const Token& token) {
  if (token.kind != Tok::kName) return false;
  for (auto keyword : kKeywords)
    if (token.text == keyword) return true;
  return false;
}

bool Is(const Token& token, std::string_view keyword) {
  return token.kind == Tok::kName && token.text == keyword;
}

// The token as an error message names it.
std::string Describe(const Token& token) {
  constexpr size_t kShown = 24;
  auto shorten = [&](const std::string& text) {
    return text.size() <= kShown ? text : text.substr(0, kShown) + "...";
  };
  switch (token.kind) {
    case Tok::kEnd:
      return "the end of the expression";
    case Tok::kNumber:
      return "the number " + shorten(token.text);
    case Tok::kString:
      return "the string " + expr::QuoteForMessage(token.text);
    default:
      return expr::Quoted(shorten(token.text));
  }
}

std::shared_ptr<Node> NewNode(Node::Kind kind, int column) {
  auto node = std::make_shared<Node>();
  node->kind = kind;
  node->column = column;
  return node;
}

class Parser {
 public:
  Parser(const std::vector<Token>& tokens, std::set<std::string>* fields)
      : tokens_(tokens), fields_(fields) {}

  Status ParseAll(NodePtr* out) {
    if (Peek().kind == Tok::kEnd)
      return Status::InvalidArgument(AtColumn(Peek().column, "the expression is empty"));
    Status s = ParseOr(out);
    if (!s.ok()) return s;
    if (Peek().kind == Tok::kEnd) return Status::Ok();
    if ((*out)->kind == Node::Kind::kCompare && StartsComparison(Peek()))
      return Status::InvalidArgument(
          AtColumn(Peek().column, "comparisons do not chain; join them with 'and'"));
    return Expected("an operator or the end of the expression");
  }

 private:
  const Token& Peek(size_t ahead = 0) const {
    const size_t i = std::min(next_ + ahead, tokens_.size() - 1);  // the last is kEnd
    return tokens_[i];
  }
  const Token& Take() {
    const Token& token = Peek();
    if (next_ < tokens_.size() - 1) ++next_;
    return token;
  }

  Status Expected(std::string_view what) const {
    return Status::InvalidArgument(
        AtColumn(Peek().column, "expected " + std::string(what) + ", found " + Describe(Peek())));
  }

  // Counts one level of nesting at `token`; the caller calls Leave() once the level is parsed.
  Status Enter(const Token& token) {
    if (++depth_ > kMaxDepth)
      return Status::InvalidArgument(
          AtColumn(token.column, "nested more than " + std::to_string(kMaxDepth) + " levels deep"));
    return Status::Ok();
  }
  void Leave() { --depth_; }

  static std::optional<Op> ComparisonOp(const Token& token) {
    switch (token.kind) {
      case Tok::kEq:
        return Op::kEq;
      case Tok::kNe:
        return Op::kNe;
      case Tok::kLt:
        return Op::kLt;
      case Tok::kLe:
        return Op::kLe;
      case Tok::kGt:
        return Op::kGt;
      case Tok::kGe:
        return Op::kGe;
      default:
        return std::nullopt;
    }
  }

  static bool StartsComparison(const Token& token) {
    return ComparisonOp(token) || Is(token, "in") || Is(token, "includes") || Is(token, "not");
  }

  // or := and ("or" and)*      and := not ("and" not)*
  // A chain becomes one node with all its operands, so that a long chain is not a deep tree.
  Status ParseOr(NodePtr* out) { return ParseChain("or", Node::Kind::kOr, &Parser::ParseAnd, out); }
  Status ParseAnd(NodePtr* out) {
    return ParseChain("and", Node::Kind::kAnd, &Parser::ParseNot, out);
  }

  Status ParseChain(std::string_view keyword, Node::Kind kind, Status (Parser::*operand)(NodePtr*),
                    NodePtr* out) {
    NodePtr first;
    Status s = (this->*operand)(&first);
    if (!s.ok() || !Is(Peek(), keyword)) {
      *out = first;
      return s;
    }
    auto chain = NewNode(kind, first->column);
    chain->operands.push_back(first);
    while (Is(Peek(), keyword)) {
      Take();
      NodePtr next;
      s = (this->*operand)(&next);
      if (!s.ok()) return s;
      chain->operands.push_back(next);
    }
    *out = chain;
    return Status::Ok();
  }

  // not := "not" not | comparison
  Status ParseNot(NodePtr* out) {
    if (!Is(Peek(), "not")) return ParseComparison(out);
    const Token& keyword = Take();
    Status s = Enter(keyword);
    if (!s.ok()) return s;
    auto node = NewNode(Node::Kind::kNot, keyword.column);
    NodePtr operand;
    s = ParseNot(&operand);
    Leave();
    if (!s.ok()) return s;
    node->operands.push_back(operand);
    *out = node;
    return Status::Ok();
  }

  // comparison := sum [ op sum | "in" sum | "not" "in" sum | "includes" sum ]
  Status ParseComparison(NodePtr* out) {
    NodePtr left;
    Status s = ParseSum(&left);
    if (!s.ok()) return s;
    const Token& at = Peek();
    std::optional<Op> op = ComparisonOp(at);
    if (Is(at, "in")) op = Op::kIn;
    if (Is(at, "includes")) op = Op::kIncludes;
    if (Is(at, "not")) {
      if (!Is(Peek(1), "in")) {
        Take();
        return Expected("'in' after 'not'");
      }
      Take();
      op = Op::kNotIn;
    }
    if (!op) {
      *out = left;
      return Status::Ok();
    }
    Take();
    NodePtr right;
    s = ParseSum(&right);
    if (!s.ok()) return s;
    auto node = NewNode(Node::Kind::kCompare, at.column);
    node->operands = {left, right};
    node->ops = {*op};
    *out = node;
    return Status::Ok();
  }

  // sum := unary (("+" | "-") unary)*
  Status ParseSum(NodePtr* out) {
    NodePtr first;
    Status s = ParseUnary(&first);
    if (!s.ok()) return s;
    if (Peek().kind != Tok::kPlus && Peek().kind != Tok::kMinus) {
      *out = first;
      return Status::Ok();
    }
    auto sum = NewNode(Node::Kind::kSum, first->column);
    sum->operands.push_back(first);
    while (Peek().kind == Tok::kPlus || Peek().kind == Tok::kMinus) {
      const Token& op = Take();
      NodePtr next;
      s = ParseUnary(&next);
      if (!s.ok()) return s;
      sum->ops.push_back(op.kind == Tok::kPlus ? Op::kPlus : Op::kMinus);
      sum->op_columns.push_back(op.column);
      sum->operands.push_back(next);
    }
    *out = sum;
    return Status::Ok();
  }

  // unary := "-" unary | primary
  Status ParseUnary(NodePtr* out) {
    if (Peek().kind != Tok::kMinus) return ParsePrimary(out);
    const Token& minus = Take();
    Status s = Enter(minus);
    if (!s.ok()) return s;
    auto node = NewNode(Node::Kind::kNegate, minus.column);
    NodePtr operand;
    s = ParseUnary(&operand);
    Leave();
    if (!s.ok()) return s;
    node->operands.push_back(operand);
    *out = node;
    return Status::Ok();
  }

  // primary := number | string | "true" | "false" | "null" | list | call | path | "(" expr ")"
  Status ParsePrimary(NodePtr* out) {
    const Token& token = Peek();
    switch (token.kind) {
      case Tok::kNumber:
        return Literal(expr::Value{token.number}, out);
      case Tok::kString:
        return Literal(expr::Value{token.text}, out);
      case Tok::kLParen:
        return ParseGroup(out);
      case Tok::kLBracket:
        return ParseList(out);
      case Tok::kName:
        if (Is(token, "true")) return Literal(expr::Value{true}, out);
        if (Is(token, "false")) return Literal(expr::Value{false}, out);
        if (Is(token, "null")) return Literal(expr::Value{}, out);
        if (IsKeyword(token)) return Expected("a value");
        if (Peek(1).kind == Tok::kLParen) return ParseCall(out);
        return ParsePath(out);
      default:
        return Expected("a value");
    }
  }

  Status Literal(expr::Value value, NodePtr* out) {
    auto node = NewNode(Node::Kind::kLiteral, Take().column);
    node->literal = std::move(value);
    *out = node;
    return Status::Ok();
  }

  Status ParseGroup(NodePtr* out) {
    const Token& open = Take();
    Status s = Enter(open);
    if (!s.ok()) return s;
    s = ParseOr(out);
    Leave();
    if (!s.ok()) return s;
    if (Peek().kind != Tok::kRParen)
      return Expected("')' to close the '(' at column " + std::to_string(open.column));
    Take();
    return Status::Ok();
  }

  // list := "[" [expr ("," expr)*] "]"
  Status ParseList(NodePtr* out) {
    const Token& open = Take();
    Status s = Enter(open);
    if (!s.ok()) return s;
    auto list = NewNode(Node::Kind::kList, open.column);
    s = ParseItems(Tok::kRBracket, &list->operands);
    Leave();
    if (!s.ok()) return s;
    if (Peek().kind != Tok::kRBracket)
      return Expected("',' or ']' in the list opened at column " + std::to_string(open.column));
    Take();
    *out = list;
    return Status::Ok();
  }

  // Comma-separated expressions up to (not including) `close`; none if `close` comes first.
  Status ParseItems(Tok close, std::vector<NodePtr>* items) {
    if (Peek().kind == close) return Status::Ok();
    while (true) {
      NodePtr item;
      Status s = ParseOr(&item);
      if (!s.ok()) return s;
      items->push_back(item);
      if (Peek().kind != Tok::kComma) return Status::Ok();
      Take();
    }
  }

  // call := name "(" [expr ("," expr)*] ")"
  Status ParseCall(NodePtr* out) {
    const Token& name = Take();
    const expr::FunctionInfo* info = nullptr;
    for (const auto& candidate : expr::kFunctions)
      if (candidate.name == name.text) info = &candidate;
    if (info == nullptr) return UnknownFunction(name);
    const Token& open = Take();
    Status s = Enter(open);
    if (!s.ok()) return s;
    auto call = NewNode(Node::Kind::kCall, name.column);
    call->function = info->function;
    s = ParseItems(Tok::kRParen, &call->operands);
    Leave();
    if (!s.ok()) return s;
    if (Peek().kind != Tok::kRParen) return Expected("')' after the arguments of " + name.text);
    Take();
    const int given = static_cast<int>(call->operands.size());
    if (given != info->arity) {
      std::string wanted = info->arity == 0 ? "no arguments" : "1 argument";
      return Status::InvalidArgument(
          AtColumn(name.column, name.text + " takes " + wanted + ", not " + std::to_string(given)));
    }
    *out = call;
    return Status::Ok();
  }

  static Status UnknownFunction(const Token& name) {
    std::string known;
    for (const auto& info : expr::kFunctions)
      known += (known.empty() ? "" : ", ") + std::string(info.name);
    return Status::InvalidArgument(AtColumn(
        name.column, "unknown function " + Describe(name) + " (the functions are " + known + ")"));
  }

  // path := name ("." name)*
  Status ParsePath(NodePtr* out) {
    const Token& first = Take();
    auto path = NewNode(Node::Kind::kPath, first.column);
    path->path.push_back(first.text);
    fields_->insert(first.text);
    while (Peek().kind == Tok::kDot) {
      Take();
      if (Peek().kind != Tok::kName || IsKeyword(Peek()))
        return Expected("a member name after '.'");
      path->path.push_back(Take().text);
    }
    *out = path;
    return Status::Ok();
  }

  const std::vector<Token>& tokens_;
  std::set<std::string>* fields_;
  size_t next_ = 0;
  int depth_ = 0;
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// Expression

Expression::Expression() = default;
Expression::~Expression() = default;
Expression::Expression(const Expression&) = default;
Expression& Expression::operator=(const Expression&) = default;
Expression::Expression(Expression&&) noexcept = default;
Expression& Expression::operator=(Expression&&) noexcept = default;

Status Expression::Parse(std::string_view text, Expression* out) {
  if (out == nullptr) return Status::InvalidArgument("no expression to parse into");
  std::vector<Token> tokens;
  Status s = expr::Tokenize(text, &tokens);
  if (!s.ok()) return s;
  Expression parsed;
  NodePtr root;
  s = Parser(tokens, &parsed.fields_).ParseAll(&root);
  if (!s.ok()) return s;
  parsed.text_ = std::string(text);
  parsed.root_ = std::move(root);
  *out = std::move(parsed);
  return Status::Ok();
}

}  // namespace attache
