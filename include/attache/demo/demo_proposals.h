// Demo proposals for `attache seed-demo`: about a hundred proposals of the five kinds, in every
// state each kind can reach, drafted over the last three years and moved step by step through
// the real service (service::Proposals, documents, consultations) with a clock set to the day
// of each step, so dates, deadlines, warnings and the audit trail read as a ministry's would.
// What each proposal is, and the route it takes, is data (demo/demo_files.h); how its steps
// are taken is src/demo/demo_proposals.cpp and the files beside it.
// Thread-safety: SeedDemoProposals uses the connection it is given, from one thread.
#pragma once

#include <chrono>

#include "attache/core/calendar.h"
#include "attache/core/clock.h"
#include "attache/core/status.h"
#include "attache/demo/demo_files.h"
#include "attache/service/workflows.h"
#include "attache/store/db.h"
#include "attache/store/document_files.h"

namespace attache::demo {

// What the demo proposals are made with.
struct DemoRules {
  const service::Workflows& workflows;
  const WorkingDayCalendar& calendar;
  const store::DocumentFiles& files;  // where the demo documents' bytes are stored
};

// Creates the proposals of `data` on `db` (its users, partners and plan items must be there),
// inside the caller's transaction, with steps dated before `now`. Document files it
// stores that no document names afterwards (when a later step fails) are removed again. Fails
// naming the proposal and step that could not be taken.
Status SeedDemoProposals(store::Db& db, const DemoData& data, const DemoRules& rules,
                         std::chrono::system_clock::time_point now, int* created);

}  // namespace attache::demo
