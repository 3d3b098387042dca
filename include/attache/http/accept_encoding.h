// Content negotiation for the one coding the server offers, gzip (RFC 9110 12.5.3).
// Thread-safety: pure function.
#pragma once

#include <string_view>

namespace attache::http {

// True when a request whose Accept-Encoding header is `accept_encoding` may be answered with
// gzip: "gzip" (or the old "x-gzip") with a q-value above 0, or, when gzip is not named, "*"
// with a q-value above 0. "gzip;q=0" refuses it whatever "*" says. An empty or absent header
// gives false: such clients get the identity, which every client understands. Codings and
// parameter names compare case-insensitively; an element with a malformed q-value is ignored.
// The identity is never weighed against gzip: gzip is offered only where it is smaller.
bool AcceptsGzip(std::string_view accept_encoding);

}  // namespace attache::http
