// Proposals through the service: the engine's decision and the store's write in one
// transaction, definition versions that in-flight proposals keep, and concurrent actors.
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "attache/service/proposals.h"
#include "attache/store/authorisations.h"
#include "attache/store/database.h"
#include "attache/store/documents.h"
#include "attache/store/units.h"
#include "attache/store/writer.h"
#include "test_database.h"
#include "test_files.h"
#include "workflow_samples.h"

namespace fs = std::filesystem;
using namespace attache;
using nlohmann::json;

namespace {

using attache::testing::ReadFile;

// A database with a unit, the ICD, four users, and a schema folder whose outbound_delegation
// is the minimal fixture (the other kinds are the real ones).
struct Fixture {
  testing::TempDatabase temp{"svc"};
  fs::path& dir = temp.dir;
  std::unique_ptr<store::Database>& database = temp.database;

  Fixture() {
    fs::create_directories(dir / "workflows");
    for (const auto& e : fs::directory_iterator(fs::path(ATTACHE_SOURCE_DIR) / "schema/workflows"))
      fs::copy_file(e.path(), dir / "workflows" / e.path().filename());
    WriteOutbound(ReadFile(fs::path(ATTACHE_TEST_DIR) / "fixtures/workflows/minimal.json"));
    store::Db& db = database->writer();
    REQUIRE(store::AddUnit(db, {0, "CVL", "Cục Việc làm", "Employment", {}}, {}).ok());
    REQUIRE(store::AddUnit(db, {0, "HTQT", "Vụ Hợp tác quốc tế", "ICD", {}}, {}).ok());
    staff = AddUser("lan", "CVL", "staff");
    head = AddUser("hung", "CVL", "unit_head");
    icd = AddUser("mai", "HTQT", "icd_officer");
    leader = AddUser("thanh", "HTQT", "leader");
    Restart();
  }
  ~Fixture() {
    proposals.reset();
    workflows.reset();
  }

  void WriteOutbound(const std::string& text) {
    std::ofstream(dir / "workflows/outbound_delegation.json", std::ios::binary | std::ios::trunc)
        << text;
  }

  store::User AddUser(const std::string& name, const std::string& unit, const std::string& role) {
    int64_t id = 0;
    REQUIRE(store::AddUser(database->writer(), {0, name, name, 0, unit, true, {role}}, &id).ok());
    return *store::FindUser(database->writer(), id);
  }

  // What a server start does: load the definitions, registering new content as new versions.
  void Restart() {
    proposals.reset();
    workflows.reset();
    Status s = service::Workflows::Open(dir / "workflows", database->writer(), &workflows);
    INFO(s.message());
    REQUIRE(s.ok());
    proposals = std::make_unique<service::Proposals>(*workflows, calendar, clock);
  }

  store::ProposalRow Create(json fields) {
    store::ProposalRow row;
    service::Refusal refusal;
    Status s = proposals->Create(database->writer(), staff,
                                 {"outbound_delegation", "Đoàn công tác Hàn Quốc", fields}, &row,
                                 &refusal);
    INFO(s.message());
    REQUIRE(s.ok());
    return row;
  }

  Status Act(const store::User& user, store::ProposalRow* row, const std::string& action,
             json fields = json::object(), service::Refusal* refusal = nullptr) {
    store::ProposalRow after;
    Status s = proposals->Act(database->writer(), user,
                              {row->id, row->version, {action, "Ý kiến", fields}}, &after, refusal);
    if (s.ok()) *row = after;
    return s;
  }

  std::unique_ptr<service::Workflows> workflows;
  std::unique_ptr<service::Proposals> proposals;
  WorkingDayCalendar calendar;
  ManualClock clock{std::chrono::sys_days(std::chrono::year_month_day(
                        std::chrono::year(2026), std::chrono::month(3), std::chrono::day(2))) +
                    std::chrono::hours(2)};
  store::User staff, head, icd, leader;
};

json Complete() {
  return {{"depart_on", "2026-06-01"},
          {"return_on", "2026-06-08"},
          {"purpose", "Hợp tác lao động"},
          {"funding_sources", {"host"}}};
}

}  // namespace

