#include "attache/api/report_handlers.h"

#include <charconv>

#include "attache/core/iso_date.h"
#include "attache/core/rfc3339.h"
#include "attache/http/problem.h"
#include "attache/http/query.h"
#include "attache/service/calendar_feed.h"
#include "attache/service/reports.h"

namespace attache::api {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

Response BadParameter(const std::string& field, const std::string& message) {
  return http::Problem(422, field + ": " + message,
                       json::array({{{"field", field}, {"message", message}}}));
}

}  // namespace

Response GetDashboard(AppContext& ctx, Request& request, const service::Principal& p) {
  if (!request.query.empty()) return BadParameter("query", "the dashboard takes no parameters");
  auto db = ctx.database.Read();
  std::string today = FormatIsoDate(std::chrono::year_month_day(ctx.proposals.Today().date));
  Response r = http::Json(200, service::Dashboard(*db, ctx.workflows, p.user, today));
  r.headers.Set("Cache-Control", "no-store");
  return r;
}

Response GetAnnualReport(AppContext& ctx, Request& request, const service::Principal& p) {
  std::map<std::string, std::string> q;
  if (Status s = http::ParseQuery(request.query, &q); !s.ok())
    return http::Problem(400, s.message());
  for (const auto& [name, value] : q)
    if (name != "year" && name != "format") return BadParameter(name, "unknown parameter");
  int year = 0;
  const std::string& y = q["year"];
  auto [ptr, ec] = std::from_chars(y.data(), y.data() + y.size(), year);
  if (y.empty() || ec != std::errc() || ptr != y.data() + y.size() || year < 2000 || year > 2100)
    return BadParameter("year", "must be a year from 2000 to 2100");
  std::string format = q.count("format") ? q["format"] : "json";
  if (format != "json" && format != "csv") return BadParameter("format", "must be json or csv");
  auto db = ctx.database.Read();
  json report = service::AnnualReport(*db, ctx.workflows, p.user, year);
  if (format == "json") {
    Response r = http::Json(200, report);
    r.headers.Set("Cache-Control", "no-store");
    return r;
  }
  return http::CsvAttachment(service::AnnualReportCsv(report),
                             "tong-ket-doi-ngoai-" + std::to_string(year) + ".csv");
}

}  // namespace attache::api

namespace attache::api {

Response NewCalendarFeed(AppContext& ctx, Request& request, const service::Principal& p) {
  if (!request.body.empty()) return BadParameter("body", "this request takes no body");
  std::string token;
  std::string at = FormatRfc3339(ctx.clock.Now());
  Status s = ctx.writer.Run(
      [&](store::Db& db) { return service::NewCalendarFeed(db, p.user.id, at, &token); });
  if (!s.ok()) return http::ProblemFromStatus(s);
  Response r = http::Json(201, {{"path", "/api/calendar.ics?feed=" + token}, {"token", token}});
  r.headers.Set("Cache-Control", "no-store");
  return r;
}

Response GetCalendar(AppContext& ctx, Request& request) {
  std::map<std::string, std::string> q;
  if (Status s = http::ParseQuery(request.query, &q); !s.ok())
    return http::Problem(400, s.message());
  auto db = ctx.database.Read();
  auto user = service::CalendarFeedUser(*db, q["feed"]);
  // Unknown, replaced or missing token: the same answer, so tokens cannot be probed apart.
  if (!user || q.size() != 1)
    return http::Problem(404, "Không có lịch này / no such calendar feed");
  Response r;
  r.status = 200;
  r.body = service::CalendarFeed(*db, ctx.workflows, *user, FormatRfc3339(ctx.clock.Now()));
  r.headers.Set("Content-Type", "text/calendar; charset=utf-8");
  r.headers.Set("Cache-Control", "private, no-store");
  return r;
}

}  // namespace attache::api
