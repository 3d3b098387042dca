// The iCalendar feed (RFC 5545) of approved activities — delegations out and in, conferences —
// that a user may see, for calendar programs to subscribe to. The feed's address carries a
// per-user secret token instead of a session: calendar programs cannot log in.
// Thread-safety: free functions over the connection given.
#pragma once

#include <optional>
#include <string>

#include "attache/service/workflows.h"
#include "attache/store/db.h"
#include "attache/store/users.h"

namespace attache::service {

// Makes a new feed token for the user, replacing any earlier one (whose address stops
// working), and returns it; only its hash is stored.
Status NewCalendarFeed(store::Db& db, int64_t user_id, const std::string& at, std::string* token);

// The active user whose feed token this is; nullopt for an unknown or replaced token.
std::optional<store::User> CalendarFeedUser(store::Db& db, const std::string& token);

// Whether a proposal in `state` (of its definition, `def`) is a scheduled activity: approved,
// held, reporting or completed, and not postponed (whose dates are no longer the activity's).
// The calendar feed and the dashboard's activities per month count by this one rule.
bool IsScheduledActivity(const workflow::StateDef* def, const std::string& state);

// The VCALENDAR text: one all-day VEVENT per approved activity with dates, visible to `user`.
// `now` (RFC 3339) stamps the events.
std::string CalendarFeed(store::Db& db, const Workflows& workflows, const store::User& user,
                         const std::string& now);

}  // namespace attache::service
