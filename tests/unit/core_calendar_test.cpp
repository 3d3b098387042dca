#include <catch2/catch.hpp>

#include <random>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "attache/core/calendar.h"
#include "attache/core/iso_date.h"

using namespace attache;
using nlohmann::json;
using std::chrono::days;

namespace {

Date D(const std::string& iso) {
  auto ymd = ParseIsoDate(iso);
  REQUIRE(ymd);
  return Date{*ymd};
}

std::string Iso(Date day) {
  return FormatIsoDate(std::chrono::year_month_day{day});
}

json ReadHolidayFile(int year) {
  std::ifstream in(ATTACHE_SOURCE_DIR "/schema/holidays/vn-" + std::to_string(year) + ".json");
  REQUIRE(in);
  return json::parse(in);
}

// The calendar the application runs with: the three files in schema/holidays.
WorkingDayCalendar RealCalendar() {
  WorkingDayCalendar calendar;
  for (int year : {2025, 2026, 2027}) {
    Status s = calendar.AddYear(ReadHolidayFile(year), "vn-" + std::to_string(year) + ".json");
    INFO(s.ToString());
    REQUIRE(s.ok());
  }
  return calendar;
}

json Entry(const char* date, const char* vi, const char* en) {
  return {{"date", date}, {"name", {{"vi", vi}, {"en", en}}}};
}

// Small hand-made years for the refusal tests, independent of the real data.
json Synthetic2025() {
  return {{"year", 2025},
          {"country", "VN"},
          {"source", "test"},
          {"holidays", {Entry("2025-01-01", "Tết Dương lịch", "New Year's Day")}},
          {"working_weekend_days", json::array()}};
}

json Synthetic2026() {
  return {{"year", 2026},
          {"country", "VN"},
          {"source", "test"},
          {"holidays",
           {Entry("2026-01-01", "Tết Dương lịch", "New Year's Day"),
            Entry("2026-01-02", "Nghỉ Tết Dương lịch", "New Year holiday"),
            Entry("2026-02-17", "Tết Nguyên đán", "Lunar New Year")}},
          {"working_weekend_days", {Entry("2026-01-10", "Làm việc bù", "Working Saturday")}}};
}

}  // namespace

TEST_CASE("A calendar that knows no year counts weekends only", "[calendar]") {
  WorkingDayCalendar calendar;
  CHECK_FALSE(calendar.Knows(2026));
  CHECK_FALSE(calendar.KnowsRange(D("2026-01-01"), D("2026-01-01")));
  struct Row {
    const char* date;
    bool works;
  };
  const Row rows[] = {
      {"2026-02-14", false},  // Saturday
      {"2026-02-15", false},  // Sunday
      {"2026-02-16", true},   // Tết, but this calendar was given no holidays
      {"2026-02-17", true},
      {"2026-01-10", false},  // a working Saturday only when the year says so
  };
  for (const Row& r : rows) {
    INFO(r.date);
    CHECK(calendar.IsWorkingDay(D(r.date)) == r.works);
    CHECK(calendar.HolidayOn(D(r.date)) == nullptr);
  }
  CHECK(calendar.AddWorkingDays(D("2026-02-13"), 1) == D("2026-02-16"));
  CHECK(calendar.WorkingDaysBetween(D("2026-02-13"), D("2026-02-20")) == 5);
}

