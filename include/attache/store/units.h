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

// Adds a unit; `parent_code` names its parent, if any. Returns InvalidArgument for a code that
// is not 1 to 32 ASCII letters, digits, '-' or '_', for an empty or over-long name, Conflict when the code exists, NotFound for an unknown parent.
Status AddUnit(Db& db, const Unit& unit, const std::optional<std::string>& parent_code,
               int64_t* id = nullptr);

std::optional<Unit> FindUnit(Db& db, int64_t id);

struct UnitChange {
  std::optional<std::string> name_vi;
  std::optional<std::string> name_en;
  std::optional<std::optional<int64_t>> parent_id;  // set: replace; set to nullopt: no parent
};
// Renames or moves a unit. NotFound for no such unit; InvalidArgument for an empty or
// over-long name, an unknown parent, or a parent that is the unit itself or below it.
Status UpdateUnit(Db& db, int64_t id, const UnitChange& change);

// Every unit, ordered by code.
std::vector<Unit> ListUnits(Db& db);

}  // namespace attache::store
