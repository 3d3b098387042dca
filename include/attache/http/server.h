// The HTTP server: a listener (server.cpp) and per-connection sessions (session.cpp,
// session_body.cpp) on Boost.Beast; those files and the request fuzz target are the only
// translation units that include Beast. Requests become plain http::Request
// values routed by the Router; every request is logged as one JSON line on stderr.
// Thread-safety: construct, Listen and Run from one thread; Stop may be called from any.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "attache/core/status.h"
#include "attache/http/router.h"

namespace attache::http {

class RequestMetrics;

struct ServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;               // 0 picks a free port (see Server::port)
  int threads = 1;                    // I/O threads
  std::chrono::milliseconds read_timeout{30'000};    // to receive a whole request header
  std::chrono::milliseconds shutdown_grace{10'000};  // in-flight requests get this long
  size_t header_limit = 16 * 1024;    // bytes of request line and header fields; more → 431
  std::filesystem::path upload_dir;   // where bodies of body_to_file routes are streamed
  // When set, every answered request and open connection is counted there (for /metrics).
  RequestMetrics* metrics = nullptr;
  // Threads that handle requests other than GET and HEAD. Such a request usually waits for
  // the durable commit of its change; the writer commits every change waiting at once, so
  // as many changes can share one commit as there are threads waiting here. GET and HEAD are
  // handled on the I/O threads.
  int write_threads = 64;
  // Open connections at most. At the limit, the connection waiting longest for a request is
  // closed to admit a new one; when all are busy with requests, new ones get 503. Listen lowers
  // it to what the process's file descriptor limit allows.
  int max_connections = 10'000;
  // A request body must arrive at this many bytes a second on average, after read_timeout's
  // grace (0: no rate, only read_timeout between two reads). See Session::ReadBodySome.
  size_t min_body_rate = 8 * 1024;
  // Addresses of reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed
  // (forwarded.h), in CanonicalAddress form. Empty: the peer is the client, over HTTP.
  std::vector<std::string> trusted_proxies{};
};

class Server {
 public:
  Server(ServerOptions options, const Router& router);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. InvalidArgument for an address that does not parse, Unavailable when
  // the address cannot be bound (in use, not local, no permission).
  Status Listen();
  // The bound port, once Listen succeeded.
  uint16_t port() const;

  // Serves until SIGINT or SIGTERM (or Stop), then drains: stops accepting, closes idle
  // connections, lets requests already begun finish (answered with Connection: close) for at
  // most shutdown_grace, and returns when every I/O thread has ended.
  void Run();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace attache::http
