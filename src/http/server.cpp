// The Beast part of the server, after Beast's example/http/server/async: a Listener accepts,
// a Session per connection reads a request, hands a plain Request to the Router, and writes
// the answer. Each session runs on its own strand; steps come in pairs (DoX / OnX); every read
// arms a deadline so slow clients are cut off; a new parser per request, with the body limit
// of the request's route. End of stream and connection reset are ordinary closes.
#include "attache/http/server.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <array>
#include <atomic>
#include <limits>
#include <csignal>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "attache/core/rfc3339.h"
#include "attache/http/hardening.h"
#include "attache/http/metrics.h"
#include "attache/http/problem.h"
#include "attache/http/request_log.h"
#include "beast_request.h"

namespace attache::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

// The time for the log, to the millisecond. The date and time of day change once a second:
// each thread formats them once a second and writes only the milliseconds in between.
std::string NowRfc3339() {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const auto second = floor<seconds>(now);
  thread_local sys_seconds formatted_second{};
  thread_local std::string formatted;  // "YYYY-MM-DDTHH:MM:SS.mmmZ"
  if (second != formatted_second || formatted.size() != 24) {
    formatted = FormatRfc3339Millis(now);
    formatted_second = second;
  } else {
    auto ms = duration_cast<milliseconds>(now - second).count();
    formatted[20] = char('0' + ms / 100);
    formatted[21] = char('0' + ms / 10 % 10);
    formatted[22] = char('0' + ms % 10);
  }
  return formatted;
}

}  // namespace

class Session;

// What the listener and every session share. Lives as long as Server::Impl.
struct Shared {
  Shared(ServerOptions o, const Router& r)
      : options(std::move(o)), router(r), writes(std::max(1, options.write_threads)) {}
  const ServerOptions options;
  const Router& router;
  // Where requests that change something are handled (see ServerOptions::write_threads).
  net::thread_pool writes;
  std::atomic<bool> draining{false};
  std::atomic<int> live_sessions{0};
  int max_connections = 1;  // options.max_connections, within the descriptor limit (Listen)
  std::atomic<uint64_t> next_request{0};
  std::string request_prefix;  // random per process, so ids from restarts do not collide
  std::mutex mu;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
};