TEST_CASE("A proposal is created in the initial state of the current version, its fields checked") {
  Fixture f;
  store::ProposalRow row = f.Create(Complete());
  CHECK(row.state == "draft");
  CHECK(row.workflow_version == 1);
  CHECK(row.ref == "ĐR-2026-0001");
  CHECK(row.fields["purpose"] == "Hợp tác lao động");
  store::ProposalRow none;
  service::Refusal refusal;
  CHECK(f.proposals
            ->Create(f.database->writer(), f.staff,
                     {"outbound_delegation", "x", {{"depart_on", "mai"}}}, &none, &refusal)
            .code() == Status::Code::kInvalidArgument);
  REQUIRE(refusal.field_errors.size() == 1);
  CHECK(refusal.field_errors[0].field == "depart_on");
  refusal = {};
  store::Db& db = f.database->writer();
  CHECK(f.proposals->Create(db, f.staff, {"agreement", "x", {{"partner", 77}}}, &none, &refusal)
            .code() == Status::Code::kInvalidArgument);
  REQUIRE(refusal.field_errors.size() == 1);
  CHECK(refusal.field_errors[0].field == "partner");
  CHECK(refusal.field_errors[0].message.en == "no such partner");
  CHECK(
      f.proposals
          ->Create(f.database->writer(), f.staff, {"picnic", "x", json::object()}, &none, &refusal)
          .code() == Status::Code::kInvalidArgument);
  store::User auditor = f.AddUser("ha", "HTQT", "auditor");
  CHECK(f.proposals
            ->Create(f.database->writer(), auditor, {"outbound_delegation", "x", json::object()},
                     &none, &refusal)
            .code() == Status::Code::kPermissionDenied);
}

TEST_CASE(
    "Steps are decided and written together; the audit records them; refusals write nothing") {
  Fixture f;
  store::ProposalRow row = f.Create(Complete());
  service::Refusal refusal;
  CHECK(f.Act(f.head, &row, "submit", json::object(), &refusal).code() ==
        Status::Code::kPermissionDenied);
  CHECK(row.version == 1);
  REQUIRE(f.Act(f.staff, &row, "submit").ok());
  CHECK(row.state == "unit_review");
  CHECK(row.due_on == "2026-03-04");  // two working days after Monday 2 March
  CHECK(f.Act(f.head, &row, "endorse", json::object(), &refusal).code() ==
        Status::Code::kInvalidArgument);
  REQUIRE(refusal.reasons.size() == 1);
  CHECK(refusal.reasons[0].subject == "invitation_letter");  // no documents can be attached yet
  auto history = store::ProposalHistory(f.database->writer(), row.id);
  REQUIRE(history.size() == 2);
  CHECK(history[1].action == "submit");
  CHECK(history[1].payload["due_on"] == "2026-03-04");
  // A stale version is a conflict, whoever asks.
  store::ProposalRow stale = row;
  stale.version = 1;
  CHECK(f.Act(f.staff, &stale, "withdraw").code() == Status::Code::kConflict);
  // Someone of another unit does not see it at all.
  store::User other = f.AddUser("an", "HTQT", "staff");
  CHECK(f.Act(other, &row, "withdraw").code() == Status::Code::kNotFound);
  CHECK(store::VerifyAudit(f.database->writer()).ok);
}

