#include "request_world.h"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <sstream>

#include "attache/api/api_document.h"
#include "attache/demo/demo.h"
#include "attache/api/list_cache.h"
#include "attache/api/routes.h"
#include "attache/core/rfc3339.h"
#include "attache/service/accounts.h"
#include "attache/service/proposal_search.h"
#include "attache/service/workflows.h"
#include "attache/store/accounts.h"
#include "attache/store/audit_anchors.h"
#include "attache/store/users.h"

namespace attache::fuzz {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = ATTACHE_SOURCE_DIR;

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "fuzz_request: cannot build the application: %s\n", what.c_str());
  std::abort();
}

void Check(const Status& s, const char* what) {
  if (!s.ok()) Die(std::string(what) + ": " + s.message());
}

// tmpfs when there is one: a commit's fsync then costs nothing, and the fuzzer runs many.
fs::path DataRoot() {
  std::error_code ec;
  if (fs::is_directory("/dev/shm", ec)) return "/dev/shm";
  return fs::temp_directory_path();
}

// A caller's user as it must stay for the seeds to work.
struct Expected {
  int64_t id = 0;
  std::vector<std::string> roles;
};

// Everything the AppContext refers to, in construction order (members are destroyed in
// reverse: the writer finishes its queue before the database closes).
struct World {
  explicit World(fs::path d) : dir(std::move(d)) {}

  fs::path dir;
  std::unique_ptr<store::Database> database;
  WorkingDayCalendar calendar;
  std::unique_ptr<service::Workflows> workflows;
  std::unique_ptr<store::DocumentFiles> document_files;
  // Fixed time: sessions never expire and the login throttle, once it blocks, keeps blocking
  // (so password guesses stop costing an argon2id hash each), and a crash input replays alike.
  ManualClock clock{std::chrono::system_clock::now()};
  std::unique_ptr<store::Writer> writer;
  std::unique_ptr<http::StaticFiles> static_files;
  std::unique_ptr<service::Accounts> accounts;
  std::unique_ptr<service::Proposals> proposals;
  std::unique_ptr<service::Documents> documents;
  api::ApiDocument api_document;
  http::RequestMetrics request_metrics;
  std::unique_ptr<api::ListCache> list_cache;
  std::unique_ptr<api::AppContext> context;
  http::Router router;
  std::vector<Expected> expected;  // by Callers() index
  std::string fingerprint_sql;     // what KeepCallersUsable compares
  std::string fingerprint;         // its answer as set up
};

World* world = nullptr;
std::string upload_dir;

void RemoveWorld() {
  if (!world) return;
  fs::path dir = world->dir;
  delete world;  // stops the writer, closes the database
  world = nullptr;
  std::error_code ignored;
  fs::remove_all(dir, ignored);
}

// Folders left by earlier runs that crashed (a crash skips RemoveWorld).
void RemoveStaleFolders(const fs::path& root) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    std::string name = entry.path().filename().string();
    if (name.rfind("attache-fuzz-", 0) != 0) continue;
    pid_t pid = static_cast<pid_t>(std::atoi(name.c_str() + 13));
    if (pid > 0 && pid != ::getpid() && ::kill(pid, 0) != 0 && errno == ESRCH)
      fs::remove_all(entry.path(), ec);
  }
}

// The callers' sessions, roles and active flags, as one text.
std::string FingerprintSql(const std::vector<Expected>& expected) {
  std::string ids, hashes;
  for (size_t i = 0; i < expected.size(); ++i) {
    ids += (i ? "," : "") + std::to_string(expected[i].id);
    hashes += std::string(i ? "," : "") + "'" + service::TokenHash(Callers()[i].session) + "'";
  }
  return "SELECT group_concat(v, '|') FROM (SELECT u.id || ':' || u.active || ':' || "
         "(SELECT group_concat(role) FROM (SELECT role FROM user_roles r WHERE r.user_id = u.id "
         "ORDER BY role)) || ':' || (SELECT count(*) FROM sessions s WHERE s.user_id = u.id AND "
         "s.token_hash IN (" + hashes + ")) AS v FROM users u WHERE u.id IN (" + ids +
         ") ORDER BY u.id)";
}

