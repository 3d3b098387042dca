// Partners and units' annual plans: GET|POST /api/partners, GET|PATCH /api/partners/{id} (the
// partner with the activities the caller may see), GET|POST /api/plan-items?year=&unit=, and
// GET|PATCH|DELETE /api/plan-items/{id}. Who may do what is service/policy.h's.
#pragma once

#include "attache/api/routes.h"

namespace attache::api {

http::Response ListPartners(AppContext& ctx, http::Request& request, const service::Principal& p);
http::Response GetPartner(AppContext& ctx, http::Request& request, const service::Principal& p);
http::Response CreatePartner(AppContext& ctx, http::Request& request, const service::Principal& p);
http::Response PatchPartner(AppContext& ctx, http::Request& request, const service::Principal& p);

http::Response ListPlanItems(AppContext& ctx, http::Request& request, const service::Principal& p);
http::Response GetPlanItem(AppContext& ctx, http::Request& request, const service::Principal& p);
http::Response CreatePlanItem(AppContext& ctx, http::Request& request, const service::Principal& p);
http::Response PatchPlanItem(AppContext& ctx, http::Request& request, const service::Principal& p);
http::Response DeletePlanItem(AppContext& ctx, http::Request& request, const service::Principal& p);

}  // namespace attache::api
