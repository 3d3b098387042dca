// The web UI's files in memory. A file is read on its first request, hashed once for a strong
// ETag and, when its type is compressible, gzipped once at the highest level; later requests
// get the same immutable entry without touching the disk or copying the bytes. Loading is lazy
// because the folder holds node_modules, most of which no page ever asks for.
//
// Freshness: an entry is checked against the file system (symlinks resolved again, size and
// modification time) at most once per `revalidate_after`, so a file edited while the server
// runs is served fresh within that time, without a restart.
//
// Bounds: the bytes kept (identity plus gzip) are capped at `max_bytes`; when a new entry
// passes the cap, the least recently requested ones are dropped. A file larger than
// `max_file_bytes` is read again on every request, sent without a gzip variant, and not kept.
//
// Thread-safety: Get may be called from any thread; entries are immutable once published.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace attache::http {

struct CachedFile {
  std::shared_ptr<const std::string> bytes;
  // The gzip variant: null for types that are not compressible, files gzip does not shrink,
  // and files too large to keep.
  std::shared_ptr<const std::string> gzip;
  std::string etag;       // strong, from the content: "<32 hex digits of its SHA-256>"
  std::string gzip_etag;  // the gzip variant's: the same digits with "-gz", when gzip is set
  std::string_view content_type;
  bool compressible = false;  // IsCompressible(content_type): responses vary on Accept-Encoding
};

class FileCache {
 public:
  struct Options {
    size_t max_bytes = 64 * 1024 * 1024;
    size_t max_file_bytes = 8 * 1024 * 1024;  // at most max_bytes (lowered to it)
    std::chrono::nanoseconds revalidate_after = std::chrono::seconds(1);
    int gzip_level = 9;
  };

  // `root` must be an existing folder; it is resolved (symlinks) once, here.
  explicit FileCache(const std::filesystem::path& root) : FileCache(root, Options{}) {}
  FileCache(const std::filesystem::path& root, Options options);

  // The file at `relative`, a path already normalised by NormaliseStaticPath (no "." or ".."
  // segment, no leading slash). Null when it does not exist, is not a regular file, cannot be
  // read, or lies outside the root once symlinks are resolved.
  std::shared_ptr<const CachedFile> Get(const std::string& relative);

  // The bytes held now (identity plus gzip of every kept entry), and how many entries.
  size_t cached_bytes() const;
  size_t size() const;

 private:
  // What the file system said about a file when it was loaded or last checked.
  struct Stat {
    std::string resolved;  // after symlinks
    int64_t mtime_ns = 0;
    int64_t size = 0;
    bool operator==(const Stat&) const = default;
  };
  struct Slot {
    std::shared_ptr<const CachedFile> file;
    Stat stat;
    size_t cost = 0;
    std::atomic<int64_t> checked_at{0};  // steady clock, ns
    std::atomic<int64_t> used_at{0};     // steady clock, ns: for dropping the least used
  };

  bool Examine(const std::string& relative, Stat* stat) const;
  std::shared_ptr<const CachedFile> Load(const std::string& relative, const Stat& stat,
                                         int64_t now);
  void Forget(const std::string& relative, const std::shared_ptr<Slot>& slot);
  void EvictLocked(const std::string& keep);

  const std::filesystem::path root_;
  const Options options_;
  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<Slot>> slots_;
  size_t bytes_ = 0;  // sum of the slots' cost, under mu_
};

}  // namespace attache::http
