// GET /api/dashboard and GET /api/reports/annual?year=YYYY[&format=csv] (docs/reports.md).
#pragma once

#include "attache/app/routes.h"

namespace attache::app {

http::Response GetDashboard(AppContext& ctx, http::Request& request, const service::Principal& p);
http::Response GetAnnualReport(AppContext& ctx, http::Request& request,
                               const service::Principal& p);

}  // namespace attache::app