namespace {

// One JSON line per request on stderr, written with a single write(2) so lines from several
// threads never interleave.
void LogLine(const nlohmann::json& line) {
  std::string s = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  s.push_back('\n');
  ssize_t ignored = ::write(STDERR_FILENO, s.data(), s.size());
  (void)ignored;
}

}  // namespace

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, Shared& shared) : stream_(std::move(socket)), shared_(shared) {
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = ep.address().to_string();
    ++shared_.live_sessions;
    if (shared_.options.metrics) shared_.options.metrics->ConnectionOpened();
  }
  ~Session() {
    RemoveBodyFile();
    {
      std::lock_guard lock(shared_.mu);
      shared_.sessions.erase(this);
    }
    --shared_.live_sessions;
    if (shared_.options.metrics) shared_.options.metrics->ConnectionClosed();
  }

  void Start() {
    {
      std::lock_guard lock(shared_.mu);
      shared_.sessions[this] = weak_from_this();
    }
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&Session::DoReadHeader, shared_from_this()));
  }

  // Since when this connection has been waiting for a request (steady clock, ns), or 0 while a
  // request is being handled or answered. Read by the listener, without the strand, to pick
  // which connection to close when there are too many (see Impl::MakeRoom).
  int64_t waiting_since() const { return waiting_since_.load(std::memory_order_relaxed); }

  // Closes the connection if it is still waiting for a request: one that has begun a request
  // in the meantime is left to finish it.
  void Evict() {
    waiting_since_.store(0, std::memory_order_relaxed);  // not chosen again meanwhile
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) self->Close();
    });
  }

  // Called at shutdown: an idle connection is closed now; one with a request begun finishes it.
  void Drain() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_ && self->buffer_.size() == 0) self->Close();
    });
  }

 private:
  void DoReadHeader() {
    if (shared_.draining && buffer_.size() == 0) return Close();
    file_parser_.reset();
    route_ = RequestMetrics::kNoRoute;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(shared_.options.header_limit));
    // The route's limit is applied once the header names the route (OnHeader). Until then no
    // limit: Beast's default (1 MiB) would refuse a larger announced upload with the header.
    parser_->body_limit(boost::none);
    waiting_since_.store(Clock::now().time_since_epoch().count(), std::memory_order_relaxed);
    stream_.expires_after(shared_.options.read_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code ec, std::size_t) {
    if (ec) return OnReadError(ec);
    busy_ = true;
    waiting_since_.store(0, std::memory_order_relaxed);
    started_ = Clock::now();
    const auto& req = parser_->get();
    if (auto problem = FramingProblem(FramingOf(req)))
      return WriteProblem(400, "ambiguous message framing: " + *problem);
    std::string_view target = req.target();
    std::string_view path = target.substr(0, target.find('?'));
    BodyPolicy body = shared_.router.BodyFor(req.method_string(), path);
    route_ = std::move(body.route);
    if (auto length = parser_->content_length(); length && *length > body.limit)
      return WriteProblem(413, "the request body is larger than this resource accepts");
    if (parser_->is_done()) return Dispatch();
    // A client that asked to be told to go on (curl does for larger bodies) is told so now
    // that the body's size is known to be acceptable, unless it has already begun sending.
    if (req.version() == 11 && buffer_.size() == 0 &&
        beast::iequals(req[bhttp::field::expect], "100-continue")) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      stream_.expires_after(shared_.options.read_timeout);
      return net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                              [self = shared_from_this(), body](beast::error_code ec, std::size_t) {
                                if (ec) return self->Close();
                                self->ReadBody(body);
                              });
    }
    ReadBody(body);
  }

  void ReadBody(const BodyPolicy& body) {
    body_started_ = Clock::now();
    body_received_ = 0;
    if (body.to_file) return ReadBodyToFile(body.limit);
    parser_->body_limit(body.limit);
    ReadBodySome(*parser_);
  }

  // A body is read piece by piece, each read with the earlier of two deadlines (the rule of
  // Apache's mod_reqtimeout with nginx's client_body_timeout): no byte for the read timeout,
  // or, counted from the end of the header, fewer bytes than min_body_rate a second after the
  // read timeout's grace. A stalled client is cut off at once and one dripping bytes soon
  // after, whatever the route would accept, while a slow steady upload goes on.
  template <class Parser>
  void ReadBodySome(Parser& parser) {
    const auto& o = shared_.options;
    Clock::time_point deadline = Clock::now() + o.read_timeout;
    if (o.min_body_rate > 0) {
      auto earned = std::chrono::duration_cast<Clock::duration>(
          std::chrono::duration<double>(static_cast<double>(body_received_) / o.min_body_rate));
      deadline = std::min(deadline, body_started_ + o.read_timeout + earned);
    }
    stream_.expires_at(deadline);
    // `parser` is one of this session's members, kept alive by `self`.
    bhttp::async_read_some(stream_, buffer_, parser,
                           [self = shared_from_this(), &parser](beast::error_code ec, std::size_t bytes) {
                             self->body_received_ += bytes;
                             if (ec || parser.is_done()) return self->OnBody(ec);
                             self->ReadBodySome(parser);
                           });
  }

  // Switches to a parser whose body is a file in the upload folder, then reads into it.
  void ReadBodyToFile(size_t limit) {
    file_parser_.emplace(std::move(*parser_));
    file_parser_->body_limit(limit);
    body_file_ = shared_.options.upload_dir / ("upload-" + NextRequestId());
    beast::error_code ec;
    file_parser_->get().body().open(body_file_.c_str(), beast::file_mode::write_new, ec);
    if (ec) {
      body_file_.clear();
      return WriteProblem(503, "cannot store the upload now: " + ec.message());
    }
    ReadBodySome(*file_parser_);
  }

  void OnBody(beast::error_code ec) {
    bool to_file = file_parser_.has_value();
    if (to_file) file_parser_->get().body().close();
    if (!ec) return Dispatch();
    RemoveBodyFile();
    if (to_file && IsStorageError(ec))
      return WriteProblem(503, "the server cannot store the upload now: " + ec.message());
    OnReadError(ec);
  }

  // Errors of the disk, not of the client: the upload is refused with 503, to be retried.
  static bool IsStorageError(beast::error_code ec) {
    if (ec.category() != beast::system_category()) return false;
    int v = ec.value();
    return v == ENOSPC || v == EDQUOT || v == EIO || v == EFBIG || v == EROFS;
  }

  void RemoveBodyFile() {
    if (body_file_.empty()) return;
    std::error_code ignored;
    std::filesystem::remove(body_file_, ignored);
    body_file_.clear();
  }

  void OnReadError(beast::error_code ec) {
    if (ec == bhttp::error::header_limit)
      return WriteProblem(431, "the request header is too large");
    if (ec == bhttp::error::body_limit)
      return WriteProblem(413, "the request body is larger than this resource accepts");
    if (ec == bhttp::error::buffer_overflow)  // a chunk header or line longer than kMaxBuffered
      return WriteProblem(400, "a line of the request is too long");
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
        ec == net::error::operation_aborted || ec == net::error::connection_reset ||
        ec == net::error::eof || ec == bhttp::error::partial_message)
      return Close();  // the client left, stalled, or we are shutting down: nothing to answer
    WriteProblem(400, "malformed HTTP request");
  }

  void Dispatch() {
    if (file_parser_) return Dispatch(file_parser_->get());
    Dispatch(parser_->get());
  }

  template <class Message>
  void Dispatch(Message& req) {
    Request request = ToRequest(req, body_file_);
    request.remote = remote_;
    request.request_id = NextRequestId();
    const bool keep_alive = req.keep_alive();
    const bool reads_only = req.method() == bhttp::verb::get || req.method() == bhttp::verb::head;
    if (reads_only) return Answer(Handle(request), keep_alive, request.request_id);
    // A change waits for the durable commit that holds it: wait on a thread of the write pool,
    // so the I/O threads go on serving and the single writer can group the waiting changes.
    net::post(shared_.writes, [self = shared_from_this(), request = std::move(request),
                               keep_alive]() mutable {
      Response response = self->Handle(request);
      net::post(self->stream_.get_executor(),
                [self, response = std::move(response), keep_alive,
                 id = std::move(request.request_id)]() mutable {
                  self->Answer(std::move(response), keep_alive, id);
                });
    });
  }

  Response Handle(Request& request) {
    try {
      return shared_.router.Handle(request);
    } catch (const std::exception& e) {
      LogLine({{"time", NowRfc3339()}, {"id", request.request_id}, {"error", e.what()}});
      return Problem(500, "internal error");
    }
  }

  void Answer(Response response, bool keep_alive, const std::string& request_id) {
    RemoveBodyFile();
    keep_alive = keep_alive && !response.close && !shared_.draining;
    Write(std::move(response), keep_alive, request_id);
  }

  void WriteProblem(int status, std::string_view detail) {
    if (!busy_) {
      busy_ = true;
      waiting_since_.store(0, std::memory_order_relaxed);
      started_ = Clock::now();
    }
    Write(Problem(status, detail), false, NextRequestId());
  }

  void Write(Response response, bool keep_alive, std::string request_id) {
    AddSecurityHeaders(response.headers);
    // No header is sent with CR, LF or NUL in it, whoever built it: such a value would end
    // the field and let what follows be read as headers of an attacker's choosing.
    for (const auto& [name, value] : response.headers.fields())
      if (!SafeHeaderText(name) || !SafeHeaderText(value)) {
        LogLine({{"time", NowRfc3339()}, {"id", request_id}, {"error", "unsafe header " + name}});
        response = Problem(500, "internal error");
        AddSecurityHeaders(response.headers);
        keep_alive = false;
        break;
      }
    // The request line and header, from whichever parser read them.
    const bhttp::request_header<>& req =
        file_parser_ ? static_cast<const bhttp::request_header<>&>(file_parser_->get())
                     : static_cast<const bhttp::request_header<>&>(parser_->get());
    bool head = req.method() == bhttp::verb::head;
    res_ = {};
    body_ = {};
    res_.version(req.version() == 10 ? 10 : 11);
    res_.result(static_cast<unsigned>(response.status));
    for (const auto& [name, value] : response.headers.fields()) res_.set(name, value);
    res_.set(bhttp::field::server, "attache");
    res_.set("X-Request-Id", request_id);
    body_bytes_ = response.body_view().size();
    status_ = response.status;
    method_ = std::string(req.method_string());
    if (response.status == 304 || response.status == 204) {
      body_bytes_ = 0;
    } else if (head) {
      res_.content_length(body_bytes_);
    } else {
      // body_ points into a body this session owns until OnWrite: the handler's string, or
      // the cache's shared bytes, which are not copied.
      shared_body_ = std::move(response.shared_body);
      owned_body_ = std::move(response.body);
      body_ = shared_body_ ? std::string_view(*shared_body_) : owned_body_;
      res_.content_length(body_.size());
    }
    res_.keep_alive(keep_alive);
    log_id_ = std::move(request_id);
    log_path_ = req.target().substr(0, req.target().find('?'));
    SerialiseHeader(res_, &head_);
    written_ = 0;
    DoWrite();
  }

  // Writes what is left of the answer. The deadline is renewed whenever bytes go out, so a
  // client that reads slowly gets a large download in full, while one that stops reading is
  // cut off read_timeout after its last progress: it holds this one answer (the next request
  // is not read before it is written) and its socket, for a bounded time.
  void DoWrite() {
    std::array<net::const_buffer, 2> buffers;
    if (written_ < head_.size()) {
      buffers = {net::buffer(head_) + written_, net::buffer(body_)};
    } else {
      buffers = {net::const_buffer(), net::buffer(body_) + (written_ - head_.size())};
    }
    stream_.expires_after(shared_.options.read_timeout);
    stream_.async_write_some(buffers,
                             beast::bind_front_handler(&Session::OnWriteSome, shared_from_this()));
  }

  void OnWriteSome(beast::error_code ec, std::size_t n) {
    written_ += n;
    if (!ec && written_ < head_.size() + body_.size()) return DoWrite();
    OnWrite(ec, written_);
  }

  // The status line and fields as Beast's serializer writes them, into one string: on this
  // path Beast's serializer, which walks a sequence of a dozen small buffers several times per
  // write, cost more than the rest of the request's handling in user space.
  static void SerialiseHeader(const bhttp::response<bhttp::empty_body>& res, std::string* out) {
    out->clear();
    const unsigned version = res.version(), code = res.result_int();
    const char status_line[] = {'H', 'T', 'T', 'P', '/', char('0' + version / 10), '.',
                                char('0' + version % 10), ' ', char('0' + code / 100),
                                char('0' + code / 10 % 10), char('0' + code % 10), ' '};
    out->append(status_line, sizeof status_line);
    out->append(res.reason());
    out->append("\r\n");
    for (const auto& field : res) {
      out->append(field.name_string());
      out->append(": ");
      out->append(field.value());
      out->append("\r\n");
    }
    out->append("\r\n");
  }

  void OnWrite(beast::error_code ec, std::size_t) {
    auto took = Clock::now() - started_;
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(took);
    if (shared_.options.metrics)
      shared_.options.metrics->Observe(method_, route_, status_, took);
    body_ = {};
    shared_body_.reset();  // an idle connection does not pin a cache entry's bytes
    const std::string time = NowRfc3339();
    const std::string error = ec ? ec.message() : std::string();
    const std::string line = FormatRequestLogLine({time, log_id_, method_, log_path_, remote_,
                                                   status_, body_bytes_, us.count(), error});
    ssize_t ignored = ::write(STDERR_FILENO, line.data(), line.size());  // one write: see LogLine
    (void)ignored;
    busy_ = false;
    if (ec) return Close();
    if (!res_.keep_alive()) return LingerThenClose();
    DoReadHeader();
  }

  // After an answer that ends the connection, possibly while the client is still sending a
  // body we refused (413), stop sending and read and discard for a moment before closing:
  // closing with unread data would reset the connection and the client might never read the
  // answer. Bounded by kLinger in time.
  void LingerThenClose() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(kLinger);
    discard_ = std::make_unique<char[]>(kDiscardSize);
    DoDiscard();
  }

  void DoDiscard() {
    stream_.async_read_some(net::buffer(discard_.get(), kDiscardSize), [self = shared_from_this()](
                                                       beast::error_code ec, std::size_t) {
      if (ec) return self->Close();
      self->DoDiscard();
    });
  }

  void Close() {
    waiting_since_.store(0, std::memory_order_relaxed);
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.close();
  }

  std::string NextRequestId() {
    return shared_.request_prefix + std::to_string(++shared_.next_request);
  }

  static constexpr std::chrono::seconds kLinger{2};
  static constexpr size_t kDiscardSize = 16 * 1024;

  beast::tcp_stream stream_;
  Shared& shared_;
  std::unique_ptr<char[]> discard_;  // allocated only while lingering
  // Bytes read but not yet parsed: a request header (header_limit) or a chunk header. Bodies
  // go from here to their parser as they arrive, so more than this is a line too long.
  static constexpr size_t kMaxBuffered = 64 * 1024;
  beast::flat_buffer buffer_{kMaxBuffered};
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::optional<bhttp::request_parser<bhttp::file_body>> file_parser_;
  std::filesystem::path body_file_;
  // The answer being written: its header (kept for keep_alive() after the write), that header
  // as text, and its body, from owned_body_ or shared_body_.
  bhttp::response<bhttp::empty_body> res_;
  std::string head_;
  std::string_view body_;
  size_t written_ = 0;  // bytes of head_ and body_ sent so far
  std::string owned_body_;
  std::shared_ptr<const std::string> shared_body_;
  // For the request's log line, written once the answer is.
  std::string log_id_;
  std::string log_path_;
  size_t body_bytes_ = 0;
  // What the request is counted under in metrics (see RequestMetrics).
  std::string method_;
  std::string route_ = RequestMetrics::kNoRoute;
  int status_ = 0;
  bool busy_ = false;  // a request header has arrived and its answer is not yet written
  std::atomic<int64_t> waiting_since_{0};  // see waiting_since()
  Clock::time_point started_;
  Clock::time_point body_started_;  // when reading the body began (after any 100 Continue)
  uint64_t body_received_ = 0;      // bytes of its body (and chunk framing) read so far
  std::string remote_;
};

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
