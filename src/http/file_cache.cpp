#include "attache/http/file_cache.h"

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <mutex>
#include <sstream>
#include <vector>

#include "attache/core/hash.h"
#include "attache/http/content_type.h"
#include "attache/http/gzip.h"

namespace attache::http {
namespace {

namespace fs = std::filesystem;

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// How stale an entry's last-use time may be: it only orders evictions, and writing it at most
// this often keeps requests on several cores from fighting over its cache line.
constexpr int64_t kUseResolutionNs = 100'000'000;

bool ReadWhole(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return false;
  *out = std::move(buf).str();
  return true;
}

}  // namespace

FileCache::FileCache(const fs::path& root, Options options)
    : root_(fs::canonical(root)), options_([&] {
        options.max_file_bytes = std::min(options.max_file_bytes, options.max_bytes);
        return options;
      }()) {}

std::shared_ptr<const CachedFile> FileCache::Get(const std::string& relative) {
  const int64_t now = NowNs();
  std::shared_ptr<Slot> slot;
  {
    std::shared_lock lock(mu_);
    auto it = slots_.find(relative);
    if (it != slots_.end()) slot = it->second;
  }
  Stat stat;
  if (slot) {
    if (now - slot->used_at.load(std::memory_order_relaxed) > kUseResolutionNs)
      slot->used_at.store(now, std::memory_order_relaxed);
    int64_t checked = slot->checked_at.load(std::memory_order_relaxed);
    if (now - checked < options_.revalidate_after.count()) return slot->file;
    // One request checks the file; others arriving meanwhile get the entry as it is.
    if (!slot->checked_at.compare_exchange_strong(checked, now)) return slot->file;
    if (!Examine(relative, &stat)) {
      Forget(relative, slot);
      return nullptr;
    }
    if (stat == slot->stat) return slot->file;
  } else if (!Examine(relative, &stat)) {
    return nullptr;
  }
  // Two requests missing the same file at once may both load it; the later one is kept.
  return Load(relative, stat, now);
}

bool FileCache::Examine(const std::string& relative, Stat* stat) const {
  std::error_code ec;
  fs::path resolved = fs::canonical(root_ / relative, ec);
  if (ec) return false;
  const std::string& r = root_.native();
  const std::string& p = resolved.native();
  bool inside = p.size() > r.size() && p.compare(0, r.size(), r) == 0 &&
                (r.back() == '/' || p[r.size()] == '/');
  struct stat st;
  if (!inside || ::stat(p.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  stat->resolved = p;
  stat->mtime_ns = int64_t{st.st_mtim.tv_sec} * 1'000'000'000 + st.st_mtim.tv_nsec;
  stat->size = st.st_size;
  return true;
}

std::shared_ptr<const CachedFile> FileCache::Load(const std::string& relative, const Stat& stat,
                                                  int64_t now) {
  // Read after the stat: an edit in between leaves a newer mtime, seen at the next check.
  std::string bytes;
  if (!ReadWhole(stat.resolved, &bytes)) return nullptr;
  auto file = std::make_shared<CachedFile>();
  file->content_type = ContentTypeFor(relative);
  file->compressible = IsCompressible(file->content_type);
  const std::string digest = Sha256Hex(bytes).substr(0, 32);
  file->etag = '"' + digest + '"';
  const bool keep = bytes.size() <= options_.max_file_bytes;
  if (keep && file->compressible) {
    std::string gzip;
    if (GzipCompress(bytes, options_.gzip_level, &gzip) && gzip.size() < bytes.size()) {
      file->gzip = std::make_shared<const std::string>(std::move(gzip));
      file->gzip_etag = '"' + digest + "-gz\"";
    }
  }
  file->bytes = std::make_shared<const std::string>(std::move(bytes));
  if (!keep) return file;

  auto slot = std::make_shared<Slot>();
  slot->file = file;
  slot->stat = stat;
  slot->cost = file->bytes->size() + (file->gzip ? file->gzip->size() : 0);
  slot->checked_at = now;
  slot->used_at = now;
  std::unique_lock lock(mu_);
  std::shared_ptr<Slot>& place = slots_[relative];
  if (place) bytes_ -= place->cost;
  place = slot;
  bytes_ += slot->cost;
  if (bytes_ > options_.max_bytes) EvictLocked(relative);
  return file;
}

void FileCache::Forget(const std::string& relative, const std::shared_ptr<Slot>& slot) {
  std::unique_lock lock(mu_);
  auto it = slots_.find(relative);
  if (it == slots_.end() || it->second != slot) return;  // already replaced
  bytes_ -= slot->cost;
  slots_.erase(it);
}

void FileCache::EvictLocked(const std::string& keep) {
  std::vector<std::pair<int64_t, const std::string*>> by_use;
  by_use.reserve(slots_.size());
  for (const auto& [name, slot] : slots_)
    if (name != keep) by_use.emplace_back(slot->used_at.load(std::memory_order_relaxed), &name);
  std::sort(by_use.begin(), by_use.end());
  for (const auto& [used_at, name] : by_use) {
    if (bytes_ <= options_.max_bytes) break;
    auto it = slots_.find(*name);
    bytes_ -= it->second->cost;
    slots_.erase(it);  // `name` points into this node: not used after this line
  }
}

size_t FileCache::cached_bytes() const {
  std::shared_lock lock(mu_);
  return bytes_;
}

size_t FileCache::size() const {
  std::shared_lock lock(mu_);
  return slots_.size();
}

}  // namespace attache::http
