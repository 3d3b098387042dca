#include "attache/api/api_document.h"

#include <fstream>
#include <sstream>

#include "attache/core/hash.h"
#include "attache/http/problem.h"
#include "attache/http/static_files.h"

namespace attache::api {

Status ApiDocument::Load(const std::filesystem::path& file, ApiDocument* out) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    return Status::NotFound("the OpenAPI document " + file.string() + " is missing");
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in || bytes.str().empty())
    return Status::Internal("cannot read the OpenAPI document " + file.string());
  out->bytes_ = bytes.str();
  // The same form of ETag as the static files': the first 128 bits of the SHA-256, quoted.
  out->etag_.assign(1, '"').append(Sha256Hex(out->bytes_), 0, 32).push_back('"');
  return Status::Ok();
}

http::Response ApiDocument::Serve(const http::Request& request) const {
  if (bytes_.empty()) return http::Problem(503, "the OpenAPI document was not loaded");
  http::Response r;
  r.headers.Set("ETag", etag_);
  r.headers.Set("Cache-Control", "no-cache");
  if (http::EtagMatches(request.headers.Get("If-None-Match"), etag_)) {
    r.status = 304;
    return r;
  }
  r.headers.Set("Content-Type", "application/yaml; charset=utf-8");
  r.body = bytes_;
  return r;
}

}  // namespace attache::api
