#include <catch2/catch.hpp>

#include "attache/service/login_throttle.h"

using namespace attache;
using namespace attache::service;
using std::chrono::seconds;

namespace {

const Clock::time_point kStart = Clock::time_point(std::chrono::hours(24 * 365 * 56));

// A throttle driven by (account, address[, device]) triples, as Accounts::Login drives it.
struct Throttle {
  LoginThrottle t;
  seconds Wait(const std::string& account, const std::string& address, Clock::time_point now,
               const std::string& device = "") {
    return t.WaitBeforeAttempt({account, address, device}, now);
  }
  void Fail(const std::string& account, const std::string& address, Clock::time_point now,
            const std::string& device = "") {
    t.RecordFailure({account, address, device}, now);
  }
  void Succeed(const std::string& account, const std::string& address,
               const std::string& device = "") {
    t.RecordSuccess({account, address, device});
  }
};

}  // namespace

TEST_CASE("Repeated failures from one address back off, doubling, up to 15 minutes") {
  Throttle t;
  auto now = kStart;
  for (int i = 0; i < 5; ++i) {
    CHECK(t.Wait("lan", "10.0.0.9", now) == seconds(0));
    t.Fail("lan", "10.0.0.9", now);
  }
  CHECK(t.Wait("lan", "10.0.0.9", now) == seconds(0));
  t.Fail("lan", "10.0.0.9", now);  // 6th
  CHECK(t.Wait("lan", "10.0.0.9", now) == seconds(1));
  now += seconds(1);
  t.Fail("lan", "10.0.0.9", now);  // 7th
  CHECK(t.Wait("lan", "10.0.0.9", now) == seconds(2));
  for (int i = 0; i < 20; ++i) t.Fail("lan", "10.0.0.9", now);
  CHECK(t.Wait("lan", "10.0.0.9", now) == seconds(900));
}

TEST_CASE("An attacker elsewhere delays an unknown device by at most a minute") {
  Throttle t;
  auto now = kStart;
  for (int i = 0; i < 1000; ++i) t.Fail("leader", "203.0.113.5", now);
  CHECK(t.Wait("leader", "203.0.113.5", now) == seconds(900));
  auto wait = t.Wait("leader", "192.0.2.10", now);  // the real user, from a new browser
  CHECK(wait <= seconds(60));
  CHECK(wait > seconds(0));
  CHECK(t.Wait("leader", "192.0.2.10", now + seconds(60)) == seconds(0));
}

TEST_CASE("One address guessing many accounts is slowed, but not its known devices") {
  Throttle t;
  auto now = kStart;
  for (int i = 0; i < 31; ++i) t.Fail("user" + std::to_string(i), "198.51.100.1", now);
  CHECK(t.Wait("someone-new", "198.51.100.1", now) == seconds(1));
  CHECK(t.Wait("someone-new", "198.51.100.2", now) == seconds(0));
  // The finding: behind one NAT address, a user whose browser is known is not locked out.
  for (int i = 0; i < 1000; ++i) t.Fail("made-up-" + std::to_string(i), "198.51.100.1", now);
  CHECK(t.Wait("mai", "198.51.100.1", now) == seconds(900));
  CHECK(t.Wait("mai", "198.51.100.1", now, "device-of-mai") == seconds(0));
  // A success does not reset the address: an attacker with an account of their own cannot.
  t.Succeed("attacker", "198.51.100.1");
  CHECK(t.Wait("someone-new", "198.51.100.1", now) == seconds(900));
}

TEST_CASE("A known device is held back only by its own failures") {
  Throttle t;
  auto now = kStart;
  for (int i = 0; i < 500; ++i) t.Fail("leader", "203.0.113." + std::to_string(i % 200), now);
  CHECK(t.Wait("leader", "192.0.2.10", now) > seconds(0));
  CHECK(t.Wait("leader", "192.0.2.10", now, "dev1") == seconds(0));
  // A stolen device cookie guessing passwords is slowed like any pair.
  for (int i = 0; i < 10; ++i) t.Fail("leader", "203.0.113.9", now, "dev1");
  CHECK(t.Wait("leader", "203.0.113.9", now, "dev1") == seconds(0));
  t.Fail("leader", "203.0.113.9", now, "dev1");  // 11th
  CHECK(t.Wait("leader", "203.0.113.9", now, "dev1") == seconds(1));
  for (int i = 0; i < 20; ++i) t.Fail("leader", "203.0.113.9", now, "dev1");
  CHECK(t.Wait("leader", "192.0.2.10", now, "dev1") == seconds(900));
  CHECK(t.Wait("leader", "192.0.2.10", now, "dev2") == seconds(0));  // another device of the owner
  // Its failures count against no address nor account.
  Throttle u;
  for (int i = 0; i < 200; ++i) u.Fail("mai", "10.9.9.9", now, "dev3");
  CHECK(u.Wait("mai", "10.9.9.9", now) == seconds(0));
}

TEST_CASE("Counters forget after 15 quiet minutes; success clears the account and the device") {
  Throttle t;
  auto now = kStart;
  for (int i = 0; i < 8; ++i) t.Fail("mai", "10.1.1.1", now);
  CHECK(t.Wait("mai", "10.1.1.1", now) > seconds(0));
  CHECK(t.Wait("mai", "10.1.1.1", now + std::chrono::minutes(16)) == seconds(0));
  for (int i = 0; i < 8; ++i) t.Fail("mai", "10.1.1.1", now);
  t.Succeed("mai", "10.1.1.1");
  CHECK(t.Wait("mai", "10.1.1.1", now) == seconds(0));
  for (int i = 0; i < 12; ++i) t.Fail("mai", "10.1.1.1", now, "dev");
  CHECK(t.Wait("mai", "10.1.1.1", now, "dev") > seconds(0));
  t.Succeed("mai", "10.1.1.1", "dev");
  CHECK(t.Wait("mai", "10.1.1.1", now, "dev") == seconds(0));
}
