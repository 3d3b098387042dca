#include "attache/core/text.h"

#include <cstdint>
#include <unordered_map>

namespace attache {
namespace {

// Letters with diacritics and the base letter they fold to: Vietnamese in both cases, and the
// Latin-1 ones partners' names use (Genève, Zürich, España).
struct FoldGroup {
  char base;
  std::string_view letters;
};
constexpr FoldGroup kFoldGroups[] = {
    {'a', "àáạảãâầấậẩẫăằắặẳẵäåÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÄÅ"},
    {'e', "èéẹẻẽêềếệểễëÈÉẸẺẼÊỀẾỆỂỄË"},
    {'i', "ìíịỉĩîïÌÍỊỈĨÎÏ"},
    {'o', "òóọỏõôồốộổỗơờớợởỡöøÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÖØ"},
    {'u', "ùúụủũưừứựửữûüÙÚỤỦŨƯỪỨỰỬỮÛÜ"},
    {'y', "ỳýỵỷỹÿỲÝỴỶỸ"},
    {'d', "đĐ"},
    {'c', "çÇ"},
    {'n', "ñÑ"},
};

// Decodes the code point at `text[i]`; returns its length in bytes, 0 when malformed.
size_t Decode(std::string_view text, size_t i, char32_t* cp) {
  const auto c = static_cast<unsigned char>(text[i]);
  const size_t len = c < 0x80           ? 1
                     : (c >> 5) == 0x6  ? 2
                     : (c >> 4) == 0xe  ? 3
                     : (c >> 3) == 0x1e ? 4
                                        : 0;
  if (len == 0 || i + len > text.size()) return 0;
  char32_t value = len == 1 ? c : len == 2 ? (c & 0x1f) : len == 3 ? (c & 0x0f) : (c & 0x07);
  for (size_t k = 1; k < len; ++k) {
    const auto cc = static_cast<unsigned char>(text[i + k]);
    if ((cc & 0xc0) != 0x80) return 0;
    value = (value << 6) | (cc & 0x3f);
  }
  static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (value < kMin[len] || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return 0;
  *cp = value;
  return len;
}

std::unordered_map<char32_t, char> BuildFoldTable() {
  std::unordered_map<char32_t, char> table;
  for (const FoldGroup& g : kFoldGroups) {
    char32_t cp = 0;
    for (size_t i = 0, n = 0; i < g.letters.size(); i += n) {
      n = Decode(g.letters, i, &cp);
      if (n == 0) break;  // the groups are well-formed literals
      table[cp] = g.base;
    }
  }
  return table;
}

bool IsCombiningMark(char32_t cp) {
  return cp >= 0x0300 && cp <= 0x036f;
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  char32_t cp = 0;
  for (size_t i = 0; i < text.size();) {
    const size_t n = Decode(text, i, &cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

size_t CodePointCount(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

bool HasControlCharacter(std::string_view text, bool allow_line_breaks) {
  for (unsigned char c : text) {
    if (allow_line_breaks && (c == '\t' || c == '\n' || c == '\r')) continue;
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

std::string_view TrimAscii(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

std::string FoldForSearch(std::string_view text) {
  static const std::unordered_map<char32_t, char> table = BuildFoldTable();
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const size_t n = Decode(text, i, &cp);
    if (n == 0) {  // malformed: kept as it is
      out += text[i++];
      continue;
    }
    if (n == 1) {
      out += (cp >= 'A' && cp <= 'Z') ? static_cast<char>(cp - 'A' + 'a') : static_cast<char>(cp);
    } else if (auto it = table.find(cp); it != table.end()) {
      out += it->second;
    } else if (!IsCombiningMark(cp)) {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

}  // namespace attache
