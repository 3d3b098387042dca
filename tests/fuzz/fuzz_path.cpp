// Fuzz target: the path normaliser of the static files (http/path.h) and the query string
// parser (http/query.h), both fed the input as it would arrive after the method.
//
// Properties, beyond "no crash, no sanitizer report":
//  - a normalised path is relative and stays in the web root: it does not start with '/', has
//    no empty, "." or ".." segment, no segment starting with '.', no backslash, colon, NUL or
//    control character; a path ending in '/' maps to its index.html;
//  - normalising is stable: "/" + the result, its '%' escaped, normalises to the same result;
//  - PercentDecode undoes a full percent-encoding of any bytes;
//  - a parsed query, written back percent-encoded, parses to the same parameters.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "attache/http/path.h"
#include "attache/http/query.h"

namespace {

using attache::Status;

[[noreturn]] void Fail(const char* why, std::string_view input, std::string_view result) {
  std::fprintf(stderr, "fuzz_path: %s\n  input: %.*s\n  result: %.*s\n", why,
               static_cast<int>(input.size()), input.data(), static_cast<int>(result.size()),
               result.data());
  std::abort();
}

std::string EncodeAll(std::string_view bytes) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : bytes) {
    out += '%';
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

void CheckNormalised(std::string_view raw) {
  std::string relative;
  if (!attache::http::NormaliseStaticPath(raw, &relative).ok()) {
    if (!relative.empty()) Fail("a refused path leaves a result", raw, relative);
    return;
  }
  if (relative.empty() || relative.front() == '/') Fail("not a relative path", raw, relative);
  std::string_view rest = relative;
  while (true) {
    size_t slash = rest.find('/');
    std::string_view segment = rest.substr(0, slash);
    if (segment.empty() || segment.front() == '.') Fail("empty or dot segment", raw, relative);
    for (unsigned char c : segment)
      if (c < 0x20 || c == 0x7f || c == '\\' || c == ':') Fail("forbidden byte", raw, relative);
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  if (raw.back() == '/' && !relative.ends_with("index.html"))
    Fail("a folder does not map to its index.html", raw, relative);

  std::string again_raw = "/";
  for (char c : relative) again_raw += c == '%' ? std::string("%25") : std::string(1, c);
  if (again_raw.size() > 1024) return;  // over the length limit, which the result may reach
  std::string again;
  if (!attache::http::NormaliseStaticPath(again_raw, &again).ok() || again != relative)
    Fail("normalising the result again changes it", raw, again);
}

void CheckDecode(std::string_view bytes) {
  std::string decoded;
  if (!attache::http::PercentDecode(EncodeAll(bytes), &decoded).ok() || decoded != bytes)
    Fail("percent-decoding does not undo percent-encoding", bytes, decoded);
}

void CheckQuery(std::string_view query) {
  std::map<std::string, std::string> params;
  if (!attache::http::ParseQuery(query, &params).ok()) return;
  std::string written;
  for (const auto& [name, value] : params)
    written += (written.empty() ? "" : "&") + EncodeAll(name) + "=" + EncodeAll(value);
  std::map<std::string, std::string> again;
  if (!attache::http::ParseQuery(written, &again).ok() || again != params)
    Fail("a query written back parses differently", query, written);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  CheckNormalised(input);
  CheckDecode(input);
  // As a request target: the query is what follows the first '?', or the whole input.
  size_t q = input.find('?');
  CheckQuery(q == std::string_view::npos ? input : input.substr(q + 1));
  return 0;
}
