#include "attache/store/notifications.h"

namespace attache::store {
namespace {

constexpr std::string_view kInsert =
    "INSERT INTO notifications (user_id, kind, proposal_id, reminder_id, params, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?)";
// Unread rows first (read_at NULL sorts as 0 here), newest first within each group.
constexpr std::string_view kSelect =
    "SELECT n.id, n.user_id, n.kind, n.proposal_id, n.reminder_id, n.params, n.created_at, "
    "n.read_at, coalesce(p.ref, ''), coalesce(p.title, '') "
    "FROM notifications n LEFT JOIN proposals p ON p.id = n.proposal_id "
    "WHERE n.user_id = ?1 AND (?2 = 0 OR n.read_at IS NULL) "
    "AND (?3 IS NULL OR (n.read_at IS NOT NULL, -n.id) > "
    "    (SELECT read_at IS NOT NULL, -id FROM notifications WHERE id = ?3 AND user_id = ?1)) "
    "ORDER BY n.read_at IS NOT NULL, n.id DESC LIMIT ?4";
constexpr std::string_view kUnread =
    "SELECT count(*) FROM notifications WHERE user_id = ? AND read_at IS NULL";
constexpr std::string_view kMarkRead =
    "UPDATE notifications SET read_at = coalesce(read_at, ?) WHERE id = ? AND user_id = ?";
constexpr std::string_view kMarkAllRead =
    "UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL";
constexpr std::string_view kRaise =
    "INSERT INTO reminders (key, kind, proposal_id, due_on, raised_at) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (key) DO NOTHING";
constexpr std::string_view kOpen =
    "SELECT id, key, kind, proposal_id, due_on, raised_at FROM reminders WHERE cleared_at IS NULL";
constexpr std::string_view kClear = "UPDATE reminders SET cleared_at = ? WHERE id = ?";
constexpr std::string_view kWithOpen =
    "SELECT DISTINCT proposal_id FROM reminders "
    "WHERE cleared_at IS NULL AND kind = ? AND proposal_id IS NOT NULL";

template <class T>
void BindOptional(Stmt& q, int index, const std::optional<T>& v) {
  if (v) {
    q.Bind(index, *v);
  } else {
    q.BindNull(index);
  }
}

}  // namespace

Status AddNotification(Db& db, const NotificationRow& row, int64_t* id) {
  try {
    Stmt q = db.Prepare(kInsert);
    q.Bind(1, row.user_id).Bind(2, row.kind);
    BindOptional(q, 3, row.proposal_id);
    BindOptional(q, 4, row.reminder_id);
    q.Bind(5, row.params.dump()).Bind(6, row.created_at);
    q.Run();
  } catch (const DbError& e) {
    if (e.primary_code() == SQLITE_FULL) return DiskFull();
    throw;
  }
  if (id) *id = db.LastInsertRowid();
  return Status::Ok();
}

std::vector<NotificationRow> ListNotifications(Db& db, const NotificationQuery& query) {
  Stmt q = db.Prepare(kSelect);
  q.Bind(1, query.user_id).Bind(2, query.unread_only ? 1 : 0);
  BindOptional(q, 3, query.before_id);
  q.Bind(4, query.limit);
  std::vector<NotificationRow> out;
  while (q.Step()) {
    NotificationRow r;
    r.id = q.Int(0);
    r.user_id = q.Int(1);
    r.kind = q.Text(2);
    if (!q.IsNull(3)) r.proposal_id = q.Int(3);
    if (!q.IsNull(4)) r.reminder_id = q.Int(4);
    r.params = nlohmann::json::parse(q.View(5), nullptr, false);
    if (r.params.is_discarded()) r.params = nlohmann::json::object();
    r.created_at = q.Text(6);
    if (!q.IsNull(7)) r.read_at = q.Text(7);
    r.proposal_ref = q.Text(8);
    r.proposal_title = q.Text(9);
    out.push_back(std::move(r));
  }
  return out;
}

int64_t UnreadNotifications(Db& db, int64_t user_id) {
  Stmt q = db.Prepare(kUnread);
  q.Bind(1, user_id);
  return q.Step() ? q.Int(0) : 0;
}

Status MarkNotificationRead(Db& db, int64_t user_id, int64_t id, const std::string& at) {
  Stmt q = db.Prepare(kMarkRead);
  q.Bind(1, at).Bind(2, id).Bind(3, user_id);
  q.Run();
  if (db.Changes() == 0) return Status::NotFound("no notification " + std::to_string(id));
  return Status::Ok();
}

int64_t MarkAllNotificationsRead(Db& db, int64_t user_id, const std::string& at) {
  Stmt q = db.Prepare(kMarkAllRead);
  q.Bind(1, at).Bind(2, user_id);
  q.Run();
  return db.Changes();
}

bool RaiseReminder(Db& db, const ReminderRow& row, int64_t* id) {
  Stmt q = db.Prepare(kRaise);
  q.Bind(1, row.key).Bind(2, row.kind);
  BindOptional(q, 3, row.proposal_id);
  BindOptional(q, 4, row.due_on);
  q.Bind(5, row.raised_at);
  q.Run();
  if (db.Changes() == 0) return false;
  if (id) *id = db.LastInsertRowid();
  return true;
}

std::vector<ReminderRow> OpenReminders(Db& db) {
  Stmt q = db.Prepare(kOpen);
  std::vector<ReminderRow> out;
  while (q.Step()) {
    ReminderRow r;
    r.id = q.Int(0);
    r.key = q.Text(1);
    r.kind = q.Text(2);
    if (!q.IsNull(3)) r.proposal_id = q.Int(3);
    if (!q.IsNull(4)) r.due_on = q.Text(4);
    r.raised_at = q.Text(5);
    out.push_back(std::move(r));
  }
  return out;
}

void ClearReminder(Db& db, int64_t id, const std::string& at) {
  Stmt q = db.Prepare(kClear);
  q.Bind(1, at).Bind(2, id);
  q.Run();
}

std::vector<int64_t> ProposalsWithOpenReminder(Db& db, const std::string& kind) {
  Stmt q = db.Prepare(kWithOpen);
  q.Bind(1, kind);
  std::vector<int64_t> out;
  while (q.Step()) out.push_back(q.Int(0));
  return out;
}

}  // namespace attache::store
