#include "attache/store/idempotency.h"

namespace attache::store {
namespace {

constexpr const char* kFind =
    "SELECT method, path, request_sha256, status, response_headers, response_body, created_at "
    "FROM idempotency_keys WHERE user_id = ? AND key = ? AND created_at >= ?";

constexpr const char* kSave =
    "INSERT INTO idempotency_keys (user_id, key, method, path, request_sha256, status, "
    "response_headers, response_body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (user_id, key) DO UPDATE SET method = excluded.method, path = excluded.path, "
    "request_sha256 = excluded.request_sha256, status = excluded.status, "
    "response_headers = excluded.response_headers, response_body = excluded.response_body, "
    "created_at = excluded.created_at";

constexpr const char* kPurge = "DELETE FROM idempotency_keys WHERE created_at < ?";

}  // namespace

std::optional<IdempotentAnswer> FindIdempotentAnswer(Db& db, int64_t user_id, std::string_view key,
                                                     int64_t not_before) {
  Stmt q = db.Prepare(kFind);
  q.Bind(1, user_id).Bind(2, key).Bind(3, not_before);
  if (!q.Step()) return std::nullopt;
  IdempotentAnswer a;
  a.user_id = user_id;
  a.key = std::string(key);
  a.method = q.Text(0);
  a.path = q.Text(1);
  a.request_sha256 = q.Text(2);
  a.status = static_cast<int>(q.Int(3));
  a.response_headers = q.Text(4);
  a.response_body = q.Text(5);
  a.created_at = q.Int(6);
  return a;
}

void SaveIdempotentAnswer(Db& db, const IdempotentAnswer& a) {
  Stmt q = db.Prepare(kSave);
  q.Bind(1, a.user_id).Bind(2, a.key).Bind(3, a.method).Bind(4, a.path);
  q.Bind(5, a.request_sha256).Bind(6, a.status).Bind(7, a.response_headers);
  q.Bind(8, a.response_body).Bind(9, a.created_at);
  q.Run();
}

int PurgeIdempotentAnswers(Db& db, int64_t before) {
  Stmt q = db.Prepare(kPurge);
  q.Bind(1, before);
  q.Run();
  return db.Changes();
}

}  // namespace attache::store