TEST_CASE("The real holiday files: days off, working Saturdays and names", "[calendar]") {
  WorkingDayCalendar calendar = RealCalendar();
  struct Row {
    const char* date;
    bool works;
    const char* vi;  // part of the holiday's Vietnamese name, or nullptr for no holiday
  };
  const Row rows[] = {
      {"2025-01-01", false, "Tết Dương lịch"},
      {"2025-01-24", true, nullptr},  // Friday before the Tết break
      {"2025-01-27", false, "Tết Nguyên đán"},
      {"2025-01-29", false, "mùng 1"},
      {"2025-01-31", false, "Tết Nguyên đán"},
      {"2025-02-03", true, nullptr},
      {"2025-04-07", false, "Giỗ Tổ Hùng Vương"},
      {"2025-04-26", true, nullptr},  // Saturday worked in place of Friday 2 May
      {"2025-04-30", false, "Ngày Chiến thắng"},
      {"2025-05-01", false, "Quốc tế Lao động"},
      {"2025-05-02", false, "hoán đổi"},
      {"2025-05-05", true, nullptr},
      {"2025-09-01", false, "Quốc khánh"},
      {"2025-09-02", false, "Quốc khánh"},
      {"2025-09-03", true, nullptr},
      {"2026-01-01", false, "Tết Dương lịch"},
      {"2026-01-02", false, "hoán đổi"},
      {"2026-01-10", true, nullptr},  // Saturday worked in place of Friday 2 January
      {"2026-02-13", true, nullptr},
      {"2026-02-14", false, "Tết Nguyên đán"},  // a Saturday inside the announced break
      {"2026-02-16", false, "29 tháng Chạp"},
      {"2026-02-17", false, "mùng 1"},
      {"2026-02-20", false, "Tết Nguyên đán"},
      {"2026-02-23", true, nullptr},
      {"2026-03-07", false, nullptr},  // an ordinary Saturday
      {"2026-03-09", true, nullptr},
      {"2026-04-26", false, "Giỗ Tổ Hùng Vương"},  // a Sunday
      {"2026-04-27", false, "Nghỉ bù"},
      {"2026-04-28", true, nullptr},
      {"2026-04-30", false, "Ngày Chiến thắng"},
      {"2026-05-01", false, "Quốc tế Lao động"},
      {"2026-08-22", true, nullptr},  // Saturday worked in place of Monday 31 August
      {"2026-08-31", false, "Quốc khánh"},
      {"2026-09-01", false, "Quốc khánh"},
      {"2026-09-02", false, "Quốc khánh"},
      {"2026-09-03", true, nullptr},
      {"2027-01-01", false, "Tết Dương lịch"},
      {"2027-02-03", true, nullptr},
      {"2027-02-04", false, "Tết Nguyên đán"},
      {"2027-02-06", false, "mùng 1"},
      {"2027-02-10", false, "Tết Nguyên đán"},
      {"2027-02-11", true, nullptr},
      {"2027-04-16", false, "Giỗ Tổ Hùng Vương"},
      {"2027-05-01", false, "Quốc tế Lao động"},  // a Saturday
      {"2027-05-03", false, "Nghỉ bù"},
      {"2027-09-02", false, "Quốc khánh"},
      {"2027-09-03", false, "Quốc khánh"},
  };
  for (const Row& r : rows) {
    INFO(r.date);
    CHECK(calendar.IsWorkingDay(D(r.date)) == r.works);
    const HolidayName* name = calendar.HolidayOn(D(r.date));
    if (r.vi == nullptr) {
      CHECK(name == nullptr);
    } else {
      REQUIRE(name != nullptr);
      CHECK_THAT(name->vi, Catch::Contains(r.vi));
      CHECK_FALSE(name->en.empty());
    }
  }

  // Every listed holiday is off with its own name; every working weekend day works.
  for (int year : {2025, 2026, 2027}) {
    json document = ReadHolidayFile(year);
    for (const json& h : document["holidays"]) {
      INFO(h.dump());
      Date day = D(h["date"].get<std::string>());
      CHECK_FALSE(calendar.IsWorkingDay(day));
      REQUIRE(calendar.HolidayOn(day) != nullptr);
      CHECK(calendar.HolidayOn(day)->vi == h["name"]["vi"].get<std::string>());
      CHECK(calendar.HolidayOn(day)->en == h["name"]["en"].get<std::string>());
    }
    for (const json& w : document["working_weekend_days"]) {
      INFO(w.dump());
      CHECK(calendar.IsWorkingDay(D(w["date"].get<std::string>())));
    }
  }
}

TEST_CASE("Working days per year in the real files", "[calendar]") {
  WorkingDayCalendar calendar = RealCalendar();
  // 261 weekdays each year; 2025 has 12 weekday holidays and 1 working Saturday, 2026 has 13
  // and 2, 2027 has 11 and none. 2028 is not known: its 260 weekdays all count.
  struct Row {
    const char* before_first;
    const char* last;
    int working;
  };
  const Row rows[] = {{"2024-12-31", "2025-12-31", 250},
                      {"2025-12-31", "2026-12-31", 250},
                      {"2026-12-31", "2027-12-31", 250},
                      {"2027-12-31", "2028-12-31", 260}};
  for (const Row& r : rows) {
    INFO(r.last);
    CHECK(calendar.WorkingDaysBetween(D(r.before_first), D(r.last)) == r.working);
    CHECK(calendar.WorkingDaysBetween(D(r.last), D(r.before_first)) == -r.working);
  }
}

