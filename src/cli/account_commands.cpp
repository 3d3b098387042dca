// The commands that manage the organisation and its accounts: `attache unit`, `attache user`
// and `attache token`.
#include <iostream>
#include <optional>

#include "attache/core/rfc3339.h"
#include "attache/service/accounts.h"
#include "attache/store/accounts.h"
#include "attache/store/units.h"
#include "attache/store/users.h"
#include "attache/store/writer.h"
#include "commands.h"

namespace attache::cli {
namespace {

// Reads a password from standard input: the first line, without its line ending.
std::string ReadPasswordLine() {
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

int UnitCommand(const std::vector<std::string>& args) {
  if (args.empty()) return Usage("unit needs a subcommand: add or list");
  std::vector<std::string> rest(args.begin() + 1, args.end());
  FlagSpec spec = CommonFlags();
  if (args[0] == "add")
    spec.insert({{"code", true}, {"name-vi", true}, {"name-en", true}, {"parent", true}});
  else if (args[0] != "list")
    return Usage("unknown unit subcommand '" + args[0] + "'");
  Flags flags;
  Config config;
  if (int rc = Configure(rest, spec, &flags, &config)) return rc;
  std::unique_ptr<store::Database> database;
  if (int rc = OpenDatabase(config, &database)) return rc;
  if (args[0] == "list") {
    for (const auto& u : store::ListUnits(database->writer()))
      std::cout << u.code << "\t" << u.name_vi << "\t" << u.name_en << "\n";
    return 0;
  }
  for (const char* required : {"code", "name-vi", "name-en"})
    if (!flags.count(required)) return Usage(std::string("unit add needs --") + required);
  std::optional<std::string> parent;
  if (flags.count("parent")) parent = FlagValue(flags, "parent");
  store::Unit unit{0, FlagValue(flags, "code"), FlagValue(flags, "name-vi"),
                   FlagValue(flags, "name-en"), std::nullopt};
  int64_t id = 0;
  if (Status s = store::AddUnit(database->writer(), unit, parent, &id); !s.ok()) {
    std::cerr << "attache: " << s.message() << "\n";
    return kExitFailed;
  }
  std::cout << "unit " << unit.code << " added (id " << id << ")\n";
  return 0;
}

int UserCommand(const std::vector<std::string>& args) {
  if (args.empty()) return Usage("user needs a subcommand: add or disable");
  const std::string sub = args[0];
  std::vector<std::string> rest(args.begin() + 1, args.end());
  FlagSpec spec = CommonFlags();
  std::string target;
  if (sub == "add") {
    spec.insert({{"username", true}, {"display-name", true}, {"unit", true}, {"role", true},
                 {"password-stdin", false}, {"email", true}});
  } else if (sub == "disable") {
    if (rest.empty() || rest[0].starts_with("--")) return Usage("user disable needs a username");
    target = rest[0];
    rest.erase(rest.begin());
  } else {
    return Usage("unknown user subcommand '" + sub + "'");
  }
  Flags flags;
  Config config;
  if (int rc = Configure(rest, spec, &flags, &config)) return rc;
  std::unique_ptr<store::Database> database;
  if (int rc = OpenDatabase(config, &database)) return rc;
  SystemClock clock;
  store::Writer writer(database->writer());
  service::Accounts accounts(*database, writer, clock, service::SessionPolicy{});
  if (sub == "disable") {
    if (Status s = accounts.DisableUser(target); !s.ok()) {
      std::cerr << "attache: " << s.message() << "\n";
      return kExitFailed;
    }
    std::cout << "user " << target << " disabled; their sessions have ended\n";
    return 0;
  }
  for (const char* required : {"username", "display-name", "unit", "role"})
    if (!flags.count(required)) return Usage(std::string("user add needs --") + required);
  std::string password;
  if (flags.count("password-stdin")) {
    password = ReadPasswordLine();
    if (Status s = accounts.CheckPassword(password, FlagValue(flags, "username"),
                                          FlagValue(flags, "display-name"));
        !s.ok()) {
      std::cerr << "attache: " << s.message() << "\n";
      return kExitFailed;
    }
  }
  store::User user{0, FlagValue(flags, "username"), FlagValue(flags, "display-name"), 0,
                   FlagValue(flags, "unit"), true, flags["role"]};
  int64_t id = 0;
  Status s = writer.Run([&](store::Db& db) {
    Status added = store::AddUser(db, user, &id);
    if (added.ok() && flags.count("email")) return store::SetUserEmail(db, id, FlagValue(flags, "email"));
    return added;
  });
  if (s.ok() && !password.empty()) s = accounts.SetPassword(id, password);
  if (!s.ok()) {
    std::cerr << "attache: " << s.message() << "\n";
    return kExitFailed;
  }
  std::cout << "user " << user.username << " added (id " << id << ")\n";
  return 0;
}

int TokenCommand(const std::vector<std::string>& args) {
  if (args.empty() || (args[0] != "create" && args[0] != "revoke"))
    return Usage("token needs a subcommand: create or revoke");
  std::vector<std::string> rest(args.begin() + 1, args.end());
  FlagSpec spec = CommonFlags();
  spec.insert({{"user", true}, {"name", true}, {"id", true}});
  Flags flags;
  Config config;
  if (int rc = Configure(rest, spec, &flags, &config)) return rc;
  std::unique_ptr<store::Database> database;
  if (int rc = OpenDatabase(config, &database)) return rc;
  SystemClock clock;
  store::Writer writer(database->writer());
  if (args[0] == "revoke") {
    int64_t id = 0;
    try {
      id = std::stoll(FlagValue(flags, "id"));
    } catch (const std::exception&) {
      return Usage("token revoke needs --id N (the number printed when it was created)");
    }
    std::string at = FormatRfc3339(clock.Now());
    if (Status s = writer.Run([&](store::Db& db) { return store::RevokeApiToken(db, id, at); }); !s.ok()) {
      std::cerr << "attache: " << s.message() << "\n";
      return kExitFailed;
    }
    std::cout << "token " << id << " revoked\n";
    return 0;
  }
  if (!flags.count("user")) return Usage("token create needs --user");
  service::Accounts accounts(*database, writer, clock, service::SessionPolicy{});
  std::string token;
  int64_t id = 0;
  if (Status s = accounts.CreateApiToken(FlagValue(flags, "user"), FlagValue(flags, "name"), &token, &id);
      !s.ok()) {
    std::cerr << "attache: " << s.message() << "\n";
    return kExitFailed;
  }
  // The token is shown this once; only its hash is kept.
  std::cout << token << "\n";
  std::cerr << "token " << id << " created; it is shown only once\n";
  return 0;
}

}  // namespace attache::cli
