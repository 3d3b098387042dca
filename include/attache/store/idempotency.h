// The stored answers of requests that carried an Idempotency-Key: the repository over
// `idempotency_keys` (schema/migrations/0007_idempotency.sql). How keys are used is
// api/idempotency.h's business; this file only reads and writes rows.
// Thread-safety: functions use the connection they are given, from one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "attache/store/db.h"

namespace attache::store {

struct IdempotentAnswer {
  int64_t user_id = 0;
  std::string key;
  std::string method;
  std::string path;
  std::string request_sha256;
  int status = 0;
  std::string response_headers;  // JSON array of [name, value]
  std::string response_body;
  int64_t created_at = 0;  // unix seconds
};

// The answer stored for (user, key) at or after `not_before` (unix seconds), or nothing: an
// older row is expired and counts as absent.
std::optional<IdempotentAnswer> FindIdempotentAnswer(Db& db, int64_t user_id, std::string_view key,
                                                     int64_t not_before);

// Stores the answer, replacing an expired row of the same (user, key).
void SaveIdempotentAnswer(Db& db, const IdempotentAnswer& answer);

// Deletes the rows created before `before` (unix seconds); returns how many.
int PurgeIdempotentAnswers(Db& db, int64_t before);

}  // namespace attache::store
