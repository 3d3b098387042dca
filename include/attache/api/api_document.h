// The OpenAPI document of the HTTP API (schema/openapi.yaml): read once at start and served
// as it is, byte for byte, at GET /api/openapi.yaml to anyone (no session needed).
// Thread-safety: immutable once loaded; Serve may be called from any thread.
#pragma once

#include <filesystem>
#include <string>

#include "attache/core/status.h"
#include "attache/http/message.h"

namespace attache::api {

class ApiDocument {
 public:
  // An empty document: Serve answers 503 (commands that build the router but serve nothing).
  ApiDocument() = default;

  // Reads `file` whole. NotFound when it is missing, Internal when it cannot be read.
  static Status Load(const std::filesystem::path& file, ApiDocument* out);

  // 200 with the bytes as application/yaml and a content ETag; 304 when If-None-Match holds
  // that ETag.
  http::Response Serve(const http::Request& request) const;

 private:
  std::string bytes_;
  std::string etag_;
};

}  // namespace attache::api
