// The single writer: every write of the server runs on one thread, which commits the writes
// waiting at that moment together (group commit): one BEGIN IMMEDIATE, each write in its own
// SAVEPOINT, one COMMIT with synchronous=FULL. A write whose Status is not OK (or that throws)
// is rolled back to its savepoint alone. Every write is answered only after the COMMIT that
// holds it is durable; if that COMMIT fails, every write in it is answered with the failure.
// Writes run in submission order, so the audit chain is in commit order.
// A write may itself call Run (a request whose whole handler runs as one write, for
// Idempotency-Key): that nested write runs at once, on the writer thread, in a savepoint of its
// own inside the calling write, and is durable exactly when the calling write is.
// Thread-safety: Submit and Run may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "attache/core/histogram.h"
#include "attache/core/status.h"
#include "attache/store/db.h"

namespace attache::store {

class Writer {
 public:
  using Work = std::function<Status(Db&)>;
  using Done = std::function<void(Status)>;

  // Takes the write connection; it must not be used elsewhere while the writer lives.
  explicit Writer(Db& db, size_t max_batch = 256);
  // Finishes every write already submitted, then stops the thread.
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Queues `work`; `done` is called on the writer thread once the result is durable (or has
  // failed). After the writer has begun stopping, `done` gets Unavailable at once. Called
  // from inside a write, the new one is queued for a later transaction like any other.
  void Submit(Work work, Done done);
  // Submits and waits for the answer. Called from inside a write (on the writer thread), runs
  // `work` at once in a nested savepoint of that write, rolled back alone when it fails.
  Status Run(Work work);

  // The write connection when the calling thread is running a write of some Writer (so that
  // reads made inside a write see its own changes); nullptr on every other thread.
  static Db* ConnectionOfCurrentWrite();

  // Runs `after` on the writer thread after each batch has been committed and answered, before
  // the next batch begins (the Checkpointer's turn). Call before the first Submit.
  void SetAfterBatch(std::function<void()> after) { after_batch_ = std::move(after); }

  // Test hook: after the `n`th commit since start (counting from 1; 0: never) the process
  // kills itself with SIGKILL once the commit is durable and before any write in it is
  // answered, as a crash between commit and answer would. Call before the first Submit.
  void CrashAfterCommitsForTesting(uint64_t n) { crash_after_commits_ = n; }

  // Writes waiting now (not counting the batch being committed).
  size_t queue_depth() const;
  // Batches committed since start, and the writes they held.
  uint64_t batches() const;
  uint64_t writes() const;
  // Time of each batch, from BEGIN IMMEDIATE to the end of its durable COMMIT, in seconds.
  Histogram commit_seconds() const;

 private:
  struct Job {
    Work work;
    Done done;
  };
  void Loop();
  void CommitBatch(std::deque<Job>& batch);

  Db& db_;
  const size_t max_batch_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  uint64_t batches_ = 0;
  uint64_t crash_after_commits_ = 0;
  std::function<void()> after_batch_;
  uint64_t writes_ = 0;
  Histogram commit_seconds_{Histogram::LatencyBounds()};
  std::thread thread_;
};

}  // namespace attache::store
