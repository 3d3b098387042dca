// The route table: method, path pattern, body limit and handler, in one visible list built by
// the application (src/api/routes.cpp). Paths under /api that match no route get a 404
// problem; a path that matches with another method gets 405 with Allow. Everything else goes
// to the fallback (the static files).
// Thread-safety: build it on one thread, then Find/Handle may be called from any thread.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "attache/http/message.h"

namespace attache::http {

using Handler = std::function<Response(Request&)>;

struct Route {
  std::string method;    // "GET", "POST", ...
  std::string pattern;   // "/api/proposals/{id}": a {name} matches one non-empty segment
  size_t body_limit = 0; // largest body accepted, in bytes; larger gets 413
  Handler handler;
  // Large bodies (uploads) are streamed to a file (Request::body_file), never held in memory.
  bool body_to_file = false;
};

struct BodyPolicy {
  size_t limit = 0;
  bool to_file = false;
  // The label the request is counted under in metrics: the route's pattern, "static" for the
  // fallback, "none" when no route takes the method and path (404, 405).
  std::string route;
};

class Router {
 public:
  // Bodies sent to paths with no route (which are refused anyway) are read up to this size.
  static constexpr size_t kDefaultBodyLimit = 64 * 1024;

  void Add(Route route);
  void SetFallback(Handler handler) { fallback_ = std::move(handler); }

  // The body limit for a request with this method and (percent-encoded) path.
  size_t BodyLimit(std::string_view method, std::string_view path) const {
    return BodyFor(method, path).limit;
  }
  BodyPolicy BodyFor(std::string_view method, std::string_view path) const;

  // Routes the request: fills `request.params` and calls the handler; answers 404/405 itself.
  Response Handle(Request& request) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  const Route* Find(std::string_view method, std::string_view path,
                    std::map<std::string, std::string>* params, std::string* allow) const;

  std::vector<Route> routes_;
  // Indexes into routes_, in table order, by the literal first segment of their pattern; each
  // list also holds the routes whose first segment is a parameter, which alone make
  // any_first_segment_. Find looks only at these, not at the whole table.
  std::map<std::string, std::vector<size_t>, std::less<>> by_first_segment_;
  std::vector<size_t> any_first_segment_;
  Handler fallback_;
};

}  // namespace attache::http
