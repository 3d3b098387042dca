#include "attache/store/writer.h"

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <future>

namespace attache::store {
namespace {

// The connection of the write running on this thread, if any (see ConnectionOfCurrentWrite).
thread_local Db* current_write = nullptr;

// Runs one write, turning what it throws into a Status.
Status Guarded(const Writer::Work& work, Db& db) {
  try {
    return work(db);
  } catch (const DbError& e) {
    return e.primary_code() == SQLITE_FULL ? DiskFull()
                                           : Status::Internal(e.what());
  } catch (const std::exception& e) {
    return Status::Internal(e.what());
  }
}

}  // namespace

Writer::Writer(Db& db, size_t max_batch)
    : db_(db), max_batch_(max_batch), thread_([this] { Loop(); }) {}

Writer::~Writer() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void Writer::Submit(Work work, Done done) {
  {
    std::lock_guard lock(mu_);
    if (!stopping_) {
      queue_.push_back({std::move(work), std::move(done)});
      cv_.notify_one();
      return;
    }
  }
  done(Status::Unavailable("the server is shutting down"));
}

Status Writer::Run(Work work) {
  if (current_write == &db_) {
    // Inside a write of ours: waiting for the queue would wait for ourselves.
    db_.Exec("SAVEPOINT nested_write");
    Status s = Guarded(work, db_);
    if (!s.ok()) db_.Exec("ROLLBACK TO nested_write");
    db_.Exec("RELEASE nested_write");
    return s;
  }
  std::promise<Status> promise;
  auto answer = promise.get_future();
  Submit(std::move(work), [&promise](Status s) { promise.set_value(std::move(s)); });
  return answer.get();
}

Db* Writer::ConnectionOfCurrentWrite() {
  return current_write;
}

size_t Writer::queue_depth() const {
  std::lock_guard lock(mu_);
  return queue_.size();
}

uint64_t Writer::batches() const {
  std::lock_guard lock(mu_);
  return batches_;
}

uint64_t Writer::writes() const {
  std::lock_guard lock(mu_);
  return writes_;
}

Histogram Writer::commit_seconds() const {
  std::lock_guard lock(mu_);
  return commit_seconds_;
}

void Writer::Loop() {
  std::deque<Job> batch;
  while (true) {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything submitted has been answered
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    CommitBatch(batch);
    batch.clear();
  }
}

void Writer::CommitBatch(std::deque<Job>& batch) {
  auto started = std::chrono::steady_clock::now();
  std::vector<Status> results(batch.size());
  Status batch_status;
  try {
    db_.Exec("BEGIN IMMEDIATE");
    for (size_t i = 0; i < batch.size(); ++i) {
      db_.Exec("SAVEPOINT request");
      current_write = &db_;
      results[i] = Guarded(batch[i].work, db_);
      current_write = nullptr;
      if (!results[i].ok()) db_.Exec("ROLLBACK TO request");
      db_.Exec("RELEASE request");
    }
    db_.Exec("COMMIT");
    if (crash_after_commits_ != 0 && batches() + 1 >= crash_after_commits_)
      ::kill(::getpid(), SIGKILL);
  } catch (const DbError& e) {
    current_write = nullptr;
    sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    batch_status = e.primary_code() == SQLITE_FULL || e.primary_code() == SQLITE_IOERR
                       ? DiskFull(e.what())
                       : Status::Internal(e.what());
  }
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  {
    std::lock_guard lock(mu_);
    ++batches_;
    writes_ += batch.size();
    commit_seconds_.Observe(took.count());
  }
  for (size_t i = 0; i < batch.size(); ++i)
    batch[i].done(batch_status.ok() ? results[i] : batch_status);
  if (after_batch_) after_batch_();
}

}  // namespace attache::store
