// RFC 3339 timestamps in UTC, the API's and the logs' time format.
// Thread-safe: pure functions.
#pragma once

#include <chrono>
#include <string>

namespace attache {

// "2026-11-22T09:30:00.123Z" (milliseconds) or "2026-11-22T09:30:00Z" (seconds).
std::string FormatRfc3339Millis(std::chrono::system_clock::time_point t);
std::string FormatRfc3339(std::chrono::system_clock::time_point t);

}  // namespace attache
