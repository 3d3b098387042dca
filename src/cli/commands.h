// The commands of the attache command line, one function each (dispatched by cli.cpp), and
// what they share: exit codes, usage errors, reading the configuration, opening the database
// and loading the rules. Private to src/cli/.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "attache/cli/config.h"
#include "attache/core/calendar.h"
#include "attache/service/workflows.h"
#include "attache/store/database.h"

namespace attache::cli {

// Exit codes: 0 done, kExitFailed the command failed (the reason on standard error),
// kExitUsage bad usage or configuration.
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

// Prints the problem and a pointer to `attache help` on standard error; returns kExitUsage.
int Usage(const std::string& problem);

// Parses the flags and configuration of a command and prepares its data folder: 0, or the
// exit code after saying why.
int Configure(const std::vector<std::string>& args, const FlagSpec& spec, Flags* flags,
              Config* config);

// Opens (and migrates) the database of the configuration's data folder: 0 or kExitFailed.
int OpenDatabase(const Config& config, std::unique_ptr<store::Database>* out);

// The rules the server runs with: the holidays and the workflow definitions, whose new
// content is registered as new versions. A fault in either stops the command, naming the file.
struct Rules {
  WorkingDayCalendar calendar;
  std::unique_ptr<service::Workflows> workflows;
};
int LoadRules(const Config& config, store::Database& database, Rules* rules);

// The last value given for a flag, or "" when it was not given.
std::string FlagValue(const Flags& flags, const std::string& name);

// Each command takes the arguments after its name and returns the process exit code.
int Serve(const std::vector<std::string>& args);             // serve_command.cpp
int Routes(const std::vector<std::string>& args);            // serve_command.cpp
int Migrate(const std::vector<std::string>& args);           // database_commands.cpp
int Verify(const std::vector<std::string>& args);            // database_commands.cpp
int WorkflowsCommand(const std::vector<std::string>& args);  // database_commands.cpp
int UnitCommand(const std::vector<std::string>& args);       // account_commands.cpp
int UserCommand(const std::vector<std::string>& args);       // account_commands.cpp
int TokenCommand(const std::vector<std::string>& args);      // account_commands.cpp
int SeedDemoCommand(const std::vector<std::string>& args);   // seed_commands.cpp
int SeedCommand(const std::vector<std::string>& args);       // seed_commands.cpp
int BackupCommand(const std::vector<std::string>& args);     // backup_command.cpp
int RestoreCommand(const std::vector<std::string>& args);    // backup_command.cpp

}  // namespace attache::cli
