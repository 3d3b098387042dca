// The scheduler: one thread that, at start-up and then every `interval`, finds what the
// deadlines call for (service/reminders.h) on a read connection and raises what is new in one
// write transaction. Its time is the Clock's, so tests move it (see FileClock below).
// Thread-safety: Start/Stop from one thread; RunOnce from any (it serialises itself).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include <sys/stat.h>

#include "attache/jobs/notification_mail.h"
#include "attache/core/clock.h"
#include "attache/service/proposals.h"
#include "attache/service/reminders.h"
#include "attache/store/database.h"
#include "attache/store/writer.h"

namespace attache::jobs {

class Scheduler {
 public:
  Scheduler(store::Database& database, store::Writer& writer, const service::Reminders& reminders,
            const service::Proposals& proposals, const Clock& clock,
            std::chrono::milliseconds interval)
      : database_(database), writer_(writer), reminders_(reminders), proposals_(proposals),
        clock_(clock), interval_(interval) {}
  ~Scheduler() { Stop(); }
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  void Start();
  void Stop();
  // With e-mail on: each sweep also queues the daily digests that are due (jobs/notification_mail.h).
  void SetDigests(NotificationMail* digests) { digests_ = digests; }
  // One sweep, logged when it changed something: what holds is found on a read connection,
  // and only when something is new or stale does it write. A failed write (disk full) is logged
  // and tried again at the next tick.
  Status RunOnce(service::SweepResult* total = nullptr);

  static constexpr size_t kMaxRaisedPerTransaction = 500;

 private:
  void Loop();

  store::Database& database_;
  store::Writer& writer_;
  const service::Reminders& reminders_;
  const service::Proposals& proposals_;
  const Clock& clock_;
  const std::chrono::milliseconds interval_;
  NotificationMail* digests_ = nullptr;
  std::mutex run_mu_;  // one sweep at a time
  std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::atomic<bool> stopping_{false};  // read by a sweep between its transactions
  std::thread thread_;
};

// A clock for tests of time-driven behaviour against the real binary: the time written (RFC
// 3339) in `file`, read again whenever the file changes (its inode or modification time, so a
// test that replaces it sees the new time on the very next request); the system's time while
// the file is missing or does not parse. Used only when ATTACHE_TEST_CLOCK_FILE names it.
class FileClock final : public Clock {
 public:
  explicit FileClock(std::filesystem::path file) : file_(std::move(file)) {}
  time_point Now() const override;

 private:
  std::filesystem::path file_;
  mutable std::mutex mu_;
  mutable struct timespec mtime_ {};
  mutable ino_t inode_ = 0;
  mutable std::optional<time_point> value_;
};

}  // namespace attache::jobs
