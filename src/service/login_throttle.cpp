#include "attache/service/login_throttle.h"

#include <algorithm>

namespace attache::service {
namespace {

constexpr size_t kMaxEntries = 100'000;  // bounds memory under a flood of random names

std::string PairKey(const std::string& account, const std::string& address) {
  return account + '\n' + address;
}

}  // namespace

std::chrono::seconds LoginThrottle::Remaining(Map& map, const std::string& key,
                                              Clock::time_point now) {
  auto it = map.find(key);
  if (it == map.end()) return std::chrono::seconds(0);
  if (now - it->second.last_failure > kForgetAfter) {
    map.erase(it);
    return std::chrono::seconds(0);
  }
  if (it->second.blocked_until <= now) return std::chrono::seconds(0);
  return std::chrono::ceil<std::chrono::seconds>(it->second.blocked_until - now);
}

void LoginThrottle::Fail(Map& map, const std::string& key, const Rule& rule,
                         Clock::time_point now) {
  Counter& c = map[key];
  if (c.failures > 0 && now - c.last_failure > kForgetAfter) c = Counter{};
  ++c.failures;
  c.last_failure = now;
  int over = c.failures - rule.free_failures;
  if (over > 0) {
    auto wait = std::chrono::seconds(1LL << std::min(over - 1, 20));
    c.blocked_until = now + std::min<std::chrono::seconds>(wait, rule.max_wait);
  }
}

void LoginThrottle::Prune(Clock::time_point now) {
  for (Map* m : {&pairs_, &addresses_, &accounts_, &devices_}) {
    if (m->size() < kMaxEntries) continue;
    std::erase_if(*m, [&](const auto& kv) { return now - kv.second.last_failure > kForgetAfter; });
    if (m->size() >= kMaxEntries) m->clear();  // fail open rather than grow without bound
  }
}

std::chrono::seconds LoginThrottle::WaitBeforeAttempt(const Attempt& a, Clock::time_point now) {
  std::lock_guard lock(mu_);
  if (!a.device.empty()) return Remaining(devices_, a.device, now);
  return std::max({Remaining(pairs_, PairKey(a.account, a.address), now),
                   Remaining(addresses_, a.address, now), Remaining(accounts_, a.account, now)});
}

void LoginThrottle::RecordFailure(const Attempt& a, Clock::time_point now) {
  std::lock_guard lock(mu_);
  Prune(now);
  if (!a.device.empty()) return Fail(devices_, a.device, kDevice, now);
  Fail(pairs_, PairKey(a.account, a.address), kPair, now);
  Fail(addresses_, a.address, kAddress, now);
  Fail(accounts_, a.account, kAccount, now);
}

void LoginThrottle::RecordSuccess(const Attempt& a) {
  std::lock_guard lock(mu_);
  pairs_.erase(PairKey(a.account, a.address));
  accounts_.erase(a.account);
  if (!a.device.empty()) devices_.erase(a.device);
}

}  // namespace attache::service
