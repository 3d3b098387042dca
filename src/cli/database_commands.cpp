// The commands that look after the database and the rules: `attache migrate`, `attache verify`
// (the audit chain against its anchors) and `attache workflows check` (which also checks the
// demo data, written against the definitions).
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "attache/core/audit_chain.h"
#include "attache/demo/demo_files.h"
#include "attache/store/audit_anchors.h"
#include "attache/store/migrations.h"
#include "attache/store/proposals.h"
#include "commands.h"

namespace attache::cli {

namespace fs = std::filesystem;

int Migrate(const std::vector<std::string>& args) {
  Flags flags;
  Config config;
  if (int rc = Configure(args, CommonFlags(), &flags, &config)) return rc;
  std::vector<store::Migration> migrations;
  if (Status s = store::LoadMigrations(config.schema_dir / "migrations", &migrations); !s.ok()) {
    std::cerr << "attache: " << s.message() << "\n";
    return kExitFailed;
  }
  store::Db db(config.data_dir / "attache.db");
  int applied = 0;
  if (Status s = store::ApplyMigrations(db, migrations, &applied); !s.ok()) {
    std::cerr << "attache: " << s.message() << "\n";
    return kExitFailed;
  }
  std::cout << "migrations applied: " << applied << " (of " << migrations.size() << ")\n";
  return 0;
}

// Loads and checks the workflow definitions and holidays of --schema without touching any
// database: what an administrator runs after editing a regulation file.
int WorkflowsCommand(const std::vector<std::string>& args) {
  if (args.empty() || args[0] != "check") return Usage("workflows needs a subcommand: check");
  std::vector<std::string> rest(args.begin() + 1, args.end());
  Flags flags;
  Config config;
  if (Status s = ParseFlags(rest, CommonFlags(), &flags); !s.ok()) return Usage(s.message());
  if (Status s = ResolveConfig(flags, [](const char* n) { return std::getenv(n); }, &config); !s.ok())
    return Usage(s.message());
  // Versions are numbered in a scratch database (SQLite's :memory: cannot be in WAL mode).
  fs::path scratch_dir = fs::temp_directory_path() / ("attache-check-" + std::to_string(::getpid()));
  fs::create_directories(scratch_dir);
  WorkingDayCalendar calendar;
  std::unique_ptr<service::Workflows> workflows;
  demo::DemoData demo;
  Status s;
  {
    std::unique_ptr<store::Database> scratch;
    s = store::Database::Open(scratch_dir / "check.db", config.schema_dir / "migrations", &scratch);
    if (s.ok()) s = service::LoadHolidays(config.schema_dir / "holidays", &calendar);
    if (s.ok()) s = service::Workflows::Open(config.schema_dir / "workflows", scratch->writer(), &workflows);
    if (s.ok()) s = demo::LoadDemoData(config.schema_dir / "demo", *workflows, &demo);
  }
  std::error_code ignored;
  fs::remove_all(scratch_dir, ignored);
  if (!s.ok()) {
    std::cerr << "attache: " << s.message() << "\n";
    return kExitFailed;
  }
  for (const auto& [version, def] : workflows->AllCurrent())
    std::cout << def->kind << ": " << def->states.size() << " states, " << def->transitions.size()
              << " transitions, " << def->fields.size() << " fields, " << def->documents.size()
              << " documents — ok\n";
  std::cout << "demo: " << demo.units.size() << " units, " << demo.users.size() << " users, "
            << demo.partners.size() << " partners, " << demo.plan_items.size() << " plan items, "
            << demo.proposals.size() << " proposals — ok\n";
  return 0;
}

// Walks the audit chain and checks it against the proposals; exit 1 when broken.
int Verify(const std::vector<std::string>& args) {
  Flags flags;
  Config config;
  if (int rc = Configure(args, CommonFlags(), &flags, &config)) return rc;
  std::unique_ptr<store::Database> database;
  if (int rc = OpenDatabase(config, &database)) return rc;
  std::vector<store::AuditAnchor> anchors;
  if (Status s = store::ReadAnchors(store::AnchorsPath(config.data_dir), &anchors); !s.ok()) {
    std::cout << "NHẬT KÝ BỊ SỬA / AUDIT TRAIL BROKEN: " << s.message() << "\n";
    return kExitFailed;
  }
  ChainReport report = store::VerifyAudit(database->writer(), anchors);
  if (report.ok) {
    std::cout << "Nhật ký kiểm tra toàn vẹn / audit trail verified: " << report.entries
              << " entries, head " << report.head << ", " << report.anchors
              << " anchors\n";
    return 0;
  }
  std::cout << "NHẬT KÝ BỊ SỬA / AUDIT TRAIL BROKEN at entry "
            << (report.first_bad ? std::to_string(*report.first_bad) : "?") << ": "
            << report.reason << "\n";
  return kExitFailed;
}

}  // namespace attache::cli
