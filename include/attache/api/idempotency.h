// Idempotency-Key on POST (API.md "Any POST may carry Idempotency-Key"): the same key with the
// same request replays the first answer with no second effect; with another request it is 422.
//
// How the answer and the effect become one transaction. A POST that carries a key runs its
// whole handler as ONE write of the single writer (store::Writer), inside the savepoint the
// writer gives each write: Handle looks the key up on the write connection, calls the handler,
// and stores the handler's answer in that same savepoint before the writer releases it. While
// the handler runs on the writer thread, its own `writer.Run` calls run at once as nested
// savepoints of this write, and its reads (`Database::Read`) get the write connection, so the
// answer it shapes sees its own changes. So the effect and the stored answer commit together or
// not at all, and the client hears the answer only once that commit is durable (a failed commit
// is a 503 and leaves the key unused). Handlers know nothing of keys: the route table wraps
// every authenticated handler (src/api/routes.cpp), and Handle passes through requests that are
// not POST or carry no key.
//
// - Same key, same request (method, target with query, Content-Type and body bytes): the stored
//   status, headers and body with `Idempotent-Replayed: true`; the handler does not run.
// - Same key, another request (body, path or method): 422.
// - Same key while a request with it is still running: 409 with Retry-After (422 if the
//   request differs). That marker is kept in memory only: a request in flight cannot outlive the
//   process, so a crash never leaves a key stuck "in flight".
// - Every answer below 500 is kept, refusals (403, 409, 422) included. A 5xx answer rolls the
//   request's writes back and keeps nothing, so a retry runs the request again.
// - Keys are per user (one user cannot replay another's answer) and are 1 to 255 visible ASCII
//   characters (0x21–0x7E); any other value is 400. Answers older than 24 hours are ignored
//   and purged, at most every 10 minutes, by a keyed request.
// The cost: a keyed request holds the writer while its handler runs, so other writes wait for
// it (noticeably for uploads, whose type is checked, and user creation, which hashes a
// password). Requests without a key are served exactly as before.
// Thread-safety: Handle may be called from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "attache/core/clock.h"
#include "attache/http/message.h"
#include "attache/store/writer.h"

namespace attache::api {

class IdempotencyKeys {
 public:
  static constexpr const char* kHeader = "Idempotency-Key";
  static constexpr std::chrono::hours kLifetime{24};
  static constexpr std::chrono::minutes kPurgeEvery{10};

  IdempotencyKeys(store::Writer& writer, const Clock& clock) : writer_(writer), clock_(clock) {}

  // Answers `request` of user `user_id` with `handler`, under the rules above. What the handler
  // throws is rethrown (after its writes are rolled back).
  http::Response Handle(http::Request& request, int64_t user_id,
                        const std::function<http::Response()>& handler);

  // True for 1 to 255 characters, each visible ASCII (0x21–0x7E).
  static bool ValidKey(std::string_view key);

 private:
  using Slot = std::pair<int64_t, std::string>;  // (user, key)

  store::Writer& writer_;
  const Clock& clock_;
  std::mutex mu_;
  std::map<Slot, std::string> in_flight_;  // → SHA-256 of the request being answered
  int64_t next_purge_ = 0;                 // unix seconds; used on the writer thread only
};

}  // namespace attache::api
