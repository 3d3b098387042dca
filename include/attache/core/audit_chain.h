// The audit trail's hash chain. Each entry's hash is
//   SHA-256( prev_hash as 64 lowercase hex characters || CanonicalBytes(entry) )
// and the first entry's prev_hash is 64 '0' characters. CanonicalBytes is the compact JSON
// array, UTF-8, no spaces, of the entry's fields in this fixed order:
//   [seq, at, actor, on_behalf_of, proposal, action, from, to, comment, payload]
// where seq, actor, on_behalf_of and proposal are integers (on_behalf_of null when none), at
// is RFC 3339 UTC text, comment is text or null, and payload is a JSON object serialised with
// its keys sorted (nlohmann::json's default), so the same entry always gives the same bytes.
// Editing, dropping, reordering or inserting an entry breaks the chain at that entry.
// Thread-safe: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace attache {

struct AuditEntry {
  int64_t seq = 0;                      // 1, 2, 3, ... in commit order, no gaps
  std::string at;                       // RFC 3339 UTC
  int64_t actor = 0;                    // the user who acted
  std::optional<int64_t> on_behalf_of;  // the leader a deputy acted for
  int64_t proposal = 0;
  std::string action;
  std::string from;
  std::string to;
  std::optional<std::string> comment;
  nlohmann::json payload = nlohmann::json::object();
  std::string prev_hash;  // hex
  std::string hash;       // hex
};

inline const std::string kGenesisHash(64, '0');

std::string CanonicalBytes(const AuditEntry& entry);

// The hash this entry must carry given the previous entry's hash.
std::string ChainHash(const std::string& prev_hash, const AuditEntry& entry);

struct ChainReport {
  bool ok = true;
  int64_t entries = 0;
  std::string head;                 // hash of the last entry (genesis when empty)
  std::optional<int64_t> first_bad; // seq of the first entry that does not verify
  std::string reason;               // why, in English, naming the entry
  int64_t anchors = 0;              // anchors (store/audit_anchors.h) the chain was checked against
};

// Feed entries in seq order; the report names the first one that breaks the chain: a seq
// that is not the previous + 1, a prev_hash that is not the previous hash, or a hash that is
// not ChainHash(prev_hash, entry).
class ChainVerifier {
 public:
  // Returns false once the chain is broken (later entries are not examined).
  bool Add(const AuditEntry& entry);
  const ChainReport& report() const { return report_; }

 private:
  ChainReport report_{true, 0, kGenesisHash, std::nullopt, ""};
  int64_t last_seq_ = 0;
};

}  // namespace attache