TEST_CASE("Changing a definition makes a new version; proposals in flight finish on theirs") {
  Fixture f;
  store::ProposalRow old_one = f.Create(Complete());
  REQUIRE(f.Act(f.staff, &old_one, "submit").ok());

  // The regulation changes: a programme is now required from unit review on.
  json v2 = json::parse(ReadFile(f.dir / "workflows/outbound_delegation.json"));
  v2["fields"].push_back({{"name", "programme"},
                          {"type", "long_text"},
                          {"label", {{"vi", "Chương trình"}, {"en", "Programme"}}},
                          {"required_from", "unit_review"}});
  f.WriteOutbound(v2.dump(2));
  f.Restart();
  CHECK(f.workflows->CurrentVersion("outbound_delegation") == 2);
  REQUIRE(f.workflows->Version("outbound_delegation", 1));

  store::ProposalRow new_one = f.Create(Complete());
  CHECK(new_one.workflow_version == 2);
  service::Refusal refusal;
  CHECK(f.Act(f.staff, &new_one, "submit", json::object(), &refusal).code() ==
        Status::Code::kInvalidArgument);
  REQUIRE(refusal.reasons.size() == 1);
  CHECK(refusal.reasons[0].subject == "programme");

  // The old proposal goes on under version 1, which never asked for a programme.
  CHECK(old_one.workflow_version == 1);
  REQUIRE(f.Act(f.head, &old_one, "return").ok());
  REQUIRE(f.Act(f.staff, &old_one, "submit").ok());
  CHECK(old_one.state == "unit_review");
  // A restart with unchanged files makes no new version.
  f.Restart();
  CHECK(f.workflows->CurrentVersion("outbound_delegation") == 2);
  // A broken file stops the start, naming file and path.
  v2["states"][1]["id"] = "draft";
  f.WriteOutbound(v2.dump());
  // (and a new, valid conference definition beside it is not registered either)
  json conference = json::parse(ReadFile(f.dir / "workflows/conference.json"));
  conference["title"]["en"] = "International conference (changed)";
  std::ofstream(f.dir / "workflows/conference.json", std::ios::trunc) << conference.dump();
  std::unique_ptr<service::Workflows> broken;
  Status s = service::Workflows::Open(f.dir / "workflows", f.database->writer(), &broken);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK_THAT(s.message(),
             Catch::Contains("outbound_delegation.json: /states/1/id: duplicate state"));
  CHECK(f.database->writer().QueryText(
            "SELECT max(version) FROM workflow_versions WHERE kind = 'conference'") == "1");
}

TEST_CASE("Fifty people acting at once on the same version: exactly one step is taken") {
  Fixture f;
  store::ProposalRow row = f.Create(Complete());
  store::Writer writer(f.database->writer());
  std::atomic<int> ok{0}, conflict{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 50; ++i)
    threads.emplace_back([&] {
      store::ProposalRow after;
      Status s = writer.Run([&](store::Db& db) {
        return f.proposals->Act(db, f.staff, {row.id, 1, {"submit", std::nullopt, json::object()}},
                                &after, nullptr);
      });
      (s.ok() ? ok : s.code() == Status::Code::kConflict ? conflict : other)++;
    });
  for (auto& t : threads) t.join();
  CHECK(ok == 1);
  CHECK(conflict == 49);
  CHECK(other == 0);
  CHECK(store::ProposalHistory(f.database->writer(), row.id).size() == 2);
}

