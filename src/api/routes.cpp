#include "attache/api/routes.h"

#include <memory>

#include "attache/api/admin_handlers.h"
#include "attache/api/auth.h"
#include "attache/api/idempotency.h"
#include "attache/api/mail_handlers.h"
#include "attache/api/monitoring_handlers.h"
#include "attache/api/notification_handlers.h"
#include "attache/api/partner_handlers.h"
#include "attache/api/proposal_handlers.h"
#include "attache/api/report_handlers.h"
#include "attache/api/document_handlers.h"
#include "attache/api/session_handlers.h"
#include "attache/api/workflow_handlers.h"
#include "attache/http/problem.h"

namespace attache::api {
namespace {

using http::Request;
using http::Response;

Response NoStore(Response r) {
  r.headers.Set("Cache-Control", "no-store");
  return r;
}

// Alive: the process answers.
Response Healthz(AppContext&, Request&) { return NoStore(http::Json(200, {{"status", "ok"}})); }

// Ready: the database answers a query on a read connection.
Response Readyz(AppContext& ctx, Request&) {
  try {
    auto db = ctx.database.Read();
    auto applied = db->QueryText("SELECT count(*) FROM schema_migrations");
    return NoStore(http::Json(200, {{"status", "ready"}, {"migrations", std::stoi(applied.value_or("0"))}}));
  } catch (const std::exception& e) {
    return NoStore(http::Problem(503, std::string("database not ready: ") + e.what()));
  }
}

// The OpenAPI document, as read at start; public.
Response OpenApiDocument(AppContext& ctx, Request& r) { return ctx.api_document.Serve(r); }

}  // namespace

http::Router BuildRouter(AppContext& ctx) {
  http::Router router;
  auto bind = [&ctx](Response (*fn)(AppContext&, Request&)) {
    return [&ctx, fn](Request& r) { return fn(ctx, r); };
  };
  // Keyed POSTs (Idempotency-Key) run as one write, their answer stored with their effect.
  auto keys = std::make_shared<IdempotencyKeys>(ctx.writer, ctx.clock);
  auto authed = [&ctx, keys](AuthedHandler h) {
    return Authed(ctx, [keys, h = std::move(h)](AppContext& c, Request& r,
                                                const service::Principal& p) {
      return keys->Handle(r, p.user.id, [&] { return h(c, r, p); });
    });
  };
  constexpr size_t kSmallJson = 4 * 1024;
  constexpr size_t kPartnerJson = 16 * 1024;  // notes of up to 5,000 Vietnamese characters
  // An upload's body is the file plus the multipart framing and the small text fields.
  const size_t upload_limit = static_cast<size_t>(ctx.max_upload_bytes) + 64 * 1024;
  constexpr bool kToFile = true;  // streamed to data/tmp, never held in memory

  // method    pattern           body limit  who            handler
  router.Add({"GET",    "/healthz",     0,          bind(Healthz)});
  router.Add({"GET",    "/readyz",      0,          bind(Readyz)});
  router.Add({"GET",    "/api/openapi.yaml", 0, bind(OpenApiDocument)});    // public
  router.Add({"GET",    "/metrics",     0,          bind(Metrics)});        // loopback only
  router.Add({"POST",   "/api/session", kSmallJson, bind(Login)});          // public
  router.Add({"GET",    "/api/session", 0,          authed(GetSession)});
  router.Add({"DELETE", "/api/session", 0,          authed(Logout)});
  router.Add({"GET",    "/api/me",      0,          authed(Me)});
  router.Add({"GET",    "/api/units",   0,          authed(ListUnits)});
  router.Add({"POST",   "/api/units",   kSmallJson, authed(CreateUnit)});          // admin
  router.Add({"PATCH",  "/api/units/{id}", kSmallJson, authed(PatchUnit)});        // admin
  router.Add({"GET",    "/api/users",   0,          authed(ListUsers)});           // admin
  router.Add({"POST",   "/api/users",   kSmallJson, authed(CreateUser)});          // admin
  router.Add({"PATCH",  "/api/users/{id}", kSmallJson, authed(PatchUser)});        // admin
  router.Add({"GET",    "/api/authorisations", 0,   authed(ListAuthorisations)});
  router.Add({"POST",   "/api/authorisations", kSmallJson, authed(CreateAuthorisation)});
  router.Add({"DELETE", "/api/authorisations/{id}", 0, authed(RevokeAuthorisation)});
  router.Add({"GET",    "/api/deputy-candidates", 0, authed(ListDeputyCandidates)}); // leaders, admin
  constexpr size_t kProposalJson = 512 * 1024;  // fields of a proposal: long texts, people lists
  router.Add({"GET",    "/api/proposals", 0,          authed(ListProposals)});
  router.Add({"POST",   "/api/proposals", kProposalJson, authed(CreateProposal)});
  router.Add({"GET",    "/api/proposals/{id}", 0,     authed(GetProposal)});
  router.Add({"PATCH",  "/api/proposals/{id}", kProposalJson, authed(PatchProposal)});
  router.Add({"POST",   "/api/proposals/{id}/actions", kProposalJson, authed(ActOnProposal)});
  router.Add({"POST",   "/api/proposals/postpone", kProposalJson, authed(PostponeProposals)});
  router.Add({"GET",    "/api/proposals/{id}/history", 0, authed(ProposalHistory)});
  router.Add({"POST",   "/api/proposals/{id}/consultations", 16 * 1024, authed(AskOpinion)});
  router.Add({"PATCH",  "/api/consultations/{id}", 16 * 1024, authed(RecordOpinion)});
  router.Add({"GET",    "/api/proposals/{id}/comments", 0, authed(ListComments)});
  router.Add({"POST",   "/api/proposals/{id}/comments", 64 * 1024, authed(AddComment)});
  router.Add({"GET",    "/api/dashboard", 0,        authed(GetDashboard)});
  router.Add({"POST",   "/api/me/calendar-feed", kSmallJson, authed(NewCalendarFeed)});
  router.Add({"GET",    "/api/me/notification-settings", 0, authed(GetNotificationSettings)});
  router.Add({"PATCH",  "/api/me/notification-settings", kSmallJson, authed(PatchNotificationSettings)});
  router.Add({"GET",    "/api/notifications", 0,    authed(ListNotifications)});
  router.Add({"POST",   "/api/admin/reminders/run", kSmallJson, authed(RunReminders)});       // admin
  router.Add({"GET",    "/api/notifications/unread-count", 0, authed(UnreadNotificationCount)});
  router.Add({"POST",   "/api/notifications/read-all", kSmallJson, authed(MarkAllNotificationsRead)});
  router.Add({"POST",   "/api/notifications/{id}/read", kSmallJson, authed(MarkNotificationRead)});
  router.Add({"GET",    "/api/calendar.ics", 0,     bind(GetCalendar)});       // public: feed token
  router.Add({"GET",    "/api/reports/annual", 0,   authed(GetAnnualReport)});
  router.Add({"GET",    "/api/workflows", 0,        authed(ListWorkflows)});
  router.Add({"GET",    "/api/workflows/{kind}", 0, authed(GetWorkflow)});
  router.Add({"GET",    "/api/partners", 0,         authed(ListPartners)});
  router.Add({"POST",   "/api/partners", kPartnerJson, authed(CreatePartner)});    // ICD, admin
  router.Add({"GET",    "/api/partners/{id}", 0,    authed(GetPartner)});
  router.Add({"PATCH",  "/api/partners/{id}", kPartnerJson, authed(PatchPartner)}); // ICD, admin
  router.Add({"GET",    "/api/plan-items", 0,       authed(ListPlanItems)});
  router.Add({"POST",   "/api/plan-items", kSmallJson, authed(CreatePlanItem)});   // unit, ICD
  router.Add({"GET",    "/api/plan-items/{id}", 0,  authed(GetPlanItem)});
  router.Add({"PATCH",  "/api/plan-items/{id}", kSmallJson, authed(PatchPlanItem)}); // unit, ICD
  router.Add({"DELETE", "/api/plan-items/{id}", 0,  authed(DeletePlanItem)});       // unit, ICD
  router.Add({"GET",    "/api/proposals/{id}/documents", 0, authed(ListDocuments)});
  router.Add({"POST",   "/api/proposals/{id}/documents", upload_limit, authed(UploadDocument), kToFile});
  router.Add({"GET",    "/api/documents/{id}", 0,   authed(DownloadDocument)});
  router.Add({"GET",    "/api/audit/verify", 0,     authed(VerifyAuditTrail)});   // auditor, admin
  router.Add({"GET",    "/api/admin/mail", 0,       authed(ListMail)});           // admin
  router.Add({"POST",   "/api/admin/mail/test", kSmallJson, authed(SendTestMail)}); // admin
  router.Add({"POST",   "/api/admin/mail/{id}/retry", kSmallJson, authed(RetryMail)}); // admin
  router.SetFallback([&ctx](Request& r) { return ctx.static_files.Serve(r); });
  return router;
}

}  // namespace attache::api
