// The annual report and the dashboard: counts over the proposals a user may see, by the rules
// in docs/reports.md.
// Thread-safety: functions over the read connection given.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "attache/service/workflows.h"
#include "attache/store/db.h"
#include "attache/store/users.h"

namespace attache::service {

// The annual report for `year` as JSON (see docs/reports.md for its members).
nlohmann::json AnnualReport(store::Db& db, const Workflows& workflows, const store::User& user,
                            int year);

// The same report as CSV: UTF-8 with a byte-order mark, sections separated by a blank line.
std::string AnnualReportCsv(const nlohmann::json& report);

// What is in flight now; `today` is YYYY-MM-DD in the ministry's time zone.
nlohmann::json Dashboard(store::Db& db, const Workflows& workflows, const store::User& user,
                         const std::string& today);

}  // namespace attache::service
