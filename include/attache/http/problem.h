// RFC 9457 problem responses: the one place that turns an error into an HTTP answer.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "attache/core/status.h"
#include "attache/http/message.h"

namespace attache::http {

// A problem+json response. `type` becomes "urn:attache:problem:<slug>" where slug is derived
// from the status (not-found, conflict, ...); `errors` is an array of {field, message}.
Response Problem(int status, std::string_view detail,
                 const nlohmann::json& errors = nlohmann::json::array());

// Maps a Status to its HTTP status (InvalidArgument 422, NotFound 404, Conflict 409,
// FailedPrecondition 412,
// PermissionDenied 403, Unavailable 503, others 500) and its problem response.
Response ProblemFromStatus(const Status& status);

// The standard reason phrase of an HTTP status, e.g. "Not Found".
std::string_view ReasonPhrase(int status);

// JSON text of `j` that never throws on invalid UTF-8 (it is replaced by U+FFFD): what every
// JSON answer is written with.
std::string SafeDump(const nlohmann::json& j);

// A JSON response with the given status and body.
Response Json(int status, const nlohmann::json& body);

// A CSV file to save (every export: text/csv, UTF-8), 200, as an attachment named `filename`
// (ASCII), never cached. Its cells are written with core/csv.h's CsvCell.
Response CsvAttachment(std::string body, const std::string& filename);

}  // namespace attache::http
