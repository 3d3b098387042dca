// A leader's deputies: who may act for whom between two dates (inclusive).
// Thread-safety: functions use the connection they are given, from one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "attache/core/status.h"
#include "attache/store/db.h"

namespace attache::store {

struct ActingFor {
  int64_t authorisation_id = 0;
  int64_t leader_id = 0;
  std::string leader_name;
  std::string starts_on;  // YYYY-MM-DD
  std::string ends_on;
};

struct Authorisation {
  int64_t id = 0;
  int64_t leader_id = 0;
  std::string leader_name;
  int64_t deputy_id = 0;
  std::string deputy_name;
  std::string starts_on;
  std::string ends_on;
  std::string reason;
  std::string created_at;
  std::optional<std::string> revoked_at;
};

// Records that `leader_id` authorises `deputy_id` between the two dates (inclusive).
// InvalidArgument when the leader is not an active leader, the deputy is not an active user or
// is the leader, or the dates are not in order; the caller has checked the dates' form.
Status AddAuthorisation(Db& db, const Authorisation& a, const std::string& at, int64_t* id);
// All authorisations where `user_id` is the leader or the deputy, or every one when nullopt;
// newest first.
std::vector<Authorisation> ListAuthorisations(Db& db, std::optional<int64_t> user_id);
std::optional<Authorisation> FindAuthorisation(Db& db, int64_t id);
// NotFound when there is no such live authorisation.
Status RevokeAuthorisation(Db& db, int64_t id, const std::string& at);

// The leaders `deputy_id` may act for on `date` (YYYY-MM-DD): authorisations in force that day
// and not revoked.
std::vector<ActingFor> ActingForOn(Db& db, int64_t deputy_id, const std::string& date);

}  // namespace attache::store
