// Answers of GET /api/proposals kept until the database changes. The same lists (a unit's
// "My work", the board's columns, the first page of the register) are asked for again and
// again between two changes; a kept answer costs a lookup instead of reading and writing out
// fifty rows. An answer is kept per user, per query text and per day (the overdue flags and
// the overdue filter depend on the date), and is served only while the database is at the
// data version it was read at: PRAGMA data_version on a connection of the cache's own changes
// whenever any other connection commits, the server's writer and any other program alike.
// An answer read from a snapshot newer than the version it is kept under is never served
// after that version has passed, so nothing older than the database is ever answered.
// Thread-safety: every member may be called from any thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "attache/store/db.h"

namespace attache::api {

class ListCache {
 public:
  // Opens its own read-only connection to `db_path`. Keeps at most `capacity` answers (all
  // are dropped when it is full: the lists asked for most come back at once).
  explicit ListCache(const std::filesystem::path& db_path, size_t capacity = 512);

  // The database's version now: take it before reading, and keep the answer under it.
  uint64_t Version();
  // The answer kept for `key` at `version`, or null.
  std::shared_ptr<const std::string> Find(const std::string& key, uint64_t version);
  void Keep(const std::string& key, uint64_t version, std::shared_ptr<const std::string> body);

 private:
  struct Entry {
    uint64_t version;
    std::shared_ptr<const std::string> body;
  };
  const size_t capacity_;
  mutable std::mutex mu_;
  store::Db watch_;
  int64_t seen_data_version_ = -1;
  uint64_t version_ = 0;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace attache::api
