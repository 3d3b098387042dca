#include "attache/api/admin_handlers.h"

#include "attache/api/params.h"
#include "attache/jobs/scheduler.h"

#include <charconv>

#include "attache/core/iso_date.h"
#include "attache/core/rfc3339.h"
#include "attache/http/json_body.h"
#include "attache/http/problem.h"
#include "attache/service/policy.h"
#include "attache/store/authorisations.h"
#include "attache/store/units.h"
#include "attache/store/users.h"

namespace attache::api {
namespace {

using http::JsonType;
using http::Request;
using http::Response;
using nlohmann::json;

json AdminUserJson(const store::User& u) {
  return {{"id", u.id}, {"username", u.username}, {"display_name", u.display_name},
          {"unit", {{"id", u.unit_id}, {"code", u.unit_code}}}, {"roles", u.roles},
          {"active", u.active}};
}

json AuthorisationJson(const store::Authorisation& a) {
  return {{"id", a.id},
          {"leader", {{"id", a.leader_id}, {"display_name", a.leader_name}}},
          {"deputy", {{"id", a.deputy_id}, {"display_name", a.deputy_name}}},
          {"starts_on", a.starts_on},
          {"ends_on", a.ends_on},
          {"reason", a.reason},
          {"created_at", a.created_at},
          {"revoked_at", a.revoked_at ? json(*a.revoked_at) : json(nullptr)}};
}

json UnitJson(const store::Unit& u) {
  return {{"id", u.id}, {"code", u.code}, {"name", {{"vi", u.name_vi}, {"en", u.name_en}}},
          {"parent_id", u.parent_id ? json(*u.parent_id) : json(nullptr)}};
}

// `parent_id` of a unit body: absent, null (no parent) or a positive integer; else a problem.
std::optional<Response> ReadParentId(const json& body, std::optional<std::optional<int64_t>>* parent) {
  if (!body.contains("parent_id")) return std::nullopt;
  const json& v = body["parent_id"];
  if (v.is_null()) {
    parent->emplace(std::nullopt);
    return std::nullopt;
  }
  if (!v.is_number_integer() || v.get<int64_t>() <= 0)
    return http::Problem(422, "parent_id must be a unit id or null",
                         json::array({{{"field", "parent_id"}, {"message", "must be a unit id or null"}}}));
  parent->emplace(v.get<int64_t>());
  return std::nullopt;
}

// Names the field a unit's InvalidArgument is about (store/units.h says which cases there are),
// so the form can show the message beside it.
const char* UnitField(const Status& s, const json& body) {
  const std::string& m = s.message();
  if (m.find("code") != std::string::npos) return "code";
  if (m.find("parent") != std::string::npos || m.find("under itself") != std::string::npos) return "parent_id";
  auto bad = [&](const char* name) {
    if (!body.contains(name)) return false;
    const auto& v = body[name].get_ref<const std::string&>();
    return v.empty() || v.size() > 200;
  };
  return bad("name_vi") || !bad("name_en") ? "name_vi" : "name_en";
}

Response NotAllowed() { return http::Problem(403, "Bạn không có quyền làm việc này / you may not do this"); }

// roles as a string array, or a problem.
std::optional<Response> ReadRoles(const json& value, std::vector<std::string>* roles) {
  for (const auto& r : value) {
    if (!r.is_string())
      return http::Problem(422, "roles must be strings", json::array({{{"field", "roles"}, {"message", "must be an array of role names"}}}));
    roles->push_back(r.get<std::string>());
  }
  return std::nullopt;
}

Response FieldProblem(const Status& s, const char* field) {
  if (s.code() != Status::Code::kInvalidArgument) return http::ProblemFromStatus(s);
  return http::Problem(422, s.message(), json::array({{{"field", field}, {"message", s.message()}}}));
}

}  // namespace

Response ListUnits(AppContext& ctx, Request&, const Principal&) {
  auto db = ctx.database.Read();
  json out = json::array();
  for (const auto& u : store::ListUnits(*db)) out.push_back(UnitJson(u));
  return http::Json(200, out);
}

Response CreateUnit(AppContext& ctx, Request& request, const Principal& p) {
  if (!service::CanManageUsers(p.user)) return NotAllowed();
  json body;
  if (auto problem = http::ParseJsonBody(request, {{"code", {JsonType::kString, true}},
                                                   {"name_vi", {JsonType::kString, true}},
                                                   {"name_en", {JsonType::kString, true}},
                                                   {"parent_id", {JsonType::kAny, false}}},
                                         &body))
    return *problem;
  std::optional<std::optional<int64_t>> parent_id;
  if (auto problem = ReadParentId(body, &parent_id)) return *problem;
  std::optional<std::string> parent_code;
  if (parent_id && *parent_id) {
    auto db = ctx.database.Read();
    auto parent = store::FindUnit(*db, **parent_id);
    if (!parent) return FieldProblem(Status::InvalidArgument("no parent unit with this id"), "parent_id");
    parent_code = parent->code;
  }
  store::Unit unit{0, body["code"], body["name_vi"], body["name_en"], std::nullopt};
  int64_t id = 0;
  Status s = ctx.writer.Run([&](store::Db& db) { return store::AddUnit(db, unit, parent_code, &id); });
  // A taken code is a field the admin corrects in the form, like a malformed one: 422.
  if (s.code() == Status::Code::kConflict) s = Status::InvalidArgument(s.message() + " (code taken)");
  if (s.code() == Status::Code::kNotFound) s = Status::InvalidArgument("no parent unit with this id");
  if (!s.ok()) return FieldProblem(s, UnitField(s, body));
  auto db = ctx.database.Read();
  Response r = http::Json(201, UnitJson(*store::FindUnit(*db, id)));
  r.headers.Set("Location", "/api/units/" + std::to_string(id));
  return r;
}

Response PatchUnit(AppContext& ctx, Request& request, const Principal& p) {
  if (!service::CanManageUsers(p.user)) return NotAllowed();
  auto id = IdParam(request);
  if (!id) return http::Problem(404, "no such unit");
  json body;
  if (auto problem = http::ParseJsonBody(request, {{"name_vi", {JsonType::kString, false}},
                                                   {"name_en", {JsonType::kString, false}},
                                                   {"parent_id", {JsonType::kAny, false}}},
                                         &body))
    return *problem;
  store::UnitChange change;
  if (body.contains("name_vi")) change.name_vi = body["name_vi"];
  if (body.contains("name_en")) change.name_en = body["name_en"];
  if (auto problem = ReadParentId(body, &change.parent_id)) return *problem;
  if (Status s = ctx.writer.Run([&](store::Db& db) { return store::UpdateUnit(db, *id, change); }); !s.ok())
    return FieldProblem(s, UnitField(s, body));
  auto db = ctx.database.Read();
  return http::Json(200, UnitJson(*store::FindUnit(*db, *id)));
}

Response ListUsers(AppContext& ctx, Request&, const Principal& p) {
  if (!service::CanManageUsers(p.user)) return NotAllowed();
  auto db = ctx.database.Read();
  json out = json::array();
  for (const auto& u : store::ListUsers(*db)) out.push_back(AdminUserJson(u));
  return http::Json(200, out);
}

Response CreateUser(AppContext& ctx, Request& request, const Principal& p) {
  if (!service::CanManageUsers(p.user)) return NotAllowed();
  json body;
  if (auto problem = http::ParseJsonBody(request, {{"username", {JsonType::kString, true}},
                                                   {"display_name", {JsonType::kString, true}},
                                                   {"unit", {JsonType::kString, true}},
                                                   {"roles", {JsonType::kArray, true}},
                                                   {"password", {JsonType::kString, true}}},
                                         &body))
    return *problem;
  store::User user{0, body["username"], body["display_name"], 0, body["unit"], true, {}};
  if (auto problem = ReadRoles(body["roles"], &user.roles)) return *problem;
  std::string password = body["password"];
  if (Status s = ctx.accounts.CheckPassword(password, user.username, user.display_name); !s.ok())
    return FieldProblem(s, "password");
  int64_t id = 0;
  if (Status s = ctx.writer.Run([&](store::Db& db) { return store::AddUser(db, user, &id); }); !s.ok())
    return s.code() == Status::Code::kNotFound ? FieldProblem(Status::InvalidArgument(s.message()), "unit")
                                               : FieldProblem(s, "username");
  if (Status s = ctx.accounts.SetPassword(id, password); !s.ok()) return FieldProblem(s, "password");
  auto db = ctx.database.Read();
  Response r = http::Json(201, AdminUserJson(*store::FindUser(*db, id)));
  r.headers.Set("Location", "/api/users/" + std::to_string(id));
  return r;
}

Response PatchUser(AppContext& ctx, Request& request, const Principal& p) {
  if (!service::CanManageUsers(p.user)) return NotAllowed();
  auto id = IdParam(request);
  if (!id) return http::Problem(404, "no such user");
  json body;
  if (auto problem = http::ParseJsonBody(request, {{"display_name", {JsonType::kString, false}},
                                                   {"roles", {JsonType::kArray, false}},
                                                   {"active", {JsonType::kBoolean, false}},
                                                   {"password", {JsonType::kString, false}}},
                                         &body))
    return *problem;
  store::UserChange change;
  if (body.contains("display_name")) change.display_name = body["display_name"];
  if (body.contains("roles")) {
    change.roles.emplace();
    if (auto problem = ReadRoles(body["roles"], &*change.roles)) return *problem;
  }
  if (body.contains("active")) change.active = body["active"].get<bool>();
  if (*id == p.user.id && change.active == false)
    return http::Problem(422, "you cannot disable yourself", json::array({{{"field", "active"}, {"message", "you cannot disable yourself"}}}));
  if (Status s = ctx.writer.Run([&](store::Db& db) { return store::UpdateUser(db, *id, change); }); !s.ok())
    return FieldProblem(s, change.roles ? "roles" : "display_name");
  if (body.contains("password"))
    if (Status s = ctx.accounts.SetPassword(*id, body["password"]); !s.ok()) return FieldProblem(s, "password");
  auto db = ctx.database.Read();
  return http::Json(200, AdminUserJson(*store::FindUser(*db, *id)));
}

Response ListAuthorisations(AppContext& ctx, Request&, const Principal& p) {
  bool all = service::CanManageUsers(p.user) || service::CanVerifyAudit(p.user);
  auto db = ctx.database.Read();
  json out = json::array();
  for (const auto& a : store::ListAuthorisations(*db, all ? std::nullopt : std::optional(p.user.id)))
    out.push_back(AuthorisationJson(a));
  return http::Json(200, out);
}

Response ListDeputyCandidates(AppContext& ctx, Request&, const Principal& p) {
  if (!service::CanAuthoriseDeputy(p.user, p.user.id)) return NotAllowed();
  auto db = ctx.database.Read();
  json out = json::array();
  for (const auto& u : store::ListUsers(*db))
    if (u.active)
      out.push_back({{"id", u.id}, {"display_name", u.display_name},
                     {"unit", {{"id", u.unit_id}, {"code", u.unit_code}}}, {"roles", u.roles}});
  return http::Json(200, out);
}

Response CreateAuthorisation(AppContext& ctx, Request& request, const Principal& p) {
  json body;
  if (auto problem = http::ParseJsonBody(request, {{"leader_id", {JsonType::kInteger, false}},
                                                   {"deputy_id", {JsonType::kInteger, true}},
                                                   {"starts_on", {JsonType::kString, true}},
                                                   {"ends_on", {JsonType::kString, true}},
                                                   {"reason", {JsonType::kString, true}}},
                                         &body))
    return *problem;
  store::Authorisation a;
  a.leader_id = body.value("leader_id", p.user.id);
  a.deputy_id = body["deputy_id"];
  if (!service::CanAuthoriseDeputy(p.user, a.leader_id)) return NotAllowed();
  json errors = json::array();
  for (const char* field : {"starts_on", "ends_on"})
    if (!ParseIsoDate(body[field].get<std::string>()))
      errors.push_back({{"field", field}, {"message", "must be a real date YYYY-MM-DD"}});
  if (!errors.empty()) return http::Problem(422, "invalid dates", errors);
  a.starts_on = body["starts_on"];
  a.ends_on = body["ends_on"];
  a.reason = body["reason"];
  int64_t id = 0;
  std::string at = FormatRfc3339(ctx.clock.Now());
  if (Status s = ctx.writer.Run([&](store::Db& db) { return store::AddAuthorisation(db, a, at, &id); });
      !s.ok())
    return http::ProblemFromStatus(s);
  auto db = ctx.database.Read();
  Response r = http::Json(201, AuthorisationJson(*store::FindAuthorisation(*db, id)));
  r.headers.Set("Location", "/api/authorisations/" + std::to_string(id));
  return r;
}

Response RevokeAuthorisation(AppContext& ctx, Request& request, const Principal& p) {
  auto id = IdParam(request);
  std::optional<store::Authorisation> a;
  if (id) {
    auto db = ctx.database.Read();
    a = store::FindAuthorisation(*db, *id);
  }
  bool visible = a && (a->leader_id == p.user.id || a->deputy_id == p.user.id ||
                       service::CanManageUsers(p.user) || service::CanVerifyAudit(p.user));
  if (!visible) return http::Problem(404, "no such authorisation");
  if (!service::CanAuthoriseDeputy(p.user, a->leader_id)) return NotAllowed();
  std::string at = FormatRfc3339(ctx.clock.Now());
  if (Status s = ctx.writer.Run([&](store::Db& db) { return store::RevokeAuthorisation(db, *id, at); }); !s.ok())
    return http::ProblemFromStatus(s);
  Response r;
  r.status = 204;
  return r;
}

Response RunReminders(AppContext& ctx, Request&, const Principal& p) {
  if (!service::CanManageUsers(p.user)) return NotAllowed();
  if (!ctx.scheduler) return http::Problem(503, "Bộ lập lịch chưa chạy / the scheduler is not running");
  service::SweepResult r;
  if (Status s = ctx.scheduler->RunOnce(&r); !s.ok()) return http::ProblemFromStatus(s);
  return http::Json(200, {{"found", r.found}, {"raised", r.raised}, {"cleared", r.cleared},
                          {"notifications", r.notifications}});
}

}  // namespace attache::api
