// A fixed-bucket histogram of observed values (durations in seconds, say), as Prometheus counts
// them: each bucket counts the observations at or below its upper bound.
// Thread-safety: a value, not synchronised; whoever shares one guards it.
#pragma once

#include <cstdint>
#include <vector>

namespace attache {

class Histogram {
 public:
  // `upper_bounds` must be strictly increasing; an implicit last bucket (+Inf) takes the rest.
  explicit Histogram(std::vector<double> upper_bounds);

  // Bounds for request and commit durations in seconds: 0.5 ms to 10 s.
  static const std::vector<double>& LatencyBounds();

  void Observe(double value);

  const std::vector<double>& upper_bounds() const { return bounds_; }
  // Observations at or below each bound, cumulative, in bound order; the +Inf bucket is count().
  std::vector<uint64_t> CumulativeCounts() const;
  uint64_t count() const { return count_; }
  double sum() const { return sum_; }

 private:
  std::vector<double> bounds_;
  std::vector<uint64_t> buckets_;  // per bucket, not cumulative; one more than bounds_
  uint64_t count_ = 0;
  double sum_ = 0;
};

}  // namespace attache
