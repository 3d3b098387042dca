// What users are told in the app (notifications), and the findings the scheduler has raised
// (reminders), each raised once per occasion and cleared when the occasion is over.
// Thread-safety: functions use the connection they are given, from one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "attache/core/status.h"
#include "attache/store/db.h"

namespace attache::store {

struct NotificationRow {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string kind;  // turn, returned, rejected, approved, due_soon, overdue, escalation, ...
  std::optional<int64_t> proposal_id;
  std::optional<int64_t> reminder_id;
  nlohmann::json params = nlohmann::json::object();
  std::string created_at;
  std::optional<std::string> read_at;
  // Of the proposal, when there is one (filled when read).
  std::string proposal_ref;
  std::string proposal_title;
};

Status AddNotification(Db& db, const NotificationRow& row, int64_t* id = nullptr);

struct NotificationQuery {
  int64_t user_id = 0;
  bool unread_only = false;
  int limit = 50;
  std::optional<int64_t> before_id;  // the page after the one that ended with this id
};

// Unread first, then newest first; with before_id, the rows after that one in this order.
std::vector<NotificationRow> ListNotifications(Db& db, const NotificationQuery& q);
int64_t UnreadNotifications(Db& db, int64_t user_id);
// NotFound when the user has no such notification (another user's is not revealed).
Status MarkNotificationRead(Db& db, int64_t user_id, int64_t id, const std::string& at);
// Returns how many were marked.
int64_t MarkAllNotificationsRead(Db& db, int64_t user_id, const std::string& at);

struct ReminderRow {
  int64_t id = 0;
  std::string key;   // the finding and its occasion, e.g. "overdue/p42/a1234"
  std::string kind;
  std::optional<int64_t> proposal_id;
  std::optional<std::string> due_on;
  std::string raised_at;
  std::optional<std::string> cleared_at;
};

// Inserts the reminder unless one with its key exists (open or cleared): true and its id when
// inserted, false when it was raised before.
bool RaiseReminder(Db& db, const ReminderRow& row, int64_t* id);
// Reminders not cleared yet.
std::vector<ReminderRow> OpenReminders(Db& db);
void ClearReminder(Db& db, int64_t id, const std::string& at);
// Open reminders of one kind for these proposals (for the dashboard: escalated or not).
std::vector<int64_t> ProposalsWithOpenReminder(Db& db, const std::string& kind);

}  // namespace attache::store
