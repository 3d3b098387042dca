#include "attache/http/query.h"

#include "attache/core/text.h"
#include "attache/http/path.h"

namespace attache::http {
namespace {

Status DecodeComponent(std::string_view raw, std::string* out) {
  std::string spaced(raw);
  for (char& c : spaced)
    if (c == '+') c = ' ';
  if (Status s = PercentDecode(spaced, out); !s.ok()) return s;
  if (!IsValidUtf8(*out)) return Status::InvalidArgument("not UTF-8");
  return Status::Ok();
}

}  // namespace

Status ParseQuery(std::string_view query, std::map<std::string, std::string>* out) {
  out->clear();
  while (!query.empty()) {
    const size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    std::string name, value;
    std::string_view raw_name = pair.substr(0, eq);
    if (!DecodeComponent(raw_name, &name).ok())
      return Status::InvalidArgument("query parameter " + std::string(raw_name) +
                                     " is not well-formed");
    if (eq != std::string_view::npos && !DecodeComponent(pair.substr(eq + 1), &value).ok())
      return Status::InvalidArgument("query parameter " + name + " is not well-formed");
    if (!out->emplace(std::move(name), std::move(value)).second)
      return Status::InvalidArgument("query parameter " + std::string(raw_name) +
                                     " is given twice");
  }
  return Status::Ok();
}

}  // namespace attache::http
