// What the HTTP server counts for /metrics: requests and their latency by method, route
// pattern (never the raw path, which carries ids) and status, and the open connections.
// Labels are bounded: routes come from the route table (plus "static" for the web UI's files and
// "none" for paths no route matches), methods outside the standard ones count as "OTHER".
// Thread-safety: every member may be called from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "attache/core/histogram.h"

namespace attache::http {

class RequestMetrics {
 public:
  static constexpr const char* kStaticRoute = "static";
  static constexpr const char* kNoRoute = "none";

  struct Series {
    std::string method;
    std::string route;
    int status = 0;
    Histogram seconds{Histogram::LatencyBounds()};
  };

  void ConnectionOpened() { ++open_connections_; }
  void ConnectionClosed() { --open_connections_; }
  int64_t open_connections() const { return open_connections_; }
  // Connections closed while waiting for a request to make room for a new one, and new ones
  // refused because every connection was busy (see ServerOptions::max_connections).
  void ConnectionEvicted() { ++evicted_connections_; }
  void ConnectionRefused() { ++refused_connections_; }
  int64_t evicted_connections() const { return evicted_connections_; }
  int64_t refused_connections() const { return refused_connections_; }

  // One answered request, from its header's arrival until its answer was written.
  void Observe(std::string_view method, std::string_view route, int status,
               std::chrono::nanoseconds took);

  // Every series seen so far, ordered by method, route and status.
  std::vector<Series> Snapshot() const;

 private:
  using Key = std::tuple<std::string, std::string, int>;
  mutable std::mutex mu_;
  std::map<Key, Series> series_;
  std::atomic<int64_t> open_connections_{0};
  std::atomic<int64_t> evicted_connections_{0};
  std::atomic<int64_t> refused_connections_{0};
};

}  // namespace attache::http
