#include "attache/api/list_cache.h"

namespace attache::api {

ListCache::ListCache(const std::filesystem::path& db_path, size_t capacity)
    : capacity_(capacity), watch_(db_path, store::Db::Mode::kReadOnly) {}

uint64_t ListCache::Version() {
  std::lock_guard lock(mu_);
  store::Stmt q = watch_.Prepare("PRAGMA data_version");
  const int64_t now = q.Step() ? q.Int(0) : -1;
  if (now != seen_data_version_) {
    seen_data_version_ = now;
    ++version_;
    entries_.clear();  // nothing kept before can be served again
  }
  return version_;
}

std::shared_ptr<const std::string> ListCache::Find(const std::string& key, uint64_t version) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.version != version || version != version_) return nullptr;
  return it->second.body;
}

void ListCache::Keep(const std::string& key, uint64_t version,
                     std::shared_ptr<const std::string> body) {
  std::lock_guard lock(mu_);
  if (version != version_) return;  // the database changed while it was read
  if (entries_.size() >= capacity_) entries_.clear();
  entries_[key] = {version, std::move(body)};
}

}  // namespace attache::api
