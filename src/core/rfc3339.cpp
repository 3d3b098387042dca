#include "attache/core/rfc3339.h"

#include <cstdio>
#include <ctime>

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
  int n = millis ? std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                                 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                                 tm.tm_min, tm.tm_sec, static_cast<int>(ms))
                 : std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ",
                                 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                                 tm.tm_min, tm.tm_sec);
  return std::string(buf, static_cast<size_t>(n));
}

}  // namespace

std::string FormatRfc3339Millis(std::chrono::system_clock::time_point t) { return Format(t, true); }
std::string FormatRfc3339(std::chrono::system_clock::time_point t) { return Format(t, false); }

}  // namespace attache
