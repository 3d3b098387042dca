#include "attache/core/audit_chain.h"

#include "attache/core/hash.h"

namespace attache {

std::string CanonicalBytes(const AuditEntry& e) {
  nlohmann::json a = nlohmann::json::array();
  a.push_back(e.seq);
  a.push_back(e.at);
  a.push_back(e.actor);
  a.push_back(e.on_behalf_of ? nlohmann::json(*e.on_behalf_of) : nlohmann::json(nullptr));
  a.push_back(e.proposal);
  a.push_back(e.action);
  a.push_back(e.from);
  a.push_back(e.to);
  a.push_back(e.comment ? nlohmann::json(*e.comment) : nlohmann::json(nullptr));
  a.push_back(e.payload.is_null() ? nlohmann::json::object() : e.payload);
  return a.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string ChainHash(const std::string& prev_hash, const AuditEntry& entry) {
  Sha256 h;
  h.Update(prev_hash);
  h.Update(CanonicalBytes(entry));
  return h.FinishHex();
}

bool ChainVerifier::Add(const AuditEntry& e) {
  if (!report_.ok) return false;
  auto fail = [&](std::string why) {
    report_.ok = false;
    report_.first_bad = e.seq;
    report_.reason = "audit entry " + std::to_string(e.seq) + ": " + why;
    return false;
  };
  if (e.seq != last_seq_ + 1)
    return fail("expected entry " + std::to_string(last_seq_ + 1) + " here (an entry was dropped, inserted or moved)");
  if (e.prev_hash != report_.head) return fail("its prev_hash is not the previous entry's hash");
  if (e.hash != ChainHash(e.prev_hash, e)) return fail("its content does not match its hash (edited)");
  last_seq_ = e.seq;
  report_.head = e.hash;
  ++report_.entries;
  return true;
}

}  // namespace attache
