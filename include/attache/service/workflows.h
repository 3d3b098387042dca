// The workflow definitions the server runs with: every version of every kind. At start the
// files of schema/workflows/ are loaded and checked; a file whose canonical content is new gets
// the next version number in `workflow_versions`, and every version stored there stays loaded,
// because proposals keep the version they were created with to the end.
// Thread-safety: immutable after Open; share freely.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "attache/core/calendar.h"
#include "attache/core/status.h"
#include "attache/core/workflow.h"
#include "attache/store/db.h"

namespace attache::service {

class Workflows {
 public:
  // Loads `dir`/*.json (each file named after its kind, all five kinds present), registers new
  // content as new versions through `db` (the write connection, used once, here), then loads
  // every stored version. InvalidArgument naming the file and path of a definition's fault;
  // Corruption when a stored version no longer loads.
  static Status Open(const std::filesystem::path& dir, store::Db& db,
                     std::unique_ptr<Workflows>* out);

  // The version new proposals of `kind` get; null for an unknown kind.
  std::shared_ptr<const workflow::Definition> Current(const std::string& kind) const;
  int CurrentVersion(const std::string& kind) const;
  // A stored version; null when there is none.
  std::shared_ptr<const workflow::Definition> Version(const std::string& kind, int version) const;
  // Every stored version, by (kind, version).
  const std::map<std::pair<std::string, int>, std::shared_ptr<const workflow::Definition>>& All()
      const {
    return versions_;
  }
  // The current definition of each kind, in the order of workflow::kKinds.
  std::vector<std::pair<int, std::shared_ptr<const workflow::Definition>>> AllCurrent() const;

 private:
  std::map<std::pair<std::string, int>, std::shared_ptr<const workflow::Definition>> versions_;
  std::map<std::string, int> current_;
};

// Reads schema/holidays/vn-*.json into a calendar. InvalidArgument naming the file of a fault.
Status LoadHolidays(const std::filesystem::path& dir, WorkingDayCalendar* out);

}  // namespace attache::service
