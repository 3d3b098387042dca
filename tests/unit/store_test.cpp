#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "attache/store/checkpointer.h"
#include "attache/store/database.h"
#include "attache/store/db.h"
#include "attache/store/migrations.h"
#include "attache/store/units.h"
#include "attache/store/users.h"

namespace fs = std::filesystem;
using namespace attache::store;
using attache::Status;

namespace {

// A fresh folder under the system temp folder, removed at scope exit.
struct TempDir {
  TempDir() {
    path = fs::temp_directory_path() /
           ("attache-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  fs::path path;
  static inline int counter = 0;
};

void WriteFile(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

int64_t Count(Db& db, const char* table) {
  return std::stoll(*db.QueryText(std::string("SELECT count(*) FROM ") + table));
}

}  // namespace

TEST_CASE("Db opens with WAL, synchronous=FULL and foreign keys") {
  TempDir dir;
  Db db(dir.path / "a.db");
  CHECK(db.QueryText("PRAGMA journal_mode") == "wal");
  CHECK(db.QueryText("PRAGMA synchronous") == "2");
  CHECK(db.QueryText("PRAGMA foreign_keys") == "1");
}

TEST_CASE("Prepared statements are cached per connection and come back reset") {
  TempDir dir;
  Db db(dir.path / "a.db");
  db.Exec("CREATE TABLE t (x INTEGER)");
  const uint64_t before = db.statements_compiled();
  const char* kInsert = "INSERT INTO t VALUES (?)";
  for (int i = 0; i < 5; ++i) db.Prepare(kInsert).Bind(1, i).Run();
  CHECK(db.statements_compiled() == before + 1);  // compiled once, then taken from the cache
  CHECK(Count(db, "t") == 5);

  SECTION("a cached statement comes back with no bindings and no open read") {
    {
      Stmt q = db.Prepare("SELECT ?1, (SELECT count(*) FROM t)");
      q.Bind(1, int64_t{42});
      REQUIRE(q.Step());  // left mid-step: its read must end when the Stmt does
    }
    Stmt again = db.Prepare("SELECT ?1, (SELECT count(*) FROM t)");
    REQUIRE(again.Step());
    CHECK(again.IsNull(0));
    CHECK(again.Int(1) == 5);
  }
  SECTION("two alive at once are two statements") {
    Stmt a = db.Prepare("SELECT x FROM t ORDER BY x");
    Stmt b = db.Prepare("SELECT x FROM t ORDER BY x");
    REQUIRE(a.Step());
    REQUIRE(a.Step());
    REQUIRE(b.Step());
    CHECK(a.Int(0) == 1);
    CHECK(b.Int(0) == 0);
  }
  SECTION("the cache is bounded") {
    for (size_t i = 0; i < Db::kCachedStatements + 50; ++i)
      db.Prepare("SELECT " + std::to_string(i)).Step();
    CHECK(db.statements_cached() == Db::kCachedStatements);
  }
  SECTION("a write through a cached statement after the schema changed still works") {
    db.Exec("CREATE INDEX t_x ON t (x)");
    db.Prepare(kInsert).Bind(1, 9).Run();
    CHECK(Count(db, "t") == 6);
  }
}

TEST_CASE("Txn rolls back when it leaves scope uncommitted") {
  TempDir dir;
  Db db(dir.path / "a.db");
  db.Exec("CREATE TABLE t (x INTEGER)");
  {
    Txn txn(db);
    db.Exec("INSERT INTO t VALUES (1)");
  }
  CHECK(Count(db, "t") == 0);
  {
    Txn txn(db);
    db.Exec("INSERT INTO t VALUES (2)");
    txn.Commit();
  }
  CHECK(Count(db, "t") == 1);
  try {
    Txn txn(db);
    db.Exec("INSERT INTO t VALUES (3)");
    throw std::runtime_error("handler failed");
  } catch (const std::runtime_error&) {
  }
  CHECK(Count(db, "t") == 1);
}

TEST_CASE("DbError keeps SQLite's result code") {
  TempDir dir;
  Db db(dir.path / "a.db");
  db.Exec("CREATE TABLE t (x INTEGER UNIQUE)");
  db.Exec("INSERT INTO t VALUES (1)");
  try {
    db.Prepare("INSERT INTO t VALUES (1)").Run();
    FAIL("expected a constraint error");
  } catch (const DbError& e) {
    CHECK(e.code() == SQLITE_CONSTRAINT_UNIQUE);
    CHECK(e.primary_code() == SQLITE_CONSTRAINT);
  }
  CHECK_THROWS_AS(db.Exec("SELEC nonsense"), DbError);
}

TEST_CASE("Migrations apply in order once and refuse an edited one") {
  TempDir dir;
  fs::path mig = dir.path / "migrations";
  fs::create_directories(mig);
  WriteFile(mig / "0001_first.sql", "CREATE TABLE a (x INTEGER);");
  WriteFile(mig / "0002_second.sql", "CREATE TABLE b (y INTEGER);");
  Db db(dir.path / "m.db");

  std::vector<Migration> ms;
  REQUIRE(LoadMigrations(mig, &ms).ok());
  REQUIRE(ms.size() == 2);
  int applied = -1;
  REQUIRE(ApplyMigrations(db, ms, &applied).ok());
  CHECK(applied == 2);
  CHECK(Count(db, "schema_migrations") == 2);

  // Second run: nothing to do.
  REQUIRE(ApplyMigrations(db, ms, &applied).ok());
  CHECK(applied == 0);

  // A new migration is applied alone.
  WriteFile(mig / "0003_third.sql", "CREATE TABLE c (z INTEGER);");
  REQUIRE(LoadMigrations(mig, &ms).ok());
  REQUIRE(ApplyMigrations(db, ms, &applied).ok());
  CHECK(applied == 1);

  // Editing an applied migration stops, naming the file.
  WriteFile(mig / "0002_second.sql", "CREATE TABLE b (y INTEGER, extra TEXT);");
  REQUIRE(LoadMigrations(mig, &ms).ok());
  Status s = ApplyMigrations(db, ms, &applied);
  CHECK(s.code() == Status::Code::kCorruption);
  CHECK_THAT(s.message(), Catch::Contains("0002_second.sql") && Catch::Contains("edited"));
}

TEST_CASE("A failing migration leaves nothing of itself behind") {
  TempDir dir;
  fs::path mig = dir.path / "migrations";
  fs::create_directories(mig);
  WriteFile(mig / "0001_ok.sql", "CREATE TABLE a (x INTEGER);");
  WriteFile(mig / "0002_bad.sql", "CREATE TABLE b (y INTEGER); INSERT INTO nowhere VALUES (1);");
  Db db(dir.path / "m.db");
  std::vector<Migration> ms;
  REQUIRE(LoadMigrations(mig, &ms).ok());
  Status s = ApplyMigrations(db, ms);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK_THAT(s.message(), Catch::Contains("0002_bad.sql"));
  CHECK(Count(db, "schema_migrations") == 1);
  CHECK_FALSE(db.QueryText("SELECT name FROM sqlite_master WHERE name = 'b'").has_value());
}

TEST_CASE("Migration files must be numbered without gaps or duplicates") {
  struct Case {
    std::vector<std::string> files;
    const char* message;
  };
  std::vector<Case> cases = {
      {{"0001_a.sql", "0003_c.sql"}, "gap"},
      {{"0001_a.sql", "0001_b.sql"}, "share a number"},
      {{"1_a.sql"}, "not named"},
      {{"0001-a.sql"}, "not named"},
      {{"0001_A B.sql"}, "not named"},
  };
  for (const auto& c : cases) {
    TempDir dir;
    for (const auto& f : c.files) WriteFile(dir.path / f, "SELECT 1;");
    std::vector<Migration> ms;
    Status s = LoadMigrations(dir.path, &ms);
    INFO(c.files[0]);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK_THAT(s.message(), Catch::Contains(c.message));
  }
}

TEST_CASE("A database newer than the program is refused") {
  TempDir dir;
  fs::path mig = dir.path / "migrations";
  fs::create_directories(mig);
  WriteFile(mig / "0001_a.sql", "CREATE TABLE a (x INTEGER);");
  WriteFile(mig / "0002_b.sql", "CREATE TABLE b (x INTEGER);");
  Db db(dir.path / "m.db");
  std::vector<Migration> ms;
  REQUIRE(LoadMigrations(mig, &ms).ok());
  REQUIRE(ApplyMigrations(db, ms).ok());
  fs::remove(mig / "0002_b.sql");
  REQUIRE(LoadMigrations(mig, &ms).ok());
  Status s = ApplyMigrations(db, ms);
  CHECK(s.code() == Status::Code::kCorruption);
  CHECK_THAT(s.message(), Catch::Contains("0002_b.sql") && Catch::Contains("newer"));
}

TEST_CASE("The project's migrations apply and units are stored") {
  TempDir dir;
  std::unique_ptr<Database> database;
  REQUIRE(Database::Open(dir.path / "a.db", fs::path(ATTACHE_SOURCE_DIR) / "schema/migrations",
                         &database)
              .ok());
  Db& db = database->writer();
  int64_t id = 0;
  REQUIRE(AddUnit(db, {0, "HTQT", "Vụ Hợp tác quốc tế", "International Cooperation", {}}, {}, &id).ok());
  CHECK(AddUnit(db, {0, "HTQT", "x", "y", {}}, {}).code() == Status::Code::kConflict);
  CHECK(AddUnit(db, {0, "CVL", "x", "y", {}}, std::string("NOPE")).code() == Status::Code::kNotFound);
  CHECK(AddUnit(db, {0, "", "x", "y", {}}, {}).code() == Status::Code::kInvalidArgument);
  CHECK(AddUnit(db, {0, std::string(33, 'A'), "x", "y", {}}, {}).code() ==
        Status::Code::kInvalidArgument);
  REQUIRE(AddUnit(db, {0, "CVL", "Cục Việc làm", "Employment", {}}, std::string("HTQT")).ok());
  auto units = ListUnits(db);
  REQUIRE(units.size() == 2);
  CHECK(units[0].code == "CVL");
  CHECK(units[0].parent_id == id);
  CHECK(units[1].name_vi == "Vụ Hợp tác quốc tế");

  // A read connection sees committed data; the lease returns it to the pool.
  {
    auto reader = database->Read();
    CHECK(Count(*reader, "units") == 2);
  }
  auto again = database->Read();
  CHECK(Count(*again, "units") == 2);
}

TEST_CASE("Users are stored with their unit and roles") {
  TempDir dir;
  std::unique_ptr<Database> database;
  REQUIRE(Database::Open(dir.path / "a.db", fs::path(ATTACHE_SOURCE_DIR) / "schema/migrations",
                         &database).ok());
  Db& db = database->writer();
  REQUIRE(AddUnit(db, {0, "HTQT", "Vụ Hợp tác quốc tế", "ICD", {}}, {}).ok());
  int64_t id = 0;
  REQUIRE(AddUser(db, {0, "mai", "Lê Thị Mai", 0, "HTQT", true, {"icd_officer", "auditor", "icd_officer"}}, &id).ok());
  auto u = FindUserByName(db, "MAI");  // names compare without case
  REQUIRE(u);
  CHECK(u->id == id);
  CHECK(u->unit_code == "HTQT");
  CHECK(u->roles == std::vector<std::string>{"auditor", "icd_officer"});
  CHECK(FindUser(db, id)->display_name == "Lê Thị Mai");
  CHECK_FALSE(FindUser(db, 999));
  CHECK(AddUser(db, {0, "mai", "x", 0, "HTQT", true, {"staff"}}).code() == Status::Code::kConflict);
  CHECK(AddUser(db, {0, "a", "x", 0, "NOPE", true, {"staff"}}).code() == Status::Code::kNotFound);
  CHECK(AddUser(db, {0, "b", "x", 0, "HTQT", true, {"king"}}).code() == Status::Code::kInvalidArgument);
  CHECK(AddUser(db, {0, "c", "x", 0, "HTQT", true, {}}).code() == Status::Code::kInvalidArgument);
  CHECK_FALSE(FindUserByName(db, "b"));
}

TEST_CASE("The Checkpointer copies the WAL into the database file when asked, not in COMMIT") {
  TempDir dir;
  Db db(dir.path / "a.db");
  db.Exec("CREATE TABLE t (b BLOB)");
  const auto initial = fs::file_size(dir.path / "a.db");
  {
    Checkpointer checkpointer(db, 16);
    // SQLite's own automatic checkpoint is off: 2,000 pages of commits stay in the WAL.
    for (int i = 0; i < 250; ++i) db.Exec("INSERT INTO t VALUES (zeroblob(32768))");
    CHECK(fs::file_size(dir.path / "a.db") == initial);
    CHECK(checkpointer.checkpoints() == 0);
    checkpointer.RunIfDue();
    CHECK(checkpointer.checkpoints() == 1);
    CHECK(fs::file_size(dir.path / "a.db") >= initial + 250 * 32768);
    // Below the threshold nothing runs; the next commit starts the WAL from its beginning.
    checkpointer.RunIfDue();
    CHECK(checkpointer.checkpoints() == 1);
    const auto wal = fs::file_size(dir.path / "a.db-wal");
    db.Exec("INSERT INTO t VALUES (zeroblob(32768))");
    CHECK(fs::file_size(dir.path / "a.db-wal") == wal);  // rewritten in place, not grown
  }
  CHECK(db.QueryText("PRAGMA wal_autocheckpoint") == "1000");
  CHECK(Count(db, "t") == 251);
}
