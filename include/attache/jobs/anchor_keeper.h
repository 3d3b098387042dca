// The audit chain's anchors over time: the chain's head is appended to the anchors file at
// start and every hour until stopped (store/audit_anchors.h).
// Thread-safety: Stop() may be called from any thread; the keeper writes from its own.
#pragma once

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include "attache/core/clock.h"
#include "attache/store/database.h"

namespace attache::jobs {

class AnchorKeeper {
 public:
  // Writes the first anchor before returning, then starts the hourly thread.
  AnchorKeeper(store::Database& database, std::filesystem::path path, const Clock& clock);
  ~AnchorKeeper() { Stop(); }
  AnchorKeeper(const AnchorKeeper&) = delete;
  AnchorKeeper& operator=(const AnchorKeeper&) = delete;

  // Ends the hourly writes; idempotent.
  void Stop();

 private:
  // Appends the current head; a failure is logged, never fatal (the next hour tries again).
  void Write();

  store::Database& database_;
  const std::filesystem::path path_;
  const Clock& clock_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace attache::jobs
