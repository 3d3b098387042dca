// `attache seed-demo` (the demo ministry of schema/demo/, src/demo/) and `attache seed` (bulk
// test data).
#include <iomanip>
#include <iostream>

#include "attache/demo/bulk_seed.h"
#include "attache/demo/demo.h"
#include "commands.h"

namespace attache::cli {

using demo::BulkSeedResult;
using demo::SeedDemo;
using demo::SeedProposals;

int SeedDemoCommand(const std::vector<std::string>& args) {
  Flags flags;
  Config config;
  if (int rc = Configure(args, CommonFlags(), &flags, &config)) return rc;
  std::unique_ptr<store::Database> database;
  if (int rc = OpenDatabase(config, &database)) return rc;
  Rules rules;
  if (int rc = LoadRules(config, *database, &rules)) return rc;
  // The whole demo is read and checked before anything of it is written.
  demo::DemoData data;
  if (Status s = demo::LoadDemoData(config.schema_dir / "demo", *rules.workflows, &data);
      !s.ok()) {
    std::cerr << "attache: " << s.message() << "\n";
    return kExitFailed;
  }
  store::DocumentFiles document_files(config.data_dir / "documents", config.data_dir / "tmp");
  if (Status s = document_files.Prepare(); !s.ok()) return Usage(s.message());
  if (Status s = SeedDemo(database->writer(), data,
                          {*rules.workflows, rules.calendar, document_files}, std::cout);
      !s.ok()) {
    std::cerr << "attache: " << s.message() << "\n";
    return kExitFailed;
  }
  return 0;
}

// Appends N generated proposals to a database that has the demo's reference data.
int SeedCommand(const std::vector<std::string>& args) {
  FlagSpec spec = CommonFlags();
  spec.insert({{"proposals", true}, {"seed", true}});
  Flags flags;
  Config config;
  if (int rc = Configure(args, spec, &flags, &config)) return rc;
  int64_t count = 0;
  uint64_t seed = 1;
  try {
    if (!flags.count("proposals")) return Usage("seed needs --proposals N");
    count = std::stoll(FlagValue(flags, "proposals"));
    if (flags.count("seed")) seed = std::stoull(FlagValue(flags, "seed"));
  } catch (const std::exception&) {
    return Usage("seed needs --proposals N and --seed S as whole numbers");
  }
  if (count < 1) return Usage("seed needs --proposals N with N at least 1");
  std::unique_ptr<store::Database> database;
  if (int rc = OpenDatabase(config, &database)) return rc;
  Rules rules;
  if (int rc = LoadRules(config, *database, &rules)) return rc;
  auto started = std::chrono::steady_clock::now();
  BulkSeedResult result;
  if (Status s = SeedProposals(database->writer(), *rules.workflows, count, seed, &result);
      !s.ok()) {
    std::cerr << "attache: " << s.message() << "\n";
    return kExitFailed;
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << result.proposals << " proposals, " << result.audit_entries << " audit entries in "
            << std::fixed << std::setprecision(2) << seconds << " s ("
            << std::setprecision(0) << static_cast<double>(result.proposals) / seconds
            << " proposals/s)\n";
  return 0;
}

}  // namespace attache::cli
