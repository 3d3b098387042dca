// RFC 3339 timestamps in UTC, the API's and the logs' time format.
// Thread-safe: pure functions.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace attache {

// "2026-11-22T09:30:00.123Z" (milliseconds) or "2026-11-22T09:30:00Z" (seconds).
std::string FormatRfc3339Millis(std::chrono::system_clock::time_point t);
std::string FormatRfc3339(std::chrono::system_clock::time_point t);

// Reads back what the two above write ("YYYY-MM-DDTHH:MM:SS[.fff]Z"); false for anything else.
bool ParseRfc3339(std::string_view text, std::chrono::system_clock::time_point* out);

}  // namespace attache
