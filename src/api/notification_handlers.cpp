#include "attache/api/notification_handlers.h"

#include <map>

#include "attache/api/params.h"
#include "attache/core/rfc3339.h"
#include "attache/http/json_body.h"
#include "attache/http/problem.h"
#include "attache/http/query.h"
#include "attache/mail/mime.h"
#include "attache/store/notifications.h"

namespace attache::api {
namespace {

using http::JsonType;
using http::Request;
using http::Response;
using nlohmann::json;
using service::Principal;

constexpr int kDefaultLimit = 50;
constexpr int kMaxLimit = 200;

Response BadQuery(std::string_view field, std::string_view vi, std::string_view en) {
  return http::Problem(400, std::string(vi) + " / " + std::string(en),
                       json::array({{{"field", field},
                                     {"message", std::string(vi) + " / " + std::string(en)}}}));
}

json NotificationJson(const store::NotificationRow& n) {
  service::NotificationText text = service::TextOf(n);
  json out = {{"id", n.id},
              {"kind", n.kind},
              {"created_at", n.created_at},
              {"read", n.read_at.has_value()},
              {"read_at", n.read_at ? json(*n.read_at) : json(nullptr)},
              {"text", {{"vi", text.vi}, {"en", text.en}}},
              {"params", n.params},
              {"proposal", nullptr}};
  if (n.proposal_id)
    out["proposal"] = {{"id", *n.proposal_id}, {"ref", n.proposal_ref}, {"title", n.proposal_title}};
  return out;
}

json SettingsJson(store::Db& db, int64_t user_id) {
  store::Stmt q = db.Prepare("SELECT email, email_mode FROM users WHERE id = ?");
  q.Bind(1, user_id);
  if (!q.Step()) return json::object();
  return {{"email", q.IsNull(0) ? json(nullptr) : json(q.Text(0))}, {"email_mode", q.Text(1)}};
}

}  // namespace

Response ListNotifications(AppContext& ctx, Request& request, const Principal& p) {
  std::map<std::string, std::string> q;
  if (!http::ParseQuery(request.query, &q).ok())
    return BadQuery("query", "Tham số không hợp lệ", "malformed query");
  store::NotificationQuery query;
  query.user_id = p.user.id;
  query.limit = kDefaultLimit;
  for (const auto& [name, value] : q) {
    if (name == "unread") {
      if (value != "1" && value != "0" && value != "true" && value != "false")
        return BadQuery("unread", "chỉ nhận 1 hoặc 0", "1 or 0");
      query.unread_only = value == "1" || value == "true";
    } else if (name == "limit") {
      auto n = ParseId(value);
      if (!n || *n > kMaxLimit) return BadQuery("limit", "từ 1 đến 200", "1 to 200");
      query.limit = static_cast<int>(*n);
    } else if (name == "before") {
      auto n = ParseId(value);
      if (!n) return BadQuery("before", "phải là mã thông báo", "must be a notification id");
      query.before_id = *n;
    } else {
      return BadQuery(name, "tham số không được hỗ trợ", "unknown parameter");
    }
  }
  auto db = ctx.database.Read();
  json items = json::array();
  auto rows = store::ListNotifications(*db, query);
  for (const auto& n : rows) items.push_back(NotificationJson(n));
  json out = {{"items", items}, {"unread", store::UnreadNotifications(*db, p.user.id)}};
  if (static_cast<int>(rows.size()) == query.limit) out["next_before"] = rows.back().id;
  Response r = http::Json(200, out);
  r.headers.Set("Cache-Control", "no-store");
  return r;
}

Response UnreadNotificationCount(AppContext& ctx, Request&, const Principal& p) {
  auto db = ctx.database.Read();
  Response r = http::Json(200, {{"unread", store::UnreadNotifications(*db, p.user.id)}});
  r.headers.Set("Cache-Control", "no-store");
  return r;
}

Response MarkNotificationRead(AppContext& ctx, Request& request, const Principal& p) {
  auto id = IdParam(request);
  if (!id) return http::Problem(404, "Không có thông báo này / no such notification");
  const std::string at = FormatRfc3339(ctx.clock.Now());
  Status s = ctx.writer.Run(
      [&](store::Db& db) { return store::MarkNotificationRead(db, p.user.id, *id, at); });
  if (s.code() == Status::Code::kNotFound)
    return http::Problem(404, "Không có thông báo này / no such notification");
  if (!s.ok()) return http::ProblemFromStatus(s);
  auto db = ctx.database.Read();
  return http::Json(200, {{"id", *id}, {"read", true},
                          {"unread", store::UnreadNotifications(*db, p.user.id)}});
}

Response MarkAllNotificationsRead(AppContext& ctx, Request&, const Principal& p) {
  const std::string at = FormatRfc3339(ctx.clock.Now());
  int64_t marked = 0;
  Status s = ctx.writer.Run([&](store::Db& db) {
    marked = store::MarkAllNotificationsRead(db, p.user.id, at);
    return Status::Ok();
  });
  if (!s.ok()) return http::ProblemFromStatus(s);
  return http::Json(200, {{"marked", marked}, {"unread", 0}});
}

Response GetNotificationSettings(AppContext& ctx, Request&, const Principal& p) {
  auto db = ctx.database.Read();
  return http::Json(200, SettingsJson(*db, p.user.id));
}

Response PatchNotificationSettings(AppContext& ctx, Request& request, const Principal& p) {
  json body;
  if (auto problem = http::ParseJsonBody(request,
                                         {{"email", {JsonType::kAny, false}},
                                          {"email_mode", {JsonType::kString, false}}},
                                         &body))
    return *problem;
  json errors = json::array();
  std::optional<std::string> email;
  bool clear_email = false;
  if (body.contains("email")) {
    if (body["email"].is_null() || (body["email"].is_string() && body["email"] == "")) {
      clear_email = true;
    } else if (!body["email"].is_string() || !mail::CheckAddress(body["email"].get<std::string>()).ok()) {
      errors.push_back({{"field", "email"},
                        {"message", "Địa chỉ thư điện tử không hợp lệ / not a valid e-mail address"}});
    } else {
      email = body["email"].get<std::string>();
    }
  }
  std::optional<std::string> mode;
  if (body.contains("email_mode")) {
    mode = body["email_mode"].get<std::string>();
    if (*mode != "immediate" && *mode != "digest" && *mode != "none")
      errors.push_back({{"field", "email_mode"},
                        {"message", "Chọn immediate, digest hoặc none / one of immediate, digest, none"}});
  }
  if (!errors.empty())
    return http::Problem(422, "Dữ liệu không hợp lệ / the request has invalid fields", errors);
  Status s = ctx.writer.Run([&](store::Db& db) {
    if (email || clear_email) {
      store::Stmt q = db.Prepare("UPDATE users SET email = ? WHERE id = ?");
      if (email) {
        q.Bind(1, *email);
      } else {
        q.BindNull(1);
      }
      q.Bind(2, p.user.id);
      q.Run();
    }
    if (mode) {
      store::Stmt q = db.Prepare("UPDATE users SET email_mode = ? WHERE id = ?");
      q.Bind(1, *mode).Bind(2, p.user.id);
      q.Run();
    }
    return Status::Ok();
  });
  if (!s.ok()) return http::ProblemFromStatus(s);
  auto db = ctx.database.Read();
  return http::Json(200, SettingsJson(*db, p.user.id));
}

}  // namespace attache::api
