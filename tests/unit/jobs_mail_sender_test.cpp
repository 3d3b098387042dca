// The sender's decisions (send, retry when, give up when) with a clock the test moves and a
// transport that answers as the test says; the SMTP conversation itself is mail_smtp_test's.
#include <catch2/catch.hpp>
#include <chrono>
#include <deque>
#include <thread>

#include "attache/jobs/mail_sender.h"
#include "attache/core/rfc3339.h"
#include "test_database.h"

using namespace attache;
using namespace std::chrono_literals;

namespace {

struct Sent {
  std::string from, to, data;
};

struct Fixture {
  testing::TempDatabase temp{"mail-sender"};
  store::Writer writer{temp.database->writer()};
  ManualClock clock{[] {
    std::chrono::system_clock::time_point t;
    ParseRfc3339("2026-03-02T08:00:00Z", &t);
    return t;
  }()};
  std::deque<Status> answers;  // what the transport answers next (OK when empty)
  std::vector<Sent> sent;      // every message handed to the transport
  jobs::MailSender sender;

  Fixture()
      : sender(*temp.database, writer, clock, Settings(),
               [this](std::string_view from, std::string_view to, std::string_view data,
                      const std::atomic<bool>&) {
                 sent.push_back({std::string(from), std::string(to), std::string(data)});
                 Status s = answers.empty() ? Status::Ok() : answers.front();
                 if (!answers.empty()) answers.pop_front();
                 return s;
               }) {}

  static jobs::MailSettings Settings() {
    jobs::MailSettings s;
    s.from = {"attache@molisa.gov.vn", "Attaché"};
    s.public_url = "https://attache.molisa.gov.vn";
    return s;  // retry unit: one minute
  }

  int64_t Enqueue(const std::string& to = "lan@molisa.gov.vn") {
    store::OutboxMail m{std::nullopt,           to,         "Nguyễn Thị Lan", "step",
                        "Hồ sơ chờ / Awaiting", "Xin chào", "<p>Xin chào</p>"};
    int64_t id = 0;
    REQUIRE(writer
                .Run([&](store::Db& db) {
                  return store::EnqueueMail(db, m, FormatRfc3339Millis(clock.Now()), &id);
                })
                .ok());
    return id;
  }
  store::OutboxEntry Entry(int64_t id) {
    auto db = temp.database->Read();
    return *store::FindMail(*db, id);
  }
};

}  // namespace

TEST_CASE("Sender: a due message is rendered, sent once and marked sent") {
  Fixture f;
  int64_t id = f.Enqueue();
  CHECK(f.sender.SendDue() == 1);
  REQUIRE(f.sent.size() == 1);
  CHECK(f.sent[0].from == "attache@molisa.gov.vn");
  CHECK(f.sent[0].to == "lan@molisa.gov.vn");
  CHECK(f.sent[0].data.find("Date: Mon, 02 Mar 2026 08:00:00 +0000\r\n") == 0);
  store::OutboxEntry e = f.Entry(id);
  CHECK(e.status == "sent");
  CHECK(e.attempts == 1);
  CHECK(f.sent[0].data.find("Message-ID: <" + *e.message_id + ">\r\n") != std::string::npos);
  CHECK(f.sender.SendDue() == 0);  // nothing twice
  CHECK(f.sent.size() == 1);
  CHECK(f.sender.Link("/proposals/4") == "https://attache.molisa.gov.vn/#/proposals/4");
}

TEST_CASE("Sender: a temporary failure is retried on the back-off schedule with one Message-ID") {
  Fixture f;
  int64_t id = f.Enqueue();
  f.answers = {Status::Unavailable("SMTP: cannot connect"), Status::Unavailable("SMTP: 451 busy")};
  CHECK(f.sender.SendDue() == 1);
  store::OutboxEntry e = f.Entry(id);
  CHECK(e.status == "pending");
  CHECK(e.attempts == 1);
  CHECK(*e.last_error == "SMTP: cannot connect");
  CHECK(e.next_attempt_at == "2026-03-02T08:01:00.000Z");  // one minute
  CHECK(f.sender.SendDue() == 0);                          // not due yet
  f.clock.Advance(60s);
  CHECK(f.sender.SendDue() == 1);
  e = f.Entry(id);
  CHECK(e.attempts == 2);
  CHECK(e.next_attempt_at == "2026-03-02T08:03:00.000Z");  // then two
  f.clock.Advance(2min);
  CHECK(f.sender.SendDue() == 1);
  e = f.Entry(id);
  CHECK(e.status == "sent");
  CHECK(e.attempts == 3);
  REQUIRE(f.sent.size() == 3);
  CHECK(f.sent[0].data == f.sent[2].data);  // the same message each time, Message-ID included
}

