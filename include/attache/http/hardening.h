// Checks the server makes on every message, kept apart from Beast so they can be tested alone.
// Debian's Boost 1.81 predates Beast's later parser hardening, so the framing of a request is
// checked here once its header has been read: ambiguous framing is how a request is smuggled
// past a proxy in front of us (RFC 9112 6.1 and 6.3).
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "attache/http/message.h"

namespace attache::http {

// What framing depends on: the HTTP version (10 or 11) and every Content-Length and
// Transfer-Encoding field value, in arrival order.
struct Framing {
  unsigned version = 11;
  std::vector<std::string_view> content_lengths;
  std::vector<std::string_view> transfer_encodings;
  size_t hosts = 0;  // Host fields
};

// Why the framing is refused (400 and the connection closed), or nothing when it is sound:
// Content-Length together with Transfer-Encoding; Content-Length given more than once;
// Transfer-Encoding on HTTP/1.0; a Transfer-Encoding whose last coding is not "chunked".
std::optional<std::string> FramingProblem(const Framing& framing);

// Why the Host header is refused (400), RFC 9112 3.2: an HTTP/1.1 request without Host, or any
// request with more than one.
std::optional<std::string> HostProblem(const Framing& framing);

// Whether a raw request header (request line and fields, each ending in CRLF) folds a line:
// a line that begins with a space or a tab continues the one before (RFC 9112 5.2 obs-fold),
// which is refused with 400 rather than read as Beast reads it.
bool HasObsFold(std::string_view header);

// Whether `text` could be the beginning of a request header: no control character other than
// CR, LF and tab (RFC 9110 5.5 and 9112 3). A TLS handshake sent to the plain port is not.
bool PlausibleHeaderText(std::string_view text);

// Whether `text` may be put in a response header as it is: no CR, LF or NUL (which would end
// the field or the header and let what follows be read as a header of its own).
bool SafeHeaderText(std::string_view text);

// Adds the headers every answer carries unless the handler set its own (a document download
// sets a stricter Content-Security-Policy): a policy that allows scripts, styles, images and
// connections from this origin only, no framing by other sites, no MIME sniffing, and no
// Referer to other sites.
void AddSecurityHeaders(Headers& headers);

// Adds Strict-Transport-Security (one year) unless the handler set its own. For answers that
// went over HTTPS only.
void AddStrictTransportSecurity(Headers& headers);

}  // namespace attache::http
