// Content-Disposition for downloads (RFC 6266 with RFC 5987's filename*), so a Vietnamese
// name reaches the user's disk intact while old clients still get a readable ASCII name.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace attache::http {

// `attachment; filename="<ASCII stand-in>"; filename*=UTF-8''<percent-encoded name>`.
// `filename` is UTF-8 (as kept by CleanFilename); every byte outside RFC 5987's attr-char is
// percent-encoded, so the header carries no quote, semicolon, control character or non-ASCII.
std::string AttachmentDisposition(std::string_view filename);

}  // namespace attache::http
