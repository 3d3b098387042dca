#include "attache/http/hardening.h"

namespace attache::http {
namespace {

// The last coding of a Transfer-Encoding list ("gzip, chunked" -> "chunked"), without
// parameters.
std::string_view LastCoding(std::string_view value) {
  size_t comma = value.rfind(',');
  std::string_view last = TrimOws(comma == std::string_view::npos ? value : value.substr(comma + 1));
  return TrimOws(last.substr(0, last.find(';')));
}

}  // namespace

std::optional<std::string> FramingProblem(const Framing& f) {
  if (!f.transfer_encodings.empty() && !f.content_lengths.empty())
    return "both Content-Length and Transfer-Encoding";
  if (f.content_lengths.size() > 1) return "Content-Length given more than once";
  if (f.transfer_encodings.empty()) return std::nullopt;
  if (f.version < 11) return "Transfer-Encoding on HTTP/1.0";
  // With several fields the codings are their values in order; the last must be chunked.
  if (!EqualsIgnoreCase(LastCoding(f.transfer_encodings.back()), "chunked"))
    return "a Transfer-Encoding that does not end in chunked";
  return std::nullopt;
}

std::optional<std::string> HostProblem(const Framing& f) {
  if (f.hosts > 1) return "Host given more than once";
  if (f.hosts == 0 && f.version >= 11) return "an HTTP/1.1 request without Host";
  return std::nullopt;
}

bool HasObsFold(std::string_view header) {
  for (size_t at = header.find("\r\n"); at != std::string_view::npos;
       at = header.find("\r\n", at + 2))
    if (at + 2 < header.size() && (header[at + 2] == ' ' || header[at + 2] == '\t')) return true;
  return false;
}

bool PlausibleHeaderText(std::string_view text) {
  for (unsigned char c : text)
    if ((c < 0x20 && c != '\r' && c != '\n' && c != '\t') || c == 0x7f) return false;
  return true;
}

bool SafeHeaderText(std::string_view text) {
  return text.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

void AddSecurityHeaders(Headers& headers) {
  if (!headers.Has("Content-Security-Policy"))
    headers.Set("Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self'; "
                "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; "
                "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  if (!headers.Has("X-Content-Type-Options")) headers.Set("X-Content-Type-Options", "nosniff");
  if (!headers.Has("Referrer-Policy")) headers.Set("Referrer-Policy", "same-origin");
  if (!headers.Has("X-Frame-Options")) headers.Set("X-Frame-Options", "DENY");
}

void AddStrictTransportSecurity(Headers& headers) {
  if (!headers.Has("Strict-Transport-Security"))
    headers.Set("Strict-Transport-Security", "max-age=31536000");
}

}  // namespace attache::http
