// A leader's deputies: who may act for whom between two dates (inclusive).
// Thread-safety: functions use the connection they are given, from one thread at a time.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "attache/store/db.h"

namespace attache::store {

struct ActingFor {
  int64_t authorisation_id = 0;
  int64_t leader_id = 0;
  std::string leader_name;
  std::string starts_on;  // YYYY-MM-DD
  std::string ends_on;
};

// The leaders `deputy_id` may act for on `date` (YYYY-MM-DD): authorisations in force that day
// and not revoked.
std::vector<ActingFor> ActingForOn(Db& db, int64_t deputy_id, const std::string& date);

}  // namespace attache::store
