// The original names of uploaded files, kept as data and never used as paths: cleaning a name
// a client sent, and an ASCII stand-in for clients that cannot take UTF-8 names.
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace attache {

inline constexpr size_t kMaxFilenameBytes = 255;

// The name a client sent for a file, made safe to keep and show: only what follows the last
// '/' or '\', malformed UTF-8 replaced by U+FFFD, control characters (C0, DEL, C1) and
// bidirectional overrides (which make "gpj.exe" look like "exe.jpg") removed, surrounding
// spaces and dots trimmed, and cut to at most kMaxFilenameBytes bytes on a character boundary,
// keeping a short extension. Empty when nothing is left.
std::string CleanFilename(std::string_view raw);

// `name` when it already ends in `extension` (".pdf"; ASCII case ignored, ".jpeg" counting as
// ".jpg"), else `name` with `extension` appended: a PDF sent as "report.exe" is kept as
// "report.exe.pdf", so a saved file never claims a type other than its content's.
std::string WithExtension(std::string_view name, std::string_view extension);

// Printable ASCII for a UTF-8 name: Vietnamese letters lose their marks ("Thư mời" → "Thu moi"),
// combining marks are dropped, and any other character, '"', '\', '%' or a control character
// becomes '_'.
std::string AsciiFilename(std::string_view utf8);

}  // namespace attache
