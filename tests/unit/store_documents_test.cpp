// Content-addressed document files: staged, hashed while written, placed by their SHA-256,
// stored once, and never left behind when not placed.
#include <catch2/catch.hpp>

#include "attache/core/hash.h"
#include "attache/store/documents.h"
#include "documents_fixture.h"

namespace fs = std::filesystem;
using namespace attache;
using attache::testing::DocumentsFixture;
using attache::testing::ReadFile;

TEST_CASE("A staged file is hashed as written and placed under its SHA-256") {
  DocumentsFixture f;
  std::string bytes(200'000, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 7919 % 251);
  std::unique_ptr<store::StagedFile> staged;
  REQUIRE(f.files->Stage(&staged).ok());
  CHECK(staged->path().parent_path() == f.dir / "tmp");
  // In pieces of uneven sizes, as a multipart parser hands them over.
  for (size_t at = 0; at < bytes.size(); at += 65'521)
    REQUIRE(staged->Append(std::string_view(bytes).substr(at, 65'521)).ok());
  REQUIRE(staged->Finish().ok());
  CHECK(staged->size() == bytes.size());
  CHECK(staged->sha256() == Sha256Hex(bytes));

  bool created = false;
  REQUIRE(f.files->Place(*staged, &created).ok());
  CHECK(created);
  fs::path stored = f.dir / "documents" / staged->sha256().substr(0, 2) / staged->sha256();
  CHECK(f.files->PathOf(staged->sha256()) == stored);
  CHECK(ReadFile(stored) == bytes);
  staged.reset();  // placed: the stored file stays
  CHECK(fs::exists(stored));

  std::string read;
  REQUIRE(f.files->Read(Sha256Hex(bytes), &read).ok());
  CHECK(read == bytes);

  // The same bytes again: nothing new is stored and the staged copy is gone.
  std::unique_ptr<store::StagedFile> again;
  REQUIRE(f.Stage(bytes, &again).ok());
  fs::path again_path = again->path();
  REQUIRE(f.files->Place(*again, &created).ok());
  CHECK_FALSE(created);
  CHECK_FALSE(fs::exists(again_path));
  CHECK(DocumentsFixture::FileCount(f.dir / "documents") == 1);
  CHECK(DocumentsFixture::FileCount(f.dir / "tmp") == 0);

  f.files->Remove(Sha256Hex(bytes));
  CHECK(f.files->Read(Sha256Hex(bytes), &read).code() == Status::Code::kCorruption);
}

TEST_CASE("A staged file that is not placed leaves nothing behind") {
  DocumentsFixture f;
  {
    std::unique_ptr<store::StagedFile> unfinished, finished;
    REQUIRE(f.files->Stage(&unfinished).ok());
    REQUIRE(unfinished->Append("half an upload").ok());
    REQUIRE(f.Stage("a whole one", &finished).ok());
    CHECK(DocumentsFixture::FileCount(f.dir / "tmp") == 2);
    bool created = false;
    CHECK_FALSE(f.files->Place(*unfinished, &created).ok());  // not finished
  }
  CHECK(DocumentsFixture::FileCount(f.dir / "tmp") == 0);
  CHECK(DocumentsFixture::FileCount(f.dir / "documents") == 0);
}

TEST_CASE("Stored names come only from hashes") {
  DocumentsFixture f;
  for (const char* bad : {"", "../../etc/passwd", "ABCDEF", "zz"}) {
    INFO(bad);
    CHECK_THROWS(f.files->PathOf(bad));
  }
  CHECK_THROWS(f.files->PathOf(std::string(63, 'a') + "/"));
  CHECK_NOTHROW(f.files->PathOf(std::string(64, 'a')));
}

TEST_CASE("Document rows: the current types of a proposal and refused values") {
  DocumentsFixture f;
  store::ProposalRow p = f.Create();
  auto db = f.database->Read();
  CHECK(store::CurrentDocumentTypes(*db, p.id).empty());
  store::DocumentRow letter, programme, letter2;
  REQUIRE(f.Attach(f.staff, p.id, "invitation_letter", "%PDF-1", {}, &letter).ok());
  REQUIRE(f.Attach(f.staff, p.id, "programme", "%PDF-2", {}, &programme).ok());
  REQUIRE(f.Attach(f.staff, p.id, "invitation_letter", "%PDF-3", letter.id, &letter2).ok());
  CHECK(store::CurrentDocumentTypes(*db, p.id) ==
        std::set<std::string>{"invitation_letter", "programme"});
  CHECK(store::IsContentReferenced(*db, letter.sha256));
  CHECK_FALSE(store::IsContentReferenced(*db, std::string(64, '0')));

  store::NewDocument bad{p.id,
                         "programme",
                         "",
                         1,
                         std::string(64, 'a'),
                         "application/pdf",
                         f.staff.id,
                         "2026-03-02T02:00:00Z",
                         std::nullopt};
  std::string field;
  Status s =
      f.writer->Run([&](store::Db& w) { return store::AddDocument(w, bad, nullptr, &field); });
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(field == "filename");
  bad.filename = std::string(256, 'a');
  CHECK(f.writer->Run([&](store::Db& w) { return store::AddDocument(w, bad, nullptr, &field); })
            .code() == Status::Code::kInvalidArgument);
  bad.filename = "x.pdf";
  bad.proposal_id = 9999;
  CHECK(f.writer->Run([&](store::Db& w) { return store::AddDocument(w, bad, nullptr, &field); })
            .code() == Status::Code::kNotFound);
  CHECK(store::ListDocuments(*db, p.id).size() == 3);
}
