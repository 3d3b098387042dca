// GET /api/workflows and /api/workflows/{kind}: the current definition of each kind, as its
// JSON plus "version", for every logged-in user (the UI builds its forms from them).
#pragma once

#include "attache/api/routes.h"

namespace attache::api {

http::Response ListWorkflows(AppContext& ctx, http::Request& request, const service::Principal& p);
http::Response GetWorkflow(AppContext& ctx, http::Request& request, const service::Principal& p);

}  // namespace attache::api
