// Who is really asking, when the server stands behind a reverse proxy: the client address and
// whether the client reached the proxy over HTTPS. Only a peer that the configuration names as a
// trusted proxy (--trusted-proxy) is believed; from anyone else X-Forwarded-For and
// X-Forwarded-Proto are ignored, since any client can send them.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "attache/http/message.h"

namespace attache::http {

struct Client {
  std::string address;  // the client's IP address as text
  bool https = false;   // the request reached a trusted proxy over HTTPS
};

// The address in the canonical text form used for comparisons: an IPv4-mapped IPv6 address
// ("::ffff:127.0.0.1") becomes IPv4, IPv6 is lower-cased, brackets and a port are removed from
// "[::1]:8080" or "10.0.0.1:443". Empty when `text` is no IP address.
std::string CanonicalAddress(std::string_view text);

// The client of a request that came from `peer`. When `peer` is one of `trusted_proxies`, the
// address is the right-most X-Forwarded-For entry that is not itself a trusted proxy (entries
// to its left could have been written by the client), and `https` is whether the last
// X-Forwarded-Proto says "https". Otherwise the client is the peer, over plain HTTP. A
// malformed X-Forwarded-For entry stops the walk at the last good address.
Client ResolveClient(std::string_view peer, const Headers& headers,
                     const std::vector<std::string>& trusted_proxies);

}  // namespace attache::http