TEST_CASE(
    "Random walks through the store leave a chain that verifies, with no creator approving their "
    "own") {
  Fixture f;
  std::vector<store::User> people = {f.staff,
                                     f.head,
                                     f.icd,
                                     f.leader,
                                     f.AddUser("lan2", "CVL", "staff"),
                                     f.AddUser("quang", "HTQT", "icd_head"),
                                     f.AddUser("thu", "HTQT", "finance"),
                                     f.AddUser("ha", "HTQT", "auditor"),
                                     f.AddUser("an", "HTQT", "staff")};
  int64_t authorisation = 0;
  REQUIRE(
      store::AddAuthorisation(
          f.database->writer(),
          {0, f.leader.id, "", people[5].id, "", "2026-01-01", "2026-12-31", "Nghỉ phép", "", {}},
          "2026-01-01T00:00:00Z", &authorisation)
          .ok());
  f.database->writer().Exec(
      "INSERT INTO partners (id, type, name_vi, name_en, created_by, created_at) "
      "VALUES (1, 'un_agency', 'Tổ chức Lao động Quốc tế', 'International Labour Organization', 1, "
      "'2026-01-01')");
  std::mt19937_64 rng(42);
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  int64_t created = 0, steps = 0, documents = 0;
  store::Db& db = f.database->writer();
  {
    store::Txn all(db);  // one transaction for speed; every Act is a savepoint inside it
    for (const auto& [version, def] : f.workflows->AllCurrent()) {
      for (int w = 0; w < 100; ++w) {
        json fields = json::object();
        for (const auto& field : def->fields) fields[field.name] = testing::SampleValue(field);
        store::ProposalRow row;
        service::Refusal refusal;
        // Staff and unit heads create, so separation of duties (a head endorsing their own
        // proposal) is really put to the test.
        const store::User& creator = pick(3) == 0 ? f.head : pick(2) ? f.staff : people[4];
        REQUIRE(f.proposals
                    ->Create(db, creator, {def->kind, "Hồ sơ thử " + std::to_string(w), fields},
                             &row, &refusal)
                    .ok());
        ++created;
        for (const auto& d : def->documents) {
          store::DocumentRow added;
          REQUIRE(store::AddDocument(
                      db,
                      {row.id, d.type, d.type + ".pdf", 4, std::string(64, 'a'), "application/pdf",
                       creator.id, "2026-03-02T02:00:00Z", std::nullopt},
                      &added)
                      .ok());
          ++documents;
        }
        REQUIRE(store::LoadProposal(db, row.id, &row).ok());
        for (int i = 0; i < 40 && !def->State(row.state)->terminal; ++i) {
          auto from_here = def->TransitionsFrom(row.state);
          const workflow::TransitionDef* t = pick(10) == 0
                                                 ? &def->transitions[pick(def->transitions.size())]
                                                 : from_here[pick(from_here.size())];
          workflow::StepRequest step{t->action,
                                     pick(4) ? std::optional<std::string>("Ý kiến") : std::nullopt,
                                     json::object()};
          for (const auto& name : t->input_fields)
            step.fields[name] = testing::SampleValue(*def->Field(name));
          store::ProposalRow after;
          if (f.proposals
                  ->Act(db, people[pick(people.size())], {row.id, row.version, step}, &after,
                        nullptr)
                  .ok()) {
            row = after;
            ++steps;
          }
        }
        REQUIRE(def->State(row.state) != nullptr);
        for (const auto& e : store::ProposalHistory(db, row.id)) {
          if (e.action == "create") continue;
          const workflow::TransitionDef* t = def->Transition(e.from, e.action);
          if (!t) {  // an event on the proposal (a document attached), not a step
            REQUIRE(e.from == e.to);
            continue;
          }
          if (t->not_by_creator) {
            CHECK(e.actor != row.created_by);
            CHECK(e.on_behalf_of.value_or(0) != row.created_by);
          }
        }
      }
    }
    all.Commit();
  }
  auto report = store::VerifyAudit(db);
  INFO(report.reason);
  CHECK(report.ok);
  CHECK(report.entries == created + steps + documents);
  CHECK(steps > 2 * created);
  // The walks went deep: approvals happened, and steps by the creator were refused.
  CHECK(db.QueryText("SELECT count(*) FROM audit WHERE action = 'approve'") != "0");
}

TEST_CASE("The list columns follow the fields the definition names, at creation and at each step") {
  Fixture f;
  store::ProposalRow row = f.Create(Complete());
  store::Db& db = f.database->writer();
  auto columns = [&] {
    return db.QueryText(
        "SELECT coalesce(starts_on, '-') || ' ' || coalesce(ends_on, '-') FROM proposals WHERE id "
        "= " +
        std::to_string(row.id));
  };
  CHECK(columns() == "2026-06-01 2026-06-08");
  auto agreement = f.workflows->Current("agreement");
  store::ListColumns c = service::ColumnsOf(
      *agreement, {{"partner", 12}, {"country", "JP"}, {"expires_on", "2031-01-01"}});
  CHECK(c.partner_id == 12);
  CHECK(c.country == "JP");
  CHECK_FALSE(c.starts_on);
  CHECK(c.ends_on == "2031-01-01");
  auto outbound = f.workflows->Current("outbound_delegation");
  auto real = f.workflows->Version("outbound_delegation", 1);
  CHECK(service::ColumnsOf(*real, {{"depart_on", nullptr}}).starts_on == std::nullopt);
  (void)outbound;
}

