// Passwords: the policy (8 to 128 characters, any characters, no composition rules, not one
// of the commonly used passwords) and argon2id hashing through libsodium's crypto_pwhash.
// Thread-safety: functions are pure; a loaded CommonPasswords is read-only and may be shared.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_set>

#include "attache/core/status.h"

namespace attache::service {

// Argon2id cost: 2 passes over 64 MiB, one lane — stronger than OWASP ASVS's floor
// (t=2, m=19 MiB, p=1). The parameters are stored in each hash string, so raising them later
// keeps old hashes verifiable.
inline constexpr unsigned long long kArgonOpsLimit = 2;
inline constexpr size_t kArgonMemLimit = 64u * 1024 * 1024;

inline constexpr size_t kPasswordMinChars = 8;
inline constexpr size_t kPasswordMaxChars = 128;

// The list of commonly used passwords, one per line, '#' starting a comment line. The build
// installs it from Debian's john-data package; see CMakeLists.txt.
class CommonPasswords {
 public:
  // InvalidArgument when the file cannot be read or holds no entries.
  static Status Load(const std::filesystem::path& file, CommonPasswords* out);
  // Compares without ASCII case: "PASSWORD1" is as common as "password1".
  bool Contains(std::string_view password) const;
  size_t size() const { return words_.size(); }

 private:
  std::unordered_set<std::string> words_;
};

// OK, or InvalidArgument with a Vietnamese / English message naming the rule broken: not valid
// UTF-8, fewer than 8 or more than 128 characters (code points), or a common password.
Status CheckPasswordPolicy(std::string_view password, const CommonPasswords& common);

// An argon2id hash string ("$argon2id$v=19$m=65536,t=2,p=1$salt$hash") with a random salt.
// Internal when libsodium cannot allocate the memory.
Status HashPassword(std::string_view password, std::string* hash);

// True when `password` matches `hash`. Runs the full argon2id computation even when `hash` is
// empty (unknown user), against a dummy hash of the same cost, so the time taken does not tell
// whether the user exists.
bool VerifyPassword(std::string_view hash, std::string_view password);

}  // namespace attache::service