TEST_CASE("Sender: a permanent refusal ends as failed at once") {
  Fixture f;
  int64_t bad = f.Enqueue("reject@molisa.gov.vn");
  int64_t good = f.Enqueue();
  f.answers = {Status::InvalidArgument("SMTP: refused to RCPT TO: 550 5.1.1 no such mailbox")};
  CHECK(f.sender.SendDue() == 2);  // one failing does not hold up the next
  CHECK(f.Entry(bad).status == "failed");
  CHECK(*f.Entry(bad).last_error == "SMTP: refused to RCPT TO: 550 5.1.1 no such mailbox");
  CHECK(f.Entry(good).status == "sent");
  f.clock.Advance(24h);
  CHECK(f.sender.SendDue() == 0);
}

TEST_CASE("Sender: temporary failures for two days end as failed; a retry starts again") {
  Fixture f;
  int64_t id = f.Enqueue();
  for (int i = 0; i < 100; ++i) f.answers.push_back(Status::Unavailable("SMTP: cannot connect"));
  int attempts = 0;
  while (f.Entry(id).status == "pending") {
    REQUIRE(attempts < 50);
    attempts += f.sender.SendDue();
    if (f.Entry(id).status == "pending") {
      std::chrono::system_clock::time_point next;
      REQUIRE(ParseRfc3339(f.Entry(id).next_attempt_at, &next));
      f.clock.Set(next);
    }
  }
  CHECK(attempts == 14);  // as mail_compose_test's schedule says
  CHECK(f.Entry(id).status == "failed");

  // The administrator retries it two days later: sent, or retried again for two days.
  f.clock.Advance(48h);
  REQUIRE(f.writer
              .Run([&](store::Db& db) {
                return store::RetryMail(db, id, FormatRfc3339Millis(f.clock.Now()));
              })
              .ok());
  CHECK(f.sender.SendDue() == 1);
  store::OutboxEntry e = f.Entry(id);
  CHECK(e.status == "pending");  // not given up at once: its window starts at the retry
  CHECK(e.attempts == 15);
  f.answers.clear();
  f.clock.Advance(6h);
  CHECK(f.sender.SendDue() == 1);
  CHECK(f.Entry(id).status == "sent");
}

TEST_CASE("Sender: the thread sends when woken, and stops while a send hangs") {
  Fixture f;
  jobs::MailSettings settings = Fixture::Settings();
  settings.poll_interval = 10s;  // only Wake brings it round in time
  std::atomic<int> calls{0};
  std::atomic<bool> hang{false};
  jobs::MailSender sender(
      *f.temp.database, f.writer, f.clock, settings,
      [&](std::string_view, std::string_view, std::string_view, const std::atomic<bool>& cancel) {
        ++calls;
        while (hang && !cancel) std::this_thread::sleep_for(5ms);
        return hang ? Status::Unavailable("stopped") : Status::Ok();
      });
  sender.Start();
  std::this_thread::sleep_for(50ms);
  int64_t id = f.Enqueue();
  sender.Wake();
  for (int i = 0; i < 200 && f.Entry(id).status != "sent"; ++i) std::this_thread::sleep_for(10ms);
  CHECK(f.Entry(id).status == "sent");
  CHECK(calls == 1);

  hang = true;
  int64_t stuck = f.Enqueue();
  sender.Wake();
  for (int i = 0; i < 200 && calls < 2; ++i) std::this_thread::sleep_for(10ms);
  auto started = std::chrono::steady_clock::now();
  sender.Stop();
  CHECK(std::chrono::steady_clock::now() - started < 2s);
  store::OutboxEntry e = f.Entry(stuck);
  CHECK(e.status == "pending");  // retried after the next start
  CHECK(e.attempts == 1);
  CHECK(*e.last_error == "stopped");
}
