// A data folder for the documents tests: a migrated database with the real workflow
// definitions, two units, one user of each kind of caller, proposals created through
// service::Proposals on the writer, and the content-addressed files under the same folder.
#pragma once

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <string>

#include "attache/service/documents.h"
#include "attache/service/proposals.h"
#include "attache/store/database.h"
#include "attache/store/units.h"
#include "attache/store/writer.h"
#include "test_files.h"

namespace attache::testing {

namespace fs = std::filesystem;

// Tiny but real files of each kind the detector accepts (and one it refuses).
inline std::string MinimalPdf(const std::string& text = "Thư mời") {
  return "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% " + text +
         "\ntrailer<</Root 1 0 R>>\n%%EOF\n";
}
inline std::string PngHeader() {
  return std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0", 33);
}

struct DocumentsFixture {
  DocumentsFixture() {
    dir = fs::temp_directory_path() /
          ("attache-docs-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(dir);
    fs::create_directories(dir);
    REQUIRE(store::Database::Open(dir / "a.db", fs::path(ATTACHE_SOURCE_DIR) / "schema/migrations",
                                  &database)
                .ok());
    store::Db& db = database->writer();
    REQUIRE(store::AddUnit(db, {0, "CVL", "Cục Việc làm", "Employment", {}}, {}).ok());
    REQUIRE(store::AddUnit(db, {0, "HTQT", "Vụ Hợp tác quốc tế", "ICD", {}}, {}).ok());
    REQUIRE(store::AddUnit(db, {0, "VP", "Văn phòng Bộ", "Ministry Office", {}}, {}).ok());
    staff = AddUser("lan", "Nguyễn Thị Lan", "CVL", "staff");
    head = AddUser("hung", "Trần Văn Hùng", "CVL", "unit_head");
    other_unit = AddUser("tuan", "Lý Văn Tuấn", "HTQT", "staff");
    icd = AddUser("mai", "Lê Thị Mai", "HTQT", "icd_officer");
    auditor = AddUser("ha", "Ngô Thu Hà", "VP", "auditor");
    admin = AddUser("admin", "Quản trị", "VP", "admin");
    REQUIRE(
        service::Workflows::Open(fs::path(ATTACHE_SOURCE_DIR) / "schema/workflows", db, &workflows)
            .ok());
    proposals = std::make_unique<service::Proposals>(*workflows, calendar, clock);
    files = std::make_unique<store::DocumentFiles>(dir / "documents", dir / "tmp");
    REQUIRE(files->Prepare().ok());
    documents = std::make_unique<service::Documents>(*proposals, *files, clock);
    writer = std::make_unique<store::Writer>(database->writer());
  }
  ~DocumentsFixture() {
    writer.reset();
    documents.reset();
    proposals.reset();
    workflows.reset();
    database.reset();
    fs::remove_all(dir);
  }

  store::User AddUser(const std::string& name, const std::string& display, const std::string& unit,
                      const std::string& role) {
    int64_t id = 0;
    REQUIRE(
        store::AddUser(database->writer(), {0, name, display, 0, unit, true, {role}}, &id).ok());
    return *store::FindUser(database->writer(), id);
  }

  // An outbound delegation of the staff member's unit, in its initial state.
  store::ProposalRow Create() {
    store::ProposalRow row;
    Status s = writer->Run([&](store::Db& db) {
      return proposals->Create(
          db, staff, {"outbound_delegation", "Đoàn công tác Hàn Quốc", nlohmann::json::object()},
          &row, nullptr);
    });
    INFO(s.message());
    REQUIRE(s.ok());
    return row;
  }

  // Moves the proposal to `state` with an audited step (as the engine would record it).
  void Force(store::ProposalRow* row, const std::string& state) {
    store::StepRecord step;
    step.proposal_id = row->id;
    step.expected_version = row->version;
    step.to_state = state;
    step.event.at = "2026-03-02T03:00:00Z";
    step.event.actor = staff.id;
    step.event.action = "force";
    step.event.from = row->state;
    step.event.to = state;
    REQUIRE(writer->Run([&](store::Db& db) { return store::RecordStep(db, step, row); }).ok());
  }

  // Stages `bytes` as an upload would. Makes no Catch assertion, so threads may call it.
  Status Stage(const std::string& bytes, std::unique_ptr<store::StagedFile>* staged) {
    if (Status s = files->Stage(staged); !s.ok()) return s;
    if (Status s = (*staged)->Append(bytes); !s.ok()) return s;
    return (*staged)->Finish();
  }

  // Attaches `bytes` named "thư mời.pdf". Makes no Catch assertion, so threads may call it.
  Status Attach(const store::User& user, int64_t proposal_id, const std::string& type,
                const std::string& bytes, std::optional<int64_t> replaces = std::nullopt,
                store::DocumentRow* added = nullptr, std::string* field = nullptr) {
    std::unique_ptr<store::StagedFile> staged;
    if (Status s = Stage(bytes, &staged); !s.ok()) return s;
    store::DocumentRow row;
    std::string f;
    Status s = documents->Attach(
        *writer, user,
        {proposal_id, type, "thư mời.pdf", replaces, "application/pdf", staged.get()}, &row, &f);
    if (added) *added = row;
    if (field) *field = f;
    return s;
  }

  // Regular files anywhere under `folder`.
  static size_t FileCount(const fs::path& folder) {
    size_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(folder))
      if (e.is_regular_file()) ++n;
    return n;
  }

  fs::path dir;
  std::unique_ptr<store::Database> database;
  std::unique_ptr<service::Workflows> workflows;
  WorkingDayCalendar calendar;
  ManualClock clock{std::chrono::sys_days(std::chrono::year_month_day(
                        std::chrono::year(2026), std::chrono::month(3), std::chrono::day(2))) +
                    std::chrono::hours(2)};
  std::unique_ptr<service::Proposals> proposals;
  std::unique_ptr<store::DocumentFiles> files;
  std::unique_ptr<service::Documents> documents;
  std::unique_ptr<store::Writer> writer;
  store::User staff, head, other_unit, icd, auditor, admin;
  static inline int counter = 0;
};

}  // namespace attache::testing
