// Serves the web UI's files from one folder. Files are read once and kept in memory with a
// content ETag, re-read when their size or modification time changes. No request reads
// outside the folder: the path is normalised (path.h) and the resolved file, after symlinks,
// must still lie inside the folder's resolved path.
// Thread-safety: Serve may be called from any thread.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "attache/http/message.h"

namespace attache::http {

// The Content-Type for a file name, from its extension; text types carry charset=utf-8.
std::string_view ContentTypeFor(std::string_view filename);

// True when the If-None-Match header value (a list of entity tags, or *) matches `etag`.
bool EtagMatches(std::string_view if_none_match, std::string_view etag);

class StaticFiles {
 public:
  // `root` must be an existing folder; it is resolved once, here.
  explicit StaticFiles(const std::filesystem::path& root);

  // GET or HEAD of a file: 200 with the bytes, 304 when If-None-Match matches, 400 for a
  // malformed path, 404 for a missing or forbidden one, 405 for other methods.
  Response Serve(const Request& request);

 private:
  struct Entry {
    std::filesystem::file_time_type mtime;
    uintmax_t size = 0;
    std::shared_ptr<const std::string> bytes;
    std::string etag;
  };
  std::shared_ptr<const Entry> Load(const std::filesystem::path& file);

  const std::filesystem::path root_;
  std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const Entry>> cache_;
};

}  // namespace attache::http
