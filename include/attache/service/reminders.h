// The findings that make deadlines act (issue 9). Each is raised once per occasion, recorded in
// `reminders`, told to the people it concerns (Notifier), and cleared when it no longer holds:
//
//   due_soon              a step's deadline (proposals.due_on) is within `due_soon_working_days`
//                         working days → the people whose turn it is
//   overdue               a step's deadline has passed → the people whose turn it is
//   escalation            a step is overdue by `escalate_after_working_days` working days or
//                         more → the heads responsible (ICD's heads for ICD, finance and leader
//                         steps; the unit's heads for steps within the unit)
//   report_due            an activity with a report step has ended (its end date has passed)
//                         while still in the activity stage → the submitter and the unit's heads
//   report_overdue        the report's deadline (the report step's rule, e.g. 15 days after
//                         return) has passed and no report was filed → submitter, unit heads
//   consultation_overdue  a body asked for an opinion has not answered by its due date → who
//                         asked, and ICD's heads
//   aid_not_started       aid approved and not started within its deadline (183 days after the
//                         approval date) → submitter, unit heads, ICD's heads
//   agreement_expiring_90 an agreement in force expires within 90 days (more than 30)
//   agreement_expiring_30 ... within 30 days → submitter, unit heads, ICD officers
//   authorisation_ending  a leader's authorisation of a deputy ends tomorrow → both of them
//
// A step's occasion is its visit to the state (the state and the time it was entered), so the
// same step visited again later is a new occasion; an activity's, its dates; an authorisation's
// and a consultation's, their id and date.
// Thread-safety: the object is immutable; Find reads on the connection it is given, Raise
// writes on the writer's.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "attache/core/calendar.h"
#include "attache/service/notifier.h"
#include "attache/service/workflows.h"
#include "attache/store/db.h"

namespace attache::service {

struct ReminderPolicy {
  int due_soon_working_days = 2;
  int escalate_after_working_days = 2;
};

struct Finding {
  std::string key;   // kind/subject/occasion: unique per occasion
  std::string kind;
  std::optional<int64_t> proposal_id;
  std::optional<std::string> due_on;
  nlohmann::json params = nlohmann::json::object();
};

struct SweepResult {
  int found = 0;    // findings that hold today
  int raised = 0;   // new ones, told
  int cleared = 0;  // open ones that no longer hold
  int notifications = 0;
};

class Reminders {
 public:
  Reminders(const Workflows& workflows, const WorkingDayCalendar& calendar,
            const Notifier& notifier, ReminderPolicy policy)
      : workflows_(workflows), calendar_(calendar), notifier_(notifier), policy_(policy) {}

  // Everything that holds on `today`.
  std::vector<Finding> Find(store::Db& db, Date today) const;

  // Of `findings`, those never raised before (read-only, so a sweep with nothing new takes no
  // write transaction); and whether an open reminder is no longer among them (`stale`).
  std::vector<Finding> Fresh(store::Db& db, const std::vector<Finding>& findings,
                             bool* stale) const;

  // In one write transaction: when `holding` is given, clears the open reminders not among
  // them; then raises the `fresh` findings (from Fresh), telling their people.
  Status Apply(store::Db& db, const std::vector<Finding>* holding,
               std::span<const Finding> fresh, Date today, const std::string& now,
               SweepResult* result) const;

 private:
  std::vector<int64_t> PeopleFor(People& people, const Finding& f,
                                 const store::ProposalRow* row) const;

  const Workflows& workflows_;
  const WorkingDayCalendar& calendar_;
  const Notifier& notifier_;
  ReminderPolicy policy_;
};

}  // namespace attache::service
