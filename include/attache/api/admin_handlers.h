// Reference data and administration: units, users (admin), deputies' authorisations.
#pragma once

#include "attache/api/routes.h"

namespace attache::api {

using service::Principal;

http::Response ListUnits(AppContext& ctx, http::Request& request, const Principal& p);
// Units: administrators add and rename them (POST /api/units, PATCH /api/units/{id}).
http::Response CreateUnit(AppContext& ctx, http::Request& request, const Principal& p);
http::Response PatchUnit(AppContext& ctx, http::Request& request, const Principal& p);
http::Response ListUsers(AppContext& ctx, http::Request& request, const Principal& p);
http::Response CreateUser(AppContext& ctx, http::Request& request, const Principal& p);
http::Response PatchUser(AppContext& ctx, http::Request& request, const Principal& p);
http::Response ListAuthorisations(AppContext& ctx, http::Request& request, const Principal& p);
// The active users a leader may name as deputy (leaders and admins; others 403): the people
// directory the deputies form needs, since the user list is for administrators only.
http::Response ListDeputyCandidates(AppContext& ctx, http::Request& request, const Principal& p);
http::Response CreateAuthorisation(AppContext& ctx, http::Request& request, const Principal& p);
http::Response RevokeAuthorisation(AppContext& ctx, http::Request& request, const Principal& p);
// POST /api/admin/reminders/run (admin): looks for reminders now instead of at the next tick,
// and says what it found, raised and cleared.
http::Response RunReminders(AppContext& ctx, http::Request& request, const Principal& p);

}  // namespace attache::api
