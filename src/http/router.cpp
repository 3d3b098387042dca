#include "attache/http/router.h"

#include "attache/http/metrics.h"
#include "attache/http/path.h"
#include "attache/http/problem.h"

namespace attache::http {
namespace {

bool IsApi(std::string_view path) { return path == "/api" || path.starts_with("/api/"); }

// Matches `path` against `pattern` segment by segment; {name} captures a decoded segment.
bool MatchPattern(std::string_view pattern, std::string_view path,
                  std::map<std::string, std::string>* params) {
  params->clear();
  while (true) {
    if (pattern.empty() || path.empty()) return pattern.empty() && path.empty();
    if (pattern.front() != '/' || path.front() != '/') return false;
    pattern.remove_prefix(1);
    path.remove_prefix(1);
    size_t pe = pattern.find('/');
    size_t se = path.find('/');
    std::string_view pseg = pattern.substr(0, pe);
    std::string_view sseg = path.substr(0, se);
    if (pseg.size() > 2 && pseg.front() == '{' && pseg.back() == '}') {
      std::string value;
      if (sseg.empty() || !PercentDecode(sseg, &value).ok()) return false;
      (*params)[std::string(pseg.substr(1, pseg.size() - 2))] = std::move(value);
    } else if (pseg != sseg) {
      return false;
    }
    pattern = pe == std::string_view::npos ? std::string_view{} : pattern.substr(pe);
    path = se == std::string_view::npos ? std::string_view{} : path.substr(se);
  }
}

// The first segment of a path or pattern, still percent-encoded: "api" for "/api/x".
std::string_view FirstSegment(std::string_view path) {
  if (path.empty() || path.front() != '/') return path;
  path.remove_prefix(1);
  return path.substr(0, path.find('/'));
}

bool IsParameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

void Router::Add(Route route) {
  const size_t index = routes_.size();
  std::string_view first = FirstSegment(route.pattern);
  if (IsParameter(first)) {
    for (auto& [segment, indexes] : by_first_segment_) indexes.push_back(index);
    any_first_segment_.push_back(index);
  } else {
    auto [it, added] = by_first_segment_.try_emplace(std::string(first), any_first_segment_);
    it->second.push_back(index);
  }
  routes_.push_back(std::move(route));
}

const Route* Router::Find(std::string_view method, std::string_view path,
                          std::map<std::string, std::string>* params, std::string* allow) const {
  allow->clear();
  std::map<std::string, std::string> scratch;
  const Route* found = nullptr;
  // Only routes whose first segment is the path's (or a parameter) can match; in table order.
  auto bucket = by_first_segment_.find(FirstSegment(path));
  const std::vector<size_t>& candidates =
      bucket == by_first_segment_.end() ? any_first_segment_ : bucket->second;
  for (size_t index : candidates) {
    const Route& r = routes_[index];
    if (!MatchPattern(r.pattern, path, &scratch)) continue;
    bool same = r.method == method || (method == "HEAD" && r.method == "GET");
    if (same && !found) {
      found = &r;
      *params = scratch;
    }
    if (allow->find(r.method) == std::string::npos) {
      if (!allow->empty()) *allow += ", ";
      *allow += r.method;
    }
  }
  return found;
}

BodyPolicy Router::BodyFor(std::string_view method, std::string_view path) const {
  std::map<std::string, std::string> params;
  std::string allow;
  if (const Route* r = Find(method, path, &params, &allow))
    return {r->body_limit, r->body_to_file, r->pattern};
  bool api = IsApi(path);
  bool to_fallback = !api && allow.empty() && fallback_;
  return {api ? kDefaultBodyLimit : 0, false,
          to_fallback ? RequestMetrics::kStaticRoute : RequestMetrics::kNoRoute};
}

Response Router::Handle(Request& request) const {
  std::string allow;
  if (const Route* r = Find(request.method, request.path, &request.params, &allow))
    return r->handler(request);
  if (!allow.empty()) {
    Response res = Problem(405, "method " + request.method + " is not allowed on this path");
    res.headers.Set("Allow", allow);
    return res;
  }
  if (IsApi(request.path) || !fallback_) return Problem(404, "no such resource");
  return fallback_(request);
}

}  // namespace attache::http
