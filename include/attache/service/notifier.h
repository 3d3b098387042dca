// Who is told what, in the app (and, through the mail hook, by e-mail): the people whose turn it
// is after every step, the submitter on return, rejection, approval and postponement, and the
// people each reminder the scheduler raises is for (service/reminders.h).
// Thread-safety: the object is immutable once the mail hook is set; its functions use the
// connection they are given, inside the writer's transaction when they write.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "attache/core/clock.h"
#include "attache/service/workflows.h"
#include "attache/store/db.h"
#include "attache/store/notifications.h"
#include "attache/store/proposals.h"

namespace attache::service {

// Who holds which role, who deputises for whom on a date, and people's names, looked up once
// and remembered: a sweep of the scheduler asks the same questions thousands of times within one
// transaction. Lives no longer than the transaction it reads in.
class People {
 public:
  People(store::Db& db, std::string date) : db_(db), date_(std::move(date)) {}
  // Active users who hold `role`, in `unit_id` when given, by id.
  const std::vector<int64_t>& WithRole(const std::string& role, std::optional<int64_t> unit_id);
  // The active deputies acting for `user_id` on the date.
  const std::vector<int64_t>& DeputiesOf(int64_t user_id);
  const std::string& Name(int64_t user_id);
  store::Db& db() { return db_; }
  const std::string& date() const { return date_; }

 private:
  store::Db& db_;
  std::string date_;
  std::map<std::pair<std::string, int64_t>, std::vector<int64_t>> by_role_;  // unit 0: any
  std::map<int64_t, std::vector<int64_t>> deputies_;
  std::map<int64_t, std::string> names_;
};

// Whose turn it is on a proposal in its current state: active users holding a role of a step
// out of it (steps only its creator may take, such as withdrawing, are not waited for), in the
// proposal's unit for steps limited to it, not its creator for steps its creator may not take;
// and, for the leader's steps, the deputies acting for those leaders on the date (not the
// creator either): the people who may see the proposal and take the step. Sorted, without
// repeats.
std::vector<int64_t> AwaitedUsers(People& people, const workflow::Definition& definition,
                                  const store::ProposalRow& row);

// The heads a late step goes up to: for steps of ICD, finance or the leaders, ICD's heads; for
// steps within the proposal's unit, that unit's heads.
std::vector<int64_t> HeadsResponsibleFor(People& people, const workflow::Definition& definition,
                                         const store::ProposalRow& row);

// The Vietnamese and English text of a notification, from its kind and params.
struct NotificationText {
  std::string vi;
  std::string en;
};
NotificationText TextOf(const store::NotificationRow& n);

class Notifier {
 public:
  // Called, inside the same transaction, with each notification stored and the user it is for;
  // e-mail is queued from here when configured.
  using MailHook = std::function<Status(store::Db&, const store::NotificationRow&)>;

  Notifier(const Workflows& workflows, const Clock& clock) : workflows_(workflows), clock_(clock) {}
  void SetMailHook(MailHook hook) { mail_ = std::move(hook); }

  // Stores `notice` for each user once (its user_id is set for each), then calls the mail hook.
  Status Notify(store::Db& db, std::vector<int64_t> users, store::NotificationRow notice) const;

  // After a step from `before` to `after` taken by `actor_id` (on `date`): the people whose turn
  // it is now, and the submitter when the proposal was returned, rejected, approved or
  // postponed. Nobody is told of their own step.
  Status OnStep(store::Db& db, const store::ProposalRow& before, const store::ProposalRow& after,
                int64_t actor_id, const std::string& action, const std::string& comment,
                const std::string& date) const;

  const Workflows& workflows() const { return workflows_; }

 private:
  const Workflows& workflows_;
  const Clock& clock_;
  MailHook mail_;
};

}  // namespace attache::service
