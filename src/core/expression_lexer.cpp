// The expression language's lexer: text to tokens, and the helpers every part uses to write
// error messages. The text may be hostile (definitions are data, and this code is fuzzed): its
// length is checked before anything else, no exception is thrown, and every message is valid
// UTF-8 however broken the input.
#include <charconv>
#include <cstdio>

#include "expression_internal.h"

namespace attache::expr {

namespace {

// The length of the valid UTF-8 sequence that starts at text[i], or 0 if none does (truncated,
// overlong, a surrogate, beyond U+10FFFF).
size_t Utf8Length(std::string_view text, size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  if (lead < 0x80) return 1;
  size_t length = 0;
  unsigned code_point = 0, smallest = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, code_point = lead & 0x1F, smallest = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, code_point = lead & 0x0F, smallest = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, code_point = lead & 0x07, smallest = 0x10000;
  } else {
    return 0;
  }
  if (text.size() - i < length) return 0;
  for (size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[i + k]);
    if ((next & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (next & 0x3F);
  }
  if (code_point < smallest || code_point > 0x10FFFF) return 0;
  if (code_point >= 0xD800 && code_point <= 0xDFFF) return 0;
  return length;
}

std::string HexByte(unsigned char byte) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\x%02X", byte);
  return buf;
}

}  // namespace

