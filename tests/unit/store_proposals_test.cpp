#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <thread>

#include "attache/store/database.h"
#include "attache/store/proposals.h"
#include "attache/store/units.h"
#include "attache/store/users.h"
#include "test_database.h"

namespace fs = std::filesystem;
using namespace attache::store;
using attache::AuditEntry;
using attache::Status;

namespace {

// A migrated database in a fresh folder with one unit, two users and a workflow version.
struct Fixture {
  attache::testing::TempDatabase temp{"prop"};
  fs::path& dir = temp.dir;
  std::unique_ptr<Database>& database = temp.database;

  Fixture() {
    Db& db = database->writer();
    REQUIRE(AddUnit(db, {0, "CVL", "Cục Việc làm", "Employment", {}}, {}).ok());
    REQUIRE(AddUser(db, {0, "lan", "Nguyễn Thị Lan", 0, "CVL", true, {"staff"}}, &staff).ok());
    REQUIRE(AddUser(db, {0, "hung", "Trần Văn Hùng", 0, "CVL", true, {"unit_head"}}, &head).ok());
    int v = 0;
    REQUIRE(
        RegisterWorkflowVersion(db, "outbound_delegation", R"({"kind":"outbound_delegation"})", &v)
            .ok());
    REQUIRE(v == 1);
  }
  Db& db() { return database->writer(); }

  ProposalRow Create(const std::string& title = "Đoàn công tác tại Hàn Quốc",
                     const std::string& at = "2026-03-01T02:00:00Z") {
    NewProposal n{
        "outbound_delegation",         1,  "ĐR",         title, 1, staff, "draft", std::nullopt,
        {{"depart_on", "2026-05-01"}}, {}, std::nullopt, at};
    ProposalRow row;
    REQUIRE(CreateProposal(db(), n, &row).ok());
    return row;
  }

  StepRecord Step(const ProposalRow& p, const std::string& action, const std::string& to,
                  int64_t actor) {
    StepRecord s;
    s.proposal_id = p.id;
    s.expected_version = p.version;
    s.to_state = to;
    s.event.at = "2026-03-02T03:00:00Z";
    s.event.actor = actor;
    s.event.action = action;
    s.event.from = p.state;
    s.event.to = to;
    return s;
  }

  int64_t staff = 0, head = 0;
};

}  // namespace

TEST_CASE("Proposals get reference numbers per prefix and year, never reused") {
  Fixture f;
  CHECK(f.Create().ref == "ĐR-2026-0001");
  CHECK(f.Create().ref == "ĐR-2026-0002");
  CHECK(f.Create("x", "2027-01-01T00:00:00Z").ref == "ĐR-2027-0001");
  // A failed creation (empty title) does not use a number up.
  NewProposal bad{"outbound_delegation", 1, "ĐR", "", 1, f.staff, "draft", {}, {}, {}, std::nullopt,
                  "2026-01-01T00:00:00Z"};
  CHECK(CreateProposal(f.db(), bad, nullptr).code() == Status::Code::kInvalidArgument);
  CHECK(f.Create().ref == "ĐR-2026-0003");
  // An unknown workflow version is refused by the database.
  NewProposal unknown{
      "outbound_delegation", 9, "ĐR", "t", 1, f.staff, "draft", {}, {}, {}, std::nullopt,
      "2026-01-01T00:00:00Z"};
  CHECK(CreateProposal(f.db(), unknown, nullptr).code() == Status::Code::kInvalidArgument);
}

TEST_CASE("A step changes the proposal and appends one chained audit entry") {
  Fixture f;
  ProposalRow p = f.Create();
  CHECK(p.version == 1);
  CHECK(p.state == "draft");
  CHECK(p.fields["depart_on"] == "2026-05-01");

  StepRecord s = f.Step(p, "submit", "unit_review", f.staff);
  s.due_on = "2026-03-10";
  s.event.comment = "Kính trình";
  ProposalRow after;
  REQUIRE(RecordStep(f.db(), s, &after).ok());
  CHECK(after.state == "unit_review");
  CHECK(after.version == 2);
  CHECK(after.due_on == "2026-03-10");
  CHECK(after.state_entered_at == "2026-03-02T03:00:00Z");

  auto history = ProposalHistory(f.db(), p.id);
  REQUIRE(history.size() == 2);
  CHECK(history[0].action == "create");
  CHECK(history[1].action == "submit");
  CHECK(history[1].comment == "Kính trình");
  CHECK(history[1].prev_hash == history[0].hash);
  CHECK(after.audit_seq == history[1].seq);

  auto report = VerifyAudit(f.db());
  CHECK(report.ok);
  CHECK(report.entries == 2);
  CHECK(report.head == history[1].hash);
}

