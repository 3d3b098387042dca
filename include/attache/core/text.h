// Small facts about UTF-8 text that rules and searches need: its length in characters,
// control characters, and the folded form that accent-insensitive searches compare.
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace attache {

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool IsValidUtf8(std::string_view text);

// The number of code points in `text` (continuation bytes are not counted), so a Vietnamese
// name is not cut short for its diacritics.
size_t CodePointCount(std::string_view text);

// True when `text` holds a C0 control character or DEL; with `allow_line_breaks`, tab, line
// feed and carriage return are allowed (multi-line notes).
bool HasControlCharacter(std::string_view text, bool allow_line_breaks = false);

// `text` with ASCII whitespace removed from both ends.
std::string_view TrimAscii(std::string_view text);

// The key searches compare: lower case, Vietnamese (and common Latin-1) diacritics and
// combining marks removed, đ/Đ as d. "Tổ chức Lao động" and "TO CHUC LAO DONG" fold alike.
// Other characters are kept as they are; malformed bytes are kept byte for byte.
std::string FoldForSearch(std::string_view text);

}  // namespace attache