std::string QuoteForMessage(std::string_view text) {
  constexpr size_t kShown = 40;
  std::string out = "'";
  size_t i = 0;
  while (i < text.size() && i < kShown) {
    const auto c = static_cast<unsigned char>(text[i]);
    const size_t length = Utf8Length(text, i);
    if (c == '\'' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (length == 0 || c < 0x20 || c == 0x7F) {
      out += HexByte(c);
    } else {
      out.append(text.substr(i, length));
      i += length;
      continue;
    }
    ++i;
  }
  if (i < text.size()) out += "...";
  return out + "'";
}

std::string Quoted(std::string_view word) {
  // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) about "'" + std::string.
  std::string out = "'";
  out += word;
  out += '\'';
  return out;
}

std::string AtColumn(int column, std::string_view what) {
  return "column " + std::to_string(column) + ": " + std::string(what);
}

namespace {

// The column of the first byte past `bytes`, counted as the lexer counts.
int ColumnAfter(std::string_view text, size_t bytes) {
  int column = 1;
  for (size_t i = 0; i < bytes && i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  return column;
}

// Columns count characters, not bytes, so that they match what an editor shows for text with
// Vietnamese in its strings: every byte that does not continue a UTF-8 sequence starts one.
class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  Status Run(std::vector<Token>* tokens) {
    while (true) {
      SkipSpace();
      Token token;
      token.column = column_;
      if (AtEnd()) {
        tokens->push_back(std::move(token));
        return Status::Ok();
      }
      Status s = Next(&token);
      if (!s.ok()) return s;
      tokens->push_back(std::move(token));
    }
  }

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }
  unsigned char Current() const { return static_cast<unsigned char>(text_[pos_]); }
  bool NextIs(char c) const { return pos_ + 1 < text_.size() && text_[pos_ + 1] == c; }

  void Advance(size_t n = 1) {
    for (size_t end = pos_ + n; pos_ < end && pos_ < text_.size(); ++pos_)
      if ((Current() & 0xC0) != 0x80) ++column_;
  }

  void SkipSpace() {
    while (!AtEnd() &&
           (Current() == ' ' || Current() == '\t' || Current() == '\n' || Current() == '\r'))
      Advance();
  }

  static bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
  static bool IsNameStart(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  Status Next(Token* token) {
    const unsigned char c = Current();
    if (IsDigit(c)) return LexNumber(token);
    if (c == '\'' || c == '"') return LexString(token);
    if (IsNameStart(c)) {
      LexName(token);
      return Status::Ok();
    }
    return LexOperator(token);
  }

  Status LexNumber(Token* token) {
    const size_t start = pos_;
    while (!AtEnd() && IsDigit(Current())) Advance();
    if (!AtEnd() && Current() == '.') {
      Advance();
      if (AtEnd() || !IsDigit(Current()))
        return Status::InvalidArgument(
            AtColumn(column_, "expected a digit after the decimal point"));
      while (!AtEnd() && IsDigit(Current())) Advance();
    }
    token->kind = Tok::kNumber;
    token->text = std::string(text_.substr(start, pos_ - start));
    // from_chars: no locale, no exceptions, and it says when the digits overflow a double.
    const char* first = text_.data() + start;
    const char* last = text_.data() + pos_;
    auto [end, error] = std::from_chars(first, last, token->number);
    if (error != std::errc() || end != last)
      return Status::InvalidArgument(AtColumn(token->column, "the number is out of range"));
    return Status::Ok();
  }

  Status LexString(Token* token) {
    const char quote = text_[pos_];
    Advance();
    token->kind = Tok::kString;
    while (true) {
      if (AtEnd())
        return Status::InvalidArgument(
            AtColumn(token->column, std::string("unterminated string: no closing ") + quote));
      const unsigned char c = Current();
      if (c == static_cast<unsigned char>(quote)) {
        Advance();
        return Status::Ok();
      }
      if (c == '\\') {
        const int escape_column = column_;
        Advance();
        if (AtEnd()) continue;  // reported as unterminated
        const unsigned char escaped = Current();
        if (escaped != '\\' && escaped != '\'' && escaped != '"')
          return Status::InvalidArgument(AtColumn(
              escape_column, "unknown escape in a string: only \\\\, \\' and \\\" are allowed"));
        token->text += static_cast<char>(escaped);
        Advance();
        continue;
      }
      // Expressions are one line of text: a control character is a mistake or an attack.
      if (c < 0x20 || c == 0x7F)
        return Status::InvalidArgument(AtColumn(column_, "control character in a string"));
      const size_t length = Utf8Length(text_, pos_);
      if (length == 0)
        return Status::InvalidArgument(AtColumn(column_, "a string must be valid UTF-8"));
      token->text.append(text_.substr(pos_, length));
      Advance(length);
    }
  }

  void LexName(Token* token) {
    const size_t start = pos_;
    while (!AtEnd() && (IsNameStart(Current()) || IsDigit(Current()))) Advance();
    token->kind = Tok::kName;
    token->text = std::string(text_.substr(start, pos_ - start));
  }

  Status LexOperator(Token* token) {
    const char c = text_[pos_];
    auto take = [&](Tok kind, size_t length) {
      token->kind = kind;
      token->text = std::string(text_.substr(pos_, length));
      Advance(length);
      return Status::Ok();
    };
    switch (c) {
      case '(':
        return take(Tok::kLParen, 1);
      case ')':
        return take(Tok::kRParen, 1);
      case '[':
        return take(Tok::kLBracket, 1);
      case ']':
        return take(Tok::kRBracket, 1);
      case ',':
        return take(Tok::kComma, 1);
      case '.':
        return take(Tok::kDot, 1);
      case '+':
        return take(Tok::kPlus, 1);
      case '-':
        return take(Tok::kMinus, 1);
      case '<':
        return NextIs('=') ? take(Tok::kLe, 2) : take(Tok::kLt, 1);
      case '>':
        return NextIs('=') ? take(Tok::kGe, 2) : take(Tok::kGt, 1);
      case '=':
        if (NextIs('=')) return take(Tok::kEq, 2);
        return Stray("unexpected '='; did you mean '=='?");
      case '!':
        if (NextIs('=')) return take(Tok::kNe, 2);
        return Stray("unexpected '!'; did you mean '!=' or 'not'?");
      case '&':
        return Stray("unexpected '&'; did you mean 'and'?");
      case '|':
        return Stray("unexpected '|'; did you mean 'or'?");
      default:
        break;
    }
    const size_t length = Utf8Length(text_, pos_);
    if (Current() >= 0x20 && Current() != 0x7F && length > 0)
      return Stray("unexpected character " + Quoted(text_.substr(pos_, length)));
    return Stray("unexpected byte " + QuoteForMessage(text_.substr(pos_, 1)));
  }

  Status Stray(std::string what) const { return Status::InvalidArgument(AtColumn(column_, what)); }

  std::string_view text_;
  size_t pos_ = 0;
  int column_ = 1;
};

}  // namespace

Status Tokenize(std::string_view text, std::vector<Token>* tokens) {
  if (text.size() > kMaxTextBytes)
    return Status::InvalidArgument(
        AtColumn(ColumnAfter(text, kMaxTextBytes),
                 "the expression is longer than " + std::to_string(kMaxTextBytes) + " bytes"));
  return Lexer(text).Run(tokens);
}

}  // namespace attache::expr
