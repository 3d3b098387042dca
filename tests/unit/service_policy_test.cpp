#include <catch2/catch.hpp>

#include "attache/service/policy.h"

using namespace attache::service;
using attache::store::User;

namespace {

constexpr int64_t kOwnUnit = 1, kOtherUnit = 2;

User Make(std::vector<std::string> roles, int64_t id = 10, bool active = true) {
  return User{id, "u", "U", kOwnUnit, "CVL", active, std::move(roles)};
}

}  // namespace

TEST_CASE("Policy table: who sees, changes and manages what") {
  struct Row {
    const char* role;
    bool sees_other_unit, changes_own, changes_other, passports_other, manages_users, verifies;
  };
  const Row rows[] = {
      // role          see other  chg own  chg other  passports  users  verify
      {"staff",        false,     true,    false,     false,     false, false},
      {"unit_head",    false,     true,    false,     false,     false, false},
      {"icd_officer",  true,      true,    true,      true,      false, false},
      {"icd_head",     true,      true,    true,      true,      false, false},
      {"finance",      true,      true,    true,      false,     false, false},
      {"leader",       true,      true,    true,      true,      false, false},
      {"admin",        true,      false,   false,     false,     true,  true},
      {"auditor",      true,      false,   false,     false,     false, true},
  };
  for (const Row& r : rows) {
    INFO(r.role);
    User u = Make({r.role});
    CHECK(CanSeeProposal(u, kOwnUnit));
    CHECK(CanSeeProposal(u, kOtherUnit) == r.sees_other_unit);
    CHECK(CanChangeProposal(u, kOwnUnit) == r.changes_own);
    CHECK(CanChangeProposal(u, kOtherUnit) == r.changes_other);
    CHECK(CanSeePassports(u, kOwnUnit));
    CHECK(CanSeePassports(u, kOtherUnit) == r.passports_other);
    CHECK(CanManageUsers(u) == r.manages_users);
    CHECK(CanVerifyAudit(u) == r.verifies);
    // A disabled user sees nothing.
    User off = Make({r.role}, 10, false);
    CHECK_FALSE(CanSeeProposal(off, kOwnUnit));
  }
}

TEST_CASE("An auditor stays read-only whatever else they hold") {
  User u = Make({"auditor", "icd_officer"});
  CHECK(CanSeeProposal(u, kOtherUnit));
  CHECK_FALSE(CanChangeProposal(u, kOwnUnit));
  CHECK_FALSE(CanAuthoriseDeputy(u, u.id));
}

TEST_CASE("Leaders name their own deputies; admins may record any") {
  CHECK(CanAuthoriseDeputy(Make({"leader"}, 5), 5));
  CHECK_FALSE(CanAuthoriseDeputy(Make({"leader"}, 5), 6));
  CHECK(CanAuthoriseDeputy(Make({"admin"}, 1), 6));
  CHECK_FALSE(CanAuthoriseDeputy(Make({"icd_head"}, 5), 5));
}

TEST_CASE("Policy table: partners and annual plans") {
  struct Row {
    const char* role;
    bool manages_partners, sees_other_plan, plans_own, plans_other;
  };
  const Row rows[] = {
      // role          partners  see other  plan own  plan other
      {"staff",        false,    false,     true,     false},
      {"unit_head",    false,    false,     true,     false},
      {"icd_officer",  true,     true,      true,     true},
      {"icd_head",     true,     true,      true,     true},
      {"finance",      false,    true,      false,    false},
      {"leader",       false,    true,      false,    false},
      {"admin",        true,     true,      false,    false},
      {"auditor",      false,    true,      false,    false},
  };
  for (const Row& r : rows) {
    INFO(r.role);
    User u = Make({r.role});
    CHECK(CanManagePartners(u) == r.manages_partners);
    CHECK(CanSeePlan(u, kOwnUnit));
    CHECK(CanSeePlan(u, kOtherUnit) == r.sees_other_plan);
    CHECK(SeesAllPlans(u) == r.sees_other_plan);
    CHECK(CanManagePlan(u, kOwnUnit) == r.plans_own);
    CHECK(CanManagePlan(u, kOtherUnit) == r.plans_other);
    User off = Make({r.role}, 10, false);
    CHECK_FALSE(CanManagePartners(off));
    CHECK_FALSE(CanSeePlan(off, kOwnUnit));
    CHECK_FALSE(CanManagePlan(off, kOwnUnit));
  }
}

TEST_CASE("An auditor who is also ICD changes neither partners nor plans") {
  User u = Make({"auditor", "icd_officer"});
  CHECK(CanSeePlan(u, kOtherUnit));
  CHECK_FALSE(CanManagePartners(u));
  CHECK_FALSE(CanManagePlan(u, kOwnUnit));
}
