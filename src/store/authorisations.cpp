#include "attache/store/authorisations.h"

namespace attache::store {
namespace {

constexpr std::string_view kActingFor =
    "SELECT a.id, a.leader_id, u.display_name, a.starts_on, a.ends_on "
    "FROM authorisations a JOIN users u ON u.id = a.leader_id "
    "WHERE a.deputy_id = ? AND a.revoked_at IS NULL AND a.starts_on <= ?2 AND a.ends_on >= ?2 "
    "AND u.active = 1 ORDER BY a.starts_on";

constexpr std::string_view kSelect =
    "SELECT a.id, a.leader_id, l.display_name, a.deputy_id, d.display_name, a.starts_on, "
    "a.ends_on, a.reason, a.created_at, a.revoked_at FROM authorisations a "
    "JOIN users l ON l.id = a.leader_id JOIN users d ON d.id = a.deputy_id ";

Authorisation Read(Stmt& q) {
  Authorisation a{q.Int(0), q.Int(1), q.Text(2), q.Int(3), q.Text(4), q.Text(5),
                  q.Text(6), q.Text(7), q.Text(8), std::nullopt};
  if (!q.IsNull(9)) a.revoked_at = q.Text(9);
  return a;
}

}  // namespace

Status AddAuthorisation(Db& db, const Authorisation& a, const std::string& at, int64_t* id) {
  if (a.starts_on > a.ends_on) return Status::InvalidArgument("ends_on is before starts_on");
  if (a.leader_id == a.deputy_id) return Status::InvalidArgument("a leader cannot be their own deputy");
  if (a.reason.empty() || a.reason.size() > 1000) return Status::InvalidArgument("reason must be 1 to 1000 bytes");
  Txn txn(db);
  Stmt leader = db.Prepare(
      "SELECT 1 FROM users u JOIN user_roles r ON r.user_id = u.id "
      "WHERE u.id = ? AND u.active = 1 AND r.role = 'leader'");
  leader.Bind(1, a.leader_id);
  if (!leader.Step()) return Status::InvalidArgument("leader_id is not an active leader");
  Stmt deputy = db.Prepare("SELECT 1 FROM users WHERE id = ? AND active = 1");
  deputy.Bind(1, a.deputy_id);
  if (!deputy.Step()) return Status::InvalidArgument("deputy_id is not an active user");
  db.Prepare("INSERT INTO authorisations (leader_id, deputy_id, starts_on, ends_on, reason, created_at) "
             "VALUES (?, ?, ?, ?, ?, ?)")
      .Bind(1, a.leader_id).Bind(2, a.deputy_id).Bind(3, a.starts_on).Bind(4, a.ends_on)
      .Bind(5, a.reason).Bind(6, at)
      .Run();
  if (id) *id = db.LastInsertRowid();
  txn.Commit();
  return Status::Ok();
}

std::vector<Authorisation> ListAuthorisations(Db& db, std::optional<int64_t> user_id) {
  std::vector<Authorisation> out;
  Stmt q = db.Prepare(std::string(kSelect) +
                      (user_id ? "WHERE a.leader_id = ?1 OR a.deputy_id = ?1 " : "") +
                      "ORDER BY a.id DESC");
  if (user_id) q.Bind(1, *user_id);
  while (q.Step()) out.push_back(Read(q));
  return out;
}

std::optional<Authorisation> FindAuthorisation(Db& db, int64_t id) {
  Stmt q = db.Prepare(std::string(kSelect) + "WHERE a.id = ?");
  q.Bind(1, id);
  if (!q.Step()) return std::nullopt;
  return Read(q);
}

Status RevokeAuthorisation(Db& db, int64_t id, const std::string& at) {
  db.Prepare("UPDATE authorisations SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
      .Bind(1, at).Bind(2, id).Run();
  return db.Changes() ? Status::Ok() : Status::NotFound("no live authorisation " + std::to_string(id));
}

std::vector<ActingFor> ActingForOn(Db& db, int64_t deputy_id, const std::string& date) {
  std::vector<ActingFor> out;
  Stmt q = db.Prepare(kActingFor);
  q.Bind(1, deputy_id).Bind(2, date);
  while (q.Step()) out.push_back({q.Int(0), q.Int(1), q.Text(2), q.Text(3), q.Text(4)});
  return out;
}

}  // namespace attache::store
