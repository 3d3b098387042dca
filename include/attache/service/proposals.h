// Creating proposals and taking their steps: the engine's decision and the store's write bound
// together. Both run on the write connection inside the writer's transaction, so the decision
// is taken on exactly the row that is written, and a stale version is a Conflict, never a
// silent overwrite.
// Thread-safety: the object is immutable; Create and Act use the connection they are given.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "attache/core/clock.h"
#include "attache/core/engine.h"
#include "attache/core/fields.h"
#include "attache/service/policy.h"
#include "attache/service/workflows.h"
#include "attache/store/proposal_list.h"
#include "attache/store/proposals.h"
#include "attache/store/users.h"

namespace attache::service {

struct NewProposalRequest {
  std::string kind;
  std::string title;
  nlohmann::json fields = nlohmann::json::object();
  std::optional<int64_t> plan_item_id = std::nullopt;  // the unit's plan item it carries out
};

struct ActRequest {
  int64_t proposal_id = 0;
  int64_t expected_version = 0;
  workflow::StepRequest step;
};

struct Refusal {
  std::vector<workflow::FieldError> field_errors;  // Create: malformed field values
  std::vector<workflow::Reason> reasons;           // Act: why the step cannot be taken
};

// The list columns of a proposal with these fields, as its definition maps them, and the words
// full-text search finds it by (FieldsSearchText).
store::ListColumns ColumnsOf(const workflow::Definition& definition, const nlohmann::json& fields);
// The same without the search text: what a list summary shows (no text folding per row).
store::ListColumns FilterColumnsOf(const workflow::Definition& definition,
                                   const nlohmann::json& fields);

// ValidateFieldValues, and then that every partner named exists.
std::vector<workflow::FieldError> CheckFieldValues(store::Db& db,
                                                   const workflow::Definition& definition,
                                                   const nlohmann::json& values);

class Proposals {
 public:
  Proposals(const Workflows& workflows, const WorkingDayCalendar& calendar, const Clock& clock)
      : workflows_(workflows), calendar_(calendar), clock_(clock) {}

  Clock::time_point Now() const { return clock_.Now(); }
  // The ministry's date now: Vietnam's (UTC+7 all year), whatever the server's zone.
  workflow::Today Today() const;

  // Creates a proposal of the current version of `kind`, in the user's unit, in its initial
  // state. InvalidArgument for an unknown kind, a bad title or malformed fields (in
  // `refusal`); PermissionDenied for a user who may not create proposals.
  Status Create(store::Db& db, const store::User& user, const NewProposalRequest& request,
                store::ProposalRow* out, Refusal* refusal) const;

  // Takes a step on the version the proposal was created with. NotFound when the proposal
  // does not exist or the user may not see it; Conflict when it is no longer at
  // `expected_version`; PermissionDenied or InvalidArgument (reasons in `refusal`) as
  // workflow::Apply.
  Status Act(store::Db& db, const store::User& user, const ActRequest& request,
             store::ProposalRow* after, Refusal* refusal) const;

  // The proposal, if the user may see it; NotFound otherwise (existence is not revealed).
  Status Load(store::Db& db, const store::User& user, int64_t id, store::ProposalRow* out) const;

  // Edits the title and/or fields (a JSON object; null clears a field) while the state is
  // editable. NotFound as Load; PermissionDenied for a user who may not change it;
  // FailedPrecondition when it is no longer at `expected_version` (If-Match); Conflict when the
  // state does not allow editing; InvalidArgument for malformed fields (in `refusal`) or title.
  Status Edit(store::Db& db, const store::User& user, int64_t id, int64_t expected_version,
              const std::optional<std::string>& title, const nlohmann::json& fields,
              store::ProposalRow* after, Refusal* refusal) const;

  // Records an audited event on a proposal the user may change (documents, consultations).
  Status RecordEvent(store::Db& db, const store::User& user, int64_t proposal_id,
                     const std::string& action, nlohmann::json payload) const;

  // For `awaiting=me`: the states, per definition version, in which this user (or a leader
  // they act for today) holds a role of a step out of it, with the unit and creator limits
  // of those steps. Conditions are not evaluated here: the proposal waits for this person
  // even while a rule still holds the step back.
  std::vector<store::AwaitingRule> AwaitingRules(store::Db& db, const store::User& user) const;
  // The same for the leaders the user acts for today only, as their deputy: what the policy
  // lets them see and change beyond their own view (policy.h). Empty for auditors and for
  // whoever deputises for nobody today.
  DeputySteps DeputyStepsOf(store::Db& db, const store::User& user) const;

  // What the engine needs of a stored proposal, and of a user (with the leaders they act for
  // today).
  workflow::ProposalState StateOf(store::Db& db, const store::ProposalRow& row) const;
  workflow::Actor ActorOf(store::Db& db, const store::User& user) const;

  const Workflows& workflows() const { return workflows_; }

 private:
  // AwaitingRules of these people.
  std::vector<store::AwaitingRule> RulesFor(const std::vector<workflow::Person>& people) const;

  const Workflows& workflows_;
  const WorkingDayCalendar& calendar_;
  const Clock& clock_;
};

}  // namespace attache::service
