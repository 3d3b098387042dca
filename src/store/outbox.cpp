#include "attache/store/outbox.h"

#include <chrono>

#include "attache/core/rfc3339.h"
#include "attache/core/text.h"
#include "attache/mail/mime.h"

namespace attache::store {
namespace {

constexpr std::string_view kInsert =
    "INSERT INTO mail_outbox (created_at, user_id, to_address, to_name, kind, subject, "
    "text_body, html_body, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kColumns =
    "SELECT id, created_at, user_id, to_address, to_name, kind, subject, status, attempts, "
    "next_attempt_at, retried_at, last_error, sent_at, message_id";
constexpr std::string_view kSelectById = ", text_body, html_body FROM mail_outbox WHERE id = ?";
constexpr std::string_view kSelectDue =
    ", text_body, html_body FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= ? "
    "ORDER BY next_attempt_at, id LIMIT ?";
constexpr std::string_view kNextDue =
    "SELECT min(next_attempt_at) FROM mail_outbox WHERE status = 'pending'";
constexpr std::string_view kSelectList =
    " FROM mail_outbox WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR id < ?2) "
    "ORDER BY id DESC LIMIT ?3";
constexpr std::string_view kStatusOf = "SELECT status FROM mail_outbox WHERE id = ?";
constexpr std::string_view kBeginAttempt =
    "UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = ?, "
    "message_id = coalesce(message_id, ?) WHERE id = ? AND status = 'pending'";
constexpr std::string_view kMarkSent =
    "UPDATE mail_outbox SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ?";
constexpr std::string_view kMarkFailed =
    "UPDATE mail_outbox SET last_error = ?, "
    "status = CASE WHEN ? THEN 'failed' ELSE status END WHERE id = ?";
constexpr std::string_view kRetry =
    "UPDATE mail_outbox SET status = 'pending', next_attempt_at = ?1, retried_at = ?1 "
    "WHERE id = ?2";
constexpr std::string_view kCounts = "SELECT status, count(*) FROM mail_outbox GROUP BY status";

constexpr size_t kMaxName = 200;
constexpr size_t kMaxSubject = 1000;
constexpr size_t kMaxKind = 40;
constexpr size_t kMaxError = 1000;

// `t` (RFC 3339, with or without milliseconds) with milliseconds, or nothing.
std::optional<std::string> Millis(std::string_view t) {
  std::chrono::system_clock::time_point parsed;
  if (!ParseRfc3339(t, &parsed)) return std::nullopt;
  return FormatRfc3339Millis(parsed);
}

std::optional<std::string> OptionalText(const Stmt& q, int col) {
  if (q.IsNull(col)) return std::nullopt;
  return q.Text(col);
}

OutboxEntry Read(const Stmt& q, bool bodies) {
  OutboxEntry e;
  e.id = q.Int(0);
  e.created_at = q.Text(1);
  if (!q.IsNull(2)) e.mail.user_id = q.Int(2);
  e.mail.to_address = q.Text(3);
  e.mail.to_name = q.Text(4);
  e.mail.kind = q.Text(5);
  e.mail.subject = q.Text(6);
  e.status = q.Text(7);
  e.attempts = static_cast<int>(q.Int(8));
  e.next_attempt_at = q.Text(9);
  e.retried_at = OptionalText(q, 10);
  e.last_error = OptionalText(q, 11);
  e.sent_at = OptionalText(q, 12);
  e.message_id = OptionalText(q, 13);
  if (bodies) {
    e.mail.text_body = q.Text(14);
    e.mail.html_body = q.Text(15);
  }
  return e;
}

Status CheckMail(const OutboxMail& m) {
  if (Status s = mail::CheckAddress(m.to_address); !s.ok()) return s;
  if (m.kind.empty() || m.kind.size() > kMaxKind)
    return Status::InvalidArgument("kind must have 1 to 40 characters");
  for (char c : m.kind)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
      return Status::InvalidArgument("kind is lower-case letters, digits and _");
  if (!IsValidUtf8(m.to_name) || CodePointCount(m.to_name) > kMaxName ||
      HasControlCharacter(m.to_name))
    return Status::InvalidArgument("to_name must be UTF-8 of at most 200 characters on one line");
  if (m.subject.empty() || m.subject.size() > kMaxSubject || !IsValidUtf8(m.subject) ||
      HasControlCharacter(m.subject))
    return Status::InvalidArgument("subject must be UTF-8 of 1 to 1000 bytes on one line");
  if (m.text_body.size() + m.html_body.size() > kMaxMailBodyBytes)
    return Status::InvalidArgument("the bodies are larger than 1 MiB");
  if (!IsValidUtf8(m.text_body) || !IsValidUtf8(m.html_body))
    return Status::InvalidArgument("the bodies must be UTF-8");
  return Status::Ok();
}

Status FromDbError(const DbError& e) {
  if (e.primary_code() == SQLITE_FULL) return DiskFull();
  if (e.code() == SQLITE_CONSTRAINT_FOREIGNKEY)
    return Status::InvalidArgument("user_id: no such user");
  throw e;
}

// NotFound when there is no message `id`; else its status.
Status StatusOf(Db& db, int64_t id, std::string* status) {
  Stmt q = db.Prepare(kStatusOf);
  q.Bind(1, id);
  if (!q.Step()) return Status::NotFound("không có thư này / no such message");
  *status = q.Text(0);
  return Status::Ok();
}

}  // namespace

Status EnqueueMail(Db& db, const OutboxMail& m, std::string_view now, int64_t* id) {
  if (Status s = CheckMail(m); !s.ok()) return s;
  auto at = Millis(now);
  if (!at) return Status::InvalidArgument("now must be an RFC 3339 time");
  try {
    Stmt q = db.Prepare(kInsert);
    q.Bind(1, *at);
    if (m.user_id)
      q.Bind(2, *m.user_id);
    else
      q.BindNull(2);
    q.Bind(3, m.to_address).Bind(4, m.to_name).Bind(5, m.kind).Bind(6, m.subject);
    q.Bind(7, m.text_body).Bind(8, m.html_body).Bind(9, *at);
    q.Run();
  } catch (const DbError& e) {
    return FromDbError(e);
  }
  if (id) *id = db.LastInsertRowid();
  return Status::Ok();
}

std::optional<OutboxEntry> FindMail(Db& db, int64_t id) {
  Stmt q = db.Prepare(std::string(kColumns) + std::string(kSelectById));
  q.Bind(1, id);
  if (!q.Step()) return std::nullopt;
  return Read(q, true);
}

std::vector<OutboxEntry> DueMail(Db& db, std::string_view now, int limit) {
  std::vector<OutboxEntry> out;
  auto at = Millis(now);
  if (!at) return out;
  Stmt q = db.Prepare(std::string(kColumns) + std::string(kSelectDue));
  q.Bind(1, *at).Bind(2, limit);
  while (q.Step()) out.push_back(Read(q, true));
  return out;
}

std::optional<std::string> NextDue(Db& db) {
  return db.QueryText(kNextDue);
}

Status BeginAttempt(Db& db, int64_t id, std::string_view retry_at, std::string_view message_id) {
  auto at = Millis(retry_at);
  if (!at) return Status::InvalidArgument("retry_at must be an RFC 3339 time");
  try {
    std::string status;
    if (Status s = StatusOf(db, id, &status); !s.ok()) return s;
    db.Prepare(kBeginAttempt).Bind(1, *at).Bind(2, message_id).Bind(3, id).Run();
    if (db.Changes() == 0) return Status::Conflict("the message is " + status + ", not pending");
  } catch (const DbError& e) {
    return FromDbError(e);
  }
  return Status::Ok();
}

Status MarkSent(Db& db, int64_t id, std::string_view at) {
  auto when = Millis(at);
  if (!when) return Status::InvalidArgument("at must be an RFC 3339 time");
  try {
    db.Prepare(kMarkSent).Bind(1, *when).Bind(2, id).Run();
    if (db.Changes() == 0) return Status::NotFound("không có thư này / no such message");
  } catch (const DbError& e) {
    return FromDbError(e);
  }
  return Status::Ok();
}

Status MarkAttemptFailed(Db& db, int64_t id, std::string_view error, bool give_up) {
  std::string text(error.substr(0, kMaxError));
  if (!IsValidUtf8(text)) text = "(the error text was not UTF-8)";
  try {
    db.Prepare(kMarkFailed).Bind(1, text).Bind(2, give_up ? 1 : 0).Bind(3, id).Run();
    if (db.Changes() == 0) return Status::NotFound("không có thư này / no such message");
  } catch (const DbError& e) {
    return FromDbError(e);
  }
  return Status::Ok();
}

Status RetryMail(Db& db, int64_t id, std::string_view now) {
  auto at = Millis(now);
  if (!at) return Status::InvalidArgument("now must be an RFC 3339 time");
  try {
    std::string status;
    if (Status s = StatusOf(db, id, &status); !s.ok()) return s;
    if (status == "sent") return Status::Conflict("thư đã được gửi / the message was sent already");
    db.Prepare(kRetry).Bind(1, *at).Bind(2, id).Run();
  } catch (const DbError& e) {
    return FromDbError(e);
  }
  return Status::Ok();
}

std::vector<OutboxEntry> ListMail(Db& db, const MailQuery& query, bool* more) {
  Stmt q = db.Prepare(std::string(kColumns) + std::string(kSelectList));
  if (query.status)
    q.Bind(1, *query.status);
  else
    q.BindNull(1);
  if (query.before_id)
    q.Bind(2, *query.before_id);
  else
    q.BindNull(2);
  q.Bind(3, query.limit + 1);
  std::vector<OutboxEntry> out;
  while (q.Step()) out.push_back(Read(q, false));
  *more = out.size() > static_cast<size_t>(query.limit);
  if (*more) out.pop_back();
  return out;
}

MailCounts CountMail(Db& db) {
  MailCounts counts;
  Stmt q = db.Prepare(kCounts);
  while (q.Step()) {
    std::string_view status = q.View(0);
    int64_t n = q.Int(1);
    if (status == "pending")
      counts.pending = n;
    else if (status == "sent")
      counts.sent = n;
    else if (status == "failed")
      counts.failed = n;
  }
  return counts;
}

}  // namespace attache::store
