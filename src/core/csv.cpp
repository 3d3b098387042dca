#include "attache/core/csv.h"

namespace attache {
namespace {

// "-12", "+3.5", "1500000", "0.25": an optional sign, digits, and at most one decimal point
// between digits. Nothing else (no exponent, no spaces, no thousands separators).
bool IsPlainNumber(std::string_view s) {
  size_t i = s.size() > 1 && (s[0] == '-' || s[0] == '+') ? 1 : 0;
  size_t digits = 0;
  bool point = false;
  for (; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') {
      ++digits;
    } else if (s[i] == '.' && !point && digits > 0 && i + 1 < s.size()) {
      point = true;
    } else {
      return false;
    }
  }
  return digits > 0;
}

bool StartsFormula(std::string_view s) {
  if (s.empty()) return false;
  switch (s[0]) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return !IsPlainNumber(s);
    default:
      return false;
  }
}

}  // namespace

std::string CsvCell(std::string_view text) {
  std::string cell;
  if (StartsFormula(text)) cell = "'";
  cell += text;
  if (cell.find_first_of(",\"\n\r") == std::string::npos) return cell;
  std::string out = "\"";
  for (char c : cell) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string CsvRow(std::initializer_list<std::string_view> cells) {
  std::string out;
  bool first = true;
  for (std::string_view c : cells) {
    if (!first) out += ',';
    first = false;
    out += CsvCell(c);
  }
  return out + "\r\n";
}

}  // namespace attache
