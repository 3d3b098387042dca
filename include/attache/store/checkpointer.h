// When the write-ahead log is copied back into the database file. By default SQLite does it
// inside the COMMIT that crosses 1,000 pages, so the requests of that commit wait for the copy
// and its fsync before they are answered. The Checkpointer takes SQLite's automatic checkpoint
// off the write connection and lets the writer run the checkpoint itself right after it has
// answered a batch (Writer::SetAfterBatch), when the WAL has grown past `threshold_pages`:
// the copy is still done by the one writer between batches, so it always completes and the
// WAL starts again from its beginning (a checkpoint run by another thread while the writer
// keeps appending never catches up: the WAL then grows without end, and every frame is
// written to a new page of the file), but no request waits for it after its answer is due.
// Durability is unchanged: a commit is durable once its WAL frames are synced
// (synchronous=FULL); the checkpoint syncs the WAL before copying and the database file after.
// Thread-safety: every call on the writer's thread (the hook runs inside its COMMITs).
#pragma once

#include <cstdint>

#include "attache/store/db.h"

namespace attache::store {

class Checkpointer {
 public:
  // `writer` is the database's write connection; it must outlive the Checkpointer.
  explicit Checkpointer(Db& writer, int threshold_pages = 8000);
  // Gives SQLite's automatic checkpoint back to the write connection.
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Runs a PASSIVE checkpoint when the WAL holds `threshold_pages` or more since the last one.
  // A checkpoint that fails (a full disk) is tried again after the next commit.
  void RunIfDue();

  // Checkpoints run so far.
  uint64_t checkpoints() const { return checkpoints_; }

 private:
  static int OnCommit(void* self, sqlite3* db, const char* name, int pages);

  Db& writer_;
  const int threshold_pages_;
  int wal_pages_ = 0;
  uint64_t checkpoints_ = 0;
};

}  // namespace attache::store
