// Passwords: the policy and argon2id hashing through libsodium's crypto_pwhash.
// The policy (OWASP ASVS 2.1): 8 to 128 characters, any characters, no composition rules; not
// a commonly used password, not guessable by cracklib, not the user's own name nor the
// ministry's:
//  - the ~3,500 passwords of Debian's john-data list, compared without ASCII case;
//  - cracklib (Debian's libcrack2 with cracklib-runtime's dictionary): a dictionary word with
//    the usual mangling (password123, qwerty123, admin123, Sunshine1), too few different
//    characters (aaaaaaaa), runs such as abcd or 1234, the user's own username. Its verdicts
//    "too short" (our length rule counts characters where cracklib counts bytes, and ours is
//    longer) and "looks like a National Insurance number" (a British identity-number pattern,
//    a rule of composition rather than of guessability) are not ours and are ignored;
//  - the username, the display name and the ministry's name (its top-level units' names and
//    codes), compared by their letters alone, folded (lower case, no diacritics, đ as d): a
//    password whose letters are only words of those names, in any order and number, with any
//    digits or punctuation around them (Nguyenthilan2026, LAN@2026, bo noi vu) is refused.
// Long passphrases of common words ("mua thu ha noi rat dep") pass: no rule counts character
// classes, and cracklib judges them by the dictionary, which they are not in.
// Thread-safety: functions are pure or lock what is not; a loaded CommonPasswords is read-only
// and may be shared. cracklib's FascistCheck is not thread-safe: every call holds one mutex.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "attache/core/status.h"

namespace attache::service {

// Argon2id cost: 2 passes over 64 MiB, one lane — stronger than OWASP ASVS's floor
// (t=2, m=19 MiB, p=1). The parameters are stored in each hash string, so raising them later
// keeps old hashes verifiable.
inline constexpr unsigned long long kArgonOpsLimit = 2;
inline constexpr size_t kArgonMemLimit = 64u * 1024 * 1024;

inline constexpr size_t kPasswordMinChars = 8;
inline constexpr size_t kPasswordMaxChars = 128;

// Whose password it is: it may not be their own name, nor the ministry's.
struct PasswordOwner {
  std::string username;
  std::string display_name;
  std::vector<std::string> ministry_names;  // Vietnamese and English names, codes
};

// What the policy compares passwords with: the list of commonly used passwords (one per line,
// '#' starting a comment line; the build installs it from Debian's john-data package) and
// cracklib's dictionary (cracklib-runtime's, named by its path without the .pwd/.pwi/.hwm
// suffixes). See CMakeLists.txt.
class CommonPasswords {
 public:
  // InvalidArgument when the list cannot be read or holds no entries, or the dictionary cannot
  // be opened.
  static Status Load(const std::filesystem::path& list, const std::filesystem::path& dictionary,
                     CommonPasswords* out);
  // Compares without ASCII case: "PASSWORD1" is as common as "password1".
  bool Contains(std::string_view password) const;
  size_t size() const { return words_.size(); }
  const std::string& dictionary() const { return dictionary_; }

 private:
  std::unordered_set<std::string> words_;
  std::string dictionary_;
};

// OK, or InvalidArgument with a Vietnamese / English message naming the rule broken: not valid
// UTF-8, fewer than 8 or more than 128 characters (code points), a common password, one
// cracklib refuses, or the owner's or the ministry's name. Internal when cracklib cannot read
// its dictionary (the password is then not accepted).
Status CheckPasswordPolicy(std::string_view password, const CommonPasswords& common,
                           const PasswordOwner& owner);

// An argon2id hash string ("$argon2id$v=19$m=65536,t=2,p=1$salt$hash") with a random salt.
// Internal when libsodium cannot allocate the memory.
Status HashPassword(std::string_view password, std::string* hash);

// True when `password` matches `hash`. Runs the full argon2id computation even when `hash` is
// empty (unknown user), against a dummy hash of the same cost, so the time taken does not tell
// whether the user exists.
bool VerifyPassword(std::string_view hash, std::string_view password);

}  // namespace attache::service
