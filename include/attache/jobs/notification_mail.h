// E-mail for what users are told (issue 9): a message at once for each notification of a user
// who chose `immediate`, and once a day, from 07:00 ministry time, a digest of what waits for
// each user who chose `immediate` or `digest` (none for `none`, nor without an address).
// Messages are queued in the outbox (store/outbox.h) in the transaction of the change they tell
// of; the sender thread (jobs/mail_sender.h) sends them, woken after the commit.
// Thread-safety: Queue and QueueDigests run on the writer's connection, one at a time;
// TakeQueued from any thread.
#pragma once

#include <atomic>
#include <string>

#include "attache/core/calendar.h"
#include "attache/service/proposals.h"
#include "attache/store/db.h"
#include "attache/store/notifications.h"

namespace attache::jobs {

class NotificationMail {
 public:
  NotificationMail(std::string public_url, const service::Proposals& proposals)
      : public_url_(std::move(public_url)), proposals_(proposals) {}

  // The Notifier's mail hook: queues `n` for its user when they want e-mail at once. An address
  // the outbox refuses (it changed meanwhile, or SMTP cannot carry it) skips the message, never
  // the change.
  Status Queue(store::Db& db, const store::NotificationRow& n, const std::string& now);

  // Whether a user is due today's digest (read-only: no write transaction when none is).
  bool DigestsDue(store::Db& db, Date today, int hour) const;

  // Queues today's digest for every user due one (at or after 07:00 on `today`), at most
  // `max_users` per call; sets how many were queued. Users with nothing waiting get none.
  Status QueueDigests(store::Db& db, Date today, int hour, const std::string& now,
                      int max_users, int* queued);

  // Whether a message was queued since the last call: the writer's after-batch hook wakes the
  // sender when it was.
  bool TakeQueued() { return queued_.exchange(false); }

  static constexpr int kDigestHour = 7;

 private:
  std::string Link(const std::string& route) const;

  std::string public_url_;
  const service::Proposals& proposals_;
  std::atomic<bool> queued_{false};
};

}  // namespace attache::jobs
