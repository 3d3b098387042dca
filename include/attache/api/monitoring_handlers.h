// What operators and auditors look at: the audit trail's verification over HTTP and the
// Prometheus metrics.
//
// GET /api/audit/verify (auditors and administrators; others 403): the hash chain checked on a
// read connection, as `attache verify` does: {"ok", "entries", "head"} and, when broken,
// "first_bad" (the seq of the first entry that does not verify) and "reason".
//
// GET /metrics (Prometheus text format 0.0.4). Who may scrape: only a client on a loopback
// address (127.0.0.0/8, ::1) whose request carries no proxy forwarding header (Forwarded,
// X-Forwarded-For, X-Forwarded-Host, X-Forwarded-Proto, X-Real-IP); everyone else gets 403. The
// server is meant to sit behind a reverse proxy on the same machine, whose requests also come
// from loopback: a proxy that forwards a public request says so in one of those headers (and
// should not route /metrics at all). A Prometheus on another machine scrapes through an agent
// or tunnel on this one. What is exposed holds no proposal titles, user names, ids or raw paths:
// counts by route pattern, method and status; latency histograms; proposals by kind and state;
// the writer's queue, batches and commit latency; open connections; audit entries.
#pragma once

#include "attache/api/routes.h"

namespace attache::api {

http::Response VerifyAuditTrail(AppContext& ctx, http::Request& request,
                                const service::Principal& p);

http::Response Metrics(AppContext& ctx, http::Request& request);

// True when `request` may read /metrics (see above).
bool MayScrapeMetrics(const http::Request& request);

}  // namespace attache::api