TEST_CASE("A stale version or state is a conflict and writes nothing") {
  Fixture f;
  ProposalRow p = f.Create();
  REQUIRE(RecordStep(f.db(), f.Step(p, "submit", "unit_review", f.staff), nullptr).ok());
  Status s = RecordStep(f.db(), f.Step(p, "submit", "unit_review", f.staff), nullptr);
  CHECK(s.code() == Status::Code::kConflict);
  CHECK_THAT(s.message(), Catch::Contains("version 2"));
  CHECK(ProposalHistory(f.db(), p.id).size() == 2);
  StepRecord missing = f.Step(p, "submit", "unit_review", f.staff);
  missing.proposal_id = 999;
  CHECK(RecordStep(f.db(), missing, nullptr).code() == Status::Code::kNotFound);
}

TEST_CASE("The audit table refuses UPDATE and DELETE") {
  Fixture f;
  f.Create();
  CHECK_THROWS_WITH(f.db().Exec("UPDATE audit SET comment = 'x'"), Catch::Contains("append-only"));
  CHECK_THROWS_WITH(f.db().Exec("DELETE FROM audit"), Catch::Contains("append-only"));
}

TEST_CASE("Verify finds tampering by someone holding the database file") {
  Fixture f;
  // Three proposals, several steps each: entries 1..9.
  for (int i = 0; i < 3; ++i) {
    ProposalRow p = f.Create();
    REQUIRE(RecordStep(f.db(), f.Step(p, "submit", "unit_review", f.staff), &p).ok());
    REQUIRE(RecordStep(f.db(), f.Step(p, "endorse", "icd_review", f.head), &p).ok());
  }
  REQUIRE(VerifyAudit(f.db()).ok);
  REQUIRE(VerifyAudit(f.db()).entries == 9);
  Db& db = f.db();
  db.Exec("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;");

  SECTION("an edited comment") {
    db.Exec("UPDATE audit SET comment = 'approved by phone' WHERE seq = 5");
    auto r = VerifyAudit(db);
    CHECK_FALSE(r.ok);
    CHECK(r.first_bad == 5);
  }
  SECTION("an edited actor") {
    db.Exec("UPDATE audit SET actor = 1 WHERE seq = 6");
    CHECK(VerifyAudit(db).first_bad == 6);
  }
  SECTION("a deleted entry") {
    db.Exec("DELETE FROM audit WHERE seq = 4");
    auto r = VerifyAudit(db);
    CHECK_FALSE(r.ok);
    CHECK(r.first_bad == 5);
  }
  SECTION("two entries swapped") {
    db.Exec(
        "UPDATE audit SET seq = -1 WHERE seq = 3; UPDATE audit SET seq = 3 WHERE seq = 4; "
        "UPDATE audit SET seq = 4 WHERE seq = -1;");
    auto r = VerifyAudit(db);
    CHECK_FALSE(r.ok);
    CHECK(r.first_bad == 3);
  }
  SECTION("a truncated tail") {
    db.Exec("DELETE FROM audit WHERE seq >= 8");
    auto r = VerifyAudit(db);
    CHECK_FALSE(r.ok);
    CHECK_THAT(r.reason, Catch::Contains("ĐR-2026-0003"));
  }
  SECTION("a state changed without an audit entry") {
    db.Exec("UPDATE proposals SET state = 'approved' WHERE id = 2");
    auto r = VerifyAudit(db);
    CHECK_FALSE(r.ok);
    CHECK_THAT(r.reason, Catch::Contains("ĐR-2026-0002") && Catch::Contains("approved"));
  }
}

