// Fuzz target: raw bytes as a client sends them on one connection, through Beast's request
// parser with the server's limits and framing checks, into the real route table (every handler,
// JSON bodies, multipart uploads, static files). Up to kMaxRequests pipelined requests per input.
//
// Mirrors Session::OnHeader/OnBody/Dispatch of src/http/session.cpp and session_body.cpp: header limit 16 KiB, the
// body limit of the route, uploads streamed to a file, src/http/beast_request.h to make the
// Request. Properties checked on every answer, beyond "no crash, no sanitizer report":
//  - no exception leaves the router (the server would answer 500 and log it);
//  - the status is one of ours (200..599) and never 500 (an internal error);
//  - no header name or value holds CR, LF or NUL (hardening.h: the server would refuse it);
//  - a JSON or problem+json answer is valid JSON; a problem's "status" is the answer's status;
//  - a multipart body reads the same whether the parser gets it whole or in small pieces.
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "attache/http/hardening.h"
#include "attache/http/multipart.h"
#include "beast_request.h"
#include "request_world.h"

namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using attache::Status;
using attache::http::Request;
using attache::http::Response;

constexpr uint32_t kHeaderLimit = 16 * 1024;  // ServerOptions::header_limit
constexpr int kMaxRequests = 4;

[[noreturn]] void Fail(const std::string& why, const Request& request, const Response* response) {
  std::fprintf(stderr, "fuzz_request: %s\n  request: %s %s\n", why.c_str(),
               request.method.c_str(), request.target.c_str());
  if (response)
    std::fprintf(stderr, "  answer: %d %.*s\n", response->status,
                 static_cast<int>(std::min<size_t>(response->body_view().size(), 2000)),
                 response->body_view().data());
  std::abort();
}

// Feeds `rest` to the parser until it has the header (or the whole message); false when the
// parser refuses the bytes or they end first (the server would answer 4xx, or wait and time
// out: either way the connection ends).
template <class Parser>
bool Put(Parser& parser, std::string_view& rest, bool header_only) {
  while (!(header_only ? parser.is_header_done() : parser.is_done())) {
    if (rest.empty()) return false;
    beast::error_code ec;
    size_t used = parser.put(net::buffer(rest.data(), rest.size()), ec);
    rest.remove_prefix(used);
    if (ec == bhttp::error::need_more && used > 0) continue;
    if (ec) return false;
  }
  return true;
}

// The events of a multipart parse, as one text, and how it ended.
std::string MultipartEvents(const std::string& boundary, std::string_view body, size_t piece) {
  std::string events;
  attache::http::MultipartParser parser(
      boundary,
      {[&](const attache::http::PartHeaders& h) {
         events += "\npart " + h.name + "|" + h.filename + "|" +
                   (h.has_filename ? "1" : "0") + "|" + h.content_type + "\n";
         return Status::Ok();
       },
       [&](std::string_view data) {
         events.append(data);
         return Status::Ok();
       }});
  for (size_t at = 0; at < body.size(); at += piece) {
    Status s = parser.Feed(body.substr(at, piece));
    if (!s.ok()) return events + "\nerror " + s.message();
  }
  Status s = parser.Finish();
  return events + "\nend " + (s.ok() ? std::string("ok") : s.message());
}

void CheckMultipart(const Request& request) {
  std::string boundary;
  if (!attache::http::MultipartBoundary(request.headers.Get("Content-Type"), &boundary).ok())
    return;
  std::string whole = MultipartEvents(boundary, request.body, request.body.size() + 1);
  std::string pieces = MultipartEvents(boundary, request.body, 7);
  if (whole != pieces)
    Fail("multipart parse depends on how the body is split:\n" + whole + "\n---\n" + pieces,
         request, nullptr);
}

void CheckAnswer(const Request& request, const Response& response) {
  if (response.status < 200 || response.status > 599 || response.status == 500)
    Fail("unexpected status", request, &response);
  for (const auto& [name, value] : response.headers.fields())
    if (!attache::http::SafeHeaderText(name) || !attache::http::SafeHeaderText(value))
      Fail("unsafe header " + name, request, &response);
  std::string_view type = response.headers.Get("Content-Type");
  bool problem = type.starts_with("application/problem+json");
  if (!problem && !type.starts_with("application/json")) return;
  auto body = nlohmann::json::parse(response.body_view(), nullptr, false);
  if (body.is_discarded()) Fail("invalid JSON answer", request, &response);
  if (problem && (!body.is_object() || body.value("status", 0) != response.status))
    Fail("problem status differs from the answer's", request, &response);
}

// One request from the front of `rest`; false when the connection would end after it.
bool OneRequest(std::string_view& rest, int index) {
  const attache::http::Router& router = attache::fuzz::Router();
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(kHeaderLimit);
  parser.body_limit(boost::none);  // the route's limit is set once the header names the route
  if (!Put(parser, rest, true)) return false;
  const auto& header = parser.get();
  attache::http::Framing framing = attache::http::FramingOf(header);
  if (attache::http::FramingProblem(framing) || attache::http::HostProblem(framing))
    return false;  // 400
  std::string_view target = header.target();
  auto policy = router.BodyFor(header.method_string(), target.substr(0, target.find('?')));
  if (auto length = parser.content_length(); length && *length > policy.limit) return false;

  Request request;
  bool keep_alive = false;
  if (policy.to_file && !parser.is_done()) {
    bhttp::request_parser<bhttp::file_body> file_parser(std::move(parser));
    file_parser.body_limit(policy.limit);
    std::filesystem::path file = attache::fuzz::UploadDir() + "/upload-" + std::to_string(index);
    beast::error_code ec;
    file_parser.get().body().open(file.c_str(), beast::file_mode::write, ec);
    if (ec) Fail("cannot open the upload file: " + ec.message(), request, nullptr);
    bool complete = Put(file_parser, rest, false);
    file_parser.get().body().close();
    if (complete) {
      request = attache::http::ToRequest(file_parser.get(), file);
      keep_alive = file_parser.get().keep_alive();
    }
    if (!complete) {
      std::filesystem::remove(file);
      return false;
    }
  } else {
    parser.body_limit(policy.limit);
    if (!Put(parser, rest, false)) return false;
    keep_alive = parser.get().keep_alive();
    request = attache::http::ToRequest(parser.get(), {});
    CheckMultipart(request);
  }
  request.remote = "127.0.0.1";  // loopback, as a local client: /metrics answers too
  request.request_id = "fuzz-" + std::to_string(index);
  const std::filesystem::path body_file = request.body_file;
  Response response = router.Handle(request);  // an exception here is a finding
  if (std::getenv("ATTACHE_FUZZ_VERBOSE"))  // for replaying an input by hand
    std::fprintf(stderr, "%s %s -> %d %.*s\n", request.method.c_str(), request.target.c_str(),
                 response.status, static_cast<int>(std::min<size_t>(response.body_view().size(), 300)),
                 response.body_view().data());
  std::error_code ignored;
  if (!body_file.empty()) std::filesystem::remove(body_file, ignored);
  CheckAnswer(request, response);
  return keep_alive && !response.close;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  attache::fuzz::Router();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  for (int i = 0; i < kMaxRequests && !rest.empty(); ++i)
    if (!OneRequest(rest, i)) break;
  attache::fuzz::KeepCallersUsable();
  return 0;
}
