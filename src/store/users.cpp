#include "attache/store/users.h"

#include <algorithm>

#include "attache/mail/mime.h"

namespace attache::store {
namespace {

constexpr std::string_view kInsertUser =
    "INSERT INTO users (username, display_name, unit_id) "
    "SELECT ?, ?, id FROM units WHERE code = ?";
constexpr std::string_view kInsertRole = "INSERT INTO user_roles (user_id, role) VALUES (?, ?)";
constexpr std::string_view kSelectUser =
    "SELECT u.id, u.username, u.display_name, u.unit_id, n.code, u.active "
    "FROM users u JOIN units n ON n.id = u.unit_id WHERE ";
constexpr std::string_view kSetEmail = "UPDATE users SET email = ? WHERE id = ?";
constexpr std::string_view kSelectRoles =
    "SELECT role FROM user_roles WHERE user_id = ? ORDER BY role";

std::optional<User> ReadUser(Db& db, Stmt& q) {
  if (!q.Step()) return std::nullopt;
  User u{q.Int(0), q.Text(1), q.Text(2), q.Int(3), q.Text(4), q.Int(5) == 1, {}};
  Stmt r = db.Prepare(kSelectRoles);
  r.Bind(1, u.id);
  while (r.Step()) u.roles.push_back(r.Text(0));
  return u;
}

Status CheckDisplayName(const std::string& name) {
  if (name.empty() || name.size() > 200)
    return Status::InvalidArgument("display name must be 1 to 200 bytes");
  return Status::Ok();
}

Status CheckRoles(const std::vector<std::string>& roles) {
  if (roles.empty()) return Status::InvalidArgument("a user needs at least one role");
  for (const auto& role : roles)
    if (std::find(std::begin(kRoles), std::end(kRoles), role) == std::end(kRoles))
      return Status::InvalidArgument("unknown role " + role);
  return Status::Ok();
}

void ReplaceRoles(Db& db, int64_t user_id, std::vector<std::string> roles) {
  db.Prepare("DELETE FROM user_roles WHERE user_id = ?").Bind(1, user_id).Run();
  Stmt role = db.Prepare(kInsertRole);
  std::sort(roles.begin(), roles.end());
  roles.erase(std::unique(roles.begin(), roles.end()), roles.end());
  for (const auto& r : roles) {
    role.Bind(1, user_id).Bind(2, r);
    role.Run();
  }
}

}  // namespace

Status AddUser(Db& db, const User& user, int64_t* id) {
  if (user.username.empty() || user.username.size() > 64)
    return Status::InvalidArgument("username must be 1 to 64 characters");
  if (Status s = CheckDisplayName(user.display_name); !s.ok()) return s;
  if (Status s = CheckRoles(user.roles); !s.ok()) return s;
  try {
    Txn txn(db);
    Stmt ins = db.Prepare(kInsertUser);
    ins.Bind(1, user.username).Bind(2, user.display_name).Bind(3, user.unit_code);
    ins.Run();
    if (db.Changes() == 0) return Status::NotFound("no unit with code " + user.unit_code);
    int64_t new_id = db.LastInsertRowid();
    ReplaceRoles(db, new_id, user.roles);
    txn.Commit();
    if (id) *id = new_id;
  } catch (const DbError& e) {
    if (e.code() == SQLITE_CONSTRAINT_UNIQUE || e.code() == SQLITE_CONSTRAINT_PRIMARYKEY)
      return Status::Conflict("user " + user.username + " exists");
    if (e.primary_code() == SQLITE_FULL) return DiskFull();
    throw;
  }
  return Status::Ok();
}

std::optional<User> FindUser(Db& db, int64_t id) {
  Stmt q = db.Prepare(std::string(kSelectUser) + "u.id = ?");
  q.Bind(1, id);
  return ReadUser(db, q);
}

std::vector<User> ListUsers(Db& db) {
  std::vector<User> out;
  Stmt q = db.Prepare(std::string(kSelectUser) + "1 ORDER BY u.username");
  while (true) {
    auto u = ReadUser(db, q);
    if (!u) break;
    out.push_back(std::move(*u));
  }
  return out;
}

Status UpdateUser(Db& db, int64_t id, const UserChange& change) {
  if (change.display_name)
    if (Status s = CheckDisplayName(*change.display_name); !s.ok()) return s;
  if (change.roles)
    if (Status s = CheckRoles(*change.roles); !s.ok()) return s;
  Txn txn(db);
  if (!FindUser(db, id)) return Status::NotFound("no user " + std::to_string(id));
  if (change.display_name)
    db.Prepare("UPDATE users SET display_name = ? WHERE id = ?").Bind(1, *change.display_name).Bind(2, id).Run();
  if (change.roles) ReplaceRoles(db, id, *change.roles);
  if (change.active) {
    db.Prepare("UPDATE users SET active = ? WHERE id = ?").Bind(1, *change.active ? 1 : 0).Bind(2, id).Run();
    if (!*change.active) db.Prepare("DELETE FROM sessions WHERE user_id = ?").Bind(1, id).Run();
  }
  txn.Commit();
  return Status::Ok();
}

std::optional<User> FindUserByName(Db& db, const std::string& username) {
  Stmt q = db.Prepare(std::string(kSelectUser) + "u.username = ?");
  q.Bind(1, username);
  return ReadUser(db, q);
}

Status SetUserEmail(Db& db, int64_t id, std::string_view email) {
  if (!email.empty())
    if (Status s = mail::CheckAddress(email); !s.ok()) return s;
  Stmt q = db.Prepare(kSetEmail);
  if (email.empty())
    q.BindNull(1);
  else
    q.Bind(1, email);
  q.Bind(2, id).Run();
  if (db.Changes() == 0) return Status::NotFound("no such user");
  return Status::Ok();
}

}  // namespace attache::store
