// Whether the tests run under AddressSanitizer (build-sanitize/ of scripts/test), where code
// runs several times slower: a test that repeats a pure computation many times may do fewer
// rounds there, and say what it then leaves to the Release run.
#pragma once

namespace attache::testing {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif
#else
inline constexpr bool kSanitized = false;
#endif

}  // namespace attache::testing
