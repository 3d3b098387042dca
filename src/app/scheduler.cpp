#include "attache/app/scheduler.h"

#include <unistd.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "attache/core/rfc3339.h"

namespace attache::app {
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
  for (int round = 0; round < 1000; ++round) {
    const Date today = proposals_.Today().date;
    const std::string now = FormatRfc3339(clock_.Now());
    std::vector<service::Finding> findings;
    try {
      auto db = database_.Read();
      findings = reminders_.Find(*db, today);
      sum.found = static_cast<int>(findings.size());
      if (!reminders_.HasWork(*db, findings)) break;
    } catch (const std::exception& e) {
      status = Status::Unavailable(e.what());
      break;
    }
    service::SweepResult r;
    status = writer_.Run([&](store::Db& db) {
      return reminders_.Apply(db, findings, today, now, kMaxRaisedPerTransaction, &r);
    });
    if (!status.ok()) break;
    sum.found = r.found;
    sum.raised += r.raised;
    sum.cleared += r.cleared;
    sum.notifications += r.notifications;
    if (!r.more) break;
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

}  // namespace attache::app
