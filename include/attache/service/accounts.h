// Logging in and out, sessions and API tokens: who is making a request.
// Session tokens and API tokens are 256 random bits from libsodium, sent base64url-encoded and
// stored only as SHA-256 hashes. A session ends after `idle` without requests or `absolute`
// after login, at logout, and when its user is disabled. Every login attempt is written to the
// security log.
// Thread-safety: all member functions may be called from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "attache/core/clock.h"
#include "attache/core/status.h"
#include "attache/service/device_cookies.h"
#include "attache/service/login_throttle.h"
#include "attache/service/passwords.h"
#include "attache/store/database.h"
#include "attache/store/users.h"
#include "attache/store/writer.h"

namespace attache::service {

struct SessionPolicy {
  std::chrono::seconds idle{30 * 60};
  std::chrono::seconds absolute{12 * 60 * 60};
  // The key that signs device cookies (device_cookies.h; store::LoadOrCreateKey keeps it in the
  // data folder). Empty: a random key, so known devices are forgotten at restart.
  std::string device_key{};
};

// Who is making a request, and how they proved it.
struct Principal {
  store::User user;
  enum class Via { kSession, kBearer } via = Via::kSession;
  std::string csrf_token;    // sessions only
  std::string session_hash;  // sessions only
};

struct LoginResult {
  enum class Outcome { kOk, kBadCredentials, kThrottled } outcome = Outcome::kBadCredentials;
  std::chrono::seconds retry_after{0};  // kThrottled
  std::string session_token;            // kOk: goes into the cookie, never stored
  std::string csrf_token;               // kOk
  std::string device_cookie;            // kOk: a new device cookie for this browser
  store::User user;                     // kOk
};

// A random 256-bit token, base64url without padding (43 characters).
std::string NewToken();
// SHA-256 hex of a token as presented: what the database keeps.
std::string TokenHash(std::string_view token);

class Accounts {
 public:
  Accounts(store::Database& database, store::Writer& writer, const Clock& clock,
           SessionPolicy policy);

  // Checks the password (always paying the argon2id cost, known user or not) and opens a
  // session. Unknown user, wrong password and disabled user all answer kBadCredentials.
  // `device_cookie` is the value of the browser's cookie named DeviceCookieName(username), if
  // any: a valid one makes the attempt a known device's (login_throttle.h).
  LoginResult Login(const std::string& username, const std::string& password,
                    const std::string& remote, std::string_view device_cookie = {});
  // The name (without prefix) of the device cookie for `username`.
  std::string DeviceCookieName(const std::string& username) const;

  // The principal of a session token: NotFound (→ 401) when unknown, expired, or its user is
  // disabled. Refreshes the session's last-seen time at most once a minute.
  Status AuthenticateSession(std::string_view token, Principal* out);
  // The principal of an API token: NotFound when unknown, revoked, or its user is disabled.
  Status AuthenticateBearer(std::string_view token, Principal* out);

  // Ends the session at once on the server.
  Status Logout(const Principal& principal, const std::string& remote);

  // Creates an API token for `username` and returns it (shown once, stored as a hash).
  Status CreateApiToken(const std::string& username, const std::string& name, std::string* token,
                        int64_t* id);

  // Checks `password` against the policy (passwords.h) for a user of this username and display
  // name, and the ministry's names (the top-level units'). InvalidArgument names the rule
  // broken.
  Status CheckPassword(std::string_view password, const std::string& username,
                       const std::string& display_name) const;
  // Sets a user's password after checking the policy for them. InvalidArgument names the rule
  // broken; NotFound for no such user.
  Status SetPassword(int64_t user_id, const std::string& password);
  // Disables the user and ends their sessions at once.
  Status DisableUser(const std::string& username);

  const SessionPolicy& policy() const { return policy_; }
  const CommonPasswords& common_passwords() const { return common_; }

 private:
  std::string Now() const;
  void Log(const std::string& event, const std::string& username, std::optional<int64_t> user,
           const std::string& remote, const std::string& outcome);

  store::Database& database_;
  store::Writer& writer_;
  const Clock& clock_;
  SessionPolicy policy_;  // device_key emptied: the key is devices_'
  const DeviceCookies devices_;
  CommonPasswords common_;
  LoginThrottle throttle_;
};

}  // namespace attache::service
