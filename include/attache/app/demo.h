// Demo data for a first start: the ministry's units (and, as later parts land, users,
// partners and proposals). Idempotent: does nothing when the database already has units.
#pragma once

#include <ostream>

#include "attache/core/status.h"
#include "attache/store/db.h"

namespace attache::app {

// Loads the demo data unless present; writes what it did (and the demo logins) to `out`.
Status SeedDemo(store::Db& db, std::ostream& out);

}  // namespace attache::app
