#include "attache/http/query.h"

#include "attache/http/path.h"

namespace attache::http {
namespace {

bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

Status Decode(std::string_view raw, std::string* out) {
  std::string plus(raw);
  for (char& c : plus)
    if (c == '+') c = ' ';
  if (Status s = PercentDecode(plus, out); !s.ok()) return s;
  if (!ValidUtf8(*out)) return Status::InvalidArgument("not valid UTF-8");
  return Status::Ok();
}

}  // namespace

Status ParseQuery(std::string_view query, std::map<std::string, std::string>* out) {
  out->clear();
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string name, value;
    if (Status s = Decode(pair.substr(0, eq), &name); !s.ok())
      return Status::InvalidArgument("query parameter: " + s.message());
    if (eq != std::string_view::npos)
      if (Status s = Decode(pair.substr(eq + 1), &value); !s.ok())
        return Status::InvalidArgument(name + ": " + s.message());
    if (!out->emplace(name, value).second)
      return Status::InvalidArgument(name + ": given more than once");
  }
  return Status::Ok();
}

}  // namespace attache::http
