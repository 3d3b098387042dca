// The audit chain of the proposals `attache seed` generates (bulk_seed_internal.h): each entry's
// canonical bytes, written directly for speed and checked against core/audit_chain.h's rule,
// and its SHA-256 chained to the entry before it.
#include <sodium.h>

#include <stdexcept>

#include "bulk_seed_internal.h"

namespace attache::demo::bulk {

// Appends one entry to the row's chain. Its canonical bytes are written here rather than
// through nlohmann::json (the values are identifiers, dates and fixed texts that need no
// escaping); the first entries of every run are compared with CanonicalBytes, so a drift from
// the rule in core/audit_chain.h stops the command instead of breaking the chain.
void Seeder::Append(ProposalRow* row, std::string at, int64_t actor, std::string_view action,
                    std::string_view from, std::string_view to, const char* comment,
                    std::string payload) {
  const int64_t seq = ++at_.seq;
  std::string bytes;
  bytes.reserve(200 + payload.size());
  bytes.append("[").append(std::to_string(seq)).append(",\"").append(at).append("\",");
  bytes.append(std::to_string(actor)).append(",null,").append(std::to_string(row->id));
  bytes.append(",\"").append(action).append("\",\"").append(from).append("\",\"").append(to);
  bytes.append("\",");
  if (comment)
    bytes.append("\"").append(comment).append("\"");
  else
    bytes.append("null");
  bytes.append(",").append(payload).append("]");
  if (checked_ < 64) {
    ++checked_;
    AuditEntry e;
    e.seq = seq;
    e.at = at;
    e.actor = actor;
    e.proposal = row->id;
    e.action = action;
    e.from = from;
    e.to = to;
    if (comment) e.comment = comment;
    e.payload = nlohmann::json::parse(payload);
    if (CanonicalBytes(e) != bytes)
      throw std::logic_error("bulk seed: canonical bytes differ from CanonicalBytes: " + bytes);
  }
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(at_.head.data()),
                            at_.head.size());
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(bytes.data()),
                            bytes.size());
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, digest);
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  AuditRow& a = row->audit.emplace_back();
  a.at = std::move(at);
  a.actor = actor;
  a.action = action;
  a.from = from;
  a.to = to;
  a.comment = comment;
  a.payload = std::move(payload);
  std::copy(hex, hex + 64, a.hash.begin());
  at_.head.assign(hex, 64);
}

}  // namespace attache::demo::bulk
