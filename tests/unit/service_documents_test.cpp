// Attaching documents through the service: who may, when, which types, new versions, content
// stored once, nothing left on disk after a refusal, and concurrent uploads.
#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "attache/core/hash.h"
#include "attache/store/documents.h"
#include "attache/store/proposals.h"
#include "documents_fixture.h"

using namespace attache;
using attache::testing::DocumentsFixture;
using attache::testing::MinimalPdf;
using Code = Status::Code;

TEST_CASE("A document is stored by content, listed, and audited on its proposal") {
  DocumentsFixture f;
  store::ProposalRow p = f.Create();
  store::DocumentRow doc;
  std::string pdf = MinimalPdf();
  REQUIRE(f.Attach(f.staff, p.id, "invitation_letter", pdf, std::nullopt, &doc).ok());
  CHECK(doc.proposal_id == p.id);
  CHECK(doc.type == "invitation_letter");
  CHECK(doc.filename == "thư mời.pdf");
  CHECK(doc.size == static_cast<int64_t>(pdf.size()));
  CHECK(doc.sha256 == Sha256Hex(pdf));
  CHECK(doc.uploaded_by == f.staff.id);
  CHECK(doc.uploaded_by_name == "Nguyễn Thị Lan");
  CHECK(doc.uploaded_at == "2026-03-02T02:00:00Z");
  CHECK_FALSE(doc.replaces);
  CHECK(doc.current());
  CHECK(testing::ReadFile(f.files->PathOf(doc.sha256)) == pdf);
  CHECK(f.files->PathOf(doc.sha256) == f.dir / "documents" / doc.sha256.substr(0, 2) / doc.sha256);
  CHECK(DocumentsFixture::FileCount(f.dir / "tmp") == 0);

  auto db = f.database->Read();
  auto history = store::ProposalHistory(*db, p.id);
  REQUIRE(history.size() == 2);
  CHECK(history[1].action == "upload_document");
  CHECK(history[1].from == "draft");
  CHECK(history[1].to == "draft");
  CHECK(history[1].payload == nlohmann::json{{"document_id", doc.id},
                                             {"type", "invitation_letter"},
                                             {"filename", "thư mời.pdf"},
                                             {"sha256", doc.sha256},
                                             {"size", pdf.size()},
                                             {"replaces", nullptr}});
  store::ProposalRow after;
  REQUIRE(store::LoadProposal(*db, p.id, &after).ok());
  CHECK(after.version == p.version + 1);
  CHECK(after.state == "draft");
  CHECK(store::VerifyAudit(*db).ok);
  CHECK(store::CurrentDocumentTypes(*db, p.id) == std::set<std::string>{"invitation_letter"});
}

TEST_CASE("Who may attach: the proposal's unit, ICD and others who change it; never auditors") {
  DocumentsFixture f;
  store::ProposalRow p = f.Create();
  struct Case {
    const store::User* user;
    Code expected;
  };
  for (auto [user, expected] :
       {Case{&f.staff, Code::kOk}, Case{&f.head, Code::kOk}, Case{&f.icd, Code::kOk},
        Case{&f.other_unit, Code::kNotFound}, Case{&f.auditor, Code::kPermissionDenied},
        Case{&f.admin, Code::kPermissionDenied}}) {
    INFO(user->username);
    auto db = f.database->Read();
    CHECK(f.documents->MayAttach(*db, *user, p.id).code() == expected);
    // Attach decides again on its own, with distinct content each time.
    CHECK(f.Attach(*user, p.id, "programme", MinimalPdf(user->username)).code() == expected);
  }
  auto db = f.database->Read();
  CHECK(f.documents->MayAttach(*db, f.staff, 9999).code() == Code::kNotFound);
  // Three accepted uploads: three files; the refused ones left nothing.
  CHECK(DocumentsFixture::FileCount(f.dir / "documents") == 3);
  CHECK(DocumentsFixture::FileCount(f.dir / "tmp") == 0);
  std::vector<store::DocumentRow> listed;
  CHECK(f.documents->List(*db, f.other_unit, p.id, &listed).code() == Code::kNotFound);
  REQUIRE(f.documents->List(*db, f.auditor, p.id, &listed).ok());
  CHECK(listed.size() == 3);
  store::DocumentRow found;
  CHECK(f.documents->Find(*db, f.other_unit, listed[0].id, &found).code() == Code::kNotFound);
  CHECK(f.documents->Find(*db, f.auditor, listed[0].id, &found).ok());
  CHECK(f.documents->Find(*db, f.staff, 9999, &found).code() == Code::kNotFound);
}

TEST_CASE("A type outside the definition is refused, naming the field, and stores nothing") {
  DocumentsFixture f;
  store::ProposalRow p = f.Create();
  std::string field;
  Status s = f.Attach(f.staff, p.id, "passport_scan", MinimalPdf(), std::nullopt, nullptr, &field);
  CHECK(s.code() == Code::kInvalidArgument);
  CHECK(field == "type");
  CHECK(DocumentsFixture::FileCount(f.dir / "documents") == 0);
  CHECK(DocumentsFixture::FileCount(f.dir / "tmp") == 0);
}

TEST_CASE("Documents of a proposal in a terminal state do not change") {
  for (const char* terminal : {"rejected", "closed", "withdrawn", "cancelled"}) {
    DocumentsFixture f;
    store::ProposalRow p = f.Create();
    f.Force(&p, terminal);
    INFO(terminal);
    Status s = f.Attach(f.staff, p.id, "report", MinimalPdf());
    CHECK(s.code() == Code::kConflict);
    CHECK_THAT(s.message(), Catch::Contains("closed"));
    CHECK(DocumentsFixture::FileCount(f.dir / "documents") == 0);
    auto db = f.database->Read();
    CHECK(store::ListDocuments(*db, p.id).empty());
  }
}

