// The time, passed in rather than read from a global, so rules and expiries can be tested
// with a clock the test controls.
// Thread-safety: Now() may be called from any thread; ManualClock::Set/Advance too.
#pragma once

#include <atomic>
#include <chrono>

namespace attache {

class Clock {
 public:
  using time_point = std::chrono::system_clock::time_point;
  virtual ~Clock() = default;
  virtual time_point Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  time_point Now() const override { return std::chrono::system_clock::now(); }
};

// A clock that moves only when told to.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(time_point start) : ns_(start.time_since_epoch().count()) {}
  time_point Now() const override { return time_point(time_point::duration(ns_.load())); }
  void Set(time_point t) { ns_ = t.time_since_epoch().count(); }
  void Advance(std::chrono::nanoseconds d) {
    ns_ += std::chrono::duration_cast<time_point::duration>(d).count();
  }

 private:
  std::atomic<time_point::rep> ns_;
};

inline int64_t UnixSeconds(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace attache
