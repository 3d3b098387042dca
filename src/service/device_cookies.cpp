#include "attache/service/device_cookies.h"

#include <sodium.h>

#include "attache/core/hash.h"

namespace attache::service {
namespace {

static_assert(DeviceCookies::kKeySize == crypto_auth_KEYBYTES);
constexpr size_t kDeviceBytes = 16;

std::string Base64Url(const unsigned char* bytes, size_t size) {
  std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, size, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

}  // namespace

DeviceCookies::DeviceCookies(std::string key) : key_(std::move(key)) {
  EnsureSodium();
  if (key_.size() != kKeySize) {
    key_.assign(kKeySize, '\0');
    randombytes_buf(key_.data(), key_.size());
  }
}

std::string DeviceCookies::NameFor(std::string_view username) const {
  std::string message = "attache-device-name\n";
  message += username;
  unsigned char hash[8];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(message.data()),
                     message.size(), reinterpret_cast<const unsigned char*>(key_.data()),
                     key_.size());
  char hex[2 * sizeof hash + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return std::string("device_") + hex;
}

std::string DeviceCookies::Sign(std::string_view username, std::string_view device) const {
  std::string message = "attache-device-v1\n";
  message += username;
  message += '\n';
  message += device;
  unsigned char mac[crypto_auth_BYTES];
  crypto_auth(mac, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
              reinterpret_cast<const unsigned char*>(key_.data()));
  return Base64Url(mac, sizeof mac);
}

std::string DeviceCookies::Issue(std::string_view username) const {
  unsigned char bytes[kDeviceBytes];
  randombytes_buf(bytes, sizeof bytes);
  std::string device = Base64Url(bytes, sizeof bytes);
  return "v1." + device + "." + Sign(username, device);
}

std::optional<std::string> DeviceCookies::Verify(std::string_view username,
                                                 std::string_view value) const {
  if (value.size() > 200 || !value.starts_with("v1.")) return std::nullopt;
  value.remove_prefix(3);
  size_t dot = value.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::string device(value.substr(0, dot));
  std::string expected = Sign(username, device);
  std::string_view given = value.substr(dot + 1);
  if (given.size() != expected.size() ||
      sodium_memcmp(given.data(), expected.data(), expected.size()) != 0)
    return std::nullopt;
  return device;
}

}  // namespace attache::service
