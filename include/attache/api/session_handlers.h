// Handlers of the session contract in API.md: log in, who am I, log out.
#pragma once

#include <nlohmann/json.hpp>

#include "attache/api/routes.h"

namespace attache::api {

// The user as the API shows it: id, username, display_name, unit {id, code, name {vi, en}},
// roles, acting_for (leaders this user may act for today as their deputy).
nlohmann::json UserJson(AppContext& ctx, const store::User& user);

http::Response Login(AppContext& ctx, http::Request& request);
http::Response GetSession(AppContext& ctx, http::Request& request, const service::Principal& p);
http::Response Logout(AppContext& ctx, http::Request& request, const service::Principal& p);
http::Response Me(AppContext& ctx, http::Request& request, const service::Principal& p);

}  // namespace attache::api
