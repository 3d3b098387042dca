// The annual report and the dashboard: counts over the proposals a user may see, by the rules
// in docs/reports.md.
// Thread-safety: functions over the read connection given.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "attache/service/workflows.h"
#include "attache/store/db.h"
#include "attache/store/proposal_list.h"
#include "attache/store/users.h"

namespace attache::service {

// The annual report for `year` as JSON (see docs/reports.md for its members).
nlohmann::json AnnualReport(store::Db& db, const Workflows& workflows, const store::User& user,
                            int year);

// The same report as CSV: UTF-8 with a byte-order mark, sections separated by a blank line.
std::string AnnualReportCsv(const nlohmann::json& report);

// The most proposals a list's CSV file holds.
inline constexpr int kListCsvRows = 5000;

// The proposals of `query` (already limited to what the caller sees, at most its `limit`) as a
// CSV file for spreadsheets, in the list's order: UTF-8 with a byte-order mark, a bilingual
// header, then per proposal its reference, title, kind and state (Vietnamese labels), unit
// code, partner (Vietnamese name), country, dates, due date, whether overdue on `today`, and
// the day of its last change.
std::string ProposalListCsv(store::Db& db, const Workflows& workflows,
                            const store::ProposalQuery& query, const std::string& today);

// What is in flight now; `today` is YYYY-MM-DD in the ministry's time zone.
nlohmann::json Dashboard(store::Db& db, const Workflows& workflows, const store::User& user,
                         const std::string& today);

}  // namespace attache::service
