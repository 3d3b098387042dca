// The sender thread: drains the e-mail outbox (store/outbox.h) one message at a time, so that
// no request ever waits on a mail server.
//
// How the rest of the server uses it (e-mail is on when AppContext::mail is not null):
//   1. inside the write that makes a change, compose the message (mail/compose.h, with links
//      from MailSender::Link) and queue it with store::EnqueueMail, so both commit together;
//   2. after the write has committed, call Wake() so it goes out at once rather than at the
//      next poll.
// It also polls the outbox every few seconds and wakes when the earliest retry is due, so a
// message queued by another process or a missed Wake is still sent.
//
// A message that fails is retried after 1, 2, 5, 10, 30, 60 minutes and then every six hours
// (mail/retry.h); a permanent refusal (5xx to MAIL, RCPT or DATA), or a temporary failure when
// the next retry would fall more than two days after it was queued, ends it as failed, which
// administrators see in GET /api/admin/mail and may retry.
// Each attempt is counted (and its retry time stored) before the message is handed to the
// server, so a crash during a send retries it later; delivery is at least once, and a message
// keeps one Message-ID across its attempts.
// Thread-safety: Wake, Stop and Link may be called from any thread; SendDue only when the
// thread is not running (tests).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "attache/core/clock.h"
#include "attache/core/status.h"
#include "attache/mail/mime.h"
#include "attache/mail/smtp.h"
#include "attache/store/database.h"
#include "attache/store/outbox.h"
#include "attache/store/writer.h"

namespace attache::jobs {

struct MailSettings {
  mail::SmtpOptions smtp;
  mail::Mailbox from;  // the sender of every message (--mail-from, --mail-from-name)
  // The web UI's address as users reach it, the base of every link (--public-url).
  std::string public_url = "http://127.0.0.1:8080/";
  // The back-off unit: one minute; tests shorten it (--mail-retry-base-ms).
  std::chrono::milliseconds retry_unit{60'000};
  // The longest sleep between two looks at the outbox.
  std::chrono::milliseconds poll_interval{5'000};
};

class MailSender {
 public:
  // Hands a rendered message to the mail server: OK, InvalidArgument (refused for good) or
  // Unavailable (try later), as mail::SendMail. `cancel` is set when the sender stops.
  using Transport = std::function<Status(std::string_view from, std::string_view to,
                                         std::string_view data, const std::atomic<bool>& cancel)>;

  // Sends through SMTP as `settings.smtp` says.
  MailSender(store::Database& database, store::Writer& writer, const Clock& clock,
             MailSettings settings);
  // Sends through `transport` (tests).
  MailSender(store::Database& database, store::Writer& writer, const Clock& clock,
             MailSettings settings, Transport transport);
  // Stops the thread (see Stop).
  ~MailSender();
  MailSender(const MailSender&) = delete;
  MailSender& operator=(const MailSender&) = delete;

  // Starts the thread, which sends what is due at once.
  void Start();
  // Makes the thread look at the outbox now (after a commit that queued a message).
  void Wake();
  // Stops the thread: a send under way is cancelled within about 250 ms and counted as a
  // temporary failure (retried after the next start). The writer must still be running.
  void Stop();

  // Sends, on the calling thread, every message due now, one by one; returns how many were
  // tried. What the thread does each time it wakes.
  int SendDue();

  const MailSettings& settings() const { return settings_; }
  // The absolute URL of the web UI's page `route`, e.g. Link("/proposals/42").
  std::string Link(std::string_view route) const;

 private:
  // Tries one message; false when the outbox could not be updated (stop for now).
  bool SendOne(const store::OutboxEntry& entry);
  void Loop();
  // How long to sleep: until the earliest retry, at most poll_interval.
  std::chrono::milliseconds Pause();

  store::Database& database_;
  store::Writer& writer_;
  const Clock& clock_;
  const MailSettings settings_;
  const Transport transport_;
  std::atomic<bool> cancel_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool woken_ = false;
  bool stalled_ = false;  // the last SendDue stopped on a failed write (sender thread only)
  std::thread thread_;
};

}  // namespace attache::jobs
