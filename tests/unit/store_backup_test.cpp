// Backups: the database copy is the snapshot of the source's read transaction, whatever other
// connections commit meanwhile; the manifest reads back only as written.
#include <catch2/catch.hpp>

#include "attache/store/backup.h"
#include "test_database.h"

namespace fs = std::filesystem;
using namespace attache;

namespace {

int64_t Count(const fs::path& db_path) {
  store::Db db(db_path, store::Db::Mode::kReadOnly);
  return std::stoll(db.QueryText("SELECT count(*) FROM backup_probe").value_or("-1"));
}

store::BackupManifest Sample() {
  store::BackupManifest m;
  m.created_at = "2026-11-22T09:30:00Z";
  m.attache_version = "0.1.0";
  m.schema_version = 13;
  m.proposals = 100000;
  m.audit_entries = 512345;
  m.audit_head = std::string(64, 'a');
  m.database_size = 123456789;
  m.database_sha256 = std::string(64, 'b');
  m.anchors = 2;
  m.anchors_size = 180;
  m.anchors_sha256 = std::string(64, 'c');
  m.documents = {{std::string(64, 'd'), 4242}, {std::string(64, 'e'), 0}};
  return m;
}

}  // namespace

TEST_CASE("The database copy is the state the source's read transaction sees") {
  testing::TempDatabase t("backup-copy");
  store::Db& writer = t.database->writer();
  writer.Exec("CREATE TABLE backup_probe (x INTEGER); INSERT INTO backup_probe VALUES (1)");
  store::Db source(t.dir / "a.db", store::Db::Mode::kReadOnly);
  {
    store::Txn snapshot(source, store::Txn::Kind::kDeferred);
    CHECK(source.QueryText("SELECT count(*) FROM backup_probe") == "1");  // the snapshot starts
    writer.Exec("INSERT INTO backup_probe VALUES (2)");  // another connection commits
    REQUIRE(store::CopyDatabase(source, t.dir / "in-snapshot.db").ok());
    snapshot.Commit();
  }
  CHECK(Count(t.dir / "in-snapshot.db") == 1);
  // Without a transaction of its own, the copy is of the moment it is made.
  REQUIRE(store::CopyDatabase(source, t.dir / "now.db").ok());
  CHECK(Count(t.dir / "now.db") == 2);
  // A copy over an earlier file replaces it.
  REQUIRE(store::CopyDatabase(source, t.dir / "in-snapshot.db").ok());
  CHECK(Count(t.dir / "in-snapshot.db") == 2);
}

TEST_CASE("The manifest reads back as written") {
  store::BackupManifest m = Sample(), back;
  std::string json = store::ManifestToJson(m);
  REQUIRE(store::ParseManifest(json, &back).ok());
  CHECK(back.created_at == m.created_at);
  CHECK(back.attache_version == m.attache_version);
  CHECK(back.schema_version == m.schema_version);
  CHECK(back.proposals == m.proposals);
  CHECK(back.audit_entries == m.audit_entries);
  CHECK(back.audit_head == m.audit_head);
  CHECK(back.database_size == m.database_size);
  CHECK(back.database_sha256 == m.database_sha256);
  CHECK(back.anchors == m.anchors);
  CHECK(back.anchors_size == m.anchors_size);
  CHECK(back.anchors_sha256 == m.anchors_sha256);
  CHECK(back.documents == m.documents);
}

TEST_CASE("A manifest that is not exactly ours is refused, naming the field") {
  std::string good = store::ManifestToJson(Sample());
  auto replaced = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    size_t at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
  };
  struct Case {
    std::string json;
    const char* says;
  };
  const std::string d(64, 'd'), e(64, 'e');
  std::vector<Case> cases = {
      {"", "not a JSON object"},
      {"[]", "not a JSON object"},
      {replaced("attache-backup", "tarball"), "not the manifest"},
      {replaced("\"format_version\": 1", "\"format_version\": 2"), "format version is 2"},
      {replaced("\"proposals\": 100000", "\"proposals\": -1"), "'proposals'"},
      {replaced("\"proposals\": 100000", "\"proposals\": \"many\""), "'proposals'"},
      {replaced(std::string(64, 'a'), "../etc"), "'audit.head'"},
      {replaced(std::string(64, 'b'), std::string(64, 'B')), "'database.sha256'"},
      {replaced("\"size\": 123456789", "\"size\": -5"), "'database.size'"},
      {replaced(e, d), "twice"},
      {replaced("\"size\": 4242", "\"size\": 1.5"), "'documents'"},
      {replaced("\"documents\": [", "\"documents\": [7, "), "'documents'"},
  };
  for (const Case& c : cases) {
    INFO(c.json.substr(0, 200));
    store::BackupManifest out;
    Status s = store::ParseManifest(c.json, &out);
    CHECK(s.code() == Status::Code::kCorruption);
    CHECK_THAT(s.message(), Catch::Contains(c.says));
  }
}
