// A connection's session (session.h): reads a request header, checks its framing, hands the
// request to the Router (changes on the write pool), and writes the answer with a deadline
// renewed on progress; then reads the next request, or lingers and closes. Reading the body
// is in session_body.cpp. Also the server's log helpers, NowRfc3339 and LogLine.
#include "session.h"

#include <unistd.h>

#include <array>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>

#include "attache/core/rfc3339.h"
#include "attache/http/forwarded.h"
#include "attache/http/hardening.h"
#include "attache/http/problem.h"
#include "attache/http/request_log.h"
#include "beast_request.h"

namespace attache::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

}  // namespace

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

void LogLine(const nlohmann::json& line) {
  std::string s = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  s.push_back('\n');
  ssize_t ignored = ::write(STDERR_FILENO, s.data(), s.size());
  (void)ignored;
}

Session::Session(tcp::socket&& socket, Shared& shared)
    : stream_(std::move(socket)), shared_(shared) {
  beast::error_code ec;
  auto ep = stream_.socket().remote_endpoint(ec);
  if (!ec) remote_ = ep.address().to_string();
  ++shared_.live_sessions;
  if (shared_.options.metrics) shared_.options.metrics->ConnectionOpened();
}

Session::~Session() {
  RemoveBodyFile();
  {
    std::lock_guard lock(shared_.mu);
    shared_.sessions.erase(this);
  }
  --shared_.live_sessions;
  if (shared_.options.metrics) shared_.options.metrics->ConnectionClosed();
}

void Session::Start() {
  {
    std::lock_guard lock(shared_.mu);
    shared_.sessions[this] = weak_from_this();
  }
  net::dispatch(stream_.get_executor(),
                beast::bind_front_handler(&Session::DoReadHeader, shared_from_this()));
}

void Session::Evict() {
  waiting_since_.store(0, std::memory_order_relaxed);  // not chosen again meanwhile
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    if (!self->busy_) self->Close();
  });
}

void Session::Drain() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    if (!self->busy_ && self->buffer_.size() == 0) self->Close();
  });
}

void Session::DoReadHeader() {
  if (shared_.draining && buffer_.size() == 0) return Close();
  client_.clear();
  file_parser_.reset();
  route_ = RequestMetrics::kNoRoute;
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(shared_.options.header_limit));
  // The route's limit is applied once the header names the route (OnHeader). Until then no
  // limit: Beast's default (1 MiB) would refuse a larger announced upload with the header.
  parser_->body_limit(boost::none);
  waiting_since_.store(Clock::now().time_since_epoch().count(), std::memory_order_relaxed);
  stream_.expires_after(shared_.options.read_timeout);
  ReadWholeHeader();
}

