#include "attache/service/accounts.h"

#include <sodium.h>

#include <algorithm>

#include "attache/core/hash.h"
#include "attache/core/rfc3339.h"
#include "attache/store/accounts.h"
#include "attache/store/units.h"

namespace attache::service {
namespace {

constexpr int64_t kTouchEverySeconds = 60;
constexpr size_t kMaxTokenLength = 128;

std::string Lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

}  // namespace

std::string NewToken() {
  EnsureSodium();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string TokenHash(std::string_view token) {
  return Sha256Hex(token);
}

Accounts::Accounts(store::Database& database, store::Writer& writer, const Clock& clock,
                   SessionPolicy policy)
    : database_(database),
      writer_(writer),
      clock_(clock),
      policy_(policy),
      devices_(std::move(policy.device_key)) {
  policy_.device_key.clear();  // kept by devices_ alone
  Status s =
      CommonPasswords::Load(ATTACHE_COMMON_PASSWORDS_FILE, ATTACHE_CRACKLIB_DICTIONARY, &common_);
  if (!s.ok()) throw std::runtime_error(s.message());
}

std::string Accounts::Now() const {
  return FormatRfc3339(clock_.Now());
}

void Accounts::Log(const std::string& event, const std::string& username,
                   std::optional<int64_t> user, const std::string& remote,
                   const std::string& outcome) {
  std::string at = Now();
  writer_.Submit(
      [=](store::Db& db) {
        store::LogSecurityEvent(db, at, event, username, user, remote, outcome);
        return Status::Ok();
      },
      [](Status) {});
}

std::string Accounts::DeviceCookieName(const std::string& username) const {
  return devices_.NameFor(Lower(username.substr(0, 64)));
}

LoginResult Accounts::Login(const std::string& username, const std::string& password,
                            const std::string& remote, std::string_view device_cookie) {
  LoginResult result;
  const std::string account = Lower(username.substr(0, 64));
  const std::string device = devices_.Verify(account, device_cookie).value_or("");
  const LoginThrottle::Attempt attempt{account, remote, device};
  auto now = clock_.Now();
  if (auto wait = throttle_.WaitBeforeAttempt(attempt, now); wait.count() > 0) {
    Log("login", username, std::nullopt, remote, "throttled");
    result.outcome = LoginResult::Outcome::kThrottled;
    result.retry_after = wait;
    return result;
  }
  std::optional<store::Credentials> cred;
  {
    auto db = database_.Read();
    cred = store::FindCredentials(*db, username);
  }
  // Always verify, against a dummy hash when there is no user, so timing says nothing.
  bool match = VerifyPassword(cred ? cred->password_hash : std::string(), password);
  if (!match || !cred->active) {
    throttle_.RecordFailure(attempt, now);
    Log("login", username, cred ? std::optional(cred->user_id) : std::nullopt, remote,
        !match ? "bad_credentials" : "disabled");
    return result;
  }
  result.session_token = NewToken();
  result.csrf_token = NewToken();
  std::string hash = TokenHash(result.session_token);
  int64_t user_id = cred->user_id;
  std::string csrf = result.csrf_token;
  int64_t t = UnixSeconds(now);
  std::string at = FormatRfc3339(now);
  Status s = writer_.Run([&](store::Db& db) {
    store::InsertSession(db, hash, user_id, csrf, t, remote);
    store::LogSecurityEvent(db, at, "login", username, user_id, remote, "success");
    return Status::Ok();
  });
  if (!s.ok()) {
    result.outcome = LoginResult::Outcome::kBadCredentials;
    result.session_token.clear();
    return result;
  }
  throttle_.RecordSuccess(attempt);
  result.device_cookie = devices_.Issue(account);
  auto db = database_.Read();
  result.user = *store::FindUser(*db, user_id);
  result.outcome = LoginResult::Outcome::kOk;
  return result;
}

Status Accounts::AuthenticateSession(std::string_view token, Principal* out) {
  if (token.empty() || token.size() > kMaxTokenLength) return Status::NotFound("no session");
  std::string hash = TokenHash(token);
  std::optional<store::SessionRecord> session;
  std::optional<store::User> user;
  {
    auto db = database_.Read();
    session = store::FindSession(*db, hash);
    if (session) user = store::FindUser(*db, session->user_id);
  }
  if (!session || !user || !session->user_active) return Status::NotFound("no session");
  int64_t now = UnixSeconds(clock_.Now());
  if (now - session->last_seen_at >= policy_.idle.count() ||
      now - session->created_at >= policy_.absolute.count()) {
    writer_.Submit(
        [hash](store::Db& db) {
          store::DeleteSession(db, hash);
          return Status::Ok();
        },
        [](Status) {});
    return Status::NotFound("session expired");
  }
  // Refresh at most once a minute (or a quarter of the idle time, when that is shorter).
  if (now - session->last_seen_at >=
      std::min<int64_t>(kTouchEverySeconds, policy_.idle.count() / 4))
    writer_.Run([&](store::Db& db) {
      store::TouchSession(db, hash, now);
      return Status::Ok();
    });
  out->user = std::move(*user);
  out->via = Principal::Via::kSession;
  out->csrf_token = session->csrf_token;
  out->session_hash = hash;
  return Status::Ok();
}

Status Accounts::AuthenticateBearer(std::string_view token, Principal* out) {
  if (token.empty() || token.size() > kMaxTokenLength) return Status::NotFound("no token");
  auto db = database_.Read();
  auto user_id = store::FindApiTokenUser(*db, TokenHash(token));
  if (!user_id) return Status::NotFound("no token");
  auto user = store::FindUser(*db, *user_id);
  if (!user || !user->active) return Status::NotFound("no token");
  out->user = std::move(*user);
  out->via = Principal::Via::kBearer;
  out->csrf_token.clear();
  out->session_hash.clear();
  return Status::Ok();
}

Status Accounts::Logout(const Principal& principal, const std::string& remote) {
  if (principal.via != Principal::Via::kSession) return Status::Ok();
  std::string hash = principal.session_hash;
  std::string at = Now();
  return writer_.Run([&](store::Db& db) {
    store::DeleteSession(db, hash);
    store::LogSecurityEvent(db, at, "logout", principal.user.username, principal.user.id, remote,
                            "success");
    return Status::Ok();
  });
}

Status Accounts::CreateApiToken(const std::string& username, const std::string& name,
                                std::string* token, int64_t* id) {
  std::string t = NewToken();
  std::string hash = TokenHash(t);
  std::string at = Now();
  Status s = writer_.Run([&](store::Db& db) {
    auto user = store::FindUserByName(db, username);
    if (!user) return Status::NotFound("no user " + username);
    if (!user->active) return Status::InvalidArgument("user " + username + " is disabled");
    *id = store::InsertApiToken(db, hash, user->id, name, at);
    store::LogSecurityEvent(db, at, "token_created", username, user->id, "", "success");
    return Status::Ok();
  });
  if (s.ok()) *token = t;
  return s;
}

Status Accounts::CheckPassword(std::string_view password, const std::string& username,
                               const std::string& display_name) const {
  PasswordOwner owner{username, display_name, {}};
  {
    auto db = database_.Read();
    for (const store::Unit& u : store::ListUnits(*db))
      if (!u.parent_id) owner.ministry_names.insert(owner.ministry_names.end(), {u.name_vi, u.name_en, u.code});
  }
  return CheckPasswordPolicy(password, common_, owner);
}

Status Accounts::SetPassword(int64_t user_id, const std::string& password) {
  std::optional<store::User> user;
  {
    auto db = database_.Read();
    user = store::FindUser(*db, user_id);
  }
  if (!user) return Status::NotFound("no user " + std::to_string(user_id));
  if (Status s = CheckPassword(password, user->username, user->display_name); !s.ok()) return s;
  std::string hash;
  if (Status s = HashPassword(password, &hash); !s.ok()) return s;
  return writer_.Run([&](store::Db& db) { return store::SetPasswordHash(db, user_id, hash); });
}

Status Accounts::DisableUser(const std::string& username) {
  std::string at = Now();
  return writer_.Run([&](store::Db& db) {
    int64_t id = 0;
    if (Status s = store::DisableUser(db, username, &id); !s.ok()) return s;
    store::LogSecurityEvent(db, at, "user_disabled", username, id, "", "success");
    return Status::Ok();
  });
}

}  // namespace attache::service
