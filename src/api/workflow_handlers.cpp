#include "attache/api/workflow_handlers.h"

#include "attache/http/problem.h"

namespace attache::api {
namespace {

nlohmann::json DefinitionJson(int version, const workflow::Definition& def) {
  nlohmann::json j = def.json;
  j["version"] = version;
  return j;
}

}  // namespace

http::Response ListWorkflows(AppContext& ctx, http::Request&, const service::Principal&) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [version, def] : ctx.workflows.AllCurrent())
    out.push_back(DefinitionJson(version, *def));
  return http::Json(200, out);
}

http::Response GetWorkflow(AppContext& ctx, http::Request& request, const service::Principal&) {
  const std::string& kind = request.params.at("kind");
  auto def = ctx.workflows.Current(kind);
  if (!def)
    return http::Problem(404, "Không có loại hồ sơ này / no such kind of proposal: " + kind);
  return http::Json(200, DefinitionJson(ctx.workflows.CurrentVersion(kind), *def));
}

}  // namespace attache::api
