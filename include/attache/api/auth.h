// The authentication and CSRF step every non-public API route passes through: it either
// answers the request (401, 403) or hands the principal to the handler.
//  - `Authorization: Bearer <token>` (API tokens) needs no CSRF header;
//  - the session cookie (`__Host-attache_session` where the browser accepts Secure cookies,
//    else `attache_session`) needs, on every state-changing method, `X-CSRF-Token` equal to
//    the session's and, when an `Origin` header is present, an Origin of this same host.
#pragma once

#include <string>

#include "attache/api/routes.h"

namespace attache::api {

inline constexpr const char* kSecureCookie = "__Host-attache_session";
inline constexpr const char* kPlainCookie = "attache_session";

// The value of cookie `name` in a Cookie header, or empty.
std::string CookieValue(std::string_view header, std::string_view name);

// True when the request reached us over HTTPS (as the proxy says) or on a loopback host name,
// where browsers accept Secure and __Host- cookies.
bool SecureContext(const http::Request& request);

// Set-Cookie value that stores (or, with an empty token, clears) the session cookie.
std::string SessionCookie(const http::Request& request, const std::string& token,
                          std::chrono::seconds max_age);

// Wraps a handler with authentication and the CSRF/Origin check.
http::Handler Authed(AppContext& ctx, AuthedHandler handler);

}  // namespace attache::api
