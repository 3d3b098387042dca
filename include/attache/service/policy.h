// The authorization policy: the one place that answers "may this user see / change this
// record". Every handler asks it; none decides on its own. Taking a workflow step is decided
// by the engine from the definition's roles and scope, after CanSeeProposal.
//  - staff and unit heads see their own unit's proposals; ICD officers and heads, finance,
//    leaders, auditors and admins see all;
//  - auditors change nothing (read-only, whatever other role they hold is not combined);
//  - admins manage users, units and deputies' records but take no workflow step;
//  - inbound guests' passport numbers are shown only to ICD, leaders and the proposal's unit;
//  - a leader's deputy, while an authorisation is in force, sees and changes what the leader
//    would on the proposals waiting for one of the leader's steps (DeputySteps): those they may
//    decide for the leader, so the "your turn" notice leads somewhere. The list, the page, its
//    history, comments and documents, and the notice agree; reports, the dashboard and the
//    calendar stay the deputy's own view;
//  - a leader names their own deputies; an admin may record one for any leader;
//  - everyone logged in sees partners; ICD officers and heads and admins add and edit them;
//  - annual plans are seen as proposals are (own unit, or all for ICD, finance, leaders,
//    auditors, admins); a unit's staff and head plan for their own unit, ICD officers and
//    heads for any unit.
// Records outside a user's view are answered 404, never 403, so their existence is not leaked.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "attache/store/proposal_list.h"
#include "attache/store/proposals.h"
#include "attache/store/users.h"

namespace attache::service {

bool HasRole(const store::User& user, std::string_view role);

// The role whose steps a deputy takes for the leader (not the leader's other roles).
inline constexpr std::string_view kLeaderRole = "leader";

// The leaders' steps a user may take today as their deputy (Proposals::DeputyStepsOf): per
// definition version, the states out of which a step of the leader's role leads, with its
// unit and creator limits, as `awaiting=me` reads them. Empty for everyone who deputises for
// nobody today.
struct DeputySteps {
  std::vector<store::AwaitingRule> rules;
};

// What the policy reads of a proposal.
struct ProposalScope {
  int64_t unit_id = 0;
  std::string_view kind;
  int workflow_version = 0;
  std::string_view state;
  int64_t created_by = 0;
};
ProposalScope ScopeOf(const store::ProposalRow& row);

// Whether the proposal waits for a step the user may take for a leader today.
bool WaitsForDeputy(const DeputySteps& deputy, const ProposalScope& proposal);

bool SeesAllProposals(const store::User& user);
// Seeing a proposal: all of them, their own unit's, or as a deputy (WaitsForDeputy).
bool CanSeeProposal(const store::User& user, const DeputySteps& deputy,
                    const ProposalScope& proposal);
// Taking steps, commenting, uploading: not for auditors nor administrators; within the user's
// view.
bool CanChangeProposal(const store::User& user, const DeputySteps& deputy,
                       const ProposalScope& proposal);
// Editing a proposal's title and fields (in a state that allows it): its own unit's people,
// never auditors. Others comment; reviewers return it for correction.
bool CanEditProposal(const store::User& user, int64_t proposal_unit_id);
// Creating a proposal (in the user's own unit): anyone who takes workflow steps, not auditors.
bool CanCreateProposal(const store::User& user);
bool CanSeePassports(const store::User& user, const DeputySteps& deputy,
                     const ProposalScope& proposal);
// Limits a list to the proposals the user sees (CanSeeProposal, in SQL).
void LimitToVisible(const store::User& user, const DeputySteps& deputy,
                    store::ProposalQuery* query);

bool CanManageUsers(const store::User& user);
// The e-mail outbox: seeing it, sending a test message, retrying a message (administrators).
bool CanManageMail(const store::User& user);
bool CanVerifyAudit(const store::User& user);
// Naming a deputy for `leader_id`.
bool CanAuthoriseDeputy(const store::User& user, int64_t leader_id);
bool IsReadOnly(const store::User& user);

// Adding and editing partners.
bool CanManagePartners(const store::User& user);
// Every unit's plan, not only the user's own.
bool SeesAllPlans(const store::User& user);
bool CanSeePlan(const store::User& user, int64_t unit_id);
// Adding, editing and deleting items of unit `unit_id`'s plan.
bool CanManagePlan(const store::User& user, int64_t unit_id);

}  // namespace attache::service
