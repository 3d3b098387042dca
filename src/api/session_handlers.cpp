// POST/GET/DELETE /api/session and GET /api/me.
#include "attache/api/session_handlers.h"

#include "attache/api/auth.h"
#include "attache/core/rfc3339.h"
#include "attache/http/json_body.h"
#include "attache/http/problem.h"
#include "attache/store/authorisations.h"
#include "attache/store/units.h"

namespace attache::api {
namespace {

using http::Request;
using http::Response;
using Outcome = service::LoginResult::Outcome;

// Today in the ministry's time zone (Vietnam, UTC+7, no daylight saving).
std::string MinistryToday(const Clock& clock) {
  return FormatRfc3339(clock.Now() + std::chrono::hours(7)).substr(0, 10);
}

}  // namespace

nlohmann::json UserJson(AppContext& ctx, const store::User& user) {
  auto db = ctx.database.Read();
  auto unit = store::FindUnit(*db, user.unit_id);
  nlohmann::json acting = nlohmann::json::array();
  for (const auto& a : store::ActingForOn(*db, user.id, MinistryToday(ctx.clock)))
    acting.push_back({{"leader_id", a.leader_id}, {"leader_name", a.leader_name},
                      {"starts_on", a.starts_on}, {"ends_on", a.ends_on}});
  return {{"id", user.id},
          {"username", user.username},
          {"display_name", user.display_name},
          {"unit", {{"id", user.unit_id},
                    {"code", user.unit_code},
                    {"name", unit ? nlohmann::json{{"vi", unit->name_vi}, {"en", unit->name_en}}
                                  : nlohmann::json(nullptr)}}},
          {"roles", user.roles},
          {"acting_for", acting}};
}

Response Login(AppContext& ctx, Request& request) {
  nlohmann::json body;
  if (auto problem = http::ParseJsonBody(request, {{"username", {http::JsonType::kString, true}},
                                                   {"password", {http::JsonType::kString, true}}},
                                         &body))
    return *problem;
  const std::string username = body["username"].get<std::string>();
  const std::string device_name = ctx.accounts.DeviceCookieName(username);
  auto result = ctx.accounts.Login(
      username, body["password"].get<std::string>(), request.remote,
      CookieValue(request.headers.Get("Cookie"), CookieName(request, device_name)));
  if (result.outcome == Outcome::kThrottled) {
    Response r = http::Problem(429, "Đăng nhập sai quá nhiều lần, hãy thử lại sau / too many failed logins: try again later");
    r.headers.Set("Retry-After", std::to_string(result.retry_after.count()));
    return r;
  }
  if (result.outcome != Outcome::kOk)
    return http::Problem(401, "Tên đăng nhập hoặc mật khẩu không đúng / wrong username or password");
  Response r = http::Json(200, {{"user", UserJson(ctx, result.user)}, {"csrf_token", result.csrf_token}});
  // The device cookie first: clients that keep one Set-Cookie per answer keep the last, the
  // session.
  r.headers.Set("Set-Cookie", DeviceCookie(request, device_name, result.device_cookie));
  r.headers.Add("Set-Cookie", SessionCookie(request, result.session_token, ctx.accounts.policy().absolute));
  r.headers.Set("Cache-Control", "no-store");
  return r;
}

Response GetSession(AppContext& ctx, Request&, const service::Principal& p) {
  Response r = http::Json(200, {{"user", UserJson(ctx, p.user)},
                                {"csrf_token", p.via == service::Principal::Via::kSession
                                                   ? nlohmann::json(p.csrf_token)
                                                   : nlohmann::json(nullptr)}});
  r.headers.Set("Cache-Control", "no-store");
  return r;
}

Response Logout(AppContext& ctx, Request& request, const service::Principal& p) {
  if (Status s = ctx.accounts.Logout(p, request.remote); !s.ok()) return http::ProblemFromStatus(s);
  Response r;
  r.status = 204;
  r.headers.Set("Set-Cookie", SessionCookie(request, "", std::chrono::seconds(0)));
  return r;
}

Response Me(AppContext& ctx, Request&, const service::Principal& p) {
  Response r = http::Json(200, UserJson(ctx, p.user));
  r.headers.Set("Cache-Control", "no-store");
  return r;
}

}  // namespace attache::api
