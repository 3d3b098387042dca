#include "attache/core/filename.h"

#include <algorithm>
#include <cstdint>

namespace attache {
namespace {

constexpr uint32_t kReplacement = 0xfffd;

// Decodes the code point at s[*i] and advances *i past it. A malformed sequence (bad lead or
// continuation byte, overlong form, surrogate, beyond U+10FFFF) yields U+FFFD and advances by
// one byte.
uint32_t NextCodePoint(std::string_view s, size_t* i) {
  unsigned char c = static_cast<unsigned char>(s[*i]);
  size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
  if (len == 0 || *i + len > s.size()) {
    ++*i;
    return kReplacement;
  }
  uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1f) : len == 3 ? (c & 0x0f) : (c & 0x07);
  for (size_t k = 1; k < len; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[*i + k]);
    if ((cc & 0xc0) != 0x80) {
      ++*i;
      return kReplacement;
    }
    cp = (cp << 6) | (cc & 0x3f);
  }
  static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
    ++*i;
    return kReplacement;
  }
  *i += len;
  return cp;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xc0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xe0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else {
    out->push_back(static_cast<char>(0xf0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  }
}

bool IsControl(uint32_t cp) {
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

// Marks that reorder or hide text: LRM, RLM, embeddings and overrides, isolates, and the BOM.
bool IsInvisibleFormatting(uint32_t cp) {
  return cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
         (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfeff;
}

bool IsCombiningMark(uint32_t cp) {
  return cp >= 0x0300 && cp <= 0x036f;
}

// The precomposed Vietnamese letters, by the ASCII letter they fold to.
struct Fold {
  char ascii;
  std::string_view letters;
};
constexpr Fold kVietnameseFolds[] = {
    {'a', "àáảãạăằắẳẵặâầấẩẫậ"},
    {'A', "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ"},
    {'e', "èéẻẽẹêềếểễệ"},
    {'E', "ÈÉẺẼẸÊỀẾỂỄỆ"},
    {'i', "ìíỉĩị"},
    {'I', "ÌÍỈĨỊ"},
    {'o', "òóỏõọôồốổỗộơờớởỡợ"},
    {'O', "ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ"},
    {'u', "ùúủũụưừứửữự"},
    {'U', "ÙÚỦŨỤƯỪỨỬỮỰ"},
    {'y', "ỳýỷỹỵ"},
    {'Y', "ỲÝỶỸỴ"},
    {'d', "đ"},
    {'D', "Đ"},
};

char FoldToAscii(uint32_t cp) {
  for (const Fold& f : kVietnameseFolds)
    for (size_t i = 0; i < f.letters.size();)
      if (NextCodePoint(f.letters, &i) == cp) return f.ascii;
  return '_';
}

bool IsContinuationByte(char c) {
  return (static_cast<unsigned char>(c) & 0xc0) == 0x80;
}

// The longest prefix of `s` of at most `max` bytes that does not split a character.
std::string_view CutAtBoundary(std::string_view s, size_t max) {
  if (s.size() <= max) return s;
  size_t n = max;
  while (n > 0 && IsContinuationByte(s[n])) --n;
  return s.substr(0, n);
}

}  // namespace

std::string CleanFilename(std::string_view raw) {
  if (size_t slash = raw.find_last_of("/\\"); slash != std::string_view::npos)
    raw.remove_prefix(slash + 1);
  std::string clean;
  for (size_t i = 0; i < raw.size();) {
    uint32_t cp = NextCodePoint(raw, &i);
    if (IsControl(cp) || IsInvisibleFormatting(cp)) continue;
    AppendUtf8(cp, &clean);
  }
  // Leading dots would hide the file once saved; trailing dots and spaces vanish on Windows.
  size_t first = clean.find_first_not_of(" .");
  if (first == std::string::npos) return "";
  size_t last = clean.find_last_not_of(" .");
  clean = clean.substr(first, last - first + 1);
  if (clean.size() <= kMaxFilenameBytes) return clean;
  constexpr size_t kMaxExtension = 16;
  size_t dot = clean.rfind('.');
  std::string_view extension;
  if (dot != std::string::npos && dot > 0 && clean.size() - dot <= kMaxExtension)
    extension = std::string_view(clean).substr(dot);
  std::string_view stem = std::string_view(clean).substr(0, clean.size() - extension.size());
  return std::string(CutAtBoundary(stem, kMaxFilenameBytes - extension.size())) +
         std::string(extension);
}

std::string WithExtension(std::string_view name, std::string_view extension) {
  auto lower = [](std::string_view s) {
    std::string out(s);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
  };
  std::string tail = lower(name.substr(name.size() - std::min(name.size(), extension.size())));
  if (tail == lower(extension)) return std::string(name);
  if (lower(extension) == ".jpg" && name.size() >= 5 &&
      lower(name.substr(name.size() - 5)) == ".jpeg")
    return std::string(name);
  return std::string(name) + std::string(extension);
}

std::string AsciiFilename(std::string_view utf8) {
  std::string out;
  for (size_t i = 0; i < utf8.size();) {
    uint32_t cp = NextCodePoint(utf8, &i);
    if (IsCombiningMark(cp) || IsInvisibleFormatting(cp)) continue;
    if (cp >= 0x20 && cp < 0x7f && cp != '"' && cp != '\\' && cp != '%')
      out.push_back(static_cast<char>(cp));
    else
      out.push_back(cp < 0x80 ? '_' : FoldToAscii(cp));
  }
  return out;
}

}  // namespace attache
