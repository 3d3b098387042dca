#include "attache/store/authorisations.h"

namespace attache::store {
namespace {

constexpr std::string_view kActingFor =
    "SELECT a.id, a.leader_id, u.display_name, a.starts_on, a.ends_on "
    "FROM authorisations a JOIN users u ON u.id = a.leader_id "
    "WHERE a.deputy_id = ? AND a.revoked_at IS NULL AND a.starts_on <= ?2 AND a.ends_on >= ?2 "
    "AND u.active = 1 ORDER BY a.starts_on";

}  // namespace

std::vector<ActingFor> ActingForOn(Db& db, int64_t deputy_id, const std::string& date) {
  std::vector<ActingFor> out;
  Stmt q = db.Prepare(kActingFor);
  q.Bind(1, deputy_id).Bind(2, date);
  while (q.Step()) out.push_back({q.Int(0), q.Int(1), q.Text(2), q.Text(3), q.Text(4)});
  return out;
}

}  // namespace attache::store
