// Foreign partners (DOMAIN.md "Partners"): the repository over `partners`.
// Thread-safety: functions use the connection they are given, from one thread at a time.
#pragma once

#include <cstdint>

#include "attache/store/db.h"

namespace attache::store {

bool PartnerExists(Db& db, int64_t id);

}  // namespace attache::store
