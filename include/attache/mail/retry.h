// When to try again to send a message that could not be sent, and when to stop trying.
// Thread-safety: pure functions.
#pragma once

#include <chrono>

namespace attache::mail {

// How long a message is retried, from when it was queued (or retried by an administrator),
// in retry units: 2,880 minutes, two days, in production.
constexpr int kGiveUpAfterUnits = 2 * 24 * 60;

// The wait after the `attempts`th failed attempt (1 for the first): 1, 2, 5, 10, 30 and 60
// units, then 360 units (six hours) for every later one. The unit is one minute in
// production; tests shorten it (--mail-retry-base-ms).
std::chrono::milliseconds RetryDelay(int attempts, std::chrono::milliseconds unit);

// True when a message queued (or retried) at `window_start` should be given up rather than
// tried again at `next_attempt`: the next attempt would come after kGiveUpAfterUnits units.
bool ShouldGiveUp(std::chrono::system_clock::time_point window_start,
                  std::chrono::system_clock::time_point next_attempt,
                  std::chrono::milliseconds unit);

}  // namespace attache::mail
