#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <future>
#include <thread>

#include "attache/api/idempotency.h"
#include "attache/http/problem.h"
#include "attache/store/database.h"
#include "attache/store/units.h"
#include "attache/store/users.h"
#include "test_database.h"

namespace fs = std::filesystem;
using namespace attache;
using api::IdempotencyKeys;
using http::Request;
using http::Response;

namespace {

// A database with one user, a writer, a clock the test moves, and a handler whose effect is a
// new unit (so effects can be counted) and whose answer names it.
struct KeysFixture {
  attache::testing::TempDatabase temp{"idem"};
  std::unique_ptr<store::Database>& database = temp.database;

  KeysFixture() : clock(Clock::time_point(std::chrono::hours(24 * 365 * 56))) {
    REQUIRE(
        store::AddUnit(database->writer(), {0, "CVL", "Cục Việc làm", "Employment", {}}, {}).ok());
    REQUIRE(store::AddUser(database->writer(), {0, "lan", "Lan", 0, "CVL", true, {"staff"}}, &lan)
                .ok());
    REQUIRE(store::AddUser(database->writer(), {0, "hung", "Hùng", 0, "CVL", true, {"unit_head"}},
                           &hung)
                .ok());
    writer = std::make_unique<store::Writer>(database->writer());
    keys = std::make_unique<IdempotencyKeys>(*writer, clock);
  }
  ~KeysFixture() {
    keys.reset();
    writer.reset();
  }

  static Request Post(const std::string& key, const std::string& body) {
    Request r;
    r.method = "POST";
    r.target = r.path = "/api/units";
    r.headers.Add("Content-Type", "application/json");
    if (!key.empty()) r.headers.Add("Idempotency-Key", key);
    r.body = body;
    return r;
  }

  // The effect: one unit more, written through the writer as a handler does.
  Response AddUnitHandler() {
    ++handler_runs;
    std::string code = "U" + std::to_string(handler_runs);
    int64_t id = 0;
    Status s = writer->Run([&](store::Db& db) {
      return store::AddUnit(db, {0, code, "Đơn vị " + code, "Unit " + code, {}}, {}, &id);
    });
    if (!s.ok()) return http::ProblemFromStatus(s);
    // What the handler reads back includes its own uncommitted write.
    auto db = database->Read();
    std::string name = db->QueryText("SELECT name_en FROM units WHERE id = " + std::to_string(id))
                           .value_or("missing");
    Response r = http::Json(201, {{"id", id}, {"name", name}});
    r.headers.Set("Location", "/api/units/" + std::to_string(id));
    return r;
  }

  Response Send(int64_t user, Request request) {
    return keys->Handle(request, user, [this] { return AddUnitHandler(); });
  }

  int64_t Count(const std::string& table) {
    auto db = database->Read();
    return std::stoll(db->QueryText("SELECT count(*) FROM " + table).value_or("-1"));
  }

  ManualClock clock;
  std::unique_ptr<store::Writer> writer;
  std::unique_ptr<IdempotencyKeys> keys;
  int64_t lan = 0, hung = 0;
  int handler_runs = 0;
};

}  // namespace

TEST_CASE("Keys are 1 to 255 visible ASCII characters") {
  CHECK(IdempotencyKeys::ValidKey("a"));
  CHECK(IdempotencyKeys::ValidKey(std::string(255, '~')));
  CHECK(IdempotencyKeys::ValidKey("550e8400-e29b-41d4-a716-446655440000"));
  CHECK_FALSE(IdempotencyKeys::ValidKey(""));
  CHECK_FALSE(IdempotencyKeys::ValidKey(std::string(256, 'a')));
  CHECK_FALSE(IdempotencyKeys::ValidKey("a b"));
  CHECK_FALSE(IdempotencyKeys::ValidKey("tab\there"));
  CHECK_FALSE(IdempotencyKeys::ValidKey("kh\xc3\xb3"));
  CHECK_FALSE(IdempotencyKeys::ValidKey(std::string("nul\0", 4)));
}

TEST_CASE("A repeat replays the stored answer without running the handler again") {
  KeysFixture f;
  int64_t units = f.Count("units");
  Response first = f.Send(f.lan, KeysFixture::Post("k1", R"({"code":"A"})"));
  REQUIRE(first.status == 201);
  CHECK(first.body.find("\"Unit U1\"") != std::string::npos);  // read its own write
  CHECK_FALSE(first.headers.Has("Idempotent-Replayed"));
  Response again = f.Send(f.lan, KeysFixture::Post("k1", R"({"code":"A"})"));
  CHECK(again.status == 201);
  CHECK(again.body == first.body);
  CHECK(again.headers.Get("Location") == first.headers.Get("Location"));
  CHECK(again.headers.Get("Content-Type") == first.headers.Get("Content-Type"));
  CHECK(again.headers.Get("Idempotent-Replayed") == "true");
  CHECK(f.handler_runs == 1);
  CHECK(f.Count("units") == units + 1);

  SECTION("another body, target or method under the same key is 422") {
    CHECK(f.Send(f.lan, KeysFixture::Post("k1", R"({"code":"B"})")).status == 422);
    Request other = KeysFixture::Post("k1", R"({"code":"A"})");
    other.target = "/api/units?x=1";
    CHECK(f.Send(f.lan, other).status == 422);
    CHECK(f.handler_runs == 1);
  }
  SECTION("another user's same key is independent") {
    Response theirs = f.Send(f.hung, KeysFixture::Post("k1", R"({"code":"A"})"));
    CHECK(theirs.status == 201);
    CHECK(theirs.body != first.body);
    CHECK(f.handler_runs == 2);
  }
  SECTION("without a key, or on another method, the handler always runs") {
    f.Send(f.lan, KeysFixture::Post("", R"({"code":"A"})"));
    Request patch = KeysFixture::Post("k1", R"({"code":"A"})");
    patch.method = "PATCH";
    CHECK_FALSE(f.Send(f.lan, patch).headers.Has("Idempotent-Replayed"));
    CHECK(f.handler_runs == 3);
  }
  SECTION("a malformed key is 400 and runs nothing") {
    CHECK(f.Send(f.lan, KeysFixture::Post("a b", "{}")).status == 400);
    CHECK(f.handler_runs == 1);
  }
}

