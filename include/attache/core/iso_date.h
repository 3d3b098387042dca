// Calendar dates as the API writes them: "YYYY-MM-DD".
// Thread-safe: pure functions.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace attache {

// The date, or nullopt unless `text` is exactly YYYY-MM-DD naming a real day (no 2026-02-30)
// between years 1900 and 2999.
std::optional<std::chrono::year_month_day> ParseIsoDate(std::string_view text);

std::string FormatIsoDate(std::chrono::year_month_day date);

}  // namespace attache
