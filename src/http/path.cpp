#include "attache/http/path.h"

namespace attache::http {
namespace {

constexpr size_t kMaxPath = 1024;
constexpr size_t kMaxSegment = 255;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A decoded segment may name a file only if it cannot be read as a path of its own.
bool SafeSegment(std::string_view s) {
  if (s.empty() || s.size() > kMaxSegment || s.front() == '.') return false;
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == ':') return false;
  }
  return true;
}

}  // namespace

Status PercentDecode(std::string_view in, std::string* out) {
  out->clear();
  out->reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out->push_back(in[i]);
      continue;
    }
    if (i + 2 >= in.size()) return Status::InvalidArgument("malformed percent-escape in path");
    int hi = HexValue(in[i + 1]);
    int lo = HexValue(in[i + 2]);
    if (hi < 0 || lo < 0) return Status::InvalidArgument("malformed percent-escape in path");
    out->push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return Status::Ok();
}

Status NormaliseStaticPath(std::string_view raw, std::string* relative) {
  relative->clear();
  if (raw.empty() || raw.front() != '/') return Status::InvalidArgument("path must start with /");
  if (raw.size() > kMaxPath) return Status::NotFound("path too long");
  std::string_view rest = raw.substr(1);
  std::string out;
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    std::string_view raw_segment = rest.substr(0, slash);
    std::string segment;
    if (Status s = PercentDecode(raw_segment, &segment); !s.ok()) return s;
    if (!SafeSegment(segment)) return Status::NotFound("path segment not allowed");
    if (!out.empty()) out.push_back('/');
    out += segment;
    if (slash == std::string_view::npos) {
      rest = {};
    } else {
      rest.remove_prefix(slash + 1);
      if (rest.empty()) out += "/";  // trailing slash: a folder's index
    }
  }
  if (out.empty() || out.back() == '/') out += "index.html";
  *relative = std::move(out);
  return Status::Ok();
}

}  // namespace attache::http
