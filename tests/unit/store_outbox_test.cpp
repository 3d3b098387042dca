#include <catch2/catch.hpp>

#include "attache/store/outbox.h"
#include "attache/store/units.h"
#include "attache/store/users.h"
#include "test_database.h"

using namespace attache::store;
using attache::Status;

namespace {

struct Fixture {
  attache::testing::TempDatabase temp{"outbox"};
  Db& db() { return temp.database->writer(); }

  static OutboxMail Mail(const std::string& to = "lan@molisa.gov.vn") {
    return {std::nullopt, to, "Nguyễn Thị Lan", "step", "Hồ sơ chờ xử lý / Awaiting action", "text",
            "<p>html</p>"};
  }
  int64_t Enqueue(const std::string& now, const std::string& to = "lan@molisa.gov.vn") {
    int64_t id = 0;
    REQUIRE(EnqueueMail(db(), Mail(to), now, &id).ok());
    return id;
  }
};

}  // namespace

TEST_CASE("Outbox: what may be queued") {
  Fixture f;
  struct Case {
    const char* what;
    std::function<void(OutboxMail&)> change;
  };
  const std::vector<Case> refused = {
      {"address with CR/LF", [](OutboxMail& m) { m.to_address = "a@b.c\r\nRCPT TO:<x@y.z>"; }},
      {"no address", [](OutboxMail& m) { m.to_address = ""; }},
      {"empty subject", [](OutboxMail& m) { m.subject = ""; }},
      {"subject with a line break", [](OutboxMail& m) { m.subject = "a\r\nBcc: x@y.z"; }},
      {"subject not UTF-8", [](OutboxMail& m) { m.subject = "\xff"; }},
      {"long subject", [](OutboxMail& m) { m.subject = std::string(1001, 'a'); }},
      {"name with a line break", [](OutboxMail& m) { m.to_name = "Lan\nBcc: x@y.z"; }},
      {"bad kind", [](OutboxMail& m) { m.kind = "Step Change"; }},
      {"empty kind", [](OutboxMail& m) { m.kind = ""; }},
      {"huge bodies", [](OutboxMail& m) { m.text_body = std::string(kMaxMailBodyBytes, 'a'); }},
      {"body not UTF-8", [](OutboxMail& m) { m.html_body = "\xc3"; }},
      {"unknown user", [](OutboxMail& m) { m.user_id = 999; }},
  };
  for (const auto& c : refused) {
    OutboxMail m = Fixture::Mail();
    c.change(m);
    INFO(c.what);
    CHECK(EnqueueMail(f.db(), m, "2026-03-02T08:00:00Z").code() == Status::Code::kInvalidArgument);
  }
  CHECK(EnqueueMail(f.db(), Fixture::Mail(), "yesterday").code() == Status::Code::kInvalidArgument);
  CHECK(CountMail(f.db()).pending == 0);

  int64_t id = f.Enqueue("2026-03-02T08:00:00Z");
  auto e = FindMail(f.db(), id);
  REQUIRE(e);
  CHECK(e->status == "pending");
  CHECK(e->attempts == 0);
  CHECK(e->created_at == "2026-03-02T08:00:00.000Z");  // stored with milliseconds
  CHECK(e->next_attempt_at == "2026-03-02T08:00:00.000Z");
  CHECK(e->mail.subject == "Hồ sơ chờ xử lý / Awaiting action");
  CHECK(e->mail.html_body == "<p>html</p>");
  CHECK(!e->message_id);
}

