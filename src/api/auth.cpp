#include "attache/api/auth.h"

#include <sodium.h>

#include "attache/http/problem.h"

namespace attache::api {
namespace {

using http::Request;
using http::Response;

bool StateChanging(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// The Host header without its port, lower-cased.
std::string HostName(std::string_view host) {
  if (!host.empty() && host.front() == '[') host = host.substr(0, host.find(']') + 1);
  else host = host.substr(0, host.rfind(':') == std::string_view::npos ? host.size() : host.rfind(':'));
  std::string out(host);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// An Origin is same-origin when it is http(s):// followed by exactly our Host header.
bool SameOrigin(std::string_view origin, std::string_view host) {
  if (host.empty()) return false;
  for (std::string_view scheme : {"https://", "http://"})
    if (origin.starts_with(scheme) && origin.substr(scheme.size()) == host) return true;
  return false;
}

}  // namespace

std::string CookieValue(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    size_t semi = header.find(';');
    std::string_view pair = header.substr(0, semi);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.substr(0, name.size()) == name && pair[name.size()] == '=')
      return std::string(pair.substr(name.size() + 1));
    if (semi == std::string_view::npos) break;
    header.remove_prefix(semi + 1);
  }
  return {};
}

bool SecureContext(const Request& request) {
  if (request.https) return true;
  std::string host = HostName(request.headers.Get("Host"));
  return host == "localhost" || host == "127.0.0.1" || host == "[::1]" || host.ends_with(".localhost");
}

std::string CookieName(const Request& request, std::string_view name) {
  return (SecureContext(request) ? "__Host-attache_" : "attache_") + std::string(name);
}

namespace {

// A cookie for this host only (Path=/, no Domain: what __Host- requires), out of scripts' reach
// and never sent with another site's request; Secure where the browser accepts it.
std::string HostCookie(const Request& request, std::string_view name, const std::string& value,
                       std::chrono::seconds max_age) {
  std::string c = CookieName(request, name) + "=" + value +
                  "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age.count());
  if (SecureContext(request)) c += "; Secure";
  return c;
}

}  // namespace

std::string SessionCookie(const Request& request, const std::string& token,
                          std::chrono::seconds max_age) {
  return HostCookie(request, "session", token, token.empty() ? std::chrono::seconds(0) : max_age);
}

std::string DeviceCookie(const Request& request, const std::string& name,
                         const std::string& value) {
  return HostCookie(request, name, value, std::chrono::hours(24 * 365));
}

http::Handler Authed(AppContext& ctx, AuthedHandler handler) {
  return [&ctx, handler = std::move(handler)](Request& request) -> Response {
    service::Principal principal;
    std::string_view auth = request.headers.Get("Authorization");
    if (!auth.empty()) {
      if (!auth.starts_with("Bearer ") ||
          !ctx.accounts.AuthenticateBearer(auth.substr(7), &principal).ok())
        return http::Problem(401, "Chưa đăng nhập hoặc mã truy cập không hợp lệ / not logged in or invalid token");
      return handler(ctx, request, principal);
    }
    // Only the cookie the context allows: a plain one beside a __Host- one could have been
    // planted by a sibling subdomain or a plain-HTTP page.
    std::string token = CookieValue(request.headers.Get("Cookie"), CookieName(request, "session"));
    if (token.empty() || !ctx.accounts.AuthenticateSession(token, &principal).ok())
      return http::Problem(401, "Phiên làm việc đã hết hoặc chưa đăng nhập / not logged in or the session has expired");
    if (StateChanging(request.method)) {
      if (!ConstantTimeEquals(request.headers.Get("X-CSRF-Token"), principal.csrf_token))
        return http::Problem(403, "Thiếu hoặc sai mã chống giả mạo (X-CSRF-Token) / missing or wrong X-CSRF-Token");
      std::string_view origin = request.headers.Get("Origin");
      if (request.headers.Has("Origin") && !SameOrigin(origin, request.headers.Get("Host")))
        return http::Problem(403, "Yêu cầu từ trang khác bị từ chối / cross-origin request refused");
    }
    return handler(ctx, request, principal);
  };
}

}  // namespace attache::api