TEST_CASE("AddWorkingDays across Tết, year ends and days off", "[calendar]") {
  WorkingDayCalendar calendar = RealCalendar();
  struct Row {
    const char* from;
    int n;
    const char* expected;
  };
  const Row rows[] = {
      // Tết 2026: Friday 13 is the last working day before the break, Monday 23 the first after.
      {"2026-02-12", 1, "2026-02-13"},
      {"2026-02-12", 2, "2026-02-23"},
      {"2026-02-12", 5, "2026-02-26"},
      {"2026-02-26", -5, "2026-02-12"},
      {"2026-02-23", -1, "2026-02-13"},
      // Year end 2025 -> 2026: 1 and 2 January off, then the weekend.
      {"2025-12-30", 1, "2025-12-31"},
      {"2025-12-30", 2, "2026-01-05"},
      {"2025-12-30", 3, "2026-01-06"},
      {"2026-01-05", -1, "2025-12-31"},
      {"2026-01-06", -3, "2025-12-30"},
      // The working Saturday counts.
      {"2026-01-09", 1, "2026-01-10"},
      {"2026-01-10", 1, "2026-01-12"},
      {"2026-01-12", -1, "2026-01-10"},
      // Year end 2026 -> 2027: Friday 1 January off.
      {"2026-12-30", 2, "2027-01-04"},
      {"2027-01-04", -1, "2026-12-31"},
      {"2027-01-04", -2, "2026-12-30"},
      // 30/4 - 1/5 2025: Wednesday to Sunday off, Saturday 26 April worked.
      {"2025-04-25", 1, "2025-04-26"},
      {"2025-04-29", 1, "2025-05-05"},
      {"2025-05-05", -2, "2025-04-28"},
      // Tết 2027 starts on a Thursday.
      {"2027-02-03", 1, "2027-02-11"},
      // n = 0 returns the day itself, even a day off.
      {"2026-02-17", 0, "2026-02-17"},
      {"2026-03-09", 0, "2026-03-09"},
      // From a day off. Forward: the first working day after it. Back: a day off counts with the
      // working day before it (the header's invariant), so one working day before mùng 1 Tết is
      // Thursday 12, and one before Saturday 7 March is Thursday 5.
      {"2026-02-17", 1, "2026-02-23"},
      {"2026-02-17", -1, "2026-02-12"},
      {"2026-03-07", 1, "2026-03-09"},
      {"2026-03-07", -1, "2026-03-05"},
      // Beyond the known years: weekends only.
      {"2027-12-31", 1, "2028-01-03"},
      {"2028-01-03", -1, "2027-12-31"},
  };
  for (const Row& r : rows) {
    INFO(r.from << " " << r.n);
    CHECK(Iso(calendar.AddWorkingDays(D(r.from), r.n)) == r.expected);
    CHECK(calendar.WorkingDaysBetween(D(r.from), D(r.expected)) == r.n);
  }
}

TEST_CASE("WorkingDaysBetween counts (a, b] and is antisymmetric", "[calendar]") {
  WorkingDayCalendar calendar = RealCalendar();
  struct Row {
    const char* a;
    const char* b;
    int count;
  };
  const Row rows[] = {
      {"2026-03-09", "2026-03-09", 0}, {"2026-03-09", "2026-03-10", 1},
      {"2026-03-06", "2026-03-09", 1},  // Friday to Monday
      {"2026-03-06", "2026-03-08", 0},  // Friday to Sunday
      {"2026-02-13", "2026-02-22", 0},  // the whole Tết break
      {"2026-02-13", "2026-02-23", 1}, {"2026-02-12", "2026-02-26", 5},
      {"2025-12-31", "2026-01-05", 1}, {"2025-12-30", "2026-01-12", 8},
      {"2026-12-31", "2027-01-04", 1},
  };
  for (const Row& r : rows) {
    INFO(r.a << " " << r.b);
    CHECK(calendar.WorkingDaysBetween(D(r.a), D(r.b)) == r.count);
    CHECK(calendar.WorkingDaysBetween(D(r.b), D(r.a)) == -r.count);
  }
}

