// Slows down password guessing, without letting an attacker lock the real users out. An attempt
// either comes from a known device (it showed a valid device cookie for the account, see
// device_cookies.h) or from an unknown one:
//  - a known device gets 10 free failures, then waits 1 s, 2 s, 4 s ... up to 15 min after each
//    further failure; nothing else slows it, so no one else's failures can keep its owner out;
//  - from an unknown device, an (account, address) pair gets 5 free failures, then the same
//    doubling up to 15 min;
//  - an address gets 30 free failures of unknown devices over all accounts, then the same
//    doubling up to 15 min (behind a NAT or a proxy every user may share it: their known
//    devices are not counted nor held back);
//  - an account gets 10 free failures of unknown devices over all addresses, then doubling
//    capped at 60 s;
//  - a counter forgets after 15 minutes without a failure; a success clears the pair, the
//    account's and the device's counters (never the address's: an attacker with one account
//    of their own must not be able to reset it).
// Thread-safety: all member functions may be called from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "attache/core/clock.h"

namespace attache::service {

class LoginThrottle {
 public:
  struct Rule {
    int free_failures;
    std::chrono::seconds max_wait;
  };
  static constexpr Rule kPair{5, std::chrono::minutes(15)};
  static constexpr Rule kAddress{30, std::chrono::minutes(15)};
  static constexpr Rule kAccount{10, std::chrono::seconds(60)};
  static constexpr Rule kDevice{10, std::chrono::minutes(15)};
  static constexpr std::chrono::minutes kForgetAfter{15};

  // Who attempts: the account, the client's address, and the device id of a valid device
  // cookie for that account (empty: an unknown device).
  struct Attempt {
    const std::string& account;
    const std::string& address;
    const std::string& device;
  };

  // Zero when an attempt may go ahead now; otherwise how long to wait (for Retry-After).
  std::chrono::seconds WaitBeforeAttempt(const Attempt& a, Clock::time_point now);
  void RecordFailure(const Attempt& a, Clock::time_point now);
  void RecordSuccess(const Attempt& a);

 private:
  struct Counter {
    int failures = 0;
    Clock::time_point last_failure;
    Clock::time_point blocked_until;
  };
  using Map = std::unordered_map<std::string, Counter>;
  static std::chrono::seconds Remaining(Map& map, const std::string& key, Clock::time_point now);
  static void Fail(Map& map, const std::string& key, const Rule& rule, Clock::time_point now);
  void Prune(Clock::time_point now);

  std::mutex mu_;
  Map pairs_, addresses_, accounts_, devices_;
};

}  // namespace attache::service
