// SHA-256 and hex encoding, through libsodium.
// Thread-safe: every function is pure (libsodium is initialised on first use).
#pragma once

#include <string>
#include <string_view>

namespace attache {

// The SHA-256 digest of `data` as 64 lowercase hex digits.
std::string Sha256Hex(std::string_view data);

// Incremental SHA-256 for content that arrives in pieces (uploads, files).
class Sha256 {
 public:
  Sha256();
  void Update(std::string_view data);
  // The digest as 64 lowercase hex digits; the object must not be updated afterwards.
  std::string FinishHex();

 private:
  alignas(64) unsigned char state_[128];
};

std::string HexEncode(std::string_view bytes);

// Initialises libsodium once; safe to call from any thread, any number of times.
void EnsureSodium();

}  // namespace attache
