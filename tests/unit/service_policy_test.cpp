#include <catch2/catch.hpp>

#include "attache/service/policy.h"

using namespace attache::service;
using attache::store::User;

namespace {

constexpr int64_t kOwnUnit = 1, kOtherUnit = 2;
const DeputySteps kNoDeputy;

User Make(std::vector<std::string> roles, int64_t id = 10, bool active = true) {
  return User{id, "u", "U", kOwnUnit, "CVL", active, std::move(roles)};
}

ProposalScope In(int64_t unit_id) {
  return {unit_id, "outbound_delegation", 1, "leader_decision", 99};
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
    CHECK(CanSeeProposal(u, kNoDeputy, In(kOwnUnit)));
    CHECK(CanSeeProposal(u, kNoDeputy, In(kOtherUnit)) == r.sees_other_unit);
    CHECK(CanChangeProposal(u, kNoDeputy, In(kOwnUnit)) == r.changes_own);
    CHECK(CanChangeProposal(u, kNoDeputy, In(kOtherUnit)) == r.changes_other);
    CHECK(CanSeePassports(u, kNoDeputy, In(kOwnUnit)));
    CHECK(CanSeePassports(u, kNoDeputy, In(kOtherUnit)) == r.passports_other);
    CHECK(CanManageUsers(u) == r.manages_users);
    CHECK(CanVerifyAudit(u) == r.verifies);
    // A disabled user sees nothing.
    User off = Make({r.role}, 10, false);
    CHECK_FALSE(CanSeeProposal(off, kNoDeputy, In(kOwnUnit)));
  }
}

TEST_CASE("An auditor stays read-only whatever else they hold") {
  User u = Make({"auditor", "icd_officer"});
  CHECK(CanSeeProposal(u, kNoDeputy, In(kOtherUnit)));
  CHECK_FALSE(CanChangeProposal(u, kNoDeputy, In(kOwnUnit)));
  CHECK_FALSE(CanAuthoriseDeputy(u, u.id));
}

TEST_CASE("A deputy sees and changes, as the leader would, what waits for the leader's steps") {
  // Leader 7 (of unit 5) has a decision in leader_decision, not on their own proposals; and
  // a unit-limited step in `unit_review` of their own unit.
  DeputySteps deputy{{{"outbound_delegation", 1, {"leader_decision", "approved"}, std::nullopt, 7},
                      {"agreement", 2, {"unit_review"}, 5, std::nullopt}}};
  struct Row {
    ProposalScope proposal;
    bool waits;
  };
  const Row rows[] = {
      {{kOtherUnit, "outbound_delegation", 1, "leader_decision", 99}, true},
      {{kOtherUnit, "outbound_delegation", 1, "approved", 99}, true},
      {{kOtherUnit, "outbound_delegation", 1, "icd_review", 99}, false},  // not the leader's step
      {{kOtherUnit, "outbound_delegation", 2, "leader_decision", 99}, false},  // another version
      {{kOtherUnit, "inbound_visit", 1, "leader_decision", 99}, false},        // another kind
      {{kOtherUnit, "outbound_delegation", 1, "leader_decision", 7}, false},   // the leader's own
      {{5, "agreement", 2, "unit_review", 99}, true},
      {{kOtherUnit, "agreement", 2, "unit_review", 99}, false},  // outside the step's unit
  };
  User staff = Make({"staff"});
  for (const Row& r : rows) {
    INFO(r.proposal.kind << " v" << r.proposal.workflow_version << " " << r.proposal.state);
    CHECK(WaitsForDeputy(deputy, r.proposal) == r.waits);
    CHECK(CanSeeProposal(staff, deputy, r.proposal) == r.waits);
    CHECK(CanChangeProposal(staff, deputy, r.proposal) == r.waits);
    CHECK(CanSeePassports(staff, deputy, r.proposal) == r.waits);  // the leader sees them
    CHECK_FALSE(CanEditProposal(staff, r.proposal.unit_id));       // editing stays the unit's
    CHECK_FALSE(CanSeeProposal(staff, kNoDeputy, r.proposal));
    // A disabled deputy sees nothing; an auditor deputy sees but changes nothing.
    CHECK_FALSE(CanSeeProposal(Make({"staff"}, 10, false), deputy, r.proposal));
    CHECK_FALSE(CanChangeProposal(Make({"auditor"}), deputy, r.proposal));
  }
  // The list's limit: the user's unit, or the deputy's rules.
  attache::store::ProposalQuery q;
  LimitToVisible(staff, deputy, &q);
  CHECK(q.visible_unit == kOwnUnit);
  CHECK(q.also_visible.size() == 2);
  attache::store::ProposalQuery all;
  LimitToVisible(Make({"icd_officer"}), deputy, &all);
  CHECK_FALSE(all.visible_unit.has_value());
  CHECK(all.also_visible.empty());
}

TEST_CASE("Leaders name their own deputies; admins may record any") {
  CHECK(CanAuthoriseDeputy(Make({"leader"}, 5), 5));
  CHECK_FALSE(CanAuthoriseDeputy(Make({"leader"}, 5), 6));
  CHECK(CanAuthoriseDeputy(Make({"admin"}, 1), 6));
  CHECK_FALSE(CanAuthoriseDeputy(Make({"icd_head"}, 5), 5));
}

TEST_CASE("Only the proposal's own unit edits it; leaders and ICD comment or return it instead") {
  using attache::service::CanEditProposal;
  attache::store::User staff{1, "lan", "Lan", 8, "CVL", true, {"staff"}};
  attache::store::User leader{2, "thanh", "Thành", 2, "LDB", true, {"leader"}};
  attache::store::User icd{3, "mai", "Mai", 4, "HTQT", true, {"icd_officer"}};
  attache::store::User auditor{4, "ha", "Hà", 8, "CVL", true, {"auditor", "staff"}};
  CHECK(CanEditProposal(staff, 8));
  CHECK_FALSE(CanEditProposal(staff, 9));
  CHECK_FALSE(CanEditProposal(leader, 8));
  CHECK_FALSE(CanEditProposal(icd, 8));
  CHECK(CanEditProposal(icd, 4));
  CHECK_FALSE(CanEditProposal(auditor, 8));
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
