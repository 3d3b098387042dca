#include "attache/api/monitoring_handlers.h"

#include <map>
#include <set>

#include "attache/http/problem.h"
#include "attache/http/prometheus_text.h"
#include "attache/service/policy.h"

namespace attache::api {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;
using Labels = http::PrometheusText::Labels;

constexpr const char* kProposalsByKindAndState =
    "SELECT kind, state, count(*) FROM proposals GROUP BY kind, state";
constexpr const char* kAuditEntries = "SELECT coalesce(max(seq), 0) FROM audit";

bool IsLoopback(std::string_view address) {
  return address.starts_with("127.") || address == "::1" || address.starts_with("::ffff:127.");
}

void RequestFamilies(const http::RequestMetrics& metrics, http::PrometheusText& out) {
  auto series = metrics.Snapshot();
  auto labels = [](const http::RequestMetrics::Series& s) {
    return Labels{{"method", s.method}, {"route", s.route}, {"status", std::to_string(s.status)}};
  };
  out.Family("attache_http_requests_total", "counter",
             "HTTP requests answered, by method, route pattern and status.");
  for (const auto& s : series)
    out.Sample("attache_http_requests_total", labels(s), static_cast<double>(s.seconds.count()));
  out.Family("attache_http_request_duration_seconds", "histogram",
             "Time from a request's header to its answer written, by method, route and status.");
  for (const auto& s : series)
    out.HistogramSamples("attache_http_request_duration_seconds", labels(s), s.seconds);
  out.Family("attache_http_open_connections", "gauge", "HTTP connections open now.");
  out.Sample("attache_http_open_connections", {}, static_cast<double>(metrics.open_connections()));
  out.Family("attache_http_connections_evicted_total", "counter",
             "Connections waiting for a request that were closed to admit a new one.");
  out.Sample("attache_http_connections_evicted_total", {},
             static_cast<double>(metrics.evicted_connections()));
  out.Family("attache_http_connections_refused_total", "counter",
             "New connections refused with 503 because every open one was busy.");
  out.Sample("attache_http_connections_refused_total", {},
             static_cast<double>(metrics.refused_connections()));
}

void WriterFamilies(const store::Writer& writer, http::PrometheusText& out) {
  out.Family("attache_writer_queue_depth", "gauge",
             "Writes waiting for the single writer, not counting the batch being committed.");
  out.Sample("attache_writer_queue_depth", {}, static_cast<double>(writer.queue_depth()));
  out.Family("attache_writer_batches_total", "counter", "Transactions the writer has committed.");
  out.Sample("attache_writer_batches_total", {}, static_cast<double>(writer.batches()));
  out.Family("attache_writer_writes_total", "counter", "Writes held by those transactions.");
  out.Sample("attache_writer_writes_total", {}, static_cast<double>(writer.writes()));
  out.Family("attache_writer_commit_duration_seconds", "histogram",
             "Time of each group commit, from BEGIN IMMEDIATE to its durable COMMIT.");
  out.HistogramSamples("attache_writer_commit_duration_seconds", {}, writer.commit_seconds());
}

// Proposals by kind and state, every state of the current definitions listed (0 when empty).
void ProposalFamilies(AppContext& ctx, store::Db& db, http::PrometheusText& out) {
  std::map<std::pair<std::string, std::string>, int64_t> counts;
  for (const auto& [version, def] : ctx.workflows.AllCurrent())
    for (const auto& state : def->states) counts[{def->kind, state.id}] = 0;
  store::Stmt q = db.Prepare(kProposalsByKindAndState);
  while (q.Step()) counts[{q.Text(0), q.Text(1)}] = q.Int(2);
  out.Family("attache_proposals", "gauge", "Proposals by kind and state.");
  for (const auto& [key, n] : counts)
    out.Sample("attache_proposals", {{"kind", key.first}, {"state", key.second}},
               static_cast<double>(n));
  out.Family("attache_audit_entries", "gauge", "Entries in the audit trail.");
  out.Sample("attache_audit_entries", {}, std::stod(db.QueryText(kAuditEntries).value_or("0")));
}

}  // namespace

Response VerifyAuditTrail(AppContext& ctx, Request&, const service::Principal& p) {
  if (!service::CanVerifyAudit(p.user))
    return http::Problem(403,
                         "Chỉ kiểm toán viên và quản trị viên kiểm tra được nhật ký / only "
                         "auditors and administrators verify the audit trail");
  ChainReport report;
  std::vector<store::AuditAnchor> anchors;
  if (Status s = store::ReadAnchors(ctx.anchors_path, &anchors); !s.ok()) {
    report.ok = false;
    report.reason = s.message();
  } else {
    auto db = ctx.database.Read();
    report = store::VerifyAudit(*db, anchors);
  }
  json out = {{"ok", report.ok}, {"entries", report.entries}, {"head", report.head},
              {"anchors", report.anchors}};
  if (!report.ok) {
    out["first_bad"] = report.first_bad ? json(*report.first_bad) : json(nullptr);
    out["reason"] = report.reason;
  }
  Response r = http::Json(200, out);
  r.headers.Set("Cache-Control", "no-store");
  return r;
}

bool MayScrapeMetrics(const Request& request) {
  for (const char* forwarded :
       {"Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Real-IP"})
    if (request.headers.Has(forwarded)) return false;
  return IsLoopback(request.remote);
}

Response Metrics(AppContext& ctx, Request& request) {
  if (!MayScrapeMetrics(request))
    return http::Problem(403,
                         "Chỉ đọc số liệu vận hành từ chính máy chủ / metrics are served "
                         "only to this machine (loopback, not through a proxy)");
  http::PrometheusText out;
  out.Family("attache_build_info", "gauge", "The running version of Attaché.");
  out.Sample("attache_build_info", {{"version", ATTACHE_VERSION}}, 1);
  RequestFamilies(ctx.request_metrics, out);
  WriterFamilies(ctx.writer, out);
  try {
    auto db = ctx.database.Read();
    ProposalFamilies(ctx, *db, out);
  } catch (const store::DbError& e) {
    return http::Problem(503, std::string("database not ready: ") + e.what());
  }
  Response r;
  r.headers.Set("Content-Type", http::kPrometheusContentType);
  r.headers.Set("Cache-Control", "no-store");
  r.body = out.text();
  return r;
}

}  // namespace attache::api
