#include <catch2/catch.hpp>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <future>
#include <thread>

#include "attache/store/db.h"
#include "attache/store/writer.h"

namespace fs = std::filesystem;
using namespace attache::store;
using attache::Status;

namespace {

struct WriterFixture {
  WriterFixture() {
    dir = fs::temp_directory_path() / ("attache-writer-" + std::to_string(::getpid()) + "-" +
                                       std::to_string(counter++));
    fs::remove_all(dir);
    fs::create_directories(dir);
    db = std::make_unique<Db>(dir / "w.db");
    db->Exec("CREATE TABLE t (x INTEGER UNIQUE)");
  }
  ~WriterFixture() {
    db.reset();
    fs::remove_all(dir);
  }
  int64_t Count() {
    Db reader(dir / "w.db");
    return std::stoll(*reader.QueryText("SELECT count(*) FROM t"));
  }
  fs::path dir;
  std::unique_ptr<Db> db;
  static inline int counter = 0;
};

Writer::Work Insert(int x) {
  return [x](Db& db) {
    db.Prepare("INSERT INTO t VALUES (?)").Bind(1, x).Run();
    return Status::Ok();
  };
}

}  // namespace

TEST_CASE("A failing write in a batch is rolled back alone") {
  WriterFixture f;
  // Hold the writer on a first job so the next three queue up and commit as one batch.
  std::promise<void> release;
  auto gate = release.get_future().share();
  std::vector<std::future<Status>> answers;
  Writer writer(*f.db);
  auto submit = [&](Writer::Work w) {
    auto p = std::make_shared<std::promise<Status>>();
    answers.push_back(p->get_future());
    writer.Submit(std::move(w), [p](Status s) { p->set_value(s); });
  };
  submit([gate](Db&) {
    gate.wait();
    return Status::Ok();
  });
  while (writer.queue_depth() != 0) std::this_thread::yield();  // the gate job is running
  submit(Insert(1));
  submit([](Db& db) {  // writes, then fails its rule: its write must vanish
    db.Prepare("INSERT INTO t VALUES (2)").Run();
    return Status::InvalidArgument("rule failed");
  });
  submit(Insert(1));  // duplicate: throws a constraint error
  submit(Insert(3));
  REQUIRE(writer.queue_depth() == 4);
  release.set_value();
  CHECK(answers[0].get().ok());
  CHECK(answers[1].get().ok());
  CHECK(answers[2].get().code() == Status::Code::kInvalidArgument);
  CHECK(answers[3].get().code() == Status::Code::kInternal);
  CHECK(answers[4].get().ok());
  CHECK(f.Count() == 2);
  CHECK(writer.batches() == 2);
  CHECK(writer.writes() == 5);
}

TEST_CASE("An answer comes only after the commit is visible to other connections") {
  WriterFixture f;
  Writer writer(*f.db);
  std::atomic<int64_t> seen{-1};
  std::promise<void> answered;
  writer.Submit(Insert(7), [&](Status s) {
    REQUIRE(s.ok());
    seen = f.Count();  // read on another connection at the moment of the answer
    answered.set_value();
  });
  answered.get_future().wait();
  CHECK(seen == 1);
}

TEST_CASE("Many threads writing at once: every acknowledged write is stored, in batches") {
  WriterFixture f;
  Writer writer(*f.db);
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i)
        if (writer.Run(Insert(t * 1000 + i)).ok()) ++ok;
    });
  for (auto& t : threads) t.join();
  CHECK(ok == 800);
  CHECK(f.Count() == 800);
  CHECK(writer.writes() == 800);
  CHECK(writer.batches() <= 800);
}

TEST_CASE("Stopping the writer finishes what was submitted and refuses what comes after") {
  WriterFixture f;
  std::vector<std::future<Status>> answers;
  {
    Writer writer(*f.db);
    for (int i = 0; i < 50; ++i) {
      auto p = std::make_shared<std::promise<Status>>();
      answers.push_back(p->get_future());
      writer.Submit(Insert(i), [p](Status s) { p->set_value(s); });
    }
  }
  for (auto& a : answers) CHECK(a.get().ok());
  CHECK(f.Count() == 50);
}

TEST_CASE("A store function's own transaction nests inside the writer's batch") {
  WriterFixture f;
  Writer writer(*f.db);
  Status s = writer.Run([](Db& db) {
    Txn inner(db);  // a SAVEPOINT here, not a second BEGIN
    db.Prepare("INSERT INTO t VALUES (1)").Run();
    {
      Txn rolled_back(db);
      db.Prepare("INSERT INTO t VALUES (2)").Run();
    }
    inner.Commit();
    return Status::Ok();
  });
  CHECK(s.ok());
  CHECK(f.Count() == 1);
}

TEST_CASE("A write may run writes of its own, nested in its savepoint") {
  WriterFixture f;
  Writer writer(*f.db);
  CHECK(Writer::ConnectionOfCurrentWrite() == nullptr);
  Status nested_failure;
  Status outer = writer.Run([&](Db& db) {
    CHECK(Writer::ConnectionOfCurrentWrite() == &db);
    REQUIRE(writer.Run(Insert(1)).ok());
    // A failing nested write is rolled back alone; the calling write goes on.
    nested_failure = writer.Run([](Db& inner) {
      Insert(2)(inner);
      return Status::Conflict("refused");
    });
    return writer.Run(Insert(3));
  });
  CHECK(outer.ok());
  CHECK(nested_failure.code() == Status::Code::kConflict);
  CHECK(f.Count() == 2);
  Db reader(f.dir / "w.db");
  CHECK(reader.QueryText("SELECT group_concat(x) FROM (SELECT x FROM t ORDER BY x)") == "1,3");

  SECTION("a failing outer write takes its nested writes with it") {
    CHECK_FALSE(writer.Run([&](Db&) {
      REQUIRE(writer.Run(Insert(4)).ok());
      return Status::InvalidArgument("no");
    }).ok());
    CHECK(f.Count() == 2);
  }
}

TEST_CASE("The writer times each commit") {
  WriterFixture f;
  Writer writer(*f.db);
  for (int i = 0; i < 3; ++i) REQUIRE(writer.Run(Insert(i)).ok());
  attache::Histogram h = writer.commit_seconds();
  CHECK(h.count() == writer.batches());
  CHECK(h.count() >= 1);
  CHECK(h.sum() > 0);
  CHECK(h.CumulativeCounts().back() <= h.count());
}
