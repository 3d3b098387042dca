#include "attache/http/accept_encoding.h"

#include <algorithm>
#include <optional>

#include "attache/http/message.h"

namespace attache::http {
namespace {

// A qvalue (RFC 9110 12.4.2): "0", "1", or either with up to three decimals ("0.5", "1.000"),
// in thousandths. Nothing for anything else.
std::optional<int> ParseQuality(std::string_view s) {
  if (s.empty() || (s[0] != '0' && s[0] != '1')) return std::nullopt;
  int whole = s[0] - '0';
  int thousandths = 0;
  if (s.size() > 1) {
    if (s[1] != '.' || s.size() > 5) return std::nullopt;
    int scale = 100;
    for (char c : s.substr(2)) {
      if (c < '0' || c > '9') return std::nullopt;
      thousandths += (c - '0') * scale;
      scale /= 10;
    }
  }
  int q = whole * 1000 + thousandths;
  if (q > 1000) return std::nullopt;
  return q;
}

// The q-value of one list element's parameters (";q=0.5;other=x"): 1000 when none is given.
std::optional<int> QualityOf(std::string_view params) {
  while (!params.empty()) {
    size_t semi = params.find(';', 1);
    std::string_view param =
        TrimOws(params.substr(1, semi == std::string_view::npos ? semi : semi - 1));
    size_t eq = param.find('=');
    if (eq != std::string_view::npos && EqualsIgnoreCase(TrimOws(param.substr(0, eq)), "q"))
      return ParseQuality(TrimOws(param.substr(eq + 1)));
    if (semi == std::string_view::npos) break;
    params.remove_prefix(semi);
  }
  return 1000;
}

}  // namespace

bool AcceptsGzip(std::string_view header) {
  std::optional<int> gzip, any;
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view element = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    size_t semi = element.find(';');
    std::string_view coding = TrimOws(element.substr(0, semi));
    std::optional<int> q =
        semi == std::string_view::npos ? std::optional<int>(1000) : QualityOf(element.substr(semi));
    if (!q) continue;
    if (EqualsIgnoreCase(coding, "gzip") || EqualsIgnoreCase(coding, "x-gzip")) {
      // Named twice: the higher quality wins, so a refusal needs every mention at 0.
      gzip = std::max(gzip.value_or(0), *q);
    } else if (coding == "*") {
      any = std::max(any.value_or(0), *q);
    }
  }
  if (gzip) return *gzip > 0;
  return any.value_or(0) > 0;
}

}  // namespace attache::http