// Gives each caller its session (again) and API token (once).
void OpenSessions(store::Db& db, bool with_tokens) {
  const int64_t now = UnixSeconds(world->clock.Now());
  for (size_t i = 0; i < Callers().size(); ++i) {
    const Caller& c = Callers()[i];
    const std::string hash = service::TokenHash(c.session);
    store::DeleteSession(db, hash);
    store::InsertSession(db, hash, world->expected[i].id, c.csrf, now, "127.0.0.1");
    if (with_tokens)
      store::InsertApiToken(db, service::TokenHash(c.bearer), world->expected[i].id, "fuzz",
                            FormatRfc3339(world->clock.Now()));
  }
}

void Build() {
  const fs::path root = DataRoot();
  RemoveStaleFolders(root);
  world = new World(root / ("attache-fuzz-" + std::to_string(::getpid())));
  std::atexit(RemoveWorld);
  World& w = *world;
  fs::remove_all(w.dir);
  fs::create_directories(w.dir);
  Check(store::Database::Open(w.dir / "attache.db", kSource / "schema/migrations", &w.database),
        "database");
  store::Db& db = w.database->writer();
  Check(service::LoadHolidays(kSource / "schema/holidays", &w.calendar), "holidays");
  Check(service::Workflows::Open(kSource / "schema/workflows", db, &w.workflows), "workflows");
  upload_dir = (w.dir / "tmp").string();
  w.document_files = std::make_unique<store::DocumentFiles>(w.dir / "documents", upload_dir);
  Check(w.document_files->Prepare(), "documents folder");
  std::ostringstream ignored;
  demo::DemoData demo_data;
  Check(demo::LoadDemoData(kSource / "schema/demo", *w.workflows, &demo_data), "demo files");
  Check(demo::SeedDemo(db, demo_data, {*w.workflows, w.calendar, *w.document_files}, ignored),
        "demo data");
  Check(service::IndexUnindexedProposals(db, *w.workflows), "search index");
  for (const Caller& c : Callers()) {
    auto user = store::FindUserByName(db, c.username);
    if (!user) Die("no demo user " + c.username);
    w.expected.push_back({user->id, user->roles});
  }
  OpenSessions(db, true);
  w.fingerprint_sql = FingerprintSql(w.expected);
  w.fingerprint = db.QueryText(w.fingerprint_sql).value_or("");

  w.writer = std::make_unique<store::Writer>(db);
  w.static_files = std::make_unique<http::StaticFiles>(kSource / "web");
  w.accounts = std::make_unique<service::Accounts>(*w.database, *w.writer, w.clock,
                                                   service::SessionPolicy{});
  w.proposals = std::make_unique<service::Proposals>(*w.workflows, w.calendar, w.clock);
  w.documents = std::make_unique<service::Documents>(*w.proposals, *w.document_files, w.clock);
  Check(api::ApiDocument::Load(kSource / "schema/openapi.yaml", &w.api_document), "openapi");
  w.list_cache = std::make_unique<api::ListCache>(w.dir / "attache.db");
  constexpr uint64_t kMaxUpload = 1024 * 1024;  // small: uploads are fuzzed, not their size
  w.context.reset(new api::AppContext{
      *w.database, *w.writer, *w.accounts, *w.static_files, w.clock, *w.workflows,
      *w.proposals, *w.documents, kMaxUpload, w.api_document, w.request_metrics,
      w.list_cache.get(), store::AnchorsPath(w.dir)});
  w.router = api::BuildRouter(*w.context);
}

}  // namespace

const std::vector<Caller>& Callers() {
  // An administrator, unit staff and head, an ICD officer and head, a leader, an auditor.
  static const std::vector<Caller> callers = [] {
    std::vector<Caller> out;
    for (const char* name : {"admin", "lan", "hung", "mai", "quang", "thanh", "ha"})
      out.push_back({name, std::string("fuzz-") + name, std::string("csrf-") + name,
                     std::string("bearer-") + name});
    return out;
  }();
  return callers;
}

const http::Router& Router() {
  if (!world) Build();
  return world->router;
}

const std::string& UploadDir() {
  Router();
  return upload_dir;
}

void KeepCallersUsable() {
  World& w = *world;
  std::string now;
  {
    auto db = w.database->Read();
    now = db->QueryText(w.fingerprint_sql).value_or("");
  }
  if (now == w.fingerprint) return;
  Status s = w.writer->Run([&](store::Db& db) {
    for (size_t i = 0; i < w.expected.size(); ++i) {
      store::UserChange back{std::nullopt, w.expected[i].roles, true};
      if (Status u = store::UpdateUser(db, w.expected[i].id, back); !u.ok()) return u;
    }
    OpenSessions(db, false);
    return Status::Ok();
  });
  Check(s, "restoring the callers");
}

}  // namespace attache::fuzz