TEST_CASE("AddWorkingDays and WorkingDaysBetween agree on every day of 2025-2027", "[calendar]") {
  WorkingDayCalendar calendar = RealCalendar();
  // Exactly one working day has a given count from `from`, so "a working day, n away" pins the
  // answer down completely.
  const int steps[] = {-60, -23, -7, -5, -2, -1, 0, 1, 2, 5, 7, 23, 60};
  for (Date from = D("2025-01-01"); from <= D("2027-12-31"); from += days{1}) {
    for (int n : steps) {
      Date to = calendar.AddWorkingDays(from, n);
      bool ok = calendar.WorkingDaysBetween(from, to) == n &&
                calendar.WorkingDaysBetween(to, from) == -n &&
                (n == 0 ? to == from : calendar.IsWorkingDay(to));
      // Only failures are reported: a CHECK for each of the 14,000 cases would drown the output.
      if (!ok) FAIL("from " << Iso(from) << " n " << n << " gave " << Iso(to));
    }
  }
}

TEST_CASE("WorkingDaysBetween, counted, is the day-by-day count, over spans of years", "[calendar]") {
  WorkingDayCalendar calendar = RealCalendar();
  std::mt19937 rng(20261124);
  std::uniform_int_distribution<int> offset(0, 5 * 366), length(0, 3 * 366);
  for (int i = 0; i < 3000; ++i) {
    Date a = D("2023-06-01") + days{offset(rng)};
    Date b = a + days{length(rng)};
    int walked = 0;
    for (Date day = a + days{1}; day <= b; day += days{1}) walked += calendar.IsWorkingDay(day);
    if (calendar.WorkingDaysBetween(a, b) != walked || calendar.WorkingDaysBetween(b, a) != -walked)
      FAIL("from " << Iso(a) << " to " << Iso(b) << ": walked " << walked << ", counted "
                   << calendar.WorkingDaysBetween(a, b));
  }
}

TEST_CASE("Knows and KnowsRange tell which years have holiday data", "[calendar]") {
  WorkingDayCalendar calendar = RealCalendar();
  CHECK(calendar.Knows(2025));
  CHECK(calendar.Knows(2027));
  CHECK_FALSE(calendar.Knows(2024));
  CHECK_FALSE(calendar.Knows(2028));
  CHECK(calendar.KnowsRange(D("2025-01-01"), D("2027-12-31")));
  CHECK(calendar.KnowsRange(D("2027-12-31"), D("2025-01-01")));  // either order
  CHECK(calendar.KnowsRange(D("2026-05-01"), D("2026-05-01")));
  CHECK_FALSE(calendar.KnowsRange(D("2027-12-01"), D("2028-01-05")));
  CHECK_FALSE(calendar.KnowsRange(D("2025-01-05"), D("2024-12-20")));
  // A gap in the middle: 2025 and 2027 alone do not cover a range through 2026.
  WorkingDayCalendar gap;
  REQUIRE(gap.AddYear(ReadHolidayFile(2025), "vn-2025.json").ok());
  REQUIRE(gap.AddYear(ReadHolidayFile(2027), "vn-2027.json").ok());
  CHECK_FALSE(gap.KnowsRange(D("2025-06-01"), D("2027-06-01")));
  CHECK(gap.IsWorkingDay(D("2026-02-17")));  // 2026 unknown: Tết is an ordinary Tuesday
  // Unknown years fall back to weekends only: 1 January 2029 is a Monday and counts.
  CHECK(calendar.IsWorkingDay(D("2029-01-01")));
  CHECK(calendar.HolidayOn(D("2029-01-01")) == nullptr);
}

