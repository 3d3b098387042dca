#include <catch2/catch.hpp>

#include "attache/http/forwarded.h"

using namespace attache::http;

TEST_CASE("Addresses compare in one canonical form") {
  CHECK(CanonicalAddress("127.0.0.1") == "127.0.0.1");
  CHECK(CanonicalAddress(" 10.0.0.7:443 ") == "10.0.0.7");
  CHECK(CanonicalAddress("::ffff:127.0.0.1") == "127.0.0.1");
  CHECK(CanonicalAddress("[2001:DB8::1]:8080") == "2001:db8::1");
  CHECK(CanonicalAddress("::1") == "::1");
  CHECK(CanonicalAddress("unknown").empty());
  CHECK(CanonicalAddress("").empty());
  CHECK(CanonicalAddress("1.2.3.4.5").empty());
  CHECK(CanonicalAddress("[::1").empty());
}

TEST_CASE("The client behind a proxy is believed only from a trusted proxy") {
  const std::vector<std::string> trusted = {"127.0.0.1", "10.0.0.2"};
  auto with = [](std::vector<std::pair<std::string, std::string>> fields) {
    Headers h;
    for (auto& [n, v] : fields) h.Add(n, v);
    return h;
  };
  struct Row {
    const char* name;
    const char* peer;
    Headers headers;
    std::string address;
    bool https;
  };
  const Row rows[] = {
      {"no proxy configured: the peer", "192.0.2.9", with({{"X-Forwarded-For", "203.0.113.5"},
                                                          {"X-Forwarded-Proto", "https"}}),
       "192.0.2.9", false},
      {"trusted proxy: the forwarded client", "127.0.0.1",
       with({{"X-Forwarded-For", "203.0.113.5"}, {"X-Forwarded-Proto", "https"}}), "203.0.113.5",
       true},
      {"a spoofed entry on the left is not believed", "127.0.0.1",
       with({{"X-Forwarded-For", "1.1.1.1, 203.0.113.5"}}), "203.0.113.5", false},
      {"a chain of trusted proxies is walked", "127.0.0.1",
       with({{"x-forwarded-for", "1.1.1.1, 203.0.113.5, 10.0.0.2"}}), "203.0.113.5", false},
      {"several fields are one list", "127.0.0.1",
       with({{"X-Forwarded-For", "1.1.1.1"}, {"X-Forwarded-For", "203.0.113.5"}}),
       "203.0.113.5", false},
      {"garbage stops the walk at the last good address", "127.0.0.1",
       with({{"X-Forwarded-For", "203.0.113.5, <script>"}}), "127.0.0.1", false},
      {"trusted proxy without the header: the proxy itself", "127.0.0.1", with({}), "127.0.0.1",
       false},
      {"the last X-Forwarded-Proto counts", "::ffff:127.0.0.1",
       with({{"X-Forwarded-For", "203.0.113.5"}, {"X-Forwarded-Proto", "https, http"}}),
       "203.0.113.5", false},
      {"IPv4-mapped peer is the trusted proxy", "::ffff:10.0.0.2",
       with({{"X-Forwarded-For", "2001:db8::7"}, {"X-Forwarded-Proto", "HTTPS"}}), "2001:db8::7",
       true},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    Client c = ResolveClient(row.peer, row.headers, trusted);
    CHECK(c.address == row.address);
    CHECK(c.https == row.https);
  }
}
