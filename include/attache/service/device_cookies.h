// Device cookies, after OWASP's "Slow down online guessing attacks with device cookies": each
// successful login gives the browser a cookie that names the account and is signed with a
// server key. A later login attempt to that account from a browser that shows a valid one comes
// from a known device: the limits by client address and by account (which an attacker could
// use to lock everybody out) do not apply to it, only a limit of its own (LoginThrottle).
// Thread-safety: const member functions may be called from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace attache::service {

class DeviceCookies {
 public:
  static constexpr size_t kKeySize = 32;

  // `key`: kKeySize secret bytes (store::LoadOrCreateKey); an empty key is replaced by a random
  // one, so cookies then hold until the process ends.
  explicit DeviceCookies(std::string key);

  // The cookie name's suffix for `username` ("device_" and 16 hex digits of a keyed hash), so
  // that several people who use one browser each keep their own, and the name says nothing
  // of whose it is.
  std::string NameFor(std::string_view username) const;

  // A new cookie value for `username`: "v1.", a random device id, ".", its signature.
  std::string Issue(std::string_view username) const;

  // The device id of `value` when it is a cookie this server issued for `username`; nothing for
  // any other value (forged, altered, another account's, another server's).
  std::optional<std::string> Verify(std::string_view username, std::string_view value) const;

 private:
  std::string Sign(std::string_view username, std::string_view device) const;

  std::string key_;
};

}  // namespace attache::service
