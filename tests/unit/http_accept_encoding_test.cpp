#include <catch2/catch.hpp>

#include <string_view>

#include "attache/http/accept_encoding.h"
#include "attache/http/content_type.h"

using namespace attache::http;

TEST_CASE("Accept-Encoding decides whether gzip may be sent") {
  struct Case {
    std::string_view header;
    bool gzip;
  };
  const Case cases[] = {
      {"", false},  // absent or empty: identity only
      {"gzip", true},
      {"GZIP", true},               // codings are case-insensitive
      {"x-gzip", true},             // the old name
      {"gzip, deflate, br", true},  // what browsers send
      {"br;q=1.0, gzip;q=0.8, *;q=0.1", true},
      {"deflate, br", false},  // gzip not named, no *
      {"identity", false},
      {"gzip;q=0", false},  // explicitly refused
      {"gzip;q=0.0", false},
      {"gzip;q=0.000", false},
      {"gzip; Q=0", false},             // parameter names are case-insensitive too
      {"gzip ; q=0 , deflate", false},  // spaces around separators
      {"gzip;q=0.001", true},
      {"gzip;q=1", true},
      {"gzip;q=1.000", true},
      {"*", true},  // any coding
      {"*;q=0", false},
      {"*;q=0.5, gzip;q=0", false},  // named gzip wins over *
      {"gzip;q=0, *", false},
      {"*;q=0, gzip", true},
      {"identity;q=0, gzip", true},
      {"identity;q=0", false},  // nothing acceptable: the identity is sent anyway
      {"gzip;q=2", false},      // malformed q-values: the element is ignored
      {"gzip;q=abc", false},
      {"gzip;q=0.0001", false},
      {"gzip;q=", false},
      {"gzip;q=1.5, *", true},  // ... and * still counts
      {",, gzip ,", true},      // empty list elements
      {"gzip;level=9", true},   // other parameters do not matter
      {"gzipx, xgzip", false},
  };
  for (const Case& c : cases) {
    INFO("Accept-Encoding: " << c.header);
    CHECK(AcceptsGzip(c.header) == c.gzip);
  }
}

TEST_CASE("Text-like types are compressible, images and fonts are not") {
  for (std::string_view name : {"a.html", "a.css", "a.js", "a.mjs", "a.json", "a.map",
                                "a.webmanifest", "a.txt", "a.yaml", "a.svg"}) {
    INFO(name);
    CHECK(IsCompressible(ContentTypeFor(name)));
  }
  for (std::string_view name :
       {"a.png", "a.jpg", "a.gif", "a.ico", "a.webp", "a.woff2", "a.woff", "a.bin", "README"}) {
    INFO(name);
    CHECK_FALSE(IsCompressible(ContentTypeFor(name)));
  }
  CHECK(IsCompressible("application/xml"));
  CHECK_FALSE(IsCompressible("application/octet-stream; note=json"));  // parameters ignored
}
