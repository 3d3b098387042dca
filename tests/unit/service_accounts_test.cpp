#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>

#include "attache/service/accounts.h"
#include "attache/store/accounts.h"
#include "attache/store/units.h"

namespace fs = std::filesystem;
using namespace attache;
using namespace attache::service;
using Outcome = LoginResult::Outcome;

namespace {

struct AccountsFixture {
  AccountsFixture() : clock(Clock::time_point(std::chrono::hours(24 * 365 * 56))) {
    dir = fs::temp_directory_path() / ("attache-acc-" + std::to_string(::getpid()) + "-" +
                                       std::to_string(counter++));
    fs::remove_all(dir);
    fs::create_directories(dir);
    REQUIRE(store::Database::Open(dir / "a.db", fs::path(ATTACHE_SOURCE_DIR) / "schema/migrations",
                                  &database).ok());
    REQUIRE(store::AddUnit(database->writer(), {0, "HTQT", "Vụ HTQT", "ICD", {}}, {}).ok());
    REQUIRE(store::AddUser(database->writer(), {0, "mai", "Lê Thị Mai", 0, "HTQT", true, {"icd_officer"}}, &mai).ok());
    writer = std::make_unique<store::Writer>(database->writer());
    accounts = std::make_unique<Accounts>(*database, *writer, clock, SessionPolicy{});
    REQUIRE(accounts->SetPassword(mai, "mùa thu Hà Nội").ok());
  }
  ~AccountsFixture() {
    accounts.reset();
    writer.reset();
    database.reset();
    fs::remove_all(dir);
  }
  int64_t SecurityLogCount(const std::string& outcome) {
    writer->Run([](store::Db&) { return Status::Ok(); });  // flush queued log writes
    auto db = database->Read();
    auto q = db->Prepare("SELECT count(*) FROM security_log WHERE outcome = ?");
    q.Bind(1, outcome);
    q.Step();
    return q.Int(0);
  }

  fs::path dir;
  ManualClock clock;
  std::unique_ptr<store::Database> database;
  std::unique_ptr<store::Writer> writer;
  std::unique_ptr<Accounts> accounts;
  int64_t mai = 0;
  static inline int counter = 0;
};

}  // namespace

TEST_CASE("Login opens a session; wrong password and unknown user look the same") {
  AccountsFixture f;
  auto ok = f.accounts->Login("MAI", "mùa thu Hà Nội", "10.0.0.1");
  REQUIRE(ok.outcome == Outcome::kOk);
  CHECK(ok.session_token.size() == 43);
  CHECK(ok.csrf_token.size() == 43);
  CHECK(ok.user.username == "mai");
  Principal p;
  REQUIRE(f.accounts->AuthenticateSession(ok.session_token, &p).ok());
  CHECK(p.user.id == f.mai);
  CHECK(p.csrf_token == ok.csrf_token);

  CHECK(f.accounts->Login("mai", "wrong password", "10.0.0.1").outcome == Outcome::kBadCredentials);
  CHECK(f.accounts->Login("nobody", "mùa thu Hà Nội", "10.0.0.1").outcome == Outcome::kBadCredentials);
  CHECK(f.SecurityLogCount("success") == 1);
  CHECK(f.SecurityLogCount("bad_credentials") == 2);

  // Only the hash is stored.
  auto db = f.database->Read();
  CHECK_FALSE(db->QueryText("SELECT count(*) FROM sessions WHERE token_hash = '" + ok.session_token + "'") != "0");
  CHECK(db->QueryText("SELECT count(*) FROM sessions WHERE token_hash = '" + TokenHash(ok.session_token) + "'") == "1");
}

TEST_CASE("Each login gets a new token; a token not issued by login is useless") {
  AccountsFixture f;
  auto a = f.accounts->Login("mai", "mùa thu Hà Nội", "10.0.0.1");
  auto b = f.accounts->Login("mai", "mùa thu Hà Nội", "10.0.0.1");
  CHECK(a.session_token != b.session_token);
  Principal p;
  CHECK(f.accounts->AuthenticateSession(NewToken(), &p).code() == Status::Code::kNotFound);
  CHECK(f.accounts->AuthenticateSession("", &p).code() == Status::Code::kNotFound);
  CHECK(f.accounts->AuthenticateSession(std::string(10000, 'a'), &p).code() == Status::Code::kNotFound);
}

