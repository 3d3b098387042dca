#include "attache/core/calendar.h"

#include <algorithm>
#include <cstdint>
#include <optional>

#include "attache/core/iso_date.h"

namespace attache {

namespace {

using nlohmann::json;
using std::chrono::days;

constexpr const char* kWeekdayNames[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                         "Thursday", "Friday", "Saturday"};

bool IsWeekend(Date day) {
  std::chrono::weekday wd{day};
  return wd == std::chrono::Saturday || wd == std::chrono::Sunday;
}

int YearOf(Date day) {
  return static_cast<int>(std::chrono::year_month_day{day}.year());
}

std::string Format(Date day) {
  return FormatIsoDate(std::chrono::year_month_day{day});
}

// Reads one year's document. Every fault is reported as "<source>: <JSON path>: <what>", the way
// the workflow loader reports its own, so whoever edits the file finds the line.
class YearReader {
 public:
  YearReader(std::string_view source, const std::set<int>& known_years)
      : source_(source), known_years_(known_years) {}

  Status Read(const json& document) {
    if (!document.is_object()) return Fail("/", "the document is not a JSON object");
    // Unknown members are refused so that a misspelt "working_weekend_days" cannot silently
    // turn a working Saturday into a day off.
    for (const auto& [key, value] : document.items()) {
      if (key != "year" && key != "country" && key != "source" && key != "holidays" &&
          key != "working_weekend_days")
        return Fail("/" + key, "unknown member");
    }
    for (const char* key : {"country", "source"}) {
      if (document.contains(key) && !document[key].is_string())
        return Fail(std::string("/") + key, "not a string");
    }

    auto year = document.find("year");
    if (year == document.end() || !year->is_number_integer())
      return Fail("/year", "missing or not an integer");
    // The range ParseIsoDate accepts: a year outside it could hold no valid date.
    const int64_t year_value = year->get<int64_t>();
    if (year_value < 1900 || year_value > 2999)
      return Fail("/year", "not a year between 1900 and 2999");
    year_ = static_cast<int>(year_value);
    if (known_years_.count(year_) > 0)
      return Fail("/year", "the year " + std::to_string(year_) + " was already added");

    auto holidays = document.find("holidays");
    if (holidays == document.end() || !holidays->is_array())
      return Fail("/holidays", "missing or not an array");
    std::map<Date, std::string> holiday_paths;
    for (size_t i = 0; i < holidays->size(); ++i) {
      std::string path = "/holidays/" + std::to_string(i);
      Date day;
      HolidayName name;
      if (Status s = ReadEntry((*holidays)[i], path, &day, &name); !s.ok()) return s;
      auto [it, inserted] = holiday_paths.emplace(day, path);
      if (!inserted)
        return Fail(path + "/date", Format(day) + " is listed twice (also at " + it->second + ")");
      holidays_.emplace(day, std::move(name));
    }

    // Optional: most years declare no working weekend day.
    auto working = document.find("working_weekend_days");
    if (working == document.end()) return Status::Ok();
    if (!working->is_array()) return Fail("/working_weekend_days", "not an array");
    for (size_t i = 0; i < working->size(); ++i) {
      std::string path = "/working_weekend_days/" + std::to_string(i);
      Date day;
      HolidayName name;
      if (Status s = ReadEntry((*working)[i], path, &day, &name); !s.ok()) return s;
      if (!IsWeekend(day)) {
        return Fail(path + "/date", Format(day) + " is a " +
                                        kWeekdayNames[std::chrono::weekday{day}.c_encoding()] +
                                        ", not a Saturday or Sunday");
      }
      if (auto h = holiday_paths.find(day); h != holiday_paths.end())
        return Fail(path + "/date", Format(day) + " is also a holiday (at " + h->second + ")");
      if (!working_weekend_days_.insert(day).second)
        return Fail(path + "/date", Format(day) + " is listed twice");
    }
    return Status::Ok();
  }

  int year() const { return year_; }
  std::map<Date, HolidayName>& holidays() { return holidays_; }
  std::set<Date>& working_weekend_days() { return working_weekend_days_; }

