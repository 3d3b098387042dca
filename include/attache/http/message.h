// Plain HTTP request and response values that handlers see. They know nothing of sockets or
// Beast, so a handler is a function from Request to Response that a unit test can call.
// Thread-safety: values; distinct objects may be used from distinct threads.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace attache::http {

// Header fields in arrival order; names compare case-insensitively.
class Headers {
 public:
  void Add(std::string name, std::string value) {
    fields_.emplace_back(std::move(name), std::move(value));
  }
  // Replaces every field of that name with one.
  void Set(std::string_view name, std::string value);
  // The first value of `name`, or empty when absent.
  std::string_view Get(std::string_view name) const;
  bool Has(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// `s` without the optional white space (spaces and tabs, RFC 9110 5.6.3) at either end.
std::string_view TrimOws(std::string_view s);

struct Request {
  std::string method;   // "GET", "POST", ...
  std::string target;   // as sent: path and query, percent-encoded
  std::string path;     // the target up to '?', still percent-encoded
  std::string query;    // after '?', without it
  Headers headers;
  std::string body;
  // For routes that stream their body to disk: the file holding it (deleted after the
  // handler returns, unless the handler moved it away). Empty otherwise.
  std::filesystem::path body_file;
  std::string remote;   // client address (forwarded.h: behind a trusted proxy, the proxy's client)
  bool https = false;   // reached us over HTTPS, as a trusted proxy says (forwarded.h)
  std::string request_id;
  std::map<std::string, std::string> params;  // from the route pattern, e.g. {id}
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  // When set, the body sent is *shared_body and `body` is ignored: a cache hands out its
  // immutable bytes without copying them for each request. The server holds the pointer until
  // the body is written.
  std::shared_ptr<const std::string> shared_body;
  // When true the connection is closed after this response.
  bool close = false;

  // The body to send, from whichever member holds it.
  std::string_view body_view() const { return shared_body ? *shared_body : body; }
};

}  // namespace attache::http
