// A streaming multipart/form-data parser (RFC 7578): bytes go in as they arrive, in pieces of
// any size; each part's headers and then its data come out through callbacks, so a 25 MB file
// never has to be held in memory. Refuses, with a clear message: a missing or bad boundary,
// part headers over 8 KiB, more than 32 parts, a part without Content-Disposition form-data,
// and input that ends before the closing boundary.
// Thread-safety: one parser per request, used by one thread.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "attache/core/status.h"

namespace attache::http {

struct PartHeaders {
  std::string name;          // the form field's name
  std::string filename;      // as sent (UTF-8), empty when the part is not a file
  bool has_filename = false;
  std::string content_type;  // as declared by the client (not trusted)
};

// The boundary of a `multipart/form-data; boundary=...` Content-Type. InvalidArgument when the
// type is another one or the boundary is missing, empty, longer than 70 or has bad characters.
Status MultipartBoundary(std::string_view content_type, std::string* boundary);

class MultipartParser {
 public:
  struct Callbacks {
    // A new part begins. Returning a non-OK Status stops parsing with it.
    std::function<Status(const PartHeaders&)> on_part;
    // Data of the current part, in order, in pieces.
    std::function<Status(std::string_view)> on_data;
  };

  MultipartParser(std::string boundary, Callbacks callbacks);

  // Feeds the next piece of the body. After an error every later call returns it again.
  Status Feed(std::string_view bytes);
  // Call at the end of the body: InvalidArgument unless the closing boundary was seen.
  Status Finish();

  static constexpr size_t kMaxHeaderBytes = 8 * 1024;
  static constexpr int kMaxParts = 32;

 private:
  enum class State { kPreamble, kAfterBoundary, kHeaders, kData, kEpilogue };
  Status Fail(std::string message);
  Status ParseHeaders(std::string_view block, PartHeaders* out);

  const std::string delimiter_;  // "\r\n--" + boundary
  Callbacks callbacks_;
  State state_ = State::kPreamble;
  std::string buffer_;
  int parts_ = 0;
  Status error_;
};

}  // namespace attache::http
