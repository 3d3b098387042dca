// The Beast part of the server, after Beast's example/http/server/async: the listener accepts
// connections and hands each to a Session (session.h: a session per connection reads a request,
// hands a plain Request to the Router, and writes the answer, each on its own strand). Here
// are the accepting, the cap on open connections (evicting the one that has waited longest for
// a request, or refusing with 503), the pause after a failed accept, the drain at shutdown, and
// Server's Listen and Run.
#include "attache/http/server.h"

#include <sys/resource.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>

#include <csignal>
#include <cstdio>
#include <limits>
#include <random>
#include <thread>
#include <vector>

#include "attache/http/hardening.h"
#include "attache/http/metrics.h"
#include "attache/http/problem.h"
#include "session.h"

namespace attache::http {
namespace {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

}  // namespace

struct Server::Impl {
  Impl(ServerOptions options, const Router& router)
      : shared(std::move(options), router),
        ioc(std::max(1, shared.options.threads)),
        acceptor(net::make_strand(ioc)),
        signals(ioc, SIGINT, SIGTERM),
        drain_timer(ioc),
        accept_pause(acceptor.get_executor()) {
    std::random_device rd;
    char prefix[16];
    std::snprintf(prefix, sizeof prefix, "%08x-", static_cast<unsigned>(rd()));
    shared.request_prefix = prefix;
  }

  void DoAccept() {
    acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket s) {
      if (ec) {
        if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
        // Out of file descriptors and similar: the connection stays queued, so accepting again
        // at once would fail again at once. Pause, and log once per pause, not per attempt.
        LogLine({{"time", NowRfc3339()}, {"event", "accept_error"}, {"error", ec.message()}});
        accept_pause.expires_after(std::chrono::milliseconds(100));
        accept_pause.async_wait([this](beast::error_code) { DoAccept(); });
        return;
      }
      if (MakeRoom()) {
        std::make_shared<Session>(std::move(s), shared)->Start();
      } else {
        Refuse(s);
      }
      DoAccept();
    });
  }

  // Keeps the open connections within max_connections. At the limit, the connection that has
  // waited longest for a request is closed for the new one: an idle keep-alive connection, or a
  // client dripping its header. A real client sends its header in milliseconds, so it is never
  // the one closed, and many slow or idle connections cannot lock others out. False when every
  // connection is busy with a request: the new one is refused.
  bool MakeRoom() {
    const size_t limit = static_cast<size_t>(shared.max_connections);
    std::shared_ptr<Session> victim;
    {
      std::lock_guard lock(shared.mu);
      if (shared.sessions.size() < limit) return true;
      int64_t oldest = std::numeric_limits<int64_t>::max();
      Session* chosen = nullptr;
      for (const auto& [ptr, weak] : shared.sessions) {
        int64_t since = ptr->waiting_since();
        if (since != 0 && since < oldest) {
          oldest = since;
          chosen = ptr;
        }
      }
      if (!chosen) return false;
      victim = shared.sessions[chosen].lock();
    }
    if (!victim) return true;  // it is being destroyed: its place is free already
    if (shared.options.metrics) shared.options.metrics->ConnectionEvicted();
    victim->Evict();
    return true;
  }

  // A short 503 written straight away on a connection there is no room for, then closed. The
  // socket is new, so the few hundred bytes fit its send buffer and the write does not wait.
  void Refuse(tcp::socket& socket) {
    if (shared.options.metrics) shared.options.metrics->ConnectionRefused();
    Response r = Problem(503, "Máy chủ đang quá tải, vui lòng thử lại / too many connections, "
                              "try again shortly");
    AddSecurityHeaders(r.headers);
    std::string out = "HTTP/1.1 503 Service Unavailable\r\nServer: attache\r\nRetry-After: 1\r\n"
                      "Connection: close\r\nContent-Length: " + std::to_string(r.body.size()) +
                      "\r\n";
    for (const auto& [name, value] : r.headers.fields()) out += name + ": " + value + "\r\n";
    out += "\r\n" + r.body;
    beast::error_code ignored;
    net::write(socket, net::buffer(out), ignored);
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
  }

  void BeginDrain() {
    if (shared.draining.exchange(true)) return;
    LogLine({{"time", NowRfc3339()}, {"event", "shutdown"}, {"open_connections",
                                                             shared.live_sessions.load()}});
    net::post(acceptor.get_executor(), [this] {
      beast::error_code ignored;
      acceptor.close(ignored);
    });
    signals.cancel();
    std::vector<std::shared_ptr<Session>> live;
    {
      std::lock_guard lock(shared.mu);
      for (auto& [ptr, weak] : shared.sessions)
        if (auto s = weak.lock()) live.push_back(std::move(s));
    }
    for (auto& s : live) s->Drain();
    deadline = Clock::now() + shared.options.shutdown_grace;
    PollDrained();
  }

  void PollDrained() {
    if (shared.live_sessions == 0 || Clock::now() >= deadline) {
      ioc.stop();
      return;
    }
    drain_timer.expires_after(std::chrono::milliseconds(10));
    drain_timer.async_wait([this](beast::error_code) { PollDrained(); });
  }

  // Declared before the io_context so it outlives the sessions the context still holds.
  Shared shared;
  net::io_context ioc;
  tcp::acceptor acceptor;
  net::signal_set signals;
  net::steady_timer drain_timer;
  net::steady_timer accept_pause;  // after a failed accept (see DoAccept)
  Clock::time_point deadline;
};

Server::Server(ServerOptions options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}

Server::~Server() = default;

Status Server::Listen() {
  // Every connection holds a descriptor. Raise the soft limit to the hard one, as servers do,
  // and keep max_connections below it with room for the database, uploads and documents.
  constexpr rlim_t kReserved = 256;
  rlimit nofile{};
  rlim_t allowed = std::numeric_limits<int>::max();
  if (::getrlimit(RLIMIT_NOFILE, &nofile) == 0) {
    if (nofile.rlim_cur < nofile.rlim_max) {
      rlimit raised = nofile;
      raised.rlim_cur = nofile.rlim_max;
      if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) nofile = raised;
    }
    if (nofile.rlim_cur != RLIM_INFINITY)
      allowed = nofile.rlim_cur > 2 * kReserved ? nofile.rlim_cur - kReserved : nofile.rlim_cur / 2;
  }
  impl_->shared.max_connections = static_cast<int>(std::max<rlim_t>(
      1, std::min<rlim_t>(allowed, static_cast<rlim_t>(std::max(1, impl_->shared.options.max_connections)))));
  beast::error_code ec;
  auto address = net::ip::make_address(impl_->shared.options.address, ec);
  if (ec) return Status::InvalidArgument("not an IP address: " + impl_->shared.options.address);
  tcp::endpoint endpoint(address, impl_->shared.options.port);
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec)
    return Status::Unavailable("cannot listen on " + impl_->shared.options.address + ":" +
                               std::to_string(impl_->shared.options.port) + ": " + ec.message());
  return Status::Ok();
}

uint16_t Server::port() const {
  beast::error_code ec;
  auto ep = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : ep.port();
}

void Server::Run() {
  impl_->signals.async_wait([this](beast::error_code ec, int) {
    if (!ec) impl_->BeginDrain();
  });
  impl_->DoAccept();
  int n = std::max(1, impl_->shared.options.threads);
  std::vector<std::thread> threads;
  threads.reserve(n - 1);
  for (int i = 1; i < n; ++i) threads.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& t : threads) t.join();
  impl_->shared.writes.join();
}

void Server::Stop() {
  net::post(impl_->ioc, [this] { impl_->BeginDrain(); });
}

}  // namespace attache::http