TEST_CASE("Sessions end after 30 idle minutes and 12 hours in all") {
  AccountsFixture f;
  auto login = f.accounts->Login("mai", "mùa thu Hà Nội", "10.0.0.1");
  Principal p;
  SECTION("idle") {
    f.clock.Advance(std::chrono::minutes(29));
    REQUIRE(f.accounts->AuthenticateSession(login.session_token, &p).ok());  // refreshes
    f.clock.Advance(std::chrono::minutes(29));
    REQUIRE(f.accounts->AuthenticateSession(login.session_token, &p).ok());
    f.clock.Advance(std::chrono::minutes(31));
    CHECK_FALSE(f.accounts->AuthenticateSession(login.session_token, &p).ok());
  }
  SECTION("absolute") {
    for (int i = 0; i < 24; ++i) {  // 24 × 29 min = 11 h 36 min, never idle for long
      f.clock.Advance(std::chrono::minutes(29));
      REQUIRE(f.accounts->AuthenticateSession(login.session_token, &p).ok());
    }
    f.clock.Advance(std::chrono::minutes(29));  // past 12 hours, though never idle long
    CHECK_FALSE(f.accounts->AuthenticateSession(login.session_token, &p).ok());
  }
}

TEST_CASE("Logout and disabling a user end sessions at once") {
  AccountsFixture f;
  auto a = f.accounts->Login("mai", "mùa thu Hà Nội", "10.0.0.1");
  auto b = f.accounts->Login("mai", "mùa thu Hà Nội", "10.0.0.2");
  Principal p;
  REQUIRE(f.accounts->AuthenticateSession(a.session_token, &p).ok());
  REQUIRE(f.accounts->Logout(p, "10.0.0.1").ok());
  CHECK_FALSE(f.accounts->AuthenticateSession(a.session_token, &p).ok());  // replay after logout
  REQUIRE(f.accounts->AuthenticateSession(b.session_token, &p).ok());
  REQUIRE(f.accounts->DisableUser("mai").ok());
  CHECK_FALSE(f.accounts->AuthenticateSession(b.session_token, &p).ok());
  CHECK(f.accounts->Login("mai", "mùa thu Hà Nội", "10.0.0.1").outcome == Outcome::kBadCredentials);
  CHECK(f.SecurityLogCount("disabled") == 1);
}

TEST_CASE("API tokens authenticate until revoked or their user is disabled") {
  AccountsFixture f;
  std::string token;
  int64_t id = 0;
  REQUIRE(f.accounts->CreateApiToken("mai", "document system", &token, &id).ok());
  Principal p;
  REQUIRE(f.accounts->AuthenticateBearer(token, &p).ok());
  CHECK(p.via == Principal::Via::kBearer);
  CHECK(p.user.roles == std::vector<std::string>{"icd_officer"});
  CHECK_FALSE(f.accounts->AuthenticateSession(token, &p).ok());  // not a session token
  REQUIRE(f.writer->Run([&](store::Db& db) { return store::RevokeApiToken(db, id, "2026-01-01T00:00:00Z"); }).ok());
  CHECK_FALSE(f.accounts->AuthenticateBearer(token, &p).ok());
  REQUIRE(f.accounts->CreateApiToken("mai", "scripts", &token, &id).ok());
  REQUIRE(f.accounts->DisableUser("mai").ok());
  CHECK_FALSE(f.accounts->AuthenticateBearer(token, &p).ok());
  CHECK(f.accounts->CreateApiToken("nobody", "x", &token, &id).code() == Status::Code::kNotFound);
}

TEST_CASE("Repeated failures are throttled and logged; the owner gets in after the wait") {
  AccountsFixture f;
  for (int i = 0; i < 6; ++i)
    CHECK(f.accounts->Login("mai", "guess " + std::to_string(i), "10.9.9.9").outcome == Outcome::kBadCredentials);
  auto r = f.accounts->Login("mai", "mùa thu Hà Nội", "10.9.9.9");
  CHECK(r.outcome == Outcome::kThrottled);
  CHECK(r.retry_after == std::chrono::seconds(1));
  CHECK(f.SecurityLogCount("throttled") == 1);
  f.clock.Advance(std::chrono::seconds(1));
  CHECK(f.accounts->Login("mai", "mùa thu Hà Nội", "10.9.9.9").outcome == Outcome::kOk);
}

TEST_CASE("Setting a password applies the policy; the stored hash is argon2id") {
  AccountsFixture f;
  CHECK(f.accounts->SetPassword(f.mai, "short").code() == Status::Code::kInvalidArgument);
  CHECK(f.accounts->SetPassword(f.mai, "password1").code() == Status::Code::kInvalidArgument);
  auto db = f.database->Read();
  auto hash = db->QueryText("SELECT password_hash FROM users WHERE username = 'mai'");
  REQUIRE(hash);
  CHECK_THAT(*hash, Catch::StartsWith("$argon2id$v=19$m=65536,t=2,p=1$"));
}
