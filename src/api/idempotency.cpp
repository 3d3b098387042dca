#include "attache/api/idempotency.h"

#include <exception>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>

#include "attache/core/hash.h"
#include "attache/http/problem.h"
#include "attache/store/idempotency.h"

namespace attache::api {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

// SHA-256 of what makes two requests "the same": method, target, Content-Type and body bytes
// (from the file, for a body streamed to disk), each followed by a NUL so no field can run
// into the next.
Status RequestDigest(const Request& request, std::string* out) {
  Sha256 h;
  for (std::string_view part : {std::string_view(request.method), std::string_view(request.target),
                                request.headers.Get("Content-Type")}) {
    h.Update(part);
    h.Update(std::string_view("\0", 1));
  }
  if (!request.body_file.empty()) {
    std::ifstream in(request.body_file, std::ios::binary);
    char buffer[64 * 1024];
    while (in) {
      in.read(buffer, sizeof buffer);
      h.Update(std::string_view(buffer, static_cast<size_t>(in.gcount())));
    }
    if (in.bad()) return Status::Unavailable("cannot read the request body again");
  } else {
    h.Update(request.body);
  }
  *out = h.FinishHex();
  return Status::Ok();
}

Response KeyUsedForAnotherRequest() {
  const char* message =
      "Idempotency-Key này đã được dùng cho một yêu cầu khác / this Idempotency-Key was used for "
      "a different request";
  return http::Problem(422, message,
                       json::array({{{"field", IdempotencyKeys::kHeader}, {"message", message}}}));
}

Response StillInFlight() {
  Response r = http::Problem(
      409,
      "Yêu cầu với Idempotency-Key này đang được xử lý, xin thử lại sau / a request with this "
      "Idempotency-Key is still in progress; retry later");
  r.headers.Set("Retry-After", "1");
  return r;
}

Response Replay(const store::IdempotentAnswer& stored) {
  Response r;
  r.status = stored.status;
  for (const auto& field : json::parse(stored.response_headers))
    r.headers.Add(field.at(0).get<std::string>(), field.at(1).get<std::string>());
  r.headers.Set("Idempotent-Replayed", "true");
  r.body = stored.response_body;
  return r;
}

// The answer's header fields as stored: all but cookies, which are never replayed.
std::string StoredHeaders(const Response& response) {
  json fields = json::array();
  for (const auto& [name, value] : response.headers.fields())
    if (!http::EqualsIgnoreCase(name, "Set-Cookie")) fields.push_back({name, value});
  return fields.dump();
}

// Removes the in-flight mark of a request when its answer is settled.
class InFlightMark {
 public:
  InFlightMark(std::mutex& mu, std::map<std::pair<int64_t, std::string>, std::string>& marks,
               std::pair<int64_t, std::string> slot)
      : mu_(mu), marks_(marks), slot_(std::move(slot)) {}
  ~InFlightMark() {
    std::lock_guard lock(mu_);
    marks_.erase(slot_);
  }
  InFlightMark(const InFlightMark&) = delete;
  InFlightMark& operator=(const InFlightMark&) = delete;

 private:
  std::mutex& mu_;
  std::map<std::pair<int64_t, std::string>, std::string>& marks_;
  std::pair<int64_t, std::string> slot_;
};

}  // namespace

bool IdempotencyKeys::ValidKey(std::string_view key) {
  if (key.empty() || key.size() > 255) return false;
  for (char c : key)
    if (c < 0x21 || c > 0x7e) return false;
  return true;
}

Response IdempotencyKeys::Handle(Request& request, int64_t user_id,
                                 const std::function<Response()>& handler) {
  if (request.method != "POST" || !request.headers.Has(kHeader)) return handler();
  std::string key(request.headers.Get(kHeader));
  if (!ValidKey(key))
    return http::Problem(400,
                         "Idempotency-Key phải gồm 1 đến 255 ký tự ASCII nhìn thấy được / "
                         "Idempotency-Key must be 1 to 255 visible ASCII characters");
  std::string digest;
  if (Status s = RequestDigest(request, &digest); !s.ok()) return http::ProblemFromStatus(s);

  Slot slot{user_id, key};
  {
    std::lock_guard lock(mu_);
    if (auto it = in_flight_.find(slot); it != in_flight_.end())
      return it->second == digest ? StillInFlight() : KeyUsedForAnotherRequest();
    in_flight_.emplace(slot, digest);
  }
  InFlightMark mark(mu_, in_flight_, slot);

  std::optional<Response> answer;
  std::exception_ptr thrown;
  // One write: look up, run the handler (its writes nest here), keep its answer.
  Status committed = writer_.Run([&](store::Db& db) -> Status {
    const int64_t now = UnixSeconds(clock_.Now());
    const int64_t lifetime = std::chrono::seconds(kLifetime).count();
    if (now >= next_purge_) {
      store::PurgeIdempotentAnswers(db, now - lifetime);
      next_purge_ = now + std::chrono::seconds(kPurgeEvery).count();
    }
    if (auto stored = store::FindIdempotentAnswer(db, user_id, key, now - lifetime)) {
      answer = stored->request_sha256 == digest ? Replay(*stored) : KeyUsedForAnotherRequest();
      return Status::Ok();
    }
    try {
      answer = handler();
    } catch (...) {
      thrown = std::current_exception();
      return Status::Internal("the request failed");
    }
    if (answer->status >= 500) return Status::Unavailable("a failed request is not kept");
    store::SaveIdempotentAnswer(db, {user_id, key, request.method, request.target, digest,
                                     answer->status, StoredHeaders(*answer),
                                     std::string(answer->body_view()), now});
    return Status::Ok();
  });
  if (thrown) std::rethrow_exception(thrown);
  if (answer && answer->status >= 500) return *answer;
  if (!committed.ok() || !answer) return http::ProblemFromStatus(committed);
  return *answer;
}

}  // namespace attache::api
