// What the commands share (commands.h): usage errors, configuration, database, rules.
#include "commands.h"

#include <cstdlib>
#include <iostream>

namespace attache::cli {

int Usage(const std::string& problem) {
  std::cerr << "attache: " << problem << "\n(run 'attache help' for usage)\n";
  return kExitUsage;
}

// Parses the flags and configuration of a command and prepares its data folder.
int Configure(const std::vector<std::string>& args, const FlagSpec& spec, Flags* flags,
              Config* config) {
  if (Status s = ParseFlags(args, spec, flags); !s.ok()) return Usage(s.message());
  if (Status s = ResolveConfig(*flags, [](const char* n) { return std::getenv(n); }, config);
      !s.ok())
    return Usage(s.message());
  if (Status s = PrepareDataDir(config->data_dir); !s.ok()) return Usage(s.message());
  return 0;
}

int OpenDatabase(const Config& config, std::unique_ptr<store::Database>* out) {
  Status s = store::Database::Open(config.data_dir / "attache.db",
                                   config.schema_dir / "migrations", out);
  if (!s.ok()) {
    std::cerr << "attache: cannot open the database: " << s.message() << "\n";
    return kExitFailed;
  }
  return 0;
}

int LoadRules(const Config& config, store::Database& database, Rules* rules) {
  Status s = service::LoadHolidays(config.schema_dir / "holidays", &rules->calendar);
  if (s.ok()) s = service::Workflows::Open(config.schema_dir / "workflows", database.writer(), &rules->workflows);
  if (!s.ok()) {
    std::cerr << "attache: " << s.message() << "\n";
    return kExitFailed;
  }
  return 0;
}

std::string FlagValue(const Flags& flags, const std::string& name) {
  auto it = flags.find(name);
  return it == flags.end() ? std::string() : it->second.back();
}

}  // namespace attache::cli
