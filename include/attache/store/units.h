// Units of the ministry: the repository that reads and writes the `units` table.
// Thread-safety: functions use the connection they are given, from one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "attache/core/status.h"
#include "attache/store/db.h"

namespace attache::store {

struct Unit {
  int64_t id = 0;
  std::string code;
  std::string name_vi;
  std::string name_en;
  std::optional<int64_t> parent_id;
};

// Adds a unit; `parent_code` names its parent, if any. Returns InvalidArgument for an empty or
// over-long code or name, Conflict when the code exists, NotFound for an unknown parent.
Status AddUnit(Db& db, const Unit& unit, const std::optional<std::string>& parent_code,
               int64_t* id = nullptr);

std::optional<Unit> FindUnit(Db& db, int64_t id);

// Every unit, ordered by code.
std::vector<Unit> ListUnits(Db& db);

}  // namespace attache::store
