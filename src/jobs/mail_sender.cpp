#include "attache/jobs/mail_sender.h"

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "attache/core/rfc3339.h"
#include "attache/mail/compose.h"
#include "attache/mail/retry.h"

namespace attache::jobs {
namespace {

using std::chrono::milliseconds;
using TimePoint = std::chrono::system_clock::time_point;

// One JSON line on stderr (beside the request log), written with one write(2).
void Log(const Clock& clock, const store::OutboxEntry& e, std::string_view outcome,
         const Status& s) {
  nlohmann::json line = {{"time", FormatRfc3339Millis(clock.Now())},
                         {"mail", e.id},
                         {"kind", e.mail.kind},
                         {"attempt", e.attempts + 1},
                         {"outcome", outcome}};
  if (!s.ok()) line["error"] = s.message();
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  [[maybe_unused]] ssize_t n = ::write(STDERR_FILENO, text.data(), text.size());
}

TimePoint ParseOr(std::string_view text, TimePoint fallback) {
  TimePoint t;
  return ParseRfc3339(text, &t) ? t : fallback;
}

}  // namespace

MailSender::MailSender(store::Database& database, store::Writer& writer, const Clock& clock,
                       MailSettings settings)
    : MailSender(database, writer, clock, settings,
                 [smtp = settings.smtp](std::string_view from, std::string_view to,
                                        std::string_view data, const std::atomic<bool>& cancel) {
                   return mail::SendMail(smtp, from, to, data, &cancel);
                 }) {}

MailSender::MailSender(store::Database& database, store::Writer& writer, const Clock& clock,
                       MailSettings settings, Transport transport)
    : database_(database),
      writer_(writer),
      clock_(clock),
      settings_(std::move(settings)),
      transport_(std::move(transport)) {}

MailSender::~MailSender() {
  Stop();
}

void MailSender::Start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable() || stopping_) return;
  thread_ = std::thread([this] { Loop(); });
}

void MailSender::Wake() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

void MailSender::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cancel_ = true;
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::string MailSender::Link(std::string_view route) const {
  return mail::AppLink(settings_.public_url, route);
}

int MailSender::SendDue() {
  int tried = 0;
  stalled_ = false;
  while (!cancel_) {
    std::vector<store::OutboxEntry> due;
    {
      auto db = database_.Read();
      due = store::DueMail(*db, FormatRfc3339Millis(clock_.Now()), 1);
    }
    if (due.empty()) break;
    ++tried;
    if (!SendOne(due.front())) {
      stalled_ = true;
      break;
    }
  }
  return tried;
}

bool MailSender::SendOne(const store::OutboxEntry& e) {
  const TimePoint now = clock_.Now();
  const TimePoint retry_at = now + mail::RetryDelay(e.attempts + 1, settings_.retry_unit);
  const std::string message_id = e.message_id.value_or(mail::NewMessageId(settings_.from.address));
  Status s = writer_.Run([&](store::Db& db) {
    return store::BeginAttempt(db, e.id, FormatRfc3339Millis(retry_at), message_id);
  });
  if (!s.ok()) {
    Log(clock_, e, "not_started", s);
    return false;
  }
  mail::Message message;
  message.from = settings_.from;
  message.to = {e.mail.to_address, e.mail.to_name};
  message.subject = e.mail.subject;
  message.text = e.mail.text_body;
  message.html = e.mail.html_body;
  message.date = ParseOr(e.created_at, now);  // when it was written, the same at every attempt
  message.message_id = message_id;
  Status sent =
      transport_(settings_.from.address, e.mail.to_address, mail::RenderMessage(message), cancel_);
  if (sent.ok()) {
    const std::string at = FormatRfc3339Millis(clock_.Now());
    s = writer_.Run([&](store::Db& db) { return store::MarkSent(db, e.id, at); });
    Log(clock_, e, "sent", s);
    return s.ok();
  }
  const bool permanent = sent.code() == Status::Code::kInvalidArgument;
  const TimePoint window_start = ParseOr(e.retried_at.value_or(e.created_at), now);
  const bool give_up =
      permanent || (!cancel_ && mail::ShouldGiveUp(window_start, retry_at, settings_.retry_unit));
  s = writer_.Run(
      [&](store::Db& db) { return store::MarkAttemptFailed(db, e.id, sent.message(), give_up); });
  Log(clock_, e, give_up ? "failed" : "retry", sent);
  return s.ok();
}

milliseconds MailSender::Pause() {
  std::optional<std::string> next;
  {
    auto db = database_.Read();
    next = store::NextDue(*db);
  }
  if (!next) return settings_.poll_interval;
  auto until =
      std::chrono::duration_cast<milliseconds>(ParseOr(*next, clock_.Now()) - clock_.Now());
  // A message due already (queued while sending) is looked at again soon, not in a tight loop.
  return std::clamp(until, milliseconds(10), settings_.poll_interval);
}

void MailSender::Loop() {
  while (true) {
    {
      std::lock_guard lock(mu_);
      if (stopping_) return;
      woken_ = false;
    }
    milliseconds pause = settings_.poll_interval;
    try {
      SendDue();
      // After a failed write (a full disk), the usual interval rather than at once again.
      if (!stalled_) pause = Pause();
    } catch (const std::exception& e) {
      // A read that failed (database busy, disk trouble): look again after the usual interval.
      std::string text =
          std::string("{\"mail_sender_error\":") +
          nlohmann::json(e.what()).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
          "}\n";
      [[maybe_unused]] ssize_t n = ::write(STDERR_FILENO, text.data(), text.size());
    }
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, pause, [this] { return stopping_ || woken_; });
  }
}

}  // namespace attache::jobs
