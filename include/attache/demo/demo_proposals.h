// Demo proposals for `attache seed-demo`: about a hundred proposals of the five kinds, in every
// state each kind can reach, drafted over the last three years and moved step by step through
// the real service (service::Proposals, documents, consultations) with a clock set to the day
// of each step, so dates, deadlines, warnings and the audit trail read as a ministry's would.
// What each proposal is (src/demo/demo_catalogue.cpp) is data; how its steps are taken is
// src/demo/demo_proposals.cpp.
// Thread-safety: SeedDemoProposals uses the connection it is given, from one thread.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "attache/core/calendar.h"
#include "attache/core/clock.h"
#include "attache/core/status.h"
#include "attache/service/workflows.h"
#include "attache/store/db.h"
#include "attache/store/document_files.h"

namespace attache::demo {

// One demo proposal and the steps it has taken.
struct DemoProposal {
  std::string kind{};
  std::string creator{};  // the unit's staff member who drafts it: lan, khanh or nga
  std::string title{};
  int drafted_days_ago = 0;
  // Its fields as drafted. A date (or a datetime's "at") written "+N" is N days after the day
  // it was drafted; a partner field names the partner by acronym (or English name when it has
  // none).
  nlohmann::json fields = nlohmann::json::object();
  // Its steps after creation, separated by spaces, each `name[:user][+days][@field[+|-days]]`:
  //   name   a transition of the definition, or `ask` (ICD asks the bodies concerned for
  //          their opinion), `answer` (every open opinion comes back, most in agreement) or
  //          `object` (the same, the last body objecting);
  //   :user  who takes it (default: the first of the transition's roles the demo staffs:
  //          the creator, their unit head, mai, quang, thu, or the proposal's leader);
  //   +days  days after the previous step (default: a typical time for the step);
  //   @field on the date in that field, moved by the days given.
  // A step falls on the next working day at office hours; documents a step needs are
  // uploaded just before it, by the creator (or ICD, for the ones ICD holds).
  std::string route{};
  std::string leader = "thanh";  // the leader who decides it
  std::string plan_item{};       // the title of the unit's plan item it carries out, if any
};

// The catalogue of demo proposals (src/demo/demo_catalogue.cpp).
std::vector<DemoProposal> DemoCatalogue();

// What the demo proposals are made with.
struct DemoRules {
  const service::Workflows& workflows;
  const WorkingDayCalendar& calendar;
  const store::DocumentFiles& files;  // where the demo documents' bytes are stored
};

// Creates the catalogue's proposals on `db` (the demo's users, partners and plans must be
// there), inside the caller's transaction, with steps dated before `now`. Document files it
// stores that no document names afterwards (when a later step fails) are removed again. Fails
// naming the proposal and step that could not be taken.
Status SeedDemoProposals(store::Db& db, const DemoRules& rules,
                         std::chrono::system_clock::time_point now, int* created);

}  // namespace attache::demo
