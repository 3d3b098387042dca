#include "attache/http/metrics.h"

#include <array>

namespace attache::http {
namespace {

std::string_view MethodLabel(std::string_view method) {
  static constexpr std::array<std::string_view, 7> kKnown = {"GET",   "HEAD",   "POST",   "PUT",
                                                             "PATCH", "DELETE", "OPTIONS"};
  for (std::string_view known : kKnown)
    if (method == known) return known;
  return "OTHER";
}

}  // namespace

void RequestMetrics::Observe(std::string_view method, std::string_view route, int status,
                             std::chrono::nanoseconds took) {
  Key key{std::string(MethodLabel(method)), std::string(route), status};
  std::lock_guard lock(mu_);
  auto it = series_.find(key);
  if (it == series_.end()) {
    Series s;
    s.method = std::get<0>(key);
    s.route = std::get<1>(key);
    s.status = status;
    it = series_.emplace(std::move(key), std::move(s)).first;
  }
  it->second.seconds.Observe(std::chrono::duration<double>(took).count());
}

std::vector<RequestMetrics::Series> RequestMetrics::Snapshot() const {
  std::lock_guard lock(mu_);
  std::vector<Series> out;
  out.reserve(series_.size());
  for (const auto& [key, s] : series_) out.push_back(s);
  return out;
}

}  // namespace attache::http
