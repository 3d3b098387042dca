// Anchors of the audit chain outside the database: `data/audit-anchors.log`, one line per
// anchor, appended and synced, never rewritten: "<RFC 3339 time> <entries> <head hash>". The
// server writes one at every start and every hour. The chain verifies only if, for every
// anchor, its entry `entries` still has hash `head`: someone who can rewrite the database can
// make a consistent shorter or different chain, but not make it agree with what was written
// down earlier outside it (a truncated tail is caught too).
// Thread-safety: functions; appends from several threads are whole lines (O_APPEND, one write).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "attache/core/status.h"
#include "attache/store/db.h"

namespace attache::store {

struct AuditAnchor {
  std::string at;       // RFC 3339
  int64_t entries = 0;  // seq of the head entry (0: the empty chain)
  std::string head;     // its hash
};

// The file's place in a data folder.
std::filesystem::path AnchorsPath(const std::filesystem::path& data_dir);

// The chain's head now (entries 0 and the genesis hash when it is empty).
AuditAnchor CurrentHead(Db& db, const std::string& at);

// Appends `anchor` as one line and syncs the file. Unavailable when it cannot be written.
Status AppendAnchor(const std::filesystem::path& path, const AuditAnchor& anchor);

// The anchors of the file, in order (none when there is no file). Corruption names the first
// line that is not an anchor.
Status ReadAnchors(const std::filesystem::path& path, std::vector<AuditAnchor>* out);

}  // namespace attache::store
