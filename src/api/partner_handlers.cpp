#include "attache/api/partner_handlers.h"

#include "attache/api/params.h"

#include <algorithm>
#include <charconv>
#include <climits>
#include <initializer_list>
#include <map>
#include <type_traits>

#include "attache/core/rfc3339.h"
#include "attache/core/text.h"
#include "attache/core/workflow.h"
#include "attache/http/json_body.h"
#include "attache/http/problem.h"
#include "attache/http/query.h"
#include "attache/service/policy.h"
#include "attache/store/partners.h"
#include "attache/store/plan_items.h"
#include "attache/store/units.h"

namespace attache::api {
namespace {

using http::JsonType;
using http::MemberSpec;
using http::Request;
using http::Response;
using nlohmann::json;
using service::Principal;

constexpr size_t kMaxSearchText = 200;  // characters of `q`

// ---- answers and errors shared by both resources

Response NotAllowed() {
  return http::Problem(403, "Bạn không có quyền làm việc này / you may not do this");
}
Response NoSuchPartner() {
  return http::Problem(404, "Không có đối tác này / no such partner");
}
Response NoSuchPlanItem() {
  return http::Problem(404, "Không có mục kế hoạch này / no such plan item");
}

void AddError(json* errors, std::string_view field, std::string_view vi, std::string_view en) {
  errors->push_back({{"field", field}, {"message", std::string(vi) + " / " + std::string(en)}});
}

void AddErrors(json* errors, const std::vector<workflow::FieldError>& found) {
  for (const auto& e : found) AddError(errors, e.field, e.message.vi, e.message.en);
}

Response Invalid(const json& errors) {
  return http::Problem(422, "Dữ liệu không hợp lệ / the request has invalid fields", errors);
}

template <class T>
json OrNull(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

// The query's parameters; the problem for a malformed query (400) or a parameter that is not
// in `allowed` (422: a typo in a filter should show, not silently list everything).
std::optional<Response> ReadQuery(const Request& request,
                                  std::initializer_list<std::string_view> allowed,
                                  std::map<std::string, std::string>* params) {
  if (Status s = http::ParseQuery(request.query, params); !s.ok())
    return http::Problem(400,
                         "Chuỗi truy vấn không hợp lệ / malformed query string: " + s.message());
  json errors = json::array();
  for (const auto& [name, value] : *params)
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end())
      AddError(&errors, name, "tham số không được hỗ trợ", "unknown query parameter");
  if (!errors.empty()) return Invalid(errors);
  return std::nullopt;
}

// A JSON integer narrowed to int, kept out of range when it is (so range checks still fail).
int ClampToInt(const json& v) {
  if (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(INT_MAX)) return INT_MAX;
  return static_cast<int>(std::clamp<int64_t>(v.get<int64_t>(), INT_MIN, INT_MAX));
}

// Members that may be null: set `out` when present with the right type, else name the field.
void ReadNullableString(const json& body, const char* field,
                        std::optional<std::optional<std::string>>* out, json* errors) {
  if (!body.contains(field)) return;
  const json& v = body.at(field);
  if (v.is_null())
    *out = std::optional<std::string>();
  else if (v.is_string())
    *out = std::optional<std::string>(v.get<std::string>());
  else
    AddError(errors, field, "phải là chuỗi hoặc null", "must be a string or null");
}

// A JSON integer as int64_t; one beyond its range becomes -1 (no id is negative).
int64_t ToInt64(const json& v) {
  if (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) return -1;
  return v.get<int64_t>();
}

template <class Int>
void ReadNullableInteger(const json& body, const char* field,
                         std::optional<std::optional<Int>>* out, json* errors) {
  if (!body.contains(field)) return;
  const json& v = body.at(field);
  if (v.is_null()) {
    *out = std::optional<Int>();
  } else if (!v.is_number_integer()) {
    AddError(errors, field, "phải là số nguyên hoặc null", "must be an integer or null");
  } else {
    if constexpr (std::is_same_v<Int, int>)
      *out = std::optional<int>(ClampToInt(v));
    else
      *out = std::optional<int64_t>(ToInt64(v));
  }
}

std::optional<store::Unit> UnitByCode(store::Db& db, const std::string& code) {
  for (auto& u : store::ListUnits(db))
    if (u.code == code) return u;
  return std::nullopt;
}

// ---- partners

json PartnerJson(const store::Partner& p) {
  return {{"id", p.id},           {"type", p.type},
          {"name_vi", p.name_vi}, {"name_en", p.name_en},
          {"acronym", p.acronym}, {"country", OrNull(p.country)},
          {"notes", p.notes},     {"created_at", p.created_at}};
}

json ActivityJson(const store::PartnerActivity& a) {
  return {{"id", a.id},
          {"ref", a.ref},
          {"kind", a.kind},
          {"title", a.title},
          {"state", a.state},
          {"unit", {{"id", a.unit_id}, {"code", a.unit_code}}},
          {"starts_on", OrNull(a.starts_on)},
          {"ends_on", OrNull(a.ends_on)}};
}

std::map<std::string, MemberSpec> PartnerSpec(bool creating) {
  return {{"type", {JsonType::kString, creating}},    {"name_vi", {JsonType::kString, creating}},
          {"name_en", {JsonType::kString, creating}}, {"acronym", {JsonType::kString, false}},
          {"country", {JsonType::kAny, false}},       {"notes", {JsonType::kString, false}}};
}

// The members of a partner body as a change; names and acronym lose surrounding spaces.
store::PartnerChange ReadPartnerChange(const json& body, json* errors) {
  store::PartnerChange c;
  auto text = [&](const char* field, std::optional<std::string>* out, bool trim) {
    if (!body.contains(field)) return;
    const std::string& s = body.at(field).get_ref<const std::string&>();
    *out = trim ? std::string(TrimAscii(s)) : s;
  };
  text("type", &c.type, false);
  text("name_vi", &c.name_vi, true);
  text("name_en", &c.name_en, true);
  text("acronym", &c.acronym, true);
  text("notes", &c.notes, false);
  ReadNullableString(body, "country", &c.country, errors);
  return c;
}

// ---- plan items

json PlanItemJson(const store::PlanItem& i) {
  json partner = nullptr;
  if (i.partner_id)
    partner = {{"id", *i.partner_id},
               {"acronym", i.partner_acronym},
               {"name_vi", i.partner_name_vi},
               {"name_en", i.partner_name_en}};
  json budget = nullptr;
  if (i.budget) budget = {{"amount", i.budget->amount}, {"currency", i.budget->currency}};
  return {{"id", i.id},
          {"unit", {{"id", i.unit_id}, {"code", i.unit_code}}},
          {"year", i.year},
          {"kind", i.kind},
          {"title", i.title},
          {"partner_id", OrNull(i.partner_id)},
          {"partner", partner},
          {"country", OrNull(i.country)},
          {"quarter", OrNull(i.quarter)},
          {"budget", budget},
          {"linked_proposals", i.linked_proposals},
          {"created_by", i.created_by},
          {"created_at", i.created_at}};
}

std::map<std::string, MemberSpec> PlanItemSpec(bool creating) {
  std::map<std::string, MemberSpec> spec{
      {"year", {JsonType::kInteger, creating}}, {"kind", {JsonType::kString, creating}},
      {"title", {JsonType::kString, creating}}, {"partner_id", {JsonType::kAny, false}},
      {"country", {JsonType::kAny, false}},     {"quarter", {JsonType::kAny, false}},
      {"budget", {JsonType::kAny, false}}};
  if (creating) spec.insert({"unit", {JsonType::kString, false}});
  return spec;
}

void ReadBudget(const json& body, std::optional<std::optional<store::Money>>* out, json* errors) {
  if (!body.contains("budget")) return;
  const json& v = body.at("budget");
  if (v.is_null()) {
    *out = std::optional<store::Money>();
    return;
  }
  if (!v.is_object() || v.size() != 2 || !v.contains("amount") || !v.contains("currency")) {
    AddError(errors, "budget", "phải có dạng {\"amount\": số, \"currency\": mã tiền tệ} hoặc null",
             "must be {\"amount\": a number, \"currency\": a currency code} or null");
    return;
  }
  const json& amount = v.at("amount");
  const json& currency = v.at("currency");
  if (!amount.is_number()) AddError(errors, "budget.amount", "phải là số", "must be a number");
  if (!currency.is_string())
    AddError(errors, "budget.currency", "phải là chuỗi", "must be a string");
  if (amount.is_number() && currency.is_string())
    *out = std::optional<store::Money>(
        store::Money{amount.get<double>(), currency.get<std::string>()});
}

// The members of a plan item body as a change; the title loses surrounding spaces.
store::PlanItemChange ReadPlanItemChange(const json& body, json* errors) {
  store::PlanItemChange c;
  if (body.contains("year")) c.year = ClampToInt(body.at("year"));
  if (body.contains("kind")) c.kind = body.at("kind").get<std::string>();
  if (body.contains("title"))
    c.title = std::string(TrimAscii(body.at("title").get_ref<const std::string&>()));
  ReadNullableInteger(body, "partner_id", &c.partner_id, errors);
  ReadNullableString(body, "country", &c.country, errors);
  ReadNullableInteger(body, "quarter", &c.quarter, errors);
  ReadBudget(body, &c.budget, errors);
  return c;
}

// Names partner_id when it is a well-formed id of no partner (the store checks it again when it
// writes; this is for the error list).
void CheckPartnerExists(AppContext& ctx, const std::optional<std::optional<int64_t>>& partner_id,
                        json* errors) {
  if (!partner_id || !*partner_id || **partner_id <= 0) return;
  auto db = ctx.database.Read();
  if (!store::PartnerExists(*db, **partner_id))
    AddError(errors, "partner_id", "không có đối tác này", "no such partner");
}

// The plan item of the request's {id} if this user may see it (404 otherwise, not telling
// whether it exists).
std::optional<store::PlanItem> VisiblePlanItem(AppContext& ctx, const Request& request,
                                               const Principal& p) {
  auto id = IdParam(request);
  if (!id) return std::nullopt;
  auto db = ctx.database.Read();
  auto item = store::FindPlanItem(*db, *id);
  if (!item || !service::CanSeePlan(p.user, item->unit_id)) return std::nullopt;
  return item;
}

}  // namespace

// ---- partners

Response ListPartners(AppContext& ctx, Request& request, const Principal&) {
  std::map<std::string, std::string> params;
  if (auto problem = ReadQuery(request, {"q", "type"}, &params)) return *problem;
  store::PartnerFilter filter;
  filter.q = params["q"];
  json errors = json::array();
  if (CodePointCount(filter.q) > kMaxSearchText)
    AddError(&errors, "q", "dài quá 200 ký tự", "is longer than 200 characters");
  if (!params["type"].empty()) {
    filter.type = params["type"];
    if (std::find(std::begin(store::kPartnerTypes), std::end(store::kPartnerTypes), *filter.type) ==
        std::end(store::kPartnerTypes))
      AddError(&errors, "type", "không có loại đối tác này", "no such type of partner");
  }
  if (!errors.empty()) return Invalid(errors);
  auto db = ctx.database.Read();
  json out = json::array();
  for (const auto& partner : store::ListPartners(*db, filter)) out.push_back(PartnerJson(partner));
  return http::Json(200, out);
}

Response GetPartner(AppContext& ctx, Request& request, const Principal& p) {
  auto id = IdParam(request);
  if (!id) return NoSuchPartner();
  auto db = ctx.database.Read();
  auto partner = store::FindPartner(*db, *id);
  if (!partner) return NoSuchPartner();
  // Staff and unit heads see their own unit's activities with this partner only (and, as a
  // deputy, those waiting for the leader's steps).
  const service::DeputySteps deputy = ctx.proposals.DeputyStepsOf(*db, p.user);
  std::optional<int64_t> only_unit;
  if (!service::SeesAllProposals(p.user) && deputy.rules.empty()) only_unit = p.user.unit_id;
  json activities = json::array();
  json counts = json::object();
  for (std::string_view kind : workflow::kKinds) counts[std::string(kind)] = 0;
  for (const auto& a : store::ListPartnerActivities(*db, *id, only_unit)) {
    if (!service::CanSeeProposal(p.user, deputy,
                                 {a.unit_id, a.kind, a.workflow_version, a.state, a.created_by}))
      continue;
    activities.push_back(ActivityJson(a));
    counts[a.kind] = counts.value(a.kind, 0) + 1;
  }
  json out = PartnerJson(*partner);
  out["activities"] = std::move(activities);
  out["activity_counts"] = std::move(counts);
  return http::Json(200, out);
}

Response CreatePartner(AppContext& ctx, Request& request, const Principal& p) {
  if (!service::CanManagePartners(p.user)) return NotAllowed();
  json body;
  if (auto problem = http::ParseJsonBody(request, PartnerSpec(true), &body)) return *problem;
  json errors = json::array();
  store::PartnerChange c = ReadPartnerChange(body, &errors);
  store::Partner partner;
  partner.type = *c.type;
  partner.name_vi = *c.name_vi;
  partner.name_en = *c.name_en;
  partner.acronym = c.acronym.value_or("");
  partner.country = c.country.value_or(std::nullopt);
  partner.notes = c.notes.value_or("");
  partner.created_by = p.user.id;
  partner.created_at = FormatRfc3339(ctx.clock.Now());
  AddErrors(&errors, store::CheckPartner(partner));
  if (!errors.empty()) return Invalid(errors);
  int64_t id = 0;
  if (Status s = ctx.writer.Run([&](store::Db& db) { return store::AddPartner(db, partner, &id); });
      !s.ok())
    return http::ProblemFromStatus(s);
  auto db = ctx.database.Read();
  Response r = http::Json(201, PartnerJson(*store::FindPartner(*db, id)));
  r.headers.Set("Location", "/api/partners/" + std::to_string(id));
  return r;
}

Response PatchPartner(AppContext& ctx, Request& request, const Principal& p) {
  if (!service::CanManagePartners(p.user)) return NotAllowed();
  auto id = IdParam(request);
  if (!id) return NoSuchPartner();
  {
    auto db = ctx.database.Read();
    if (!store::PartnerExists(*db, *id)) return NoSuchPartner();
  }
  json body;
  if (auto problem = http::ParseJsonBody(request, PartnerSpec(false), &body)) return *problem;
  json errors = json::array();
  store::PartnerChange change = ReadPartnerChange(body, &errors);
  AddErrors(&errors, store::CheckPartnerChange(change));
  if (!errors.empty()) return Invalid(errors);
  if (Status s =
          ctx.writer.Run([&](store::Db& db) { return store::UpdatePartner(db, *id, change); });
      !s.ok())
    return http::ProblemFromStatus(s);
  auto db = ctx.database.Read();
  return http::Json(200, PartnerJson(*store::FindPartner(*db, *id)));
}

// ---- plan items

Response ListPlanItems(AppContext& ctx, Request& request, const Principal& p) {
  std::map<std::string, std::string> params;
  if (auto problem = ReadQuery(request, {"year", "unit"}, &params)) return *problem;
  json errors = json::array();
  int64_t year = 0;
  if (!params.count("year")) {
    AddError(&errors, "year", "bắt buộc, ví dụ ?year=2026", "is required, e.g. ?year=2026");
  } else {
    const std::string& y = params["year"];
    auto [end, ec] = std::from_chars(y.data(), y.data() + y.size(), year);
    if (ec != std::errc() || end != y.data() + y.size() || year < store::kFirstPlanYear ||
        year > store::kLastPlanYear)
      AddError(&errors, "year", "phải là năm từ 2000 đến 2100", "must be a year from 2000 to 2100");
  }
  auto db = ctx.database.Read();
  std::optional<int64_t> only_unit;
  if (!params["unit"].empty()) {
    if (auto unit = UnitByCode(*db, params["unit"]))
      only_unit = unit->id;
    else
      AddError(&errors, "unit", "không có đơn vị này", "no such unit");
  }
  if (!errors.empty()) return Invalid(errors);
  if (only_unit && !service::CanSeePlan(p.user, *only_unit))
    return http::Problem(403,
                         "Bạn chỉ xem được kế hoạch của đơn vị mình / you see only your own "
                         "unit's plan");
  if (!only_unit && !service::SeesAllPlans(p.user)) only_unit = p.user.unit_id;
  json out = json::array();
  for (const auto& item : store::ListPlanItems(*db, static_cast<int>(year), only_unit))
    if (service::CanSeePlan(p.user, item.unit_id)) out.push_back(PlanItemJson(item));
  return http::Json(200, out);
}

Response GetPlanItem(AppContext& ctx, Request& request, const Principal& p) {
  auto item = VisiblePlanItem(ctx, request, p);
  if (!item) return NoSuchPlanItem();
  return http::Json(200, PlanItemJson(*item));
}

Response CreatePlanItem(AppContext& ctx, Request& request, const Principal& p) {
  // Whoever may plan for no unit at all (not even their own) is refused before anything else.
  if (!service::CanManagePlan(p.user, p.user.unit_id)) return NotAllowed();
  json body;
  if (auto problem = http::ParseJsonBody(request, PlanItemSpec(true), &body)) return *problem;
  int64_t unit_id = p.user.unit_id;
  if (body.contains("unit")) {
    auto db = ctx.database.Read();
    auto unit = UnitByCode(*db, body["unit"].get<std::string>());
    if (!unit) {
      json errors = json::array();
      AddError(&errors, "unit", "không có đơn vị này", "no such unit");
      return Invalid(errors);
    }
    unit_id = unit->id;
  }
  if (!service::CanManagePlan(p.user, unit_id))
    return http::Problem(403,
                         "Bạn chỉ lập kế hoạch cho đơn vị mình / you may plan only for your "
                         "own unit");
  json errors = json::array();
  store::PlanItemChange c = ReadPlanItemChange(body, &errors);
  store::PlanItem item;
  item.unit_id = unit_id;
  item.year = *c.year;
  item.kind = *c.kind;
  item.title = *c.title;
  item.partner_id = c.partner_id.value_or(std::nullopt);
  item.country = c.country.value_or(std::nullopt);
  item.quarter = c.quarter.value_or(std::nullopt);
  item.budget = c.budget.value_or(std::nullopt);
  item.created_by = p.user.id;
  item.created_at = FormatRfc3339(ctx.clock.Now());
  AddErrors(&errors, store::CheckPlanItem(item));
  CheckPartnerExists(ctx, c.partner_id, &errors);
  if (!errors.empty()) return Invalid(errors);
  int64_t id = 0;
  if (Status s = ctx.writer.Run([&](store::Db& db) { return store::AddPlanItem(db, item, &id); });
      !s.ok())
    return http::ProblemFromStatus(s);
  auto db = ctx.database.Read();
  Response r = http::Json(201, PlanItemJson(*store::FindPlanItem(*db, id)));
  r.headers.Set("Location", "/api/plan-items/" + std::to_string(id));
  return r;
}

Response PatchPlanItem(AppContext& ctx, Request& request, const Principal& p) {
  auto item = VisiblePlanItem(ctx, request, p);
  if (!item) return NoSuchPlanItem();
  if (!service::CanManagePlan(p.user, item->unit_id)) return NotAllowed();
  json body;
  if (auto problem = http::ParseJsonBody(request, PlanItemSpec(false), &body)) return *problem;
  json errors = json::array();
  store::PlanItemChange change = ReadPlanItemChange(body, &errors);
  AddErrors(&errors, store::CheckPlanItemChange(change));
  CheckPartnerExists(ctx, change.partner_id, &errors);
  if (!errors.empty()) return Invalid(errors);
  if (Status s = ctx.writer.Run(
          [&](store::Db& db) { return store::UpdatePlanItem(db, item->id, change); });
      !s.ok())
    return http::ProblemFromStatus(s);
  auto db = ctx.database.Read();
  return http::Json(200, PlanItemJson(*store::FindPlanItem(*db, item->id)));
}

Response DeletePlanItem(AppContext& ctx, Request& request, const Principal& p) {
  auto item = VisiblePlanItem(ctx, request, p);
  if (!item) return NoSuchPlanItem();
  if (!service::CanManagePlan(p.user, item->unit_id)) return NotAllowed();
  if (Status s = ctx.writer.Run([&](store::Db& db) { return store::DeletePlanItem(db, item->id); });
      !s.ok())
    return http::ProblemFromStatus(s);
  Response r;
  r.status = 204;
  return r;
}

}  // namespace attache::api
