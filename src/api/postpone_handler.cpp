// Plan B (issue 9): ICD postpones a set of approved activities in one action.
#include <set>

#include "attache/api/params.h"
#include "attache/api/proposal_handlers.h"
#include "attache/http/json_body.h"
#include "attache/http/problem.h"

namespace attache::api {
namespace {

using http::JsonType;
using http::Request;
using http::Response;
using nlohmann::json;

constexpr size_t kMaxProposals = 200;
constexpr size_t kMaxReason = 2000;

json Error(std::optional<int64_t> id, std::string_view field, std::string_view vi,
           std::string_view en) {
  json e = {{"message", std::string(vi) + (en.empty() ? "" : " / " + std::string(en))}};
  if (id) e["id"] = *id;
  e["field"] = field.empty() ? "ids" : field;  // a proposal's own refusal is about its id
  return e;
}

// Why a step was refused, each reason in Vietnamese and English.
std::string Reasons(const service::Refusal& refusal, const Status& s) {
  std::string out;
  for (const auto& r : refusal.reasons)
    out += (out.empty() ? "" : "; ") + r.message.vi + " / " + r.message.en;
  for (const auto& f : refusal.field_errors)
    out += (out.empty() ? "" : "; ") + f.field + ": " + f.message.vi + " / " + f.message.en;
  return out.empty() ? s.message() : out;
}

}  // namespace

Response PostponeProposals(AppContext& ctx, Request& request, const service::Principal& p) {
  json body;
  if (auto problem = http::ParseJsonBody(request,
                                         {{"ids", {JsonType::kArray, true}},
                                          {"reason", {JsonType::kString, true}},
                                          {"new_dates", {JsonType::kObject, false}},
                                          {"to_be_decided", {JsonType::kBoolean, false}},
                                          {"online", {JsonType::kBoolean, false}}},
                                         &body))
    return *problem;
  json errors = json::array();
  std::vector<int64_t> ids;
  std::set<int64_t> seen;
  for (const json& v : body["ids"]) {
    if (!v.is_number_integer() || v.get<int64_t>() <= 0) {
      errors.push_back(Error(std::nullopt, "ids", "phải là các mã hồ sơ", "must be proposal ids"));
      break;
    }
    if (seen.insert(v.get<int64_t>()).second) ids.push_back(v.get<int64_t>());
  }
  if (ids.empty() || ids.size() > kMaxProposals)
    errors.push_back(Error(std::nullopt, "ids", "chọn từ 1 đến 200 hồ sơ", "choose 1 to 200 proposals"));
  const std::string reason = body["reason"];
  if (reason.empty() || reason.size() > kMaxReason)
    errors.push_back(Error(std::nullopt, "reason", "nêu lý do (tối đa 2.000 ký tự)",
                           "give a reason (at most 2,000 characters)"));
  const bool to_be_decided = body.value("to_be_decided", false);
  const bool online = body.value("online", false);
  const json new_dates = body.value("new_dates", json::object());
  if (to_be_decided && !new_dates.empty())
    errors.push_back(Error(std::nullopt, "new_dates", "ngày mới hoặc “chưa xác định”, không cả hai",
                           "new dates or to be decided, not both"));
  for (const auto& [key, value] : new_dates.items()) {
    auto id = ParseId(key);
    if (!id || !seen.count(*id) || !value.is_object())
      errors.push_back(Error(std::nullopt, "new_dates",
                             "khóa phải là mã của hồ sơ được chọn, giá trị là các ngày",
                             "keys are ids of the chosen proposals, values their dates"));
  }
  if (!errors.empty())
    return http::Problem(422, "Dữ liệu không hợp lệ / the request has invalid fields", errors);

  json done = json::array();
  Status s = ctx.writer.Run([&](store::Db& db) {
    done = json::array();
    for (int64_t id : ids) {
      store::ProposalRow row;
      if (!ctx.proposals.Load(db, p.user, id, &row).ok()) {
        errors.push_back(Error(id, "", "không tìm thấy hồ sơ", "no such proposal"));
        continue;
      }
      auto def = ctx.workflows.Version(row.kind, row.workflow_version);
      const workflow::TransitionDef* step = def ? def->Transition(row.state, "postpone") : nullptr;
      if (!step) {
        errors.push_back(Error(id, "", "hồ sơ ở bước này không hoãn được",
                               "cannot be postponed at its current step"));
        continue;
      }
      service::ActRequest act{id, row.version, {"postpone", reason, json::object()}};
      for (const std::string& field : step->input_fields) {
        const workflow::FieldDef* f = def->Field(field);
        if (to_be_decided && f && f->type == workflow::FieldType::kDate) act.step.fields[field] = nullptr;
        if (online && field == "format") act.step.fields[field] = "online";
      }
      if (auto it = new_dates.find(std::to_string(id)); it != new_dates.end()) {
        for (const auto& [field, value] : it->items()) {
          if (std::find(step->input_fields.begin(), step->input_fields.end(), field) ==
              step->input_fields.end()) {
            errors.push_back(Error(id, field, "không phải ngày của bước hoãn",
                                   "not a date the postponement takes"));
            continue;
          }
          act.step.fields[field] = value;
        }
      }
      if (online && std::find(step->input_fields.begin(), step->input_fields.end(), "format") ==
                        step->input_fields.end())
        act.step.comment = reason + " (chuyển sang hình thức trực tuyến / moved online)";
      store::ProposalRow after;
      service::Refusal refusal;
      Status acted = ActAndNotify(ctx, db, p, act, &after, &refusal);
      if (!acted.ok()) {
        errors.push_back(Error(id, "", Reasons(refusal, acted), ""));
        continue;
      }
      done.push_back({{"id", id}, {"ref", after.ref}, {"state", after.state},
                      {"version", after.version}});
    }
    // All or nothing: one refusal undoes the others (the writer rolls this job back).
    return errors.empty() ? Status::Ok() : Status::FailedPrecondition("some cannot be postponed");
  });
  if (!errors.empty())
    return http::Problem(422, "Không hoãn được; chưa hồ sơ nào thay đổi / nothing was postponed",
                         errors);
  if (!s.ok()) return http::ProblemFromStatus(s);
  return http::Json(200, {{"postponed", done}});
}

}  // namespace attache::api
