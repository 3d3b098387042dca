// Background checkpoints of the write-ahead log. By default SQLite copies the WAL back into the
// database file inside the COMMIT that crosses 1,000 pages, so the writer (and every request
// waiting for that commit) waits for the copy and its fsync. The Checkpointer takes that off
// the commit path: it replaces SQLite's automatic checkpoint on the write connection with a
// hook that, once the WAL holds `threshold_pages`, wakes a thread of its own, which runs a
// PASSIVE checkpoint on its own connection while the writer goes on appending to the WAL.
// Durability is unchanged: a commit is durable once its WAL frames are synced (synchronous=FULL);
// the checkpoint syncs the WAL before copying and the database file after.
// Thread-safety: construct and destroy on one thread; the hook runs on the writer's thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <thread>

#include "attache/store/db.h"

namespace attache::store {

class Checkpointer {
 public:
  // `writer` is the database's write connection; it must outlive the Checkpointer.
  explicit Checkpointer(Db& writer, int threshold_pages = 4000);
  // Stops the thread and gives SQLite's automatic checkpoint back to the write connection.
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Checkpoints run so far (for tests and metrics).
  uint64_t checkpoints() const;

 private:
  static int OnCommit(void* self, sqlite3* db, const char* name, int pages);
  void Loop();

  Db& writer_;
  const int threshold_pages_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool wanted_ = false;
  bool stopping_ = false;
  uint64_t checkpoints_ = 0;
  std::thread thread_;
};

}  // namespace attache::store
