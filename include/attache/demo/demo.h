// Demo data for a first start, read from schema/demo/ (demo/demo_files.h): the ministry's
// units, users, foreign partners, units' annual plans for this year and last, and about a
// hundred proposals of the five kinds spread over the last three years
// (demo/demo_proposals.h). Idempotent: does nothing when the database already has units,
// except that a demo database made before partners existed gets the partners and plans once.
#pragma once

#include <ostream>

#include "attache/core/status.h"
#include "attache/demo/demo_files.h"
#include "attache/demo/demo_proposals.h"
#include "attache/store/db.h"

namespace attache::demo {

// Loads `data` (read by LoadDemoData) unless present, all of it in one transaction; writes
// what it did (and the demo logins) to `out`. The proposals follow the workflow definitions of
// `rules`, and their documents are stored in its document files.
Status SeedDemo(store::Db& db, const DemoData& data, const DemoRules& rules, std::ostream& out);

}  // namespace attache::demo
