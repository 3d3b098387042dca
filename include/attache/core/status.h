// Status: the result of an operation that can fail in an expected way.
// A refused transition, a stale version or a missing document is a Status, not an exception;
// exceptions are kept for broken invariants and I/O that cannot continue.
// Thread-safety: a Status is a value; distinct objects may be used from distinct threads.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace attache {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,  // the input is malformed or breaks a rule
    kNotFound,         // no such thing, or not visible to the caller
    kConflict,         // the state moved on (stale version, duplicate)
    kFailedPrecondition, // a precondition the caller stated (If-Match) no longer holds
    kPermissionDenied, // the caller may not do this
    kCorruption,       // stored data is inconsistent (checksum, hash chain)
    kUnavailable,      // a resource is exhausted for now (disk full, busy); retry later
    kInternal,         // a bug or an I/O failure that cannot continue
  };

  Status() = default;
  static Status Ok() { return {}; }
  static Status InvalidArgument(std::string msg) { return {Code::kInvalidArgument, std::move(msg)}; }
  static Status NotFound(std::string msg) { return {Code::kNotFound, std::move(msg)}; }
  static Status Conflict(std::string msg) { return {Code::kConflict, std::move(msg)}; }
  static Status FailedPrecondition(std::string msg) {
    return {Code::kFailedPrecondition, std::move(msg)};
  }
  static Status PermissionDenied(std::string msg) {
    return {Code::kPermissionDenied, std::move(msg)};
  }
  static Status Corruption(std::string msg) { return {Code::kCorruption, std::move(msg)}; }
  static Status Unavailable(std::string msg) { return {Code::kUnavailable, std::move(msg)}; }
  static Status Internal(std::string msg) { return {Code::kInternal, std::move(msg)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // "NotFound: no such proposal" (or "OK").
  std::string ToString() const;

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}

  Code code_ = Code::kOk;
  std::string message_;
};

std::string_view CodeName(Status::Code code);

}  // namespace attache