TEST_CASE(
    "Auditors take no step whatever other role they hold; a deputy takes only the leader's steps") {
  Fixture f;
  store::ProposalRow row = f.Create(Complete());
  store::User auditor_staff = f.AddUser("kiem", "CVL", "staff");
  REQUIRE(
      store::UpdateUser(f.database->writer(), auditor_staff.id,
                        {std::nullopt, std::vector<std::string>{"auditor", "staff"}, std::nullopt})
          .ok());
  auditor_staff = *store::FindUser(f.database->writer(), auditor_staff.id);
  CHECK(f.Act(auditor_staff, &row, "submit").code() == Status::Code::kPermissionDenied);
  REQUIRE(f.Act(f.staff, &row, "submit").ok());

  // A leader who is also an ICD officer names a staff member as deputy: the deputy may decide
  // for the leader, but not review for ICD.
  store::User boss = f.AddUser("bao", "HTQT", "leader");
  REQUIRE(store::UpdateUser(
              f.database->writer(), boss.id,
              {std::nullopt, std::vector<std::string>{"icd_officer", "leader"}, std::nullopt})
              .ok());
  store::User deputy = f.AddUser("pho", "HTQT", "icd_head");
  int64_t id = 0;
  REQUIRE(store::AddAuthorisation(
              f.database->writer(),
              {0, boss.id, "", deputy.id, "", "2026-03-01", "2026-03-31", "Công tác", "", {}},
              "2026-03-01T00:00:00Z", &id)
              .ok());
  workflow::Actor actor = f.proposals->ActorOf(f.database->writer(), deputy);
  REQUIRE(actor.acting_for.size() == 1);
  CHECK(actor.acting_for[0].roles == std::vector<std::string>{"leader"});
  // Outside the authorisation's dates the deputy acts for nobody.
  f.clock.Set(f.clock.Now() + std::chrono::hours(24 * 40));
  CHECK(f.proposals->ActorOf(f.database->writer(), deputy).acting_for.empty());
}

TEST_CASE(
    "awaiting=me: what waits for a person, as themself or as deputy, never their own approval") {
  Fixture f;
  auto waits = [&](const store::User& user, const store::ProposalRow& row) {
    store::ProposalQuery q;
    q.awaiting = f.proposals->AwaitingRules(f.database->writer(), user);
    q.limit = 200;
    bool found = false;
    store::VisitProposals(f.database->writer(), q, [&](const store::ProposalListView& p) {
      found = found || p.id == row.id;
    });
    return found;
  };
  store::ProposalRow row = f.Create(Complete());
  CHECK(waits(f.staff, row));  // a draft waits for its unit's staff to submit it
  CHECK_FALSE(waits(f.head, row));
  REQUIRE(f.Act(f.staff, &row, "submit").ok());
  CHECK(waits(f.head, row));  // now for the unit head's endorsement
  CHECK_FALSE(waits(f.staff, row));
  store::User finance = f.AddUser("thu", "HTQT", "finance");
  CHECK_FALSE(waits(finance, row));
  // The leader's decision forbids the creator: a leader's own proposal there waits for other
  // leaders, not for them.
  bool limited = false;
  for (const auto& r : f.proposals->AwaitingRules(f.database->writer(), f.leader))
    if (r.kind == "outbound_delegation" &&
        std::find(r.states.begin(), r.states.end(), "leader_decision") != r.states.end()) {
      CHECK(r.not_created_by == f.leader.id);
      limited = true;
    }
  CHECK(limited);
}
