// `attache serve`: wires the store, the services, the jobs and the API together and serves
// until SIGTERM; and `attache routes`, the route table the same wiring builds.
#include <atomic>
#include <csignal>
#include <cstdlib>
#include <iostream>

#include "attache/api/list_cache.h"
#include "attache/api/routes.h"
#include "attache/core/rfc3339.h"
#include "attache/http/server.h"
#include "attache/jobs/anchor_keeper.h"
#include "attache/jobs/mail_sender.h"
#include "attache/jobs/notification_mail.h"
#include "attache/jobs/scheduler.h"
#include "attache/service/proposal_search.h"
#include "attache/store/audit_anchors.h"
#include "attache/store/checkpointer.h"
#include "attache/store/key_files.h"
#include "attache/store/writer.h"
#include "commands.h"

namespace attache::cli {

namespace fs = std::filesystem;
using api::ApiDocument;
using api::AppContext;
using api::BuildRouter;
using api::ListCache;
using jobs::AnchorKeeper;
using jobs::FileClock;
using jobs::MailSender;
using jobs::NotificationMail;
using jobs::Scheduler;

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
  // Tests of time-driven behaviour set the server's time through a file (jobs/scheduler.h).
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
  // Device cookies are signed with a key kept beside the database, not in it.
  std::string device_key;
  if (Status s = store::LoadOrCreateKey(store::KeysDir(config.data_dir) / "device.key",
                                        service::DeviceCookies::kKeySize, &device_key);
      !s.ok()) {
    std::cerr << "attache: " << s.message() << "\n";
    return kExitFailed;
  }
  service::Accounts accounts(
      *database, *writer, clock,
      service::SessionPolicy{config.session_idle, config.session_absolute, std::move(device_key)});
  service::Proposals proposals(*rules.workflows, rules.calendar, clock);
  // Uploads stream into data/tmp; whatever an earlier run left there is incomplete.
  fs::path upload_dir = config.data_dir / "tmp";
  fs::remove_all(upload_dir, ec);
  store::DocumentFiles document_files(config.data_dir / "documents", upload_dir);
  if (Status s = document_files.Prepare(); !s.ok()) return Usage(s.message());
  service::Documents documents(proposals, document_files, clock);
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
  options.trusted_proxies = config.trusted_proxies;
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
  service::Documents documents(proposals, document_files, clock);
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

}  // namespace attache::cli