TEST_CASE("AddYear refuses a faulty document, naming the file and the JSON path", "[calendar]") {
  struct Case {
    const char* what;
    std::function<void(json&)> spoil;
    const char* path;  // as it must appear in the message
  };
  const std::vector<Case> cases = {
      {"not an object", [](json& d) { d = json::array({d}); }, "/: "},
      {"year missing", [](json& d) { d.erase("year"); }, "/year: "},
      {"year not an integer", [](json& d) { d["year"] = "2026"; }, "/year: "},
      {"year fractional", [](json& d) { d["year"] = 2026.5; }, "/year: "},
      {"year out of range", [](json& d) { d["year"] = 12026; }, "/year: "},
      {"year already added", [](json& d) { d["year"] = 2025; }, "/year: "},
      {"unknown member", [](json& d) { d["holyday"] = json::array(); }, "/holyday: "},
      {"holidays missing", [](json& d) { d.erase("holidays"); }, "/holidays: "},
      {"holidays not an array", [](json& d) { d["holidays"] = json::object(); }, "/holidays: "},
      {"entry not an object", [](json& d) { d["holidays"][1] = "2026-01-02"; }, "/holidays/1: "},
      {"date not YYYY-MM-DD", [](json& d) { d["holidays"][1]["date"] = "2026-1-2"; },
       "/holidays/1/date: "},
      {"date not a real day", [](json& d) { d["holidays"][1]["date"] = "2026-02-30"; },
       "/holidays/1/date: "},
      {"date missing", [](json& d) { d["holidays"][1].erase("date"); }, "/holidays/1/date: "},
      {"date outside the year", [](json& d) { d["holidays"][1]["date"] = "2025-12-31"; },
       "/holidays/1/date: "},
      {"holiday listed twice", [](json& d) { d["holidays"][2]["date"] = "2026-01-01"; },
       "/holidays/2/date: "},
      {"name without vi", [](json& d) { d["holidays"][2]["name"].erase("vi"); },
       "/holidays/2/name: "},
      {"name without en", [](json& d) { d["holidays"][2]["name"].erase("en"); },
       "/holidays/2/name: "},
      {"name empty", [](json& d) { d["holidays"][2]["name"]["vi"] = ""; }, "/holidays/2/name: "},
      {"name not an object", [](json& d) { d["holidays"][2]["name"] = "Tết"; },
       "/holidays/2/name: "},
      {"working weekend day on a Friday",
       [](json& d) { d["working_weekend_days"][0]["date"] = "2026-01-09"; },
       "/working_weekend_days/0/date: "},
      {"working weekend day that is a holiday",
       [](json& d) {
         d["holidays"].push_back(Entry("2026-01-03", "Nghỉ", "Off"));
         d["working_weekend_days"][0]["date"] = "2026-01-03";
       },
       "/working_weekend_days/0/date: "},
      {"working weekend day outside the year",
       [](json& d) { d["working_weekend_days"][0]["date"] = "2027-01-09"; },
       "/working_weekend_days/0/date: "},
      {"working weekend day without a name",
       [](json& d) { d["working_weekend_days"][0].erase("name"); },
       "/working_weekend_days/0/name: "},
      {"working weekend days not an array",
       [](json& d) { d["working_weekend_days"] = "2026-01-10"; }, "/working_weekend_days: "},
  };

  // The unspoilt document is accepted, so each refusal below is the spoiling's doing.
  {
    WorkingDayCalendar calendar;
    REQUIRE(calendar.AddYear(Synthetic2025(), "vn-2025.json").ok());
    Status s = calendar.AddYear(Synthetic2026(), "vn-test.json");
    INFO(s.ToString());
    REQUIRE(s.ok());
  }

  for (const Case& c : cases) {
    INFO(c.what);
    WorkingDayCalendar calendar;
    REQUIRE(calendar.AddYear(Synthetic2025(), "vn-2025.json").ok());
    json document = Synthetic2026();
    c.spoil(document);
    Status s = calendar.AddYear(document, "vn-test.json");
    INFO(s.ToString());
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK_THAT(s.message(), Catch::StartsWith("vn-test.json: "));
    CHECK_THAT(s.message(), Catch::Contains(c.path));

    // Nothing of the refused document was kept, not even the entries before the fault.
    CHECK(calendar.Knows(2025));
    CHECK_FALSE(calendar.Knows(2026));
    CHECK(calendar.IsWorkingDay(D("2026-01-02")));
    CHECK(calendar.HolidayOn(D("2026-01-01")) == nullptr);
    CHECK_FALSE(calendar.IsWorkingDay(D("2026-01-10")));
    CHECK_FALSE(calendar.IsWorkingDay(D("2025-01-01")));
    CHECK(calendar.HolidayOn(D("2025-01-01")) != nullptr);
  }
}

TEST_CASE("The real files state their legal basis and which dates are projections", "[calendar]") {
  for (int year : {2025, 2026, 2027}) {
    INFO(year);
    json document = ReadHolidayFile(year);
    CHECK(document["year"] == year);
    CHECK(document["country"] == "VN");
    std::string source = document["source"];
    CHECK_THAT(source, Catch::Contains("Bộ luật Lao động 2019, Điều 112"));
    if (year == 2027) CHECK_THAT(source, Catch::Contains("PROJECTION"));
  }
}
