// Reading a request's body (session.h), once its header has been read and accepted: the
// 100 Continue a client may wait for, then the body piece by piece into a string or into a
// file in the upload folder, each read with a deadline that also enforces a minimum rate.
// A failure of the disk is told apart from one of the client (503, not 400).
#include "session.h"

#include <cerrno>

#include <boost/asio/write.hpp>

namespace attache::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;

}  // namespace

// A client that asked to be told to go on (curl does for larger bodies) is told so now that the
// body's size is known to be acceptable, unless it has already begun sending.
void Session::ReadBody(const BodyPolicy& body) {
  const auto& req = parser_->get();
  if (req.version() == 11 && buffer_.size() == 0 &&
      beast::iequals(req[bhttp::field::expect], "100-continue")) {
    static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    stream_.expires_after(shared_.options.read_timeout);
    return net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                            [self = shared_from_this(), body](beast::error_code ec, std::size_t) {
                              if (ec) return self->Close();
                              self->BeginBody(body);
                            });
  }
  BeginBody(body);
}

void Session::BeginBody(const BodyPolicy& body) {
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
void Session::ReadBodySome(Parser& parser) {
  const auto& o = shared_.options;
  Clock::time_point deadline = Clock::now() + o.read_timeout;
  if (o.min_body_rate > 0) {
    auto earned = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(static_cast<double>(body_received_) / o.min_body_rate));
    deadline = std::min(deadline, body_started_ + o.read_timeout + earned);
  }
  stream_.expires_at(deadline);
  // `parser` is one of this session's members, kept alive by `self`.
  bhttp::async_read_some(
      stream_, buffer_, parser,
      [self = shared_from_this(), &parser](beast::error_code ec, std::size_t bytes) {
        self->body_received_ += bytes;
        if (ec || parser.is_done()) return self->OnBody(ec);
        self->ReadBodySome(parser);
      });
}

// Switches to a parser whose body is a file in the upload folder, then reads into it.
void Session::ReadBodyToFile(size_t limit) {
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

void Session::OnBody(beast::error_code ec) {
  bool to_file = file_parser_.has_value();
  if (to_file) file_parser_->get().body().close();
  if (!ec) return Dispatch();
  RemoveBodyFile();
  if (to_file && IsStorageError(ec))
    return WriteProblem(503, "the server cannot store the upload now: " + ec.message());
  OnReadError(ec);
}

// Errors of the disk, not of the client: the upload is refused with 503, to be retried.
bool Session::IsStorageError(beast::error_code ec) {
  if (ec.category() != beast::system_category()) return false;
  int v = ec.value();
  return v == ENOSPC || v == EDQUOT || v == EIO || v == EFBIG || v == EROFS;
}

void Session::RemoveBodyFile() {
  if (body_file_.empty()) return;
  std::error_code ignored;
  std::filesystem::remove(body_file_, ignored);
  body_file_.clear();
}

}  // namespace attache::http
