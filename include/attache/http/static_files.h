// Serves the web UI's files from one folder, from memory (FileCache): a strong ETag from the
// content, and a gzip variant with its own ETag for compressible types, sent to clients whose
// Accept-Encoding allows it. No request reads outside the folder: the path is normalised
// (path.h) and the resolved file, after symlinks, must still lie inside the folder's resolved
// path.
// Thread-safety: Serve may be called from any thread.
#pragma once

#include <filesystem>
#include <string_view>

#include "attache/http/content_type.h"
#include "attache/http/file_cache.h"
#include "attache/http/message.h"

namespace attache::http {

// True when the If-None-Match header value (a list of entity tags, or *) matches `etag`.
bool EtagMatches(std::string_view if_none_match, std::string_view etag);

class StaticFiles {
 public:
  // `root` must be an existing folder; it is resolved once, here.
  explicit StaticFiles(const std::filesystem::path& root,
                       FileCache::Options options = FileCache::Options{});

  // GET or HEAD of a file: 200 with the bytes (gzip with Content-Encoding when accepted and
  // smaller), 304 when If-None-Match matches the ETag of the variant that would be sent, 400
  // for a malformed path, 404 for a missing or forbidden one, 405 for other methods.
  // Compressible types always carry Vary: Accept-Encoding. The body is shared with the cache
  // (Response::shared_body), never copied.
  Response Serve(const Request& request);

 private:
  FileCache cache_;
};

}  // namespace attache::http
