// Which kind of document a file really is, from its bytes, never from its name or the type
// the client declared: PDF, DOCX, XLSX, ODT, PNG or JPEG. Office files are ZIP archives; they
// are recognised from the archive's central directory alone (entry names, and ODT's stored
// "mimetype" entry), never by expanding anything, and an archive that would expand to more
// than kMaxExpandedBytes or more than kMaxRatio times its size is refused as a zip bomb.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "attache/core/status.h"

namespace attache::service {

enum class FileKind { kPdf, kDocx, kXlsx, kOdt, kPng, kJpeg };

struct DetectedType {
  FileKind kind;
  std::string content_type;  // e.g. application/pdf
  std::string extension;     // e.g. .pdf
};

inline constexpr uint64_t kMaxExpandedBytes = 256ull * 1024 * 1024;
inline constexpr uint64_t kMaxRatio = 100;

// InvalidArgument (→ 415) naming why when the file is none of the allowed kinds.
Status DetectFileType(const std::filesystem::path& file, DetectedType* out);

}  // namespace attache::service