// Reads until the buffer holds the whole header, so that its raw bytes can be checked for
// line folding (obs-fold), which Beast's parser accepts and joins with spaces; then the parser
// reads the header from the buffer. A header longer than the limit, or bytes that no header may
// hold (a TLS handshake, say), go to the parser at once, which refuses them (431, 400).
void Session::ReadWholeHeader() {
  std::string_view data(static_cast<const char*>(buffer_.data().data()), buffer_.size());
  size_t end = data.find("\r\n\r\n");
  if (end != std::string_view::npos && HasObsFold(data.substr(0, end + 2)))
    return WriteProblem(400, "a header field folded over several lines (obs-fold)");
  if (end != std::string_view::npos || data.size() > shared_.options.header_limit ||
      !PlausibleHeaderText(data))
    return bhttp::async_read_header(
        stream_, buffer_, *parser_,
        beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  stream_.async_read_some(
      buffer_.prepare(beast::read_size(buffer_, 4096)),
      [self = shared_from_this()](beast::error_code ec, std::size_t n) {
        if (ec) return self->OnReadError(ec);
        self->buffer_.commit(n);
        self->ReadWholeHeader();
      });
}

void Session::OnHeader(beast::error_code ec, std::size_t) {
  if (ec) return OnReadError(ec);
  busy_ = true;
  waiting_since_.store(0, std::memory_order_relaxed);
  started_ = Clock::now();
  const auto& req = parser_->get();
  Framing framing = FramingOf(req);
  if (auto problem = FramingProblem(framing))
    return WriteProblem(400, "ambiguous message framing: " + *problem);
  if (auto problem = HostProblem(framing)) return WriteProblem(400, *problem);
  std::string_view target = req.target();
  std::string_view path = target.substr(0, target.find('?'));
  BodyPolicy body = shared_.router.BodyFor(req.method_string(), path);
  route_ = std::move(body.route);
  if (auto length = parser_->content_length(); length && *length > body.limit)
    return WriteProblem(413, "the request body is larger than this resource accepts");
  if (parser_->is_done()) return Dispatch();
  ReadBody(body);
}

void Session::OnReadError(beast::error_code ec) {
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

void Session::Dispatch() {
  if (file_parser_) return Dispatch(file_parser_->get());
  Dispatch(parser_->get());
}

template <class Message>
void Session::Dispatch(Message& req) {
  Request request = ToRequest(req, body_file_);
  Client client = ResolveClient(remote_, request.headers, shared_.options.trusted_proxies);
  request.remote = client_ = std::move(client.address);
  request.https = client.https;
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

Response Session::Handle(Request& request) {
  Response response;
  try {
    response = shared_.router.Handle(request);
  } catch (const std::exception& e) {
    LogLine({{"time", NowRfc3339()}, {"id", request.request_id}, {"error", e.what()}});
    response = Problem(500, "internal error");
  }
  // Over HTTPS (as a trusted proxy says) the browser is told to come back only over HTTPS for
  // a year. Never over plain HTTP: the header would be a lie an attacker could plant.
  if (request.https) AddStrictTransportSecurity(response.headers);
  return response;
}

void Session::Answer(Response response, bool keep_alive, const std::string& request_id) {
  RemoveBodyFile();
  keep_alive = keep_alive && !response.close && !shared_.draining;
  Write(std::move(response), keep_alive, request_id);
}

void Session::WriteProblem(int status, std::string_view detail) {
  if (!busy_) {
    busy_ = true;
    waiting_since_.store(0, std::memory_order_relaxed);
    started_ = Clock::now();
  }
  Write(Problem(status, detail), false, NextRequestId());
}

void Session::Write(Response response, bool keep_alive, std::string request_id) {
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
  // insert, not set: a field given twice (Set-Cookie) is sent twice.
  for (const auto& [name, value] : response.headers.fields()) res_.insert(name, value);
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
void Session::DoWrite() {
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

void Session::OnWriteSome(beast::error_code ec, std::size_t n) {
  written_ += n;
  if (!ec && written_ < head_.size() + body_.size()) return DoWrite();
  OnWrite(ec, written_);
}

// The status line and fields as Beast's serializer writes them, into one string: on this
// path Beast's serializer, which walks a sequence of a dozen small buffers several times per
// write, cost more than the rest of the request's handling in user space.
void Session::SerialiseHeader(const bhttp::response<bhttp::empty_body>& res, std::string* out) {
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

void Session::OnWrite(beast::error_code ec, std::size_t) {
  auto took = Clock::now() - started_;
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(took);
  if (shared_.options.metrics)
    shared_.options.metrics->Observe(method_, route_, status_, took);
  body_ = {};
  shared_body_.reset();  // an idle connection does not pin a cache entry's bytes
  const std::string time = NowRfc3339();
  const std::string error = ec ? ec.message() : std::string();
  const std::string line = FormatRequestLogLine({time, log_id_, method_, log_path_,
                                                 client_.empty() ? remote_ : client_,
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
void Session::LingerThenClose() {
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream_.expires_after(kLinger);
  discard_ = std::make_unique<char[]>(kDiscardSize);
  DoDiscard();
}

void Session::DoDiscard() {
  stream_.async_read_some(net::buffer(discard_.get(), kDiscardSize),
                          [self = shared_from_this()](beast::error_code ec, std::size_t) {
                            if (ec) return self->Close();
                            self->DoDiscard();
                          });
}

void Session::Close() {
  waiting_since_.store(0, std::memory_order_relaxed);
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream_.close();
}

std::string Session::NextRequestId() {
  return shared_.request_prefix + std::to_string(++shared_.next_request);
}

}  // namespace attache::http
