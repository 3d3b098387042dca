// The workflow engine: what a user may do to a proposal now, and what a step does. A pure
// function of (definition, proposal, actor, today, calendar): no sockets, no SQL, no clock of
// its own, so every rule can be tested exhaustively.
// Thread-safety: pure functions over immutable inputs.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "attache/core/calendar.h"
#include "attache/core/workflow.h"

namespace attache::workflow {

// A person as the engine sees them.
struct Person {
  int64_t user_id = 0;
  int64_t unit_id = 0;
  std::vector<std::string> roles;
};

// Who is acting: the user, and the leaders whose deputy they are today (authorisations
// in force on this date). A step the user cannot take as themself may be taken for one of them.
struct Actor {
  Person self;
  std::vector<Person> acting_for;
};

struct Consultation {
  std::string body;                   // e.g. "mofa", "Bộ Ngoại giao"
  std::optional<std::string> answer;  // agree, agree_with_conditions, object; none while pending
};

// What the engine needs to know of a proposal.
struct ProposalState {
  std::string state;
  int64_t unit_id = 0;
  int64_t created_by = 0;
  nlohmann::json fields = nlohmann::json::object();
  std::set<std::string> documents;  // types of the documents attached
  std::vector<Consultation> consultations;
  Date state_entered_on{};
};

// The day it is and the calendar to count working days with.
struct Today {
  Date date{};
  const WorkingDayCalendar* calendar = nullptr;  // null: weekends only
};

// Why a step cannot be taken. `code` is one of:
//   who:   role, scope, creator_only
//   rules: not_by_creator (separation of duties: the person holds the step's role but created
//          the proposal, as API.md's "creator approving their own proposal"), missing_field,
//          missing_document, consultation_unanswered, condition, no_route, comment_required,
//          invalid_field, not_input_field, not_available
// `subject` names the field, document, consultation body or action concerned.
struct Reason {
  std::string code;
  std::string subject;
  Label message;

  bool IsWho() const;  // the person may not act (403), as opposed to a rule unmet (422)
};

struct ActionOption {
  const TransitionDef* transition = nullptr;
  std::string to;  // the target, when a route applies
  bool enabled = false;
  std::vector<Reason> reasons;          // why not, when disabled
  std::optional<int64_t> on_behalf_of;  // the leader a deputy would act for
};

// Every transition out of the proposal's state, in definition order, each enabled or with the
// reasons it is not. Reasons of who may act come first; rule reasons are listed only for a
// person who may act, so a staff member is not told what a leader's step still lacks.
std::vector<ActionOption> AllowedActions(const Definition& definition,
                                         const ProposalState& proposal, const Actor& actor,
                                         const Today& today);

struct StepRequest {
  std::string action;
  std::optional<std::string> comment;
  nlohmann::json fields = nlohmann::json::object();  // values of the transition's input_fields
};

struct Deadline {
  Date due{};
  const DeadlineRule* rule = nullptr;
  bool approximate = false;  // counted across a year whose holidays are not known
};

struct Step {
  std::string action;
  std::string from;
  std::string to;
  nlohmann::json fields;             // the proposal's fields after the step
  std::optional<Deadline> deadline;  // of the new state
  std::optional<int64_t> on_behalf_of;
  std::optional<std::string> comment;
  std::vector<const WarningDef*> warnings;  // shown, recorded, not blocking
  nlohmann::json audit_payload;             // what the audit entry records beyond from/to/comment
};

// Takes a step. On success fills `step`. Otherwise returns PermissionDenied when the person
// may not take it (only who-reasons), InvalidArgument when a rule is unmet or the action does
// not leave this state; `unmet` (if given) receives every reason.
Status Apply(const Definition& definition, const ProposalState& proposal, const Actor& actor,
             const StepRequest& request, const Today& today, Step* step,
             std::vector<Reason>* unmet = nullptr);

// The deadline of `state` for a proposal with these fields that entered it on `entered_on`:
// the first rule whose `when` holds. None when the state has no rule that applies, or counts
// from a date field that is empty.
std::optional<Deadline> DeadlineOf(const Definition& definition, const std::string& state,
                                   const nlohmann::json& fields, Date entered_on,
                                   const Today& today);

// The warnings that show for the proposal now (state listed in the warning, `when` true), or,
// with `action`, those recorded when taking that action.
std::vector<const WarningDef*> ActiveWarnings(const Definition& definition,
                                              const ProposalState& proposal, const Today& today,
                                              const std::string* action = nullptr);

// The fields and documents that must be present on entering `state` that are missing.
std::vector<Reason> MissingRequirements(const Definition& definition, const std::string& state,
                                        const nlohmann::json& fields,
                                        const std::set<std::string>& documents, const Today& today);

}  // namespace attache::workflow
