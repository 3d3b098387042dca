#include "attache/app/cli.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <mutex>
#include <thread>

#include "attache/app/backup_command.h"
#include "attache/app/bulk_seed.h"
#include "attache/app/list_cache.h"
#include "attache/app/config.h"
#include "attache/app/demo.h"
#include "attache/app/mail_sender.h"
#include "attache/app/routes.h"
#include "attache/app/notification_mail.h"
#include "attache/app/scheduler.h"
#include "attache/http/server.h"
#include "attache/service/proposal_search.h"
#include "attache/store/audit_anchors.h"
#include "attache/store/checkpointer.h"
#include "attache/store/database.h"
#include "attache/core/rfc3339.h"
#include "attache/store/accounts.h"
#include "attache/store/migrations.h"
#include "attache/store/proposals.h"
#include "attache/store/units.h"
#include "attache/store/users.h"
#include "attache/store/writer.h"

namespace attache::app {
namespace {

namespace fs = std::filesystem;

constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

constexpr const char* kUsage = R"(attache — theo dõi và phê duyệt hoạt động đối ngoại / foreign-activity approvals

usage:
  attache serve [--data DIR] [--listen ADDR:PORT] [--threads N] [--write-threads N] [--max-connections N] [--web DIR] [--schema DIR]
                [--read-timeout-ms MS] [--min-body-rate-kib N] [--shutdown-grace-ms MS]
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
  attache seed-demo [--data DIR]
  attache seed --proposals N [--seed S] [--data DIR]   bulk test data (after seed-demo)
  attache verify [--data DIR]        verify the audit trail's hash chain
  attache backup FILE [--data DIR]   the database, documents and audit anchors in one file,
                                     a consistent snapshot; safe while the server runs
  attache restore FILE --data DIR    into an empty or new folder, every byte checked first
  attache workflows check [--schema DIR]   check the workflow definitions and holidays
  attache version

  attache routes                                  the route table, one route a line

environment: ATTACHE_DATA, ATTACHE_LISTEN, ATTACHE_THREADS, ATTACHE_WEB, ATTACHE_SCHEMA,
             ATTACHE_READ_TIMEOUT_MS, ATTACHE_SHUTDOWN_GRACE_MS, ATTACHE_SESSION_IDLE_S,
             ATTACHE_SESSION_ABSOLUTE_S, ATTACHE_MAX_UPLOAD_MB, ATTACHE_SMTP_HOST,
             ATTACHE_SMTP_PORT, ATTACHE_SMTP_STARTTLS, ATTACHE_SMTP_CA_FILE, ATTACHE_SMTP_USER,
             ATTACHE_SMTP_PASSWORD (or ATTACHE_SMTP_PASSWORD_FILE), ATTACHE_SMTP_AUTH_WITHOUT_TLS,
             ATTACHE_MAIL_FROM, ATTACHE_MAIL_FROM_NAME, ATTACHE_PUBLIC_URL
)";

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

// The rules the server runs with: the holidays and the workflow definitions, whose new
// content is registered as new versions. A fault in either stops the command, naming the file.
struct Rules {
  WorkingDayCalendar calendar;
  std::unique_ptr<service::Workflows> workflows;
};

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

// Writes the audit chain's head to the anchors file now and every hour until stopped
// (store/audit_anchors.h).
class AnchorKeeper {
 public:
  AnchorKeeper(store::Database& database, std::filesystem::path path, const Clock& clock)
      : database_(database), path_(std::move(path)), clock_(clock) {
    Write();
    thread_ = std::thread([this] {
      std::unique_lock lock(mu_);
      while (!cv_.wait_for(lock, std::chrono::hours(1), [this] { return stopping_; })) Write();
    });
  }
  ~AnchorKeeper() { Stop(); }
  void Stop() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void Write() {
    store::AuditAnchor head;
    {
      auto db = database_.Read();
      head = store::CurrentHead(*db, FormatRfc3339(clock_.Now()));
    }
    if (Status s = store::AppendAnchor(path_, head); !s.ok())
      std::cerr << "attache: audit anchor not written: " << s.message() << "\n";
  }

