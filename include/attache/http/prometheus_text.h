// Writes Prometheus' text exposition format, version 0.0.4: a `# HELP` and `# TYPE` line per
// family, then its samples, label values escaped (backslash, double quote, line feed).
// Thread-safety: a value; one object is used by one thread.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "attache/core/histogram.h"

namespace attache::http {

inline constexpr const char* kPrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

class PrometheusText {
 public:
  using Labels = std::vector<std::pair<std::string, std::string>>;

  // Starts a family; `type` is counter, gauge or histogram. Each name is started once.
  void Family(std::string_view name, std::string_view type, std::string_view help);
  // One sample of the family just started.
  void Sample(std::string_view name, const Labels& labels, double value);
  // The _bucket (cumulative, le="+Inf" last), _sum and _count samples of a histogram family.
  void HistogramSamples(std::string_view name, const Labels& labels, const Histogram& histogram);

  const std::string& text() const { return out_; }

 private:
  std::string out_;
};

}  // namespace attache::http
