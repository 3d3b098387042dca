// From a request Beast has parsed to what the rest of the program sees: the framing fields that
// hardening.h checks, and the plain http::Request handed to the Router. Shared by the server
// (session.cpp) and the request fuzz target (tests/fuzz/fuzz_request.cpp), so that the fuzzer
// reaches the router exactly as the server does. A private header of src/http: Beast stays here.
// Thread-safety: pure functions.
#pragma once

#include <boost/beast/http.hpp>

#include <filesystem>
#include <string>
#include <type_traits>
#include <utility>

#include "attache/http/hardening.h"
#include "attache/http/message.h"

namespace attache::http {

// Every Content-Length and Transfer-Encoding of `header`, in arrival order, and its version.
// The views point into `header`.
inline Framing FramingOf(const boost::beast::http::request_header<>& header) {
  namespace bhttp = boost::beast::http;
  Framing framing;
  framing.version = header.version();
  for (const auto& field : header) {
    if (field.name() == bhttp::field::content_length)
      framing.content_lengths.push_back(field.value());
    else if (field.name() == bhttp::field::transfer_encoding)
      framing.transfer_encodings.push_back(field.value());
    else if (field.name() == bhttp::field::host)
      ++framing.hosts;
  }
  return framing;
}

// The Request of a complete message: method, target and its path and query (split at the
// first '?'), the header fields in arrival order, and the body, moved out of a string body.
// A message whose body went to a file (file_body) has `body_file` naming it instead. `remote`
// and `request_id` are left for the caller.
template <class Body>
Request ToRequest(boost::beast::http::request<Body>& message, std::filesystem::path body_file) {
  Request request;
  request.body_file = std::move(body_file);
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  size_t q = request.target.find('?');
  request.path = request.target.substr(0, q);
  if (q != std::string::npos) request.query = request.target.substr(q + 1);
  for (const auto& field : message)
    request.headers.Add(std::string(field.name_string()), std::string(field.value()));
  if constexpr (std::is_same_v<Body, boost::beast::http::string_body>)
    request.body = std::move(message.body());
  return request;
}

}  // namespace attache::http
