// Demo data for a first start: the ministry's units, users, foreign partners and units' annual
// plans for this year and last (and, as later parts land, proposals). Idempotent: does
// nothing when the database already has units, except that a demo database made before
// partners existed gets the partners and plans once.
#pragma once

#include <ostream>

#include "attache/core/status.h"
#include "attache/store/db.h"

namespace attache::app {

// Loads the demo data unless present; writes what it did (and the demo logins) to `out`.
Status SeedDemo(store::Db& db, std::ostream& out);

}  // namespace attache::app