TEST_CASE("Stored answers expire after 24 hours and are purged") {
  KeysFixture f;
  f.Send(f.lan, KeysFixture::Post("old", "{}"));
  f.clock.Advance(std::chrono::hours(24));
  // Exactly 24 hours on, the answer still holds.
  CHECK(f.Send(f.lan, KeysFixture::Post("old", "{}")).headers.Get("Idempotent-Replayed") == "true");
  CHECK(f.handler_runs == 1);
  f.clock.Advance(std::chrono::seconds(1));
  Response fresh = f.Send(f.lan, KeysFixture::Post("old", "{}"));
  CHECK(fresh.status == 201);
  CHECK_FALSE(fresh.headers.Has("Idempotent-Replayed"));
  CHECK(f.handler_runs == 2);
  // The expired row was replaced; a different body now counts against the new answer.
  CHECK(f.Send(f.lan, KeysFixture::Post("old", R"({"x":1})")).status == 422);
  CHECK(f.Count("idempotency_keys") == 1);

  f.Send(f.lan, KeysFixture::Post("second", "{}"));
  CHECK(f.Count("idempotency_keys") == 2);
  f.clock.Advance(std::chrono::hours(25));
  f.Send(f.hung, KeysFixture::Post("third", "{}"));  // purges what is older than 24 hours
  CHECK(f.Count("idempotency_keys") == 1);
}

TEST_CASE("A key in flight is 409 for the same request and 422 for another") {
  KeysFixture f;
  std::promise<void> entered, release;
  auto gate = release.get_future().share();
  Request running = KeysFixture::Post("busy", "{}");
  auto first = std::async(std::launch::async, [&] {
    return f.keys->Handle(running, f.lan, [&] {
      entered.set_value();
      gate.wait();
      return f.AddUnitHandler();
    });
  });
  entered.get_future().wait();
  Request same = KeysFixture::Post("busy", "{}");
  Response busy = f.keys->Handle(same, f.lan, [&] { return f.AddUnitHandler(); });
  CHECK(busy.status == 409);
  CHECK(busy.headers.Get("Retry-After") == "1");
  Request other = KeysFixture::Post("busy", R"({"x":1})");
  CHECK(f.keys->Handle(other, f.lan, [&] { return f.AddUnitHandler(); }).status == 422);
  release.set_value();
  CHECK(first.get().status == 201);
  CHECK(f.handler_runs == 1);
  CHECK(f.Send(f.lan, KeysFixture::Post("busy", "{}")).headers.Get("Idempotent-Replayed") ==
        "true");
}

TEST_CASE("The effect is kept only with its answer") {
  KeysFixture f;
  int64_t units = f.Count("units");

  SECTION("a 5xx answer rolls the effect back and keeps nothing") {
    Request r = KeysFixture::Post("k", "{}");
    Response answer = f.keys->Handle(r, f.lan, [&] {
      f.AddUnitHandler();
      return http::Problem(503, "later");
    });
    CHECK(answer.status == 503);
    CHECK(f.Count("units") == units);
    CHECK(f.Count("idempotency_keys") == 0);
    CHECK(f.Send(f.lan, KeysFixture::Post("k", "{}")).status == 201);  // a retry runs again
  }
  SECTION("a handler that throws has its writes rolled back and the exception rethrown") {
    Request r = KeysFixture::Post("k", "{}");
    CHECK_THROWS_AS(f.keys->Handle(r, f.lan,
                                   [&]() -> Response {
                                     f.AddUnitHandler();
                                     throw std::runtime_error("bug");
                                   }),
                    std::runtime_error);
    CHECK(f.Count("units") == units);
    CHECK(f.Count("idempotency_keys") == 0);
  }
  SECTION("when the answer cannot be stored, the effect is not stored either") {
    f.writer->Run([](store::Db& db) {
      db.Exec(
          "CREATE TRIGGER refuse BEFORE INSERT ON idempotency_keys "
          "BEGIN SELECT RAISE(ABORT, 'refused'); END");
      return Status::Ok();
    });
    Response answer = f.Send(f.lan, KeysFixture::Post("k", "{}"));
    CHECK(answer.status == 500);
    CHECK(f.handler_runs == 1);
    CHECK(f.Count("units") == units);
  }
  SECTION("a refusal (4xx) is kept and replayed, with no effect") {
    Request r = KeysFixture::Post("k", "{}");
    auto refuse = [&] {
      ++f.handler_runs;
      return http::Problem(422, "no");
    };
    CHECK(f.keys->Handle(r, f.lan, refuse).status == 422);
    Response again = f.keys->Handle(r, f.lan, refuse);
    CHECK(again.status == 422);
    CHECK(again.headers.Get("Idempotent-Replayed") == "true");
    CHECK(f.handler_runs == 1);
  }
}
