#include "attache/store/accounts.h"

namespace attache::store {
namespace {

constexpr std::string_view kFindCredentials =
    "SELECT id, active, coalesce(password_hash, '') FROM users WHERE username = ?";
constexpr std::string_view kSetPassword = "UPDATE users SET password_hash = ? WHERE id = ?";
constexpr std::string_view kDisableUser = "UPDATE users SET active = 0 WHERE username = ? RETURNING id";
constexpr std::string_view kDeleteUserSessions = "DELETE FROM sessions WHERE user_id = ?";
constexpr std::string_view kInsertSession =
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, remote) "
    "VALUES (?, ?, ?, ?, ?, ?)";
constexpr std::string_view kFindSession =
    "SELECT s.user_id, s.csrf_token, s.created_at, s.last_seen_at, u.active "
    "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?";
constexpr std::string_view kTouchSession =
    "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?";
constexpr std::string_view kDeleteSession = "DELETE FROM sessions WHERE token_hash = ?";
constexpr std::string_view kDeleteExpired =
    "DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?";
constexpr std::string_view kInsertToken =
    "INSERT INTO api_tokens (token_hash, user_id, name, created_at) VALUES (?, ?, ?, ?)";
constexpr std::string_view kFindToken =
    "SELECT t.user_id FROM api_tokens t JOIN users u ON u.id = t.user_id "
    "WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.active = 1";
constexpr std::string_view kRevokeToken =
    "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL";
constexpr std::string_view kLogEvent =
    "INSERT INTO security_log (at, event, username, user_id, remote, outcome) "
    "VALUES (?, ?, ?, ?, ?, ?)";

}  // namespace

std::optional<Credentials> FindCredentials(Db& db, const std::string& username) {
  Stmt q = db.Prepare(kFindCredentials);
  q.Bind(1, username);
  if (!q.Step()) return std::nullopt;
  return Credentials{q.Int(0), q.Int(1) == 1, q.Text(2)};
}

Status SetPasswordHash(Db& db, int64_t user_id, const std::string& hash) {
  db.Prepare(kSetPassword).Bind(1, hash).Bind(2, user_id).Run();
  return db.Changes() ? Status::Ok() : Status::NotFound("no user " + std::to_string(user_id));
}

Status DisableUser(Db& db, const std::string& username, int64_t* user_id) {
  Txn txn(db);
  Stmt q = db.Prepare(kDisableUser);
  q.Bind(1, username);
  if (!q.Step()) return Status::NotFound("no user " + username);
  int64_t id = q.Int(0);
  q.Reset();
  db.Prepare(kDeleteUserSessions).Bind(1, id).Run();
  txn.Commit();
  if (user_id) *user_id = id;
  return Status::Ok();
}

void InsertSession(Db& db, const std::string& token_hash, int64_t user_id,
                   const std::string& csrf_token, int64_t now, const std::string& remote) {
  db.Prepare(kInsertSession)
      .Bind(1, token_hash).Bind(2, user_id).Bind(3, csrf_token).Bind(4, now).Bind(5, now)
      .Bind(6, remote)
      .Run();
}

std::optional<SessionRecord> FindSession(Db& db, const std::string& token_hash) {
  Stmt q = db.Prepare(kFindSession);
  q.Bind(1, token_hash);
  if (!q.Step()) return std::nullopt;
  return SessionRecord{q.Int(0), q.Text(1), q.Int(2), q.Int(3), q.Int(4) == 1};
}

void TouchSession(Db& db, const std::string& token_hash, int64_t now) {
  db.Prepare(kTouchSession).Bind(1, now).Bind(2, token_hash).Run();
}

void DeleteSession(Db& db, const std::string& token_hash) {
  db.Prepare(kDeleteSession).Bind(1, token_hash).Run();
}

int DeleteExpiredSessions(Db& db, int64_t idle_before, int64_t created_before) {
  db.Prepare(kDeleteExpired).Bind(1, idle_before).Bind(2, created_before).Run();
  return db.Changes();
}

int64_t InsertApiToken(Db& db, const std::string& token_hash, int64_t user_id,
                       const std::string& name, const std::string& at) {
  db.Prepare(kInsertToken).Bind(1, token_hash).Bind(2, user_id).Bind(3, name).Bind(4, at).Run();
  return db.LastInsertRowid();
}

std::optional<int64_t> FindApiTokenUser(Db& db, const std::string& token_hash) {
  Stmt q = db.Prepare(kFindToken);
  q.Bind(1, token_hash);
  if (!q.Step()) return std::nullopt;
  return q.Int(0);
}

Status RevokeApiToken(Db& db, int64_t id, const std::string& at) {
  db.Prepare(kRevokeToken).Bind(1, at).Bind(2, id).Run();
  return db.Changes() ? Status::Ok() : Status::NotFound("no live token " + std::to_string(id));
}

void LogSecurityEvent(Db& db, const std::string& at, const std::string& event,
                      const std::string& username, std::optional<int64_t> user_id,
                      const std::string& remote, const std::string& outcome) {
  Stmt q = db.Prepare(kLogEvent);
  q.Bind(1, at).Bind(2, event).Bind(3, username.substr(0, 200));
  if (user_id) q.Bind(4, *user_id); else q.BindNull(4);
  q.Bind(5, remote).Bind(6, outcome);
  q.Run();
}

}  // namespace attache::store
