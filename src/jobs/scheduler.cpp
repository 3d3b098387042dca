#include "attache/jobs/scheduler.h"

#include <unistd.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "attache/core/rfc3339.h"

namespace attache::jobs {
namespace {

void Log(const nlohmann::json& line) {
  std::string s = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  ssize_t ignored = ::write(STDERR_FILENO, s.data(), s.size());
  (void)ignored;
}

}  // namespace

void Scheduler::Start() {
  thread_ = std::thread([this] { Loop(); });
}

void Scheduler::Stop() {
  stopping_ = true;
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Scheduler::Loop() {
  for (;;) {
    RunOnce();
    std::unique_lock lock(mu_);
    if (wake_.wait_for(lock, interval_, [this] { return stop_; })) return;
  }
}

Status Scheduler::RunOnce(service::SweepResult* total) {
  std::lock_guard run(run_mu_);
  service::SweepResult sum;
  Status status;
  const Date today = proposals_.Today().date;
  const std::string now = FormatRfc3339(clock_.Now());
  std::vector<service::Finding> findings, fresh;
  bool stale = false;
  try {
    auto db = database_.Read();
    findings = reminders_.Find(*db, today);
    fresh = reminders_.Fresh(*db, findings, &stale);
  } catch (const std::exception& e) {
    status = Status::Unavailable(e.what());
  }
  sum.found = static_cast<int>(findings.size());
  // The first transaction clears what no longer holds; new findings are raised a bounded number
  // per transaction, so other writes are not held up behind a large first sweep, and a stop
  // does not wait for all of it (what is left is raised at the next start).
  for (size_t done = 0; status.ok() && (stale || done < fresh.size());) {
    if (stopping_.load()) break;
    const size_t n = std::min(kMaxRaisedPerTransaction, fresh.size() - done);
    service::SweepResult r;
    status = writer_.Run([&](store::Db& db) {
      return reminders_.Apply(db, stale ? &findings : nullptr,
                              std::span(fresh).subspan(done, n), today, now, &r);
    });
    if (!status.ok()) break;
    stale = false;
    done += n;
    sum.raised += r.raised;
    sum.cleared += r.cleared;
    sum.notifications += r.notifications;
  }
  // The daily digests, once the reminders of the day are raised.
  int digests = 0;
  if (status.ok() && digests_ && !stopping_.load()) {
    using namespace std::chrono;
    const auto local = clock_.Now() + hours(7);  // the ministry's time (UTC+7 all year)
    const int hour = static_cast<int>(duration_cast<hours>(local - floor<days>(local)).count());
    bool due = false;
    try {
      auto db = database_.Read();
      due = digests_->DigestsDue(*db, today, hour);
    } catch (const std::exception& e) {
      status = Status::Unavailable(e.what());
    }
    while (status.ok() && due && !stopping_.load()) {
      int queued = 0;
      status = writer_.Run([&](store::Db& db) {
        return digests_->QueueDigests(db, today, hour, now, 200, &queued);
      });
      digests += queued;
      auto db = database_.Read();
      due = status.ok() && digests_->DigestsDue(*db, today, hour);
    }
    if (digests)
      Log({{"time", FormatRfc3339(clock_.Now())}, {"event", "digests"}, {"queued", digests}});
  }
  if (!status.ok()) {
    Log({{"time", FormatRfc3339(clock_.Now())}, {"event", "reminders_failed"},
         {"error", status.message()}});
  } else if (sum.raised || sum.cleared) {
    Log({{"time", FormatRfc3339(clock_.Now())}, {"event", "reminders"}, {"found", sum.found},
         {"raised", sum.raised}, {"cleared", sum.cleared}, {"notifications", sum.notifications}});
  }
  if (total) *total = sum;
  return status;
}

Clock::time_point FileClock::Now() const {
  std::lock_guard lock(mu_);
  struct stat st {};
  if (::stat(file_.c_str(), &st) != 0) {
    inode_ = 0;
    value_.reset();
  } else if (st.st_ino != inode_ || st.st_mtim.tv_sec != mtime_.tv_sec ||
             st.st_mtim.tv_nsec != mtime_.tv_nsec) {
    inode_ = st.st_ino;
    mtime_ = st.st_mtim;
    value_.reset();
    std::ifstream in(file_);
    std::string text;
    if (in && std::getline(in, text)) {
      time_point t;
      if (ParseRfc3339(text, &t)) value_ = t;
    }
  }
  return value_ ? *value_ : std::chrono::system_clock::now();
}

}  // namespace attache::jobs
