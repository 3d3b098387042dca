// The authentication and CSRF step every non-public API route passes through: it either
// answers the request (401, 403) or hands the principal to the handler.
//  - `Authorization: Bearer <token>` (API tokens) needs no CSRF header;
//  - the session cookie needs, on every state-changing method, `X-CSRF-Token` equal to the
//    session's and, when an `Origin` header is present, an Origin of this same host. Where the
//    browser accepts Secure cookies (over HTTPS, or on a loopback host name) only
//    `__Host-attache_session` is accepted, which no sibling subdomain nor plain-HTTP page can
//    set (cookie tossing); elsewhere (plain HTTP on a network address) only `attache_session`.
#pragma once

#include <string>

#include "attache/api/routes.h"

namespace attache::api {

// The value of cookie `name` in a Cookie header, or empty.
std::string CookieValue(std::string_view header, std::string_view name);

// True when the request reached us over HTTPS (as a trusted proxy says, http/forwarded.h) or on
// a loopback host name, where browsers accept Secure and __Host- cookies.
bool SecureContext(const http::Request& request);

// The full name of a cookie of ours: "__Host-attache_" + name in a secure context, else
// "attache_" + name.
std::string CookieName(const http::Request& request, std::string_view name);

// Set-Cookie value that stores (or, with an empty token, clears) the session cookie.
std::string SessionCookie(const http::Request& request, const std::string& token,
                          std::chrono::seconds max_age);

// Set-Cookie value of a device cookie (service/device_cookies.h): named `name` (without
// prefix), kept a year, sent to this host only.
std::string DeviceCookie(const http::Request& request, const std::string& name,
                         const std::string& value);

// Wraps a handler with authentication and the CSRF/Origin check.
http::Handler Authed(AppContext& ctx, AuthedHandler handler);

}  // namespace attache::api
