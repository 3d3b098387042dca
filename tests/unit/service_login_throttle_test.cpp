#include <catch2/catch.hpp>

#include "attache/service/login_throttle.h"

using namespace attache;
using namespace attache::service;
using std::chrono::seconds;

namespace {
const Clock::time_point kStart = Clock::time_point(std::chrono::hours(24 * 365 * 56));
}

TEST_CASE("Repeated failures from one address back off, doubling, up to 15 minutes") {
  LoginThrottle t;
  auto now = kStart;
  for (int i = 0; i < 5; ++i) {
    CHECK(t.WaitBeforeAttempt("lan", "10.0.0.9", now) == seconds(0));
    t.RecordFailure("lan", "10.0.0.9", now);
  }
  CHECK(t.WaitBeforeAttempt("lan", "10.0.0.9", now) == seconds(0));
  t.RecordFailure("lan", "10.0.0.9", now);  // 6th
  CHECK(t.WaitBeforeAttempt("lan", "10.0.0.9", now) == seconds(1));
  now += seconds(1);
  t.RecordFailure("lan", "10.0.0.9", now);  // 7th
  CHECK(t.WaitBeforeAttempt("lan", "10.0.0.9", now) == seconds(2));
  for (int i = 0; i < 20; ++i) t.RecordFailure("lan", "10.0.0.9", now);
  CHECK(t.WaitBeforeAttempt("lan", "10.0.0.9", now) == seconds(900));
}

TEST_CASE("An attacker elsewhere delays the real user by at most a minute") {
  LoginThrottle t;
  auto now = kStart;
  for (int i = 0; i < 1000; ++i) t.RecordFailure("leader", "203.0.113.5", now);
  CHECK(t.WaitBeforeAttempt("leader", "203.0.113.5", now) == seconds(900));
  auto wait = t.WaitBeforeAttempt("leader", "192.0.2.10", now);  // the real user's address
  CHECK(wait <= seconds(60));
  CHECK(wait > seconds(0));
  CHECK(t.WaitBeforeAttempt("leader", "192.0.2.10", now + seconds(60)) == seconds(0));
}

TEST_CASE("One address guessing many accounts is slowed too") {
  LoginThrottle t;
  auto now = kStart;
  for (int i = 0; i < 31; ++i) t.RecordFailure("user" + std::to_string(i), "198.51.100.1", now);
  CHECK(t.WaitBeforeAttempt("someone-new", "198.51.100.1", now) == seconds(1));
  CHECK(t.WaitBeforeAttempt("someone-new", "198.51.100.2", now) == seconds(0));
}

TEST_CASE("Counters forget after 15 quiet minutes; success clears the account") {
  LoginThrottle t;
  auto now = kStart;
  for (int i = 0; i < 8; ++i) t.RecordFailure("mai", "10.1.1.1", now);
  CHECK(t.WaitBeforeAttempt("mai", "10.1.1.1", now) > seconds(0));
  CHECK(t.WaitBeforeAttempt("mai", "10.1.1.1", now + std::chrono::minutes(16)) == seconds(0));
  for (int i = 0; i < 8; ++i) t.RecordFailure("mai", "10.1.1.1", now);
  t.RecordSuccess("mai", "10.1.1.1", now);
  CHECK(t.WaitBeforeAttempt("mai", "10.1.1.1", now) == seconds(0));
}

TEST_CASE("From an address it has used before, the owner is not held back by others' failures") {
  LoginThrottle t;
  auto now = kStart;
  t.RecordSuccess("leader", "192.0.2.10", now);  // the owner's usual office address
  now += std::chrono::hours(24);
  for (int i = 0; i < 200; ++i) t.RecordFailure("leader", "203.0.113." + std::to_string(i), now);
  CHECK(t.WaitBeforeAttempt("leader", "192.0.2.10", now) == seconds(0));
  CHECK(t.WaitBeforeAttempt("leader", "192.0.2.99", now) > seconds(0));
  // After 30 days the address is no longer known.
  CHECK(t.WaitBeforeAttempt("leader", "192.0.2.10", now + std::chrono::hours(24 * 31)) == seconds(0));
}
