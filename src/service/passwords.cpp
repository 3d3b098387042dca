#include "attache/service/passwords.h"

#include <sodium.h>

#include <fstream>

#include "attache/core/hash.h"

namespace attache::service {
namespace {

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Counts code points; returns false for malformed UTF-8 (overlongs, surrogates, > U+10FFFF).
bool CountUtf8(std::string_view s, size_t* count) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80           ? 1
                 : (c >> 5) == 0x6  ? 2
                 : (c >> 4) == 0xe  ? 3
                 : (c >> 3) == 0x1e ? 4
                                    : 0;
    if (len == 0 || i + len > s.size()) return false;
    uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1f) : len == 3 ? (c & 0x0f) : (c & 0x07);
    for (size_t k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += len;
    ++n;
  }
  *count = n;
  return true;
}

const std::string& DummyHash() {
  static const std::string dummy = [] {
    std::string h;
    HashPassword("attache-dummy-password-for-unknown-users", &h);
    return h;
  }();
  return dummy;
}

}  // namespace

Status CommonPasswords::Load(const std::filesystem::path& file, CommonPasswords* out) {
  std::ifstream in(file);
  if (!in) return Status::InvalidArgument("cannot read the common-password list " + file.string());
  out->words_.clear();
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    out->words_.insert(AsciiLower(line));
  }
  if (out->words_.empty())
    return Status::InvalidArgument("the common-password list " + file.string() + " is empty");
  return Status::Ok();
}

bool CommonPasswords::Contains(std::string_view password) const {
  return words_.count(AsciiLower(password)) > 0;
}

Status CheckPasswordPolicy(std::string_view password, const CommonPasswords& common) {
  size_t chars = 0;
  if (!CountUtf8(password, &chars))
    return Status::InvalidArgument(
        "Mật khẩu không phải văn bản UTF-8 hợp lệ / the password is not valid UTF-8");
  if (chars < kPasswordMinChars)
    return Status::InvalidArgument(
        "Mật khẩu phải có ít nhất 8 ký tự / the password must have at least 8 characters");
  if (chars > kPasswordMaxChars)
    return Status::InvalidArgument(
        "Mật khẩu không được dài quá 128 ký tự / the password must have at most 128 characters");
  if (common.Contains(password))
    return Status::InvalidArgument(
        "Mật khẩu này quá phổ biến, hãy chọn mật khẩu khác / this password is too common: choose "
        "another");
  return Status::Ok();
}

Status HashPassword(std::string_view password, std::string* hash) {
  EnsureSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kArgonOpsLimit, kArgonMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    return Status::Internal("out of memory while hashing a password");
  *hash = out;
  return Status::Ok();
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  EnsureSodium();
  bool known = !hash.empty() && hash.size() < crypto_pwhash_STRBYTES;
  std::string stored(known ? hash : std::string_view(DummyHash()));
  bool match = crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
  return known && match;
}

}  // namespace attache::service
