// The parts of the server shared by its three files: what the listener and the sessions share
// (Shared), the Session of one connection, and the server's log helpers. The listener is in
// server.cpp, a session's reading, framing, writing and timeouts in session.cpp, and the
// reading of a request body (piecewise, with the min rate deadline, 100-continue) in
// session_body.cpp. A private header of src/http: Beast stays here.
// Thread-safety: Shared is shared by all threads (atomics and `mu`); a Session runs on its own
// strand, except where a member says otherwise.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "attache/http/metrics.h"
#include "attache/http/server.h"

namespace attache::http {

class Session;

// What the listener and every session share. Lives as long as Server::Impl.
struct Shared {
  Shared(ServerOptions o, const Router& r)
      : options(std::move(o)), router(r), writes(std::max(1, options.write_threads)) {}
  const ServerOptions options;
  const Router& router;
  // Where requests that change something are handled (see ServerOptions::write_threads).
  boost::asio::thread_pool writes;
  std::atomic<bool> draining{false};
  std::atomic<int> live_sessions{0};
  int max_connections = 1;  // options.max_connections, within the descriptor limit (Listen)
  std::atomic<uint64_t> next_request{0};
  std::string request_prefix;  // random per process, so ids from restarts do not collide
  std::mutex mu;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
};

// The time for the log, to the millisecond. The date and time of day change once a second:
// each thread formats them once a second and writes only the milliseconds in between.
std::string NowRfc3339();

// One JSON line per request on stderr, written with a single write(2) so lines from several
// threads never interleave.
void LogLine(const nlohmann::json& line);

// After Beast's example/http/server/async: a session reads a request, hands a plain Request to
// the Router, and writes the answer. Steps come in pairs (DoX / OnX); every read arms a
// deadline so slow clients are cut off; a new parser per request, with the body limit of the
// request's route. End of stream and connection reset are ordinary closes.
class Session : public std::enable_shared_from_this<Session> {
 public:
  using Clock = std::chrono::steady_clock;

  Session(boost::asio::ip::tcp::socket&& socket, Shared& shared);
  ~Session();

  void Start();

  // Since when this connection has been waiting for a request (steady clock, ns), or 0 while a
  // request is being handled or answered. Read by the listener, without the strand, to pick
  // which connection to close when there are too many (see Impl::MakeRoom).
  int64_t waiting_since() const { return waiting_since_.load(std::memory_order_relaxed); }

  // Closes the connection if it is still waiting for a request: one that has begun a request
  // in the meantime is left to finish it.
  void Evict();

  // Called at shutdown: an idle connection is closed now; one with a request begun finishes it.
  void Drain();

 private:
  // Reading the request header and dispatching it (session.cpp).
  void DoReadHeader();
  void ReadWholeHeader();
  void OnHeader(boost::beast::error_code ec, std::size_t);
  void OnReadError(boost::beast::error_code ec);
  void Dispatch();
  template <class Message>
  void Dispatch(Message& req);
  Response Handle(Request& request);

  // Reading the body (session_body.cpp).
  void ReadBody(const BodyPolicy& body);
  void BeginBody(const BodyPolicy& body);
  template <class Parser>
  void ReadBodySome(Parser& parser);
  void ReadBodyToFile(size_t limit);
  void OnBody(boost::beast::error_code ec);
  static bool IsStorageError(boost::beast::error_code ec);
  void RemoveBodyFile();

  // Writing the answer and closing (session.cpp).
  void Answer(Response response, bool keep_alive, const std::string& request_id);
  void WriteProblem(int status, std::string_view detail);
  void Write(Response response, bool keep_alive, std::string request_id);
  void DoWrite();
  void OnWriteSome(boost::beast::error_code ec, std::size_t n);
  static void SerialiseHeader(
      const boost::beast::http::response<boost::beast::http::empty_body>& res, std::string* out);
  void OnWrite(boost::beast::error_code ec, std::size_t);
  void LingerThenClose();
  void DoDiscard();
  void Close();

  std::string NextRequestId();

  static constexpr std::chrono::seconds kLinger{2};
  static constexpr size_t kDiscardSize = 16 * 1024;

  boost::beast::tcp_stream stream_;
  Shared& shared_;
  std::unique_ptr<char[]> discard_;  // allocated only while lingering
  // Bytes read but not yet parsed: a request header (header_limit) or a chunk header. Bodies
  // go from here to their parser as they arrive, so more than this is a line too long.
  static constexpr size_t kMaxBuffered = 64 * 1024;
  boost::beast::flat_buffer buffer_{kMaxBuffered};
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::file_body>> file_parser_;
  std::filesystem::path body_file_;
  // The answer being written: its header (kept for keep_alive() after the write), that header
  // as text, and its body, from owned_body_ or shared_body_.
  boost::beast::http::response<boost::beast::http::empty_body> res_;
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
  std::string remote_;  // the peer's address
  // The client of the request being answered (forwarded.h): the peer, or the address a
  // trusted proxy forwarded. For the log line; reset with each request.
  std::string client_;
};

}  // namespace attache::http