  store::Database& database_;
  const std::filesystem::path path_;
  const Clock& clock_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

int Serve(const std::vector<std::string>& args) {
  Flags flags;
  Config config;
  if (int rc = Configure(args, ServeFlags(), &flags, &config)) return rc;
  std::error_code ec;
  if (!fs::is_directory(config.web_dir, ec))
    return Usage("web folder " + config.web_dir.string() + " does not exist");
  std::unique_ptr<store::Database> database;
  if (int rc = OpenDatabase(config, &database)) return rc;

  Rules rules;
  if (int rc = LoadRules(config, *database, &rules)) return rc;
  // Proposals written before the search index existed (or by other tools) are indexed now.
  if (Status s = service::IndexUnindexedProposals(database->writer(), *rules.workflows); !s.ok()) {
    std::cerr << "attache: " << s.message() << "\n";
    return kExitFailed;
  }
  http::StaticFiles static_files(config.web_dir);
  // Tests of time-driven behaviour set the server's time through a file (app/scheduler.h).
  SystemClock system_clock;
  std::unique_ptr<FileClock> test_clock;
  if (const char* file = std::getenv("ATTACHE_TEST_CLOCK_FILE"); file && *file)
    test_clock = std::make_unique<FileClock>(file);
  const Clock& clock = test_clock ? static_cast<const Clock&>(*test_clock) : system_clock;
  store::Checkpointer checkpointer(database->writer());
  // After a commit that queued e-mail, the sender is woken (both set below when e-mail is on).
  std::atomic<MailSender*> wake_after_commit{nullptr};
  std::atomic<NotificationMail*> queued_mail{nullptr};
  auto writer = std::make_unique<store::Writer>(database->writer());
  writer->SetAfterBatch([&] {
    checkpointer.RunIfDue();
    NotificationMail* queued = queued_mail.load();
    MailSender* sender = wake_after_commit.load();
    if (queued && sender && queued->TakeQueued()) sender->Wake();
  });
  writer->CrashAfterCommitsForTesting(config.test_crash_after_commits);
  service::Accounts accounts(*database, *writer, clock,
                             service::SessionPolicy{config.session_idle, config.session_absolute});
  service::Proposals proposals(*rules.workflows, rules.calendar, clock);
  // Uploads stream into data/tmp; whatever an earlier run left there is incomplete.
  fs::path upload_dir = config.data_dir / "tmp";
  fs::remove_all(upload_dir, ec);
  store::DocumentFiles document_files(config.data_dir / "documents", upload_dir);
  if (Status s = document_files.Prepare(); !s.ok()) return Usage(s.message());
  service::Documents documents(*rules.workflows, document_files, clock);
  ApiDocument api_document;
  if (Status s = ApiDocument::Load(config.schema_dir / "openapi.yaml", &api_document); !s.ok()) {
    std::cerr << "attache: " << s.message() << "\n";
    return kExitFailed;
  }
  http::RequestMetrics request_metrics;
  ListCache list_cache(config.data_dir / "attache.db");
  // E-mail (issue 9): the sender thread drains the outbox; off without --smtp-host.
  std::unique_ptr<MailSender> mail;
  if (auto settings = MailSettingsFromConfig(config)) {
    std::signal(SIGPIPE, SIG_IGN);  // a relay that hangs up during TLS must not end the server
    mail = std::make_unique<MailSender>(*database, *writer, clock, std::move(*settings));
    mail->Start();
  }
  AppContext context{*database, *writer, accounts, static_files, clock, *rules.workflows, proposals,
                     documents, config.max_upload_bytes, api_document, request_metrics,
                     &list_cache, store::AnchorsPath(config.data_dir)};
  context.mail = mail.get();
  service::Notifier notifier(*rules.workflows, clock);
  context.notifier = &notifier;
  service::Reminders reminders(*rules.workflows, rules.calendar, notifier,
                               service::ReminderPolicy{2, config.escalate_after_days});
  Scheduler scheduler(*database, *writer, reminders, proposals, clock, config.scheduler_interval);
  context.scheduler = &scheduler;
  // Notifications by e-mail: at once for those who want it, in the step's transaction, and the
  // daily digest from the scheduler.
  std::unique_ptr<NotificationMail> notification_mail;
  if (mail) {
    notification_mail = std::make_unique<NotificationMail>(mail->settings().public_url, proposals);
    notifier.SetMailHook([&notification_mail, &clock](store::Db& db, const store::NotificationRow& n) {
      return notification_mail->Queue(db, n, FormatRfc3339(clock.Now()));
    });
    scheduler.SetDigests(notification_mail.get());
    queued_mail = notification_mail.get();
    wake_after_commit = mail.get();
  }
  http::Router router = BuildRouter(context);
  http::ServerOptions options{config.listen_host, config.port, config.threads,
                              config.read_timeout, config.shutdown_grace, 16 * 1024, upload_dir,
                              &request_metrics};
  options.write_threads = config.write_threads;
  options.max_connections = config.max_connections;
  options.min_body_rate = config.min_body_rate;
  http::Server server(options, router);
  if (Status s = server.Listen(); !s.ok())
    return s.code() == Status::Code::kInvalidArgument ? Usage(s.message())
                                                      : (std::cerr << "attache: " << s.message() << "\n", kExitFailed);
  std::signal(SIGPIPE, SIG_IGN);
  std::string host = config.listen_host.find(':') != std::string::npos
                         ? "[" + config.listen_host + "]" : config.listen_host;
  std::cout << "Attaché đang chạy / listening on http://" << host << ":" << server.port() << "/"
            << std::endl;
  AnchorKeeper anchors(*database, store::AnchorsPath(config.data_dir), clock);
  if (config.scheduler_interval.count() > 0) scheduler.Start();  // 0: reminders off
  server.Run();
  scheduler.Stop();
  anchors.Stop();
  wake_after_commit = nullptr;
  queued_mail = nullptr;
  mail.reset();    // a send under way is cancelled and retried after the next start
  writer.reset();  // answers every write already queued, then stops
  database->Checkpoint();
  std::cout << "Attaché đã dừng / stopped" << std::endl;
  return 0;
}

// Prints "METHOD PATTERN BODY_LIMIT" for every route, as the server would build them.
int Routes(const std::vector<std::string>& args) {
  Flags flags;
  Config config;
  if (int rc = Configure(args, CommonFlags(), &flags, &config)) return rc;
  std::unique_ptr<store::Database> database;
  if (int rc = OpenDatabase(config, &database)) return rc;
  Rules rules;
  if (int rc = LoadRules(config, *database, &rules)) return rc;
  http::StaticFiles static_files(config.web_dir);
  SystemClock clock;
  store::Writer writer(database->writer());
  service::Accounts accounts(*database, writer, clock, service::SessionPolicy{});
  service::Proposals proposals(*rules.workflows, rules.calendar, clock);
  store::DocumentFiles document_files(config.data_dir / "documents", config.data_dir / "tmp");
  service::Documents documents(*rules.workflows, document_files, clock);
  const ApiDocument api_document;  // the table only: nothing is served
  http::RequestMetrics request_metrics;
  AppContext context{*database, writer, accounts, static_files, clock, *rules.workflows, proposals,
                     documents, config.max_upload_bytes, api_document, request_metrics, nullptr,
                     store::AnchorsPath(config.data_dir)};
  const http::Router router = BuildRouter(context);
  for (const auto& r : router.routes())
    std::cout << r.method << " " << r.pattern << " " << r.body_limit << "\n";
  return 0;
}

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
  Status s;
  {
    std::unique_ptr<store::Database> scratch;
    s = store::Database::Open(scratch_dir / "check.db", config.schema_dir / "migrations", &scratch);
    if (s.ok()) s = service::LoadHolidays(config.schema_dir / "holidays", &calendar);
    if (s.ok()) s = service::Workflows::Open(config.schema_dir / "workflows", scratch->writer(), &workflows);
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

// Reads a password from standard input: the first line, without its line ending.
std::string ReadPasswordLine() {
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
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
    if (Status s = service::CheckPasswordPolicy(password, accounts.common_passwords()); !s.ok()) {
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

int SeedDemoCommand(const std::vector<std::string>& args) {
  Flags flags;
  Config config;
  if (int rc = Configure(args, CommonFlags(), &flags, &config)) return rc;
  std::unique_ptr<store::Database> database;
  if (int rc = OpenDatabase(config, &database)) return rc;
  Rules rules;
  if (int rc = LoadRules(config, *database, &rules)) return rc;
  store::DocumentFiles document_files(config.data_dir / "documents", config.data_dir / "tmp");
  if (Status s = document_files.Prepare(); !s.ok()) return Usage(s.message());
  if (Status s = SeedDemo(database->writer(), {*rules.workflows, rules.calendar, document_files},
                          std::cout);
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

}  // namespace attache::app