 private:
  // {"date": "YYYY-MM-DD", "name": {"vi": "...", "en": "..."}}, the date inside year_.
  Status ReadEntry(const json& entry, const std::string& path, Date* day, HolidayName* name) {
    if (!entry.is_object()) return Fail(path, "not an object");
    for (const auto& [key, value] : entry.items()) {
      if (key != "date" && key != "name") return Fail(path + "/" + key, "unknown member");
    }
    auto date = entry.find("date");
    std::optional<std::chrono::year_month_day> ymd;
    if (date != entry.end() && date->is_string()) ymd = ParseIsoDate(date->get<std::string>());
    if (!ymd) return Fail(path + "/date", "missing or not a YYYY-MM-DD date");
    if (static_cast<int>(ymd->year()) != year_)
      return Fail(path + "/date", FormatIsoDate(*ymd) + " is not in " + std::to_string(year_));
    *day = Date{*ymd};

    auto names = entry.find("name");
    auto text = [&](const char* lang) -> const std::string* {
      if (names == entry.end() || !names->is_object()) return nullptr;
      auto it = names->find(lang);
      if (it == names->end() || !it->is_string() || it->get_ref<const std::string&>().empty())
        return nullptr;
      return &it->get_ref<const std::string&>();
    };
    const std::string* vi = text("vi");
    const std::string* en = text("en");
    if (vi == nullptr || en == nullptr)
      return Fail(path + "/name", "needs both \"vi\" and \"en\" as non-empty strings");
    *name = HolidayName{*vi, *en};
    return Status::Ok();
  }

  Status Fail(const std::string& path, const std::string& what) const {
    return Status::InvalidArgument(std::string(source_) + ": " + path + ": " + what);
  }

  std::string_view source_;
  const std::set<int>& known_years_;
  int year_ = 0;
  std::map<Date, HolidayName> holidays_;
  std::set<Date> working_weekend_days_;
};

}  // namespace

Status WorkingDayCalendar::AddYear(const nlohmann::json& document, std::string_view source_name) {
  // Read into a scratch reader first, so a refused document leaves the calendar as it was.
  YearReader reader(source_name, years_);
  if (Status s = reader.Read(document); !s.ok()) return s;
  years_.insert(reader.year());
  holidays_.merge(reader.holidays());
  working_weekend_days_.merge(reader.working_weekend_days());
  return Status::Ok();
}

bool WorkingDayCalendar::KnowsRange(Date a, Date b) const {
  const int year_a = YearOf(a), year_b = YearOf(b);
  for (int y = std::min(year_a, year_b); y <= std::max(year_a, year_b); ++y) {
    if (!Knows(y)) return false;
  }
  return true;
}

bool WorkingDayCalendar::IsWorkingDay(Date day) const {
  // AddYear refuses a day that is both a holiday and a working weekend day, so the order of
  // these tests does not matter.
  if (working_weekend_days_.count(day) > 0) return true;
  if (IsWeekend(day)) return false;
  return holidays_.count(day) == 0;
}

const HolidayName* WorkingDayCalendar::HolidayOn(Date day) const {
  auto it = holidays_.find(day);
  return it == holidays_.end() ? nullptr : &it->second;
}

// Both directions are defined by WorkingDaysBetween so that the invariant in the header holds for
// every `from`, a weekend or holiday included. Going forward that is the n-th working day
// strictly after `from`. Going back it is the working day r with exactly -n working days in
// (r, from]: from a working day, the (-n)-th working day before it; from a day off, one further
// back, because the day off counts with the working day before it (Saturday - 1 is Thursday,
// just as Saturday + 1 is Friday + 1, Monday).
Date WorkingDayCalendar::AddWorkingDays(Date from, int n) const {
  Date day = from;
  if (n >= 0) {
    for (int seen = 0; seen < n;) {
      day += days{1};
      if (IsWorkingDay(day)) ++seen;
    }
    return day;
  }
  // 64 bits, so that n = INT_MIN does not overflow when negated.
  const int64_t wanted = -static_cast<int64_t>(n);
  for (int64_t seen = 0;; day -= days{1}) {  // seen: working days in (day, from]
    if (!IsWorkingDay(day)) continue;
    if (seen == wanted) return day;
    ++seen;
  }
}

// Counted, not walked, so a span of years (a step left for a long time) costs no more than a
// week: the weekdays in (a, b], less the holidays among them, plus the weekend days worked.
// The same days as IsWorkingDay counts one by one (the unit tests compare the two).
int WorkingDayCalendar::WorkingDaysBetween(Date a, Date b) const {
  if (b < a) return -WorkingDaysBetween(b, a);
  const int64_t span = (b - a).count();
  int64_t count = span / 7 * 5;
  for (Date day = a + days{span / 7 * 7 + 1}; day <= b; day += days{1})
    if (!IsWeekend(day)) ++count;
  for (auto it = holidays_.upper_bound(a); it != holidays_.end() && it->first <= b; ++it)
    if (!IsWeekend(it->first)) --count;
  for (auto it = working_weekend_days_.upper_bound(a);
       it != working_weekend_days_.end() && *it <= b; ++it)
    if (IsWeekend(*it)) ++count;
  return static_cast<int>(count);
}

}  // namespace attache
