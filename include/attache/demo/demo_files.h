// The demo ministry as data, read from the schema folder's demo/ (the format is
// schema/demo/README.md): organisation.json holds the units, the users (one password for all),
// the foreign partners and the units' plan items; proposals/*.json the demo proposals, one kind
// a file, played in the order of the files' names and of the proposals in each. The files are
// checked to the standard of the workflow definitions: every refusal names the file and the
// JSON pointer of the fault, e.g. `.../demo/organisation.json: /users/3/unit: unknown unit
// "XYZ"`, before anything is written.
// Thread-safety: LoadDemoData reads the files and the definitions it is given and nothing else.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "attache/core/status.h"
#include "attache/service/workflows.h"
#include "attache/store/plan_items.h"

namespace attache::demo {

struct DemoUnit {
  std::string code;
  std::string name_vi;
  std::string name_en;
  std::string parent;  // a unit listed before it; empty: top level
};

struct DemoUser {
  std::string username;
  std::string display_name;
  std::string unit;   // its code
  std::string role;   // one of store::kRoles
  std::string about;  // printed beside the login; may be empty
};

struct DemoPartner {
  std::string type;     // one of store::kPartnerTypes
  std::string acronym;  // may be empty
  std::string name_vi;
  std::string name_en;
  std::optional<std::string> country;  // none: an international body
  std::string notes;                   // may be empty
  // How the demo data names it: its acronym, or its English name when it has none.
  const std::string& key() const { return acronym.empty() ? name_en : acronym; }
};

struct DemoPlanItem {
  std::string unit;
  int years_ago = 0;  // 0: this year's plan (in ministry time), 1: last year's
  std::string kind;
  std::string title;
  std::string partner;  // a DemoPartner::key()
  std::optional<std::string> country;
  std::optional<int> quarter;
  std::optional<store::Money> budget;
  std::string entered_by;  // a username
};

// One step of a proposal's route, written `name[:user][+days][@field[+|-days]]`.
struct DemoStep {
  std::string name;         // a transition's action, or `ask`, `answer`, `object`
  std::string user;         // who takes it; empty: chosen by the transition's roles
  std::optional<int> days;  // after the step before; none: a typical time for the step
  std::string anchor;       // a date field: the step falls on its date (moved by anchor_shift)
  int anchor_shift = 0;

  bool operator==(const DemoStep&) const = default;
};

// One demo proposal and the steps it has taken (what each part means: schema/demo/README.md).
struct DemoProposal {
  std::string kind;
  std::string title;
  std::string creator;  // a staff user, who drafts it
  std::string leader;   // the leader who decides it
  int drafted_days_ago = 0;
  std::string plan_item;  // the title of a plan item of the creator's unit; may be empty
  // Its fields as drafted: a date written "+N" is N days after the day it was drafted, a
  // partner is named by its DemoPartner::key().
  nlohmann::json fields = nlohmann::json::object();
  std::vector<DemoStep> route;
};

struct DemoData {
  std::string password;  // of every demo login
  std::vector<DemoUnit> units;
  std::vector<DemoUser> users;
  std::vector<DemoPartner> partners;
  std::vector<DemoPlanItem> plan_items;
  std::vector<DemoProposal> proposals;  // in the order they are played

  // The first user listed with `role`, or nullptr.
  const DemoUser* FirstWith(std::string_view role) const;
};

// The days of a date written relative to the day a proposal was drafted: "+N" or "-N",
// perhaps followed by a time ("+3T09:00"); nullopt for any other text.
std::optional<int> RelativeDays(std::string_view text);

// Reads and checks the demo data of `dir` (the schema folder's demo/) against the workflow
// definitions of `workflows`. InvalidArgument naming the file and the JSON pointer of the
// first fault; files over 4 MiB are refused unread.
Status LoadDemoData(const std::filesystem::path& dir, const service::Workflows& workflows,
                    DemoData* out);

}  // namespace attache::demo