TEST_CASE("Of 50 threads acting on the same version, exactly one wins") {
  Fixture f;
  ProposalRow p = f.Create();
  std::atomic<int> ok{0}, conflict{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 50; ++i) {
    threads.emplace_back([&, i] {
      Db db(f.dir / "a.db");  // each thread its own connection, as the server's would be
      StepRecord s = f.Step(p, "submit", "unit_review", f.staff);
      s.event.comment = "attempt " + std::to_string(i);
      Status st = RecordStep(db, s, nullptr);
      if (st.ok())
        ++ok;
      else if (st.code() == Status::Code::kConflict)
        ++conflict;
      else
        ++other;
    });
  }
  for (auto& t : threads) t.join();
  CHECK(ok == 1);
  CHECK(conflict == 49);
  CHECK(other == 0);
  CHECK(ProposalHistory(f.db(), p.id).size() == 2);
  CHECK(VerifyAudit(f.db()).ok);
}

TEST_CASE("Workflow versions: new content gets the next number, known content its own") {
  Fixture f;
  int v = 0;
  REQUIRE(RegisterWorkflowVersion(f.db(), "outbound_delegation",
                                  R"({"kind":"outbound_delegation"})", &v)
              .ok());
  CHECK(v == 1);
  REQUIRE(RegisterWorkflowVersion(f.db(), "outbound_delegation",
                                  R"({"kind":"outbound_delegation","x":1})", &v)
              .ok());
  CHECK(v == 2);
  REQUIRE(RegisterWorkflowVersion(f.db(), "agreement", R"({"kind":"agreement"})", &v).ok());
  CHECK(v == 1);
  std::string text;
  REQUIRE(LoadWorkflowVersion(f.db(), "outbound_delegation", 2, &text).ok());
  CHECK(text == R"({"kind":"outbound_delegation","x":1})");
  CHECK(LoadWorkflowVersion(f.db(), "outbound_delegation", 3, &text).code() ==
        Status::Code::kNotFound);
}

TEST_CASE("An event is audited in the chain without moving the state or its clock") {
  Fixture f;
  ProposalRow p = f.Create();
  REQUIRE(RecordStep(f.db(), f.Step(p, "submit", "unit_review", f.staff), &p).ok());
  std::string entered = p.state_entered_at;
  EventRecord e;
  e.proposal_id = p.id;
  e.expected_version = p.version;
  e.title = "Đoàn công tác tại Hàn Quốc và Nhật Bản";
  e.fields = nlohmann::json{{"depart_on", "2026-05-02"}};
  e.columns = ListColumns{std::nullopt, "KR", "2026-05-02", std::nullopt, std::nullopt, ""};
  e.event.at = "2026-03-03T01:00:00Z";
  e.event.actor = f.staff;
  e.event.action = "edit";
  ProposalRow after;
  REQUIRE(RecordEvent(f.db(), e, &after).ok());
  CHECK(after.state == "unit_review");
  CHECK(after.state_entered_at == entered);
  CHECK(after.version == p.version + 1);
  CHECK(after.title == "Đoàn công tác tại Hàn Quốc và Nhật Bản");
  CHECK(after.fields["depart_on"] == "2026-05-02");
  CHECK(f.db().QueryText("SELECT country || ' ' || starts_on FROM proposals WHERE id = " +
                         std::to_string(p.id)) == "KR 2026-05-02");
  auto history = ProposalHistory(f.db(), p.id);
  REQUIRE(history.size() == 3);
  CHECK(history[2].from == "unit_review");
  CHECK(history[2].to == "unit_review");
  CHECK(VerifyAudit(f.db()).ok);
  // A stale version writes nothing; no expected version takes whatever is current.
  CHECK(RecordEvent(f.db(), e, nullptr).code() == Status::Code::kConflict);
  e.expected_version.reset();
  e.title.reset();
  CHECK(RecordEvent(f.db(), e, nullptr).ok());
  e.proposal_id = 999;
  CHECK(RecordEvent(f.db(), e, nullptr).code() == Status::Code::kNotFound);
  CHECK(VerifyAudit(f.db()).entries == 4);
}
