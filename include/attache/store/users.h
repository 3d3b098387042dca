// Users and their roles: the repository over `users` and `user_roles`.
// Thread-safety: functions use the connection they are given, from one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "attache/core/status.h"
#include "attache/store/db.h"

namespace attache::store {

// Every role a user may hold (DOMAIN.md).
inline constexpr std::string_view kRoles[] = {"staff",   "unit_head", "icd_officer", "icd_head",
                                              "finance", "leader",    "admin",       "auditor"};

struct User {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  int64_t unit_id = 0;
  std::string unit_code;
  bool active = true;
  std::vector<std::string> roles;  // sorted
};

// Adds an active user in the unit with code `unit_code`. InvalidArgument for an empty or
// over-long name or an unknown role, NotFound for an unknown unit, Conflict for a taken name.
Status AddUser(Db& db, const User& user, int64_t* id = nullptr);

std::optional<User> FindUser(Db& db, int64_t id);
// Every user, ordered by username.
std::vector<User> ListUsers(Db& db);

struct UserChange {
  std::optional<std::string> display_name;
  std::optional<std::vector<std::string>> roles;  // replaces all roles
  std::optional<bool> active;                      // false also ends the user's sessions
};
// NotFound for no such user; InvalidArgument as AddUser for names and roles.
Status UpdateUser(Db& db, int64_t id, const UserChange& change);
std::optional<User> FindUserByName(Db& db, const std::string& username);

// Sets the user's e-mail address (see mail::CheckAddress), or clears it with an empty one.
// InvalidArgument for an address that is not valid, NotFound for no such user.
Status SetUserEmail(Db& db, int64_t id, std::string_view email);

}  // namespace attache::store
