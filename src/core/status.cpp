#include "attache/core/status.h"

namespace attache {

std::string_view CodeName(Status::Code code) {
  switch (code) {
    case Status::Code::kOk: return "OK";
    case Status::Code::kInvalidArgument: return "InvalidArgument";
    case Status::Code::kNotFound: return "NotFound";
    case Status::Code::kConflict: return "Conflict";
    case Status::Code::kFailedPrecondition: return "FailedPrecondition";
    case Status::Code::kPermissionDenied: return "PermissionDenied";
    case Status::Code::kCorruption: return "Corruption";
    case Status::Code::kUnavailable: return "Unavailable";
    case Status::Code::kInternal: return "Internal";
  }
  return "Unknown";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string s(CodeName(code_));
  s += ": ";
  s += message_;
  return s;
}

}  // namespace attache