TEST_CASE("A new version replaces a current document, which stays as history") {
  DocumentsFixture f;
  store::ProposalRow p = f.Create();
  store::ProposalRow q = f.Create();
  store::DocumentRow v1, v2, other;
  REQUIRE(f.Attach(f.staff, p.id, "invitation_letter", MinimalPdf("v1"), {}, &v1).ok());
  REQUIRE(f.Attach(f.staff, p.id, "programme", MinimalPdf("programme"), {}, &other).ok());
  REQUIRE(f.Attach(f.staff, p.id, "invitation_letter", MinimalPdf("v2"), v1.id, &v2).ok());
  CHECK(v2.replaces == v1.id);

  auto db = f.database->Read();
  auto listed = store::ListDocuments(*db, p.id);
  REQUIRE(listed.size() == 3);
  CHECK(listed[0].id == v2.id);  // newest first
  CHECK(listed[0].current());
  CHECK(listed[2].id == v1.id);
  CHECK(listed[2].replaced_by == v2.id);
  CHECK_FALSE(listed[2].current());
  CHECK(store::CurrentDocumentTypes(*db, p.id) ==
        std::set<std::string>{"invitation_letter", "programme"});
  CHECK(store::ProposalHistory(*db, p.id).back().payload["replaces"] == v1.id);

  struct Case {
    std::optional<int64_t> replaces;
    std::string type;
    Code expected;
  };
  for (const auto& [replaces, type, expected] :
       {Case{v1.id, "invitation_letter", Code::kConflict},            // already replaced
        Case{other.id, "invitation_letter", Code::kInvalidArgument},  // another type
        Case{9999, "invitation_letter", Code::kInvalidArgument},      // no such document
        Case{v2.id, "programme", Code::kInvalidArgument}}) {
    INFO(*replaces << " " << type);
    std::string field;
    Status s = f.Attach(f.staff, p.id, type, MinimalPdf("refused " + std::to_string(*replaces)),
                        replaces, nullptr, &field);
    CHECK(s.code() == expected);
    CHECK(field == "replaces");
  }
  // Replacing a document of another proposal.
  std::string field;
  CHECK(f.Attach(f.staff, q.id, "invitation_letter", MinimalPdf("q"), v2.id, nullptr, &field)
            .code() == Code::kInvalidArgument);
  CHECK(field == "replaces");
  // The refused uploads' content was placed and removed again: three files remain.
  CHECK(DocumentsFixture::FileCount(f.dir / "documents") == 3);
  CHECK(store::VerifyAudit(*db).ok);
}

TEST_CASE("The same content uploaded twice is stored once") {
  DocumentsFixture f;
  store::ProposalRow p = f.Create();
  store::ProposalRow q = f.Create();
  store::DocumentRow a, b, c;
  REQUIRE(f.Attach(f.staff, p.id, "invitation_letter", MinimalPdf(), {}, &a).ok());
  REQUIRE(f.Attach(f.staff, p.id, "programme", MinimalPdf(), {}, &b).ok());
  REQUIRE(f.Attach(f.staff, q.id, "invitation_letter", MinimalPdf(), {}, &c).ok());
  CHECK(a.id != b.id);
  CHECK(a.sha256 == b.sha256);
  CHECK(a.sha256 == c.sha256);
  CHECK(DocumentsFixture::FileCount(f.dir / "documents") == 1);
  CHECK(DocumentsFixture::FileCount(f.dir / "tmp") == 0);
  // A refused upload of content already stored does not remove it.
  CHECK(f.Attach(f.staff, p.id, "no_such_type", MinimalPdf()).code() == Code::kInvalidArgument);
  CHECK(f.Attach(f.staff, p.id, "invitation_letter", MinimalPdf(), 9999).code() ==
        Code::kInvalidArgument);
  CHECK(testing::ReadFile(f.files->PathOf(a.sha256)) == MinimalPdf());
}

TEST_CASE("Concurrent uploads to one proposal all succeed; concurrent new versions: one wins") {
  DocumentsFixture f;
  store::ProposalRow p = f.Create();
  constexpr int kThreads = 8;
  std::atomic<int> ok{0};
  {
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i)
      threads.emplace_back([&, i] {
        if (f.Attach(i % 2 ? f.staff : f.icd, p.id, "programme",
                     MinimalPdf("bản " + std::to_string(i)))
                .ok())
          ++ok;
      });
    for (auto& t : threads) t.join();
  }
  CHECK(ok == kThreads);
  auto db = f.database->Read();
  auto listed = store::ListDocuments(*db, p.id);
  CHECK(listed.size() == kThreads);
  store::ProposalRow after;
  REQUIRE(store::LoadProposal(*db, p.id, &after).ok());
  CHECK(after.version == p.version + kThreads);

  // Every thread replaces the same (oldest) document: exactly one new version wins.
  int64_t target = listed.back().id;
  std::atomic<int> won{0}, conflicts{0};
  {
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i)
      threads.emplace_back([&, i] {
        Status s =
            f.Attach(f.staff, p.id, "programme", MinimalPdf("v2 " + std::to_string(i)), target);
        if (s.ok()) ++won;
        if (s.code() == Code::kConflict) ++conflicts;
      });
    for (auto& t : threads) t.join();
  }
  CHECK(won == 1);
  CHECK(conflicts == kThreads - 1);
  CHECK(DocumentsFixture::FileCount(f.dir / "documents") == kThreads + 1);
  CHECK(DocumentsFixture::FileCount(f.dir / "tmp") == 0);
  CHECK(store::VerifyAudit(*db).ok);
}
