// The e-mail outbox (table mail_outbox): messages composed and queued in the same transaction
// as the change they tell of, then sent one by one by the sender thread (jobs/mail_sender.h).
// Times are RFC 3339 in UTC; every time this file stores is written with milliseconds
// (whatever form it was given in), so that comparing them as text compares them as times.
// Thread-safety: functions use the connection they are given, from one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "attache/core/status.h"
#include "attache/store/db.h"

namespace attache::store {

// What is queued: a whole message, composed (see mail/compose.h).
struct OutboxMail {
  std::optional<int64_t> user_id;  // the recipient, when a user
  std::string to_address;          // must pass mail::CheckAddress
  std::string to_name;             // display name, UTF-8 (may be empty)
  std::string kind;                // "step", "digest", "test"... (1 to 40 characters)
  std::string subject;             // UTF-8, 1 to 1000 bytes
  std::string text_body;           // text/plain
  std::string html_body;           // text/html (may be empty: the message is text only)
};

// The largest text_body plus html_body accepted.
constexpr size_t kMaxMailBodyBytes = 1024 * 1024;

struct OutboxEntry {
  int64_t id = 0;
  std::string created_at;
  OutboxMail mail;
  std::string status;  // pending, sent, failed
  int attempts = 0;
  std::string next_attempt_at;
  std::optional<std::string> retried_at;  // last retry by an administrator
  std::optional<std::string> last_error;
  std::optional<std::string> sent_at;
  std::optional<std::string> message_id;
};

// Queues `m`, due at once (`now_rfc3339`, RFC 3339). Call it inside the Writer job that makes the
// change the message tells of, so both commit or neither; after the commit, wake the sender
// (MailSender::Wake). InvalidArgument for an address that fails mail::CheckAddress, a kind, subject
// or name out of bounds or with control characters, text that is not UTF-8, bodies over
// kMaxMailBodyBytes, or a time that is not RFC 3339. DiskFull when there is no space.
Status EnqueueMail(Db& db, const OutboxMail& m, std::string_view now_rfc3339,
                   int64_t* id = nullptr);

std::optional<OutboxEntry> FindMail(Db& db, int64_t id);

// Pending messages due at `now` (next_attempt_at <= now), oldest due first, at most `limit`.
std::vector<OutboxEntry> DueMail(Db& db, std::string_view now, int limit);
// When the earliest pending message is due (RFC 3339 with milliseconds); none when no message
// is pending.
std::optional<std::string> NextDue(Db& db);

// Counts an attempt about to be made on a pending message: attempts + 1, next_attempt_at =
// `retry_at` (so a crash during the send retries then), message_id set to `message_id` unless
// it has one. NotFound for no such message, Conflict when it is no longer pending.
Status BeginAttempt(Db& db, int64_t id, std::string_view retry_at, std::string_view message_id);
// The attempt succeeded. NotFound for no such message.
Status MarkSent(Db& db, int64_t id, std::string_view at);
// The attempt failed with `error`; with `give_up` the message ends as failed, else it stays
// pending until the retry time BeginAttempt set. NotFound for no such message.
Status MarkAttemptFailed(Db& db, int64_t id, std::string_view error, bool give_up);

// An administrator's retry of a failed or pending message: pending, due at `now`, and its time
// before giving up counted again from `now` (retried_at); its attempts and last error stay for
// the record. NotFound for no such message, Conflict when it was sent already.
Status RetryMail(Db& db, int64_t id, std::string_view now);

struct MailQuery {
  std::optional<std::string> status;  // pending, sent or failed; none: all
  std::optional<int64_t> before_id;   // keyset: messages with a smaller id
  int limit = 50;
};
// Messages newest first (by id), without their bodies; `*more` says whether more follow.
std::vector<OutboxEntry> ListMail(Db& db, const MailQuery& query, bool* more);

// How many messages have each status: {pending, sent, failed}.
struct MailCounts {
  int64_t pending = 0;
  int64_t sent = 0;
  int64_t failed = 0;
};
MailCounts CountMail(Db& db);

}  // namespace attache::store
