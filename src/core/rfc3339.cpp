#include "attache/core/rfc3339.h"

#include <cstdio>
#include <ctime>

#include "attache/core/iso_date.h"

namespace attache {
namespace {

std::string Format(std::chrono::system_clock::time_point t, bool millis) {
  using namespace std::chrono;
  auto secs = floor<seconds>(t);
  auto ms = duration_cast<milliseconds>(t - secs).count();
  std::time_t tt = system_clock::to_time_t(secs);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[40];
  int n = millis
              ? std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                              tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                              tm.tm_sec, static_cast<int>(ms))
              : std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
                              tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return std::string(buf, static_cast<size_t>(n));
}

}  // namespace

std::string FormatRfc3339Millis(std::chrono::system_clock::time_point t) {
  return Format(t, true);
}
std::string FormatRfc3339(std::chrono::system_clock::time_point t) {
  return Format(t, false);
}

bool ParseRfc3339(std::string_view t, std::chrono::system_clock::time_point* out) {
  using namespace std::chrono;
  if ((t.size() != 20 && t.size() != 24) || t.back() != 'Z' || t[10] != 'T' || t[13] != ':' ||
      t[16] != ':' || (t.size() == 24 && t[19] != '.'))
    return false;
  auto date = ParseIsoDate(t.substr(0, 10));
  int part[3] = {0, 0, 0};
  for (int i = 0; i < 3; ++i) {
    char a = t[11 + 3 * i], b = t[12 + 3 * i];
    if (a < '0' || a > '9' || b < '0' || b > '9') return false;
    part[i] = (a - '0') * 10 + (b - '0');
  }
  int ms = 0;
  if (t.size() == 24)
    for (size_t i = 20; i < 23; ++i) {
      if (t[i] < '0' || t[i] > '9') return false;
      ms = ms * 10 + (t[i] - '0');
    }
  if (!date || part[0] > 23 || part[1] > 59 || part[2] > 60) return false;
  *out = sys_days(*date) + hours(part[0]) + minutes(part[1]) + seconds(part[2]) + milliseconds(ms);
  return true;
}

}  // namespace attache
