// The route table of the whole API, in one visible place (src/api/routes.cpp), and what every
// handler may use.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>

#include "attache/api/api_document.h"
#include "attache/core/clock.h"
#include "attache/http/metrics.h"
#include "attache/http/router.h"
#include "attache/http/static_files.h"
#include "attache/service/accounts.h"
#include "attache/service/documents.h"
#include "attache/service/notifier.h"
#include "attache/service/proposals.h"
#include "attache/service/workflows.h"
#include "attache/store/database.h"
#include "attache/store/writer.h"

namespace attache::jobs {
class Scheduler;   // jobs/scheduler.h
class MailSender;  // jobs/mail_sender.h
}  // namespace attache::jobs

namespace attache::api {

class ListCache;  // api/list_cache.h


// Everything a handler may use. Outlives the router built from it.
struct AppContext {
  store::Database& database;
  store::Writer& writer;
  service::Accounts& accounts;
  http::StaticFiles& static_files;
  const Clock& clock;
  const service::Workflows& workflows;
  const service::Proposals& proposals;
  const service::Documents& documents;
  uint64_t max_upload_bytes;  // largest document file accepted (413 beyond)
  const ApiDocument& api_document;  // schema/openapi.yaml, served at /api/openapi.yaml
  const http::RequestMetrics& request_metrics;  // what the HTTP server counts, for /metrics
  ListCache* list_cache;  // answers of GET /api/proposals kept until a change (null: none)
  std::filesystem::path anchors_path;  // the audit chain's anchors (store/audit_anchors.h)
  const service::Notifier* notifier = nullptr;  // tells people of steps (null: nobody is told)
  jobs::Scheduler* scheduler = nullptr;  // looks for reminders (jobs/scheduler.h; null: none)
  // The e-mail sender (jobs/mail_sender.h); null when e-mail is off (no --smtp-host), and then
  // no message is queued.
  jobs::MailSender* mail = nullptr;
};

// A handler that needs a logged-in user gets the principal the auth step found.
using AuthedHandler =
    std::function<http::Response(AppContext&, http::Request&, const service::Principal&)>;

// Every authenticated handler is wrapped in the authentication step (auth.h) and, inside it, in
// the Idempotency-Key step (idempotency.h), which only acts on POST requests carrying the key.
http::Router BuildRouter(AppContext& context);

}  // namespace attache::api
