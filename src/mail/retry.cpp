#include "attache/mail/retry.h"

#include <array>

namespace attache::mail {

std::chrono::milliseconds RetryDelay(int attempts, std::chrono::milliseconds unit) {
  static constexpr std::array<int, 6> kUnits{1, 2, 5, 10, 30, 60};
  constexpr int kThen = 360;
  if (attempts < 1) attempts = 1;
  size_t i = static_cast<size_t>(attempts - 1);
  return unit * (i < kUnits.size() ? kUnits[i] : kThen);
}

bool ShouldGiveUp(std::chrono::system_clock::time_point window_start,
                  std::chrono::system_clock::time_point next_attempt,
                  std::chrono::milliseconds unit) {
  return next_attempt - window_start > unit * kGiveUpAfterUnits;
}

}  // namespace attache::mail
