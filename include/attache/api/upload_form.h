// Reading a document upload: a multipart/form-data body with the fields `type`, `file` and,
// optionally, `replaces`. The parser runs over the body in 64 KiB pieces, from the file the
// server streamed it to (or from memory when the body was empty or small enough to stay
// there), and the file part goes straight into a StagedFile, hashed as it is written: an upload
// is never held whole in memory.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "attache/http/message.h"
#include "attache/store/document_files.h"

namespace attache::api {

struct UploadForm {
  std::string type;
  std::optional<int64_t> replaces;
  std::string filename;                     // cleaned (CleanFilename); empty when none is left
  std::unique_ptr<store::StagedFile> file;  // finished: size and SHA-256 known, not empty
};

// Text fields (type, replaces) are at most this long.
inline constexpr size_t kMaxUploadTextField = 1024;

// On failure returns the problem to send, and no staged file is left behind: 415 for a body
// that is not multipart/form-data; 400 for a malformed one (no boundary, truncated, bad part
// headers); 413 when the file is larger than `max_file_bytes`; 422 for a missing, repeated,
// unknown, over-long or empty field, naming each in `errors`; 503 when the file cannot be
// written.
std::optional<http::Response> ReadUploadForm(const http::Request& request,
                                             const store::DocumentFiles& files,
                                             uint64_t max_file_bytes, UploadForm* out);

}  // namespace attache::api
