#include "attache/http/problem.h"

namespace attache::http {
namespace {

std::string_view Slug(int status) {
  switch (status) {
    case 400: return "bad-request";
    case 401: return "unauthenticated";
    case 403: return "forbidden";
    case 404: return "not-found";
    case 405: return "method-not-allowed";
    case 409: return "conflict";
    case 412: return "precondition-failed";
    case 413: return "payload-too-large";
    case 415: return "unsupported-media-type";
    case 422: return "unprocessable";
    case 429: return "too-many-requests";
    case 431: return "header-too-large";
    case 503: return "unavailable";
    default: return status >= 500 ? "server-error" : "client-error";
  }
}

}  // namespace

std::string SafeDump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "";
  }
}

Response Problem(int status, std::string_view detail, const nlohmann::json& errors) {
  nlohmann::json body = {{"type", "urn:attache:problem:" + std::string(Slug(status))},
                         {"title", ReasonPhrase(status)},
                         {"status", status},
                         {"detail", detail}};
  if (!errors.empty()) body["errors"] = errors;
  Response r;
  r.status = status;
  r.headers.Set("Content-Type", "application/problem+json; charset=utf-8");
  r.body = SafeDump(body);
  return r;
}

Response ProblemFromStatus(const Status& status) {
  switch (status.code()) {
    case Status::Code::kInvalidArgument: return Problem(422, status.message());
    case Status::Code::kNotFound: return Problem(404, status.message());
    case Status::Code::kConflict: return Problem(409, status.message());
    case Status::Code::kFailedPrecondition: return Problem(412, status.message());
    case Status::Code::kPermissionDenied: return Problem(403, status.message());
    case Status::Code::kUnavailable: return Problem(503, status.message());
    default: return Problem(500, "internal error");
  }
}

Response Json(int status, const nlohmann::json& body) {
  Response r;
  r.status = status;
  r.headers.Set("Content-Type", "application/json; charset=utf-8");
  r.body = SafeDump(body);
  return r;
}

Response CsvAttachment(std::string body, const std::string& filename) {
  Response r;
  r.status = 200;
  r.body = std::move(body);
  r.headers.Set("Content-Type", "text/csv; charset=utf-8");
  r.headers.Set("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  r.headers.Set("Cache-Control", "no-store");
  return r;
}

}  // namespace attache::http
