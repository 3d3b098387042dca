// Working days: Monday to Friday, minus Vietnam's public holidays (lunar ones included, and the
// official bridge days), plus the weekend days the government declares working days in their
// place. Holidays are data, one JSON document per year (schema/holidays/vn-YYYY.json):
//   {"year": 2026, "country": "VN", "source": "legal source text",
//    "holidays": [{"date": "2026-02-16", "name": {"vi": "...", "en": "..."}}, ...],
//    "working_weekend_days": [{"date": "2026-...", "name": {"vi": "...", "en": "..."}}]}
// A year the calendar was not given counts weekends only; Knows() and KnowsRange() tell the
// caller so it can say that a deadline is approximate.
// Thread-safety: after the AddYear calls, a calendar is read-only and may be shared by threads.
#pragma once

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "attache/core/status.h"

namespace attache {

using Date = std::chrono::sys_days;

struct HolidayName {
  std::string vi;
  std::string en;
};

class WorkingDayCalendar {
 public:
  // A calendar that knows no year: every Saturday and Sunday is off, every other day works.
  WorkingDayCalendar() = default;

  // Adds one year from its JSON document (format above). `source_name` (the file name) starts
  // every error message. InvalidArgument, naming the JSON path, for: a missing or non-integer
  // year, a year already added, a date that is not YYYY-MM-DD or not in that year, a holiday
  // listed twice, a holiday on a weekend day that is also declared a working day, a working
  // weekend day that is not a Saturday or Sunday, a name without both "vi" and "en".
  // On error nothing is added.
  Status AddYear(const nlohmann::json& document, std::string_view source_name);

  bool Knows(int year) const { return years_.count(year) > 0; }
  // Whether every year from a to b (either order) is known.
  bool KnowsRange(Date a, Date b) const;

  bool IsWorkingDay(Date day) const;
  // The holiday's name on that day, or nullptr.
  const HolidayName* HolidayOn(Date day) const;

  // The day that is `n` working days after `from` (n > 0) or before it (n < 0): with n = 1,
  // the first working day strictly after `from`. n = 0 returns `from` unchanged.
  // Invariant: WorkingDaysBetween(from, AddWorkingDays(from, n)) == n.
  Date AddWorkingDays(Date from, int n) const;

  // The number of working days d with a < d <= b; negative (the count for (b, a]) when b < a.
  int WorkingDaysBetween(Date a, Date b) const;

 private:
  std::set<int> years_;
  std::map<Date, HolidayName> holidays_;
  std::set<Date> working_weekend_days_;
};

}  // namespace attache
