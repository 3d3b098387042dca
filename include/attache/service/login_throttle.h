// Slows down password guessing, per account and per client address, without letting an
// attacker lock the real user out:
//  - an (account, address) pair gets 5 free failures, then waits 1 s, 2 s, 4 s ... up to 15 min
//    after each further failure;
//  - an address gets 30 free failures over all accounts, then the same doubling up to 15 min;
//  - an account gets 10 free failures over all addresses, then doubling capped at 60 s, so
//    failures from elsewhere delay its real owner by at most a minute per attempt; and an
//    address the account has logged in from successfully in the last 30 days is exempt from
//    this account-wide rule, so a botnet cannot keep the owner out at all from a known place;
//  - a counter forgets after 15 minutes without a failure; a success clears the pair and the
//    account counters.
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
  static constexpr std::chrono::minutes kForgetAfter{15};
  static constexpr std::chrono::hours kKnownFor{24 * 30};

  // Zero when an attempt may go ahead now; otherwise how long to wait (for Retry-After).
  std::chrono::seconds WaitBeforeAttempt(const std::string& account, const std::string& address,
                                         Clock::time_point now);
  void RecordFailure(const std::string& account, const std::string& address, Clock::time_point now);
  void RecordSuccess(const std::string& account, const std::string& address, Clock::time_point now);

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
  Map pairs_, addresses_, accounts_;
  std::unordered_map<std::string, Clock::time_point> known_;  // pair -> last success
};

}  // namespace attache::service
