// GET /api/dashboard and GET /api/reports/annual?year=YYYY[&format=csv] (docs/reports.md).
#pragma once

#include "attache/api/routes.h"

namespace attache::api {

http::Response GetDashboard(AppContext& ctx, http::Request& request, const service::Principal& p);
http::Response GetAnnualReport(AppContext& ctx, http::Request& request,
                               const service::Principal& p);

}  // namespace attache::api

namespace attache::api {

// POST /api/me/calendar-feed: a new personal feed address (the old one stops working).
http::Response NewCalendarFeed(AppContext& ctx, http::Request& request,
                               const service::Principal& p);
// GET /api/calendar.ics?feed=TOKEN: public, authenticated by the feed token alone.
http::Response GetCalendar(AppContext& ctx, http::Request& request);

}  // namespace attache::api