TEST_CASE("Outbox: due messages, attempts, sent and failed") {
  Fixture f;
  int64_t a = f.Enqueue("2026-03-02T08:00:00Z", "a@b.c");
  int64_t b = f.Enqueue("2026-03-02T08:00:01.500Z", "b@b.c");
  CHECK(DueMail(f.db(), "2026-03-02T07:59:59Z", 10).empty());
  auto due = DueMail(f.db(), "2026-03-02T08:00:01Z", 10);
  REQUIRE(due.size() == 1);
  CHECK(due[0].id == a);
  CHECK(DueMail(f.db(), "2026-03-02T08:00:01.500Z", 10).size() == 2);
  CHECK(*NextDue(f.db()) == "2026-03-02T08:00:00.000Z");

  // An attempt moves the message to its retry time before the send.
  REQUIRE(BeginAttempt(f.db(), a, "2026-03-02T08:01:00Z", "m1@x").ok());
  CHECK(DueMail(f.db(), "2026-03-02T08:00:30Z", 10).front().id == b);
  REQUIRE(MarkAttemptFailed(f.db(), a, "SMTP: no answer", false).ok());
  auto e = *FindMail(f.db(), a);
  CHECK(e.status == "pending");
  CHECK(e.attempts == 1);
  CHECK(e.next_attempt_at == "2026-03-02T08:01:00.000Z");
  CHECK(*e.last_error == "SMTP: no answer");
  CHECK(*e.message_id == "m1@x");
  // The Message-ID of the first attempt stays.
  REQUIRE(BeginAttempt(f.db(), a, "2026-03-02T08:03:00Z", "m2@x").ok());
  REQUIRE(MarkSent(f.db(), a, "2026-03-02T08:01:02Z").ok());
  e = *FindMail(f.db(), a);
  CHECK(e.status == "sent");
  CHECK(e.attempts == 2);
  CHECK(*e.message_id == "m1@x");
  CHECK(*e.sent_at == "2026-03-02T08:01:02.000Z");
  CHECK(!e.last_error);
  CHECK(BeginAttempt(f.db(), a, "2026-03-02T08:03:00Z", "m3@x").code() == Status::Code::kConflict);
  CHECK(BeginAttempt(f.db(), 999, "2026-03-02T08:03:00Z", "m3@x").code() ==
        Status::Code::kNotFound);

  REQUIRE(BeginAttempt(f.db(), b, "2026-03-02T08:02:00Z", "m4@x").ok());
  REQUIRE(MarkAttemptFailed(f.db(), b, "SMTP: refused RCPT: 550 no such user", true).ok());
  CHECK(FindMail(f.db(), b)->status == "failed");
  CHECK(DueMail(f.db(), "2026-04-01T00:00:00Z", 10).empty());
  CHECK(!NextDue(f.db()));
  MailCounts counts = CountMail(f.db());
  CHECK((counts.pending == 0 && counts.sent == 1 && counts.failed == 1));

  // An administrator's retry: due at once, the window counted again, the record kept.
  CHECK(RetryMail(f.db(), a, "2026-03-03T09:00:00Z").code() == Status::Code::kConflict);
  CHECK(RetryMail(f.db(), 999, "2026-03-03T09:00:00Z").code() == Status::Code::kNotFound);
  REQUIRE(RetryMail(f.db(), b, "2026-03-03T09:00:00Z").ok());
  e = *FindMail(f.db(), b);
  CHECK(e.status == "pending");
  CHECK(e.attempts == 1);
  CHECK(*e.retried_at == "2026-03-03T09:00:00.000Z");
  CHECK(e.next_attempt_at == "2026-03-03T09:00:00.000Z");
  CHECK(*e.last_error == "SMTP: refused RCPT: 550 no such user");
}

TEST_CASE("Outbox: the administrators' list, newest first, by status, in pages") {
  Fixture f;
  std::vector<int64_t> ids;
  for (int i = 0; i < 7; ++i)
    ids.push_back(f.Enqueue("2026-03-02T08:00:0" + std::to_string(i) + "Z"));
  REQUIRE(BeginAttempt(f.db(), ids[2], "2026-03-02T09:00:00Z", "x@y").ok());
  REQUIRE(MarkAttemptFailed(f.db(), ids[2], "gone", true).ok());
  bool more = false;
  auto page = ListMail(f.db(), {std::nullopt, std::nullopt, 3}, &more);
  REQUIRE(page.size() == 3);
  CHECK(more);
  CHECK(page[0].id == ids[6]);
  CHECK(page[2].id == ids[4]);
  CHECK(page[0].mail.text_body.empty());  // the list leaves the bodies out
  page = ListMail(f.db(), {std::nullopt, page.back().id, 3}, &more);
  CHECK(page.front().id == ids[3]);
  page = ListMail(f.db(), {std::nullopt, page.back().id, 3}, &more);
  CHECK(page.size() == 1);
  CHECK(!more);
  page = ListMail(f.db(), {std::string("failed"), std::nullopt, 50}, &more);
  REQUIRE(page.size() == 1);
  CHECK(page[0].id == ids[2]);
  CHECK(ListMail(f.db(), {std::string("pending"), std::nullopt, 50}, &more).size() == 6);
}

TEST_CASE("Outbox: a user's e-mail address") {
  Fixture f;
  int64_t unit = 0, user = 0;
  REQUIRE(AddUnit(f.db(), {0, "CVL", "Cục Việc làm", "Employment", {}}, {}, &unit).ok());
  REQUIRE(AddUser(f.db(), {0, "lan", "Nguyễn Thị Lan", 0, "CVL", true, {"staff"}}, &user).ok());
  REQUIRE(SetUserEmail(f.db(), user, "lan@molisa.gov.vn").ok());
  CHECK(*f.db().QueryText("SELECT email FROM users WHERE username = 'lan'") == "lan@molisa.gov.vn");
  CHECK(SetUserEmail(f.db(), user, "lan@molisa.gov.vn\r\nBcc: x@y.z").code() ==
        Status::Code::kInvalidArgument);
  CHECK(SetUserEmail(f.db(), 999, "a@b.c").code() == Status::Code::kNotFound);
  REQUIRE(SetUserEmail(f.db(), user, "").ok());
  CHECK(!f.db().QueryText("SELECT email FROM users WHERE username = 'lan'"));
  OutboxMail m = Fixture::Mail();
  m.user_id = user;
  CHECK(EnqueueMail(f.db(), m, "2026-03-02T08:00:00Z").ok());
}
