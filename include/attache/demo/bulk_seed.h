// Bulk seeding for load and performance work: `attache seed --proposals N` writes N realistic
// proposals of the five kinds straight into the store's tables, each with the audit entries of
// a plausible path through its workflow definition (one entry per step, hash-chained as
// core/audit_chain.h says) and its full-text index row, fast (see
// docs/performance.md). Deterministic: the same seed on the same database writes the same proposals.
// The demo's reference data (units, users of every step role, partners) must be present; run
// `attache seed-demo` first. Reference numbers are drawn from ref_counters like
// store::CreateProposal's, so numbers are never reused afterwards.
// Thread-safety: SeedProposals uses the connection it is given, from one thread.
#pragma once

#include <cstdint>

#include "attache/core/status.h"
#include "attache/service/workflows.h"
#include "attache/store/db.h"

namespace attache::demo {

struct BulkSeedResult {
  int64_t proposals = 0;
  int64_t audit_entries = 0;
};

// Appends `count` proposals on `db` (the write connection) in one transaction: all of them,
// with their audit entries, index rows and counters, or none. The rows are generated on a
// second thread while this one writes; large loads build the secondary indexes afterwards.
// While it runs, other writers wait (stop the server for large loads: with the database to
// itself the load also skips the WAL). FailedPrecondition, asking for `attache seed-demo`,
// when there are no staff users, no users of the step roles or no partners; Unavailable when
// the disk is full (nothing is written).
Status SeedProposals(store::Db& db, const service::Workflows& workflows, int64_t count,
                     uint64_t seed, BulkSeedResult* result);

}  // namespace attache::demo
