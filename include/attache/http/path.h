// Maps the path of a request for a static file to a path relative to the web root, refusing
// every way out of it. Pure function: no file system access (symlinks are checked by
// StaticFiles after this).
#pragma once

#include <string>
#include <string_view>

#include "attache/core/status.h"

namespace attache::http {

// Decodes "%XX" escapes; returns InvalidArgument for a '%' not followed by two hex digits.
Status PercentDecode(std::string_view in, std::string* out);

// `raw` is the request path as sent (percent-encoded, no query). On success `relative` is a
// path with no leading slash, no "." or ".." segment, no hidden (dot) segment, no empty
// segment, and no backslash, colon, NUL or control character in any decoded segment; "/" and
// paths ending in "/" map to their "index.html". Returns InvalidArgument for malformed
// escapes or a path that does not start with "/", NotFound for anything that could leave the
// web root or name a hidden file.
Status NormaliseStaticPath(std::string_view raw, std::string* relative);

}  // namespace attache::http
