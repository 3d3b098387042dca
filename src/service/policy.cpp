#include "attache/service/policy.h"

#include <algorithm>

namespace attache::service {

bool HasRole(const store::User& user, std::string_view role) {
  return std::find(user.roles.begin(), user.roles.end(), role) != user.roles.end();
}

bool IsReadOnly(const store::User& user) {
  return HasRole(user, "auditor");
}

bool SeesAllProposals(const store::User& user) {
  for (std::string_view r : {"icd_officer", "icd_head", "finance", "leader", "auditor", "admin"})
    if (HasRole(user, r)) return true;
  return false;
}

ProposalScope ScopeOf(const store::ProposalRow& row) {
  return {row.unit_id, row.kind, row.workflow_version, row.state, row.created_by};
}

// The same test as the SQL of store::VisitProposals for an AwaitingRule.
bool WaitsForDeputy(const DeputySteps& deputy, const ProposalScope& p) {
  return std::any_of(deputy.rules.begin(), deputy.rules.end(), [&](const store::AwaitingRule& r) {
    return r.kind == p.kind && r.workflow_version == p.workflow_version &&
           std::find(r.states.begin(), r.states.end(), p.state) != r.states.end() &&
           (!r.unit_id || *r.unit_id == p.unit_id) &&
           (!r.not_created_by || *r.not_created_by != p.created_by);
  });
}

bool CanSeeProposal(const store::User& user, const DeputySteps& deputy, const ProposalScope& p) {
  return user.active &&
         (SeesAllProposals(user) || user.unit_id == p.unit_id || WaitsForDeputy(deputy, p));
}

bool CanChangeProposal(const store::User& user, const DeputySteps& deputy,
                       const ProposalScope& p) {
  return CanSeeProposal(user, deputy, p) && !IsReadOnly(user) &&
         !(user.roles.size() == 1 && HasRole(user, "admin"));
}

bool CanEditProposal(const store::User& user, int64_t proposal_unit_id) {
  return user.active && user.unit_id == proposal_unit_id && !IsReadOnly(user) &&
         !(user.roles.size() == 1 && HasRole(user, "admin"));
}

void LimitToVisible(const store::User& user, const DeputySteps& deputy,
                    store::ProposalQuery* query) {
  if (SeesAllProposals(user)) return;
  query->visible_unit = user.unit_id;
  query->also_visible = deputy.rules;
}

bool CanCreateProposal(const store::User& user) {
  if (!user.active || IsReadOnly(user)) return false;
  for (std::string_view r : {"staff", "unit_head", "icd_officer", "icd_head", "finance", "leader"})
    if (HasRole(user, r)) return true;
  return false;
}

bool CanSeePassports(const store::User& user, const DeputySteps& deputy, const ProposalScope& p) {
  return user.active && (HasRole(user, "icd_officer") || HasRole(user, "icd_head") ||
                         HasRole(user, kLeaderRole) || user.unit_id == p.unit_id ||
                         WaitsForDeputy(deputy, p));
}

bool CanManageUsers(const store::User& user) {
  return user.active && HasRole(user, "admin") && !IsReadOnly(user);
}

bool CanManageMail(const store::User& user) { return CanManageUsers(user); }

bool CanVerifyAudit(const store::User& user) {
  return user.active && (HasRole(user, "auditor") || HasRole(user, "admin"));
}

bool CanAuthoriseDeputy(const store::User& user, int64_t leader_id) {
  if (!user.active || IsReadOnly(user)) return false;
  return (HasRole(user, "leader") && user.id == leader_id) || HasRole(user, "admin");
}

bool CanManagePartners(const store::User& user) {
  return user.active && !IsReadOnly(user) &&
         (HasRole(user, "icd_officer") || HasRole(user, "icd_head") || HasRole(user, "admin"));
}

// The same people see all plans as see all proposals: a plan is read beside its proposals.
bool SeesAllPlans(const store::User& user) {
  return SeesAllProposals(user);
}

bool CanSeePlan(const store::User& user, int64_t unit_id) {
  return user.active && (SeesAllPlans(user) || user.unit_id == unit_id);
}

bool CanManagePlan(const store::User& user, int64_t unit_id) {
  if (!user.active || IsReadOnly(user)) return false;
  if (HasRole(user, "icd_officer") || HasRole(user, "icd_head")) return true;
  return (HasRole(user, "staff") || HasRole(user, "unit_head")) && user.unit_id == unit_id;
}

}  // namespace attache::service
