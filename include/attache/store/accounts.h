// Credentials, sessions, API tokens and the security log: the SQL behind service/accounts.
// Thread-safety: functions use the connection they are given, from one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "attache/core/status.h"
#include "attache/store/db.h"

namespace attache::store {

struct Credentials {
  int64_t user_id = 0;
  bool active = false;
  std::string password_hash;  // empty: no password set
};

// The login data of `username` (case-insensitive), or nullopt when there is no such user.
std::optional<Credentials> FindCredentials(Db& db, const std::string& username);

// NotFound when there is no such user.
Status SetPasswordHash(Db& db, int64_t user_id, const std::string& hash);

// Marks the user inactive and deletes their sessions. NotFound when there is no such user.
Status DisableUser(Db& db, const std::string& username, int64_t* user_id = nullptr);

struct SessionRecord {
  int64_t user_id = 0;
  std::string csrf_token;
  int64_t created_at = 0;    // unix seconds
  int64_t last_seen_at = 0;  // unix seconds
  bool user_active = false;
};

void InsertSession(Db& db, const std::string& token_hash, int64_t user_id,
                   const std::string& csrf_token, int64_t now, const std::string& remote);
std::optional<SessionRecord> FindSession(Db& db, const std::string& token_hash);
void TouchSession(Db& db, const std::string& token_hash, int64_t now);
void DeleteSession(Db& db, const std::string& token_hash);
// Deletes sessions idle since before `idle_before` or created before `created_before`.
int DeleteExpiredSessions(Db& db, int64_t idle_before, int64_t created_before);

// Stores a new API token's hash; returns its id.
int64_t InsertApiToken(Db& db, const std::string& token_hash, int64_t user_id,
                       const std::string& name, const std::string& at);
// The user of a live (not revoked) token whose user is active, or nullopt.
std::optional<int64_t> FindApiTokenUser(Db& db, const std::string& token_hash);
// NotFound when there is no such live token.
Status RevokeApiToken(Db& db, int64_t id, const std::string& at);

void LogSecurityEvent(Db& db, const std::string& at, const std::string& event,
                      const std::string& username, std::optional<int64_t> user_id,
                      const std::string& remote, const std::string& outcome);

}  // namespace attache::store
