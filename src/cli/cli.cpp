// The attache command line: the usage text and the dispatch to each command (commands.h).
#include "attache/cli/cli.h"

#include <iostream>

#include "commands.h"

namespace attache::cli {
namespace {

constexpr const char* kUsage = R"(attache — theo dõi và phê duyệt hoạt động đối ngoại / foreign-activity approvals

usage:
  attache serve [--data DIR] [--listen ADDR:PORT] [--threads N] [--write-threads N] [--max-connections N] [--web DIR] [--schema DIR]
                [--read-timeout-ms MS] [--min-body-rate-kib N] [--shutdown-grace-ms MS]
                [--trusted-proxy ADDRESS ...]
                [--session-idle-s S] [--session-absolute-s S] [--max-upload-mb N]
                [--smtp-host H [--smtp-port N] [--smtp-starttls yes|no] [--smtp-ca-file F]
                 [--smtp-user U --smtp-password-file F] [--smtp-auth-without-tls yes|no]
                 --mail-from ADDRESS [--mail-from-name NAME]] [--public-url URL]
  attache migrate [--data DIR]
  attache unit add --code C --name-vi V --name-en E [--parent CODE] [--data DIR]
  attache unit list [--data DIR]
  attache user add --username U --display-name N --unit CODE --role R [--role R ...]
                   [--password-stdin] [--email ADDRESS]
  attache user disable USERNAME
  attache token create --user U [--name N]      prints a new API token once
  attache token revoke --id N
  attache seed-demo [--data DIR] [--schema DIR]   the demo ministry of DIR/demo (schema/)
  attache seed --proposals N [--seed S] [--data DIR]   bulk test data (after seed-demo)
  attache verify [--data DIR]        verify the audit trail's hash chain
  attache backup FILE [--data DIR]   the database, documents and audit anchors in one file,
                                     a consistent snapshot; safe while the server runs
  attache restore FILE --data DIR    into an empty or new folder, every byte checked first
  attache workflows check [--schema DIR]   check the workflow definitions, holidays, demo data
  attache version

  attache routes                                  the route table, one route a line

environment: ATTACHE_DATA, ATTACHE_LISTEN, ATTACHE_THREADS, ATTACHE_WEB, ATTACHE_SCHEMA,
             ATTACHE_READ_TIMEOUT_MS, ATTACHE_SHUTDOWN_GRACE_MS, ATTACHE_SESSION_IDLE_S,
             ATTACHE_SESSION_ABSOLUTE_S, ATTACHE_MAX_UPLOAD_MB, ATTACHE_SMTP_HOST,
             ATTACHE_SMTP_PORT, ATTACHE_SMTP_STARTTLS, ATTACHE_SMTP_CA_FILE, ATTACHE_SMTP_USER,
             ATTACHE_SMTP_PASSWORD (or ATTACHE_SMTP_PASSWORD_FILE), ATTACHE_SMTP_AUTH_WITHOUT_TLS,
             ATTACHE_MAIL_FROM, ATTACHE_MAIL_FROM_NAME, ATTACHE_PUBLIC_URL, ATTACHE_TRUSTED_PROXY
)";

}  // namespace

int Main(const std::vector<std::string>& args) {
  if (args.empty()) return Serve({});
  const std::string& command = args[0];
  std::vector<std::string> rest(args.begin() + 1, args.end());
  try {
    if (command == "serve") return Serve(rest);
    if (command == "migrate") return Migrate(rest);
    if (command == "unit") return UnitCommand(rest);
    if (command == "seed-demo") return SeedDemoCommand(rest);
    if (command == "seed") return SeedCommand(rest);
    if (command == "verify") return Verify(rest);
    if (command == "backup") return BackupCommand(rest);
    if (command == "restore") return RestoreCommand(rest);
    if (command == "user") return UserCommand(rest);
    if (command == "routes") return Routes(rest);
    if (command == "token") return TokenCommand(rest);
    if (command == "workflows") return WorkflowsCommand(rest);
    if (command == "version" || command == "--version") {
      std::cout << "attache " << ATTACHE_VERSION << "\n";
      return 0;
    }
    if (command == "help" || command == "--help" || command == "-h") {
      std::cout << kUsage;
      return 0;
    }
    if (command.starts_with("--")) return Serve(args);
  } catch (const std::exception& e) {
    std::cerr << "attache: " << e.what() << "\n";
    return kExitFailed;
  }
  return Usage("unknown command '" + command + "'");
}


}  // namespace attache::cli
