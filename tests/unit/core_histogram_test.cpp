#include <catch2/catch.hpp>

#include "attache/core/histogram.h"

using attache::Histogram;

TEST_CASE("Histogram buckets count values at or below each bound, cumulatively") {
  Histogram h({0.1, 1, 10});
  for (double v : {0.05, 0.1, 0.5, 1.0, 5.0, 50.0}) h.Observe(v);
  CHECK(h.CumulativeCounts() == std::vector<uint64_t>{2, 4, 5});
  CHECK(h.count() == 6);
  CHECK(h.sum() == Approx(56.65));
  Histogram empty(Histogram::LatencyBounds());
  CHECK(empty.CumulativeCounts() == std::vector<uint64_t>(Histogram::LatencyBounds().size(), 0));
}
