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
  for (Map* m : {&pairs_, &addresses_, &accounts_}) {
    if (m->size() < kMaxEntries) continue;
    std::erase_if(*m, [&](const auto& kv) { return now - kv.second.last_failure > kForgetAfter; });
    if (m->size() >= kMaxEntries) m->clear();  // fail open rather than grow without bound
  }
}

std::chrono::seconds LoginThrottle::WaitBeforeAttempt(const std::string& account,
                                                      const std::string& address,
                                                      Clock::time_point now) {
  std::lock_guard lock(mu_);
  const std::string pair = PairKey(account, address);
  auto known = known_.find(pair);
  bool from_known_place = known != known_.end() && now - known->second < kKnownFor;
  return std::max(
      {Remaining(pairs_, pair, now), Remaining(addresses_, address, now),
       from_known_place ? std::chrono::seconds(0) : Remaining(accounts_, account, now)});
}

void LoginThrottle::RecordFailure(const std::string& account, const std::string& address,
                                  Clock::time_point now) {
  std::lock_guard lock(mu_);
  Prune(now);
  Fail(pairs_, PairKey(account, address), kPair, now);
  Fail(addresses_, address, kAddress, now);
  Fail(accounts_, account, kAccount, now);
}

void LoginThrottle::RecordSuccess(const std::string& account, const std::string& address,
                                  Clock::time_point now) {
  std::lock_guard lock(mu_);
  const std::string pair = PairKey(account, address);
  pairs_.erase(pair);
  accounts_.erase(account);
  if (known_.size() >= kMaxEntries)
    std::erase_if(known_, [&](const auto& kv) { return now - kv.second >= kKnownFor; });
  if (known_.size() < kMaxEntries) known_[pair] = now;
}

}  // namespace attache::service
