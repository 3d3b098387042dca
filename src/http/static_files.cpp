#include "attache/http/static_files.h"

#include "attache/http/accept_encoding.h"
#include "attache/http/path.h"
#include "attache/http/problem.h"

namespace attache::http {
namespace {

// HTML is revalidated on every load so a new release shows at once; assets requested with a
// version query (?v=...) never change under that name and are cached for a year.
std::string_view CacheControlFor(std::string_view filename, std::string_view query) {
  if (filename.ends_with(".html")) return "no-cache";
  if (query.starts_with("v=") || query.find("&v=") != std::string_view::npos)
    return "public, max-age=31536000, immutable";
  return "no-cache";
}

}  // namespace

bool EtagMatches(std::string_view header, std::string_view etag) {
  // Weak comparison (RFC 9110 13.1.2): W/ prefixes are ignored.
  auto strip = [](std::string_view t) {
    if (t.starts_with("W/")) t.remove_prefix(2);
    return t;
  };
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view tag = header.substr(0, comma);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    if (tag == "*" || strip(tag) == strip(etag)) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

StaticFiles::StaticFiles(const std::filesystem::path& root, FileCache::Options options)
    : cache_(root, options) {}

Response StaticFiles::Serve(const Request& request) {
  if (request.method != "GET" && request.method != "HEAD") {
    Response res = Problem(405, "only GET and HEAD are allowed on static files");
    res.headers.Set("Allow", "GET, HEAD");
    return res;
  }
  std::string relative;
  Status s = NormaliseStaticPath(request.path, &relative);
  if (!s.ok()) return s.code() == Status::Code::kInvalidArgument ? Problem(400, s.message())
                                                                 : Problem(404, "no such file");
  std::shared_ptr<const CachedFile> file = cache_.Get(relative);
  if (!file) return Problem(404, "no such file");

  const bool gzip = file->gzip && AcceptsGzip(request.headers.Get("Accept-Encoding"));
  const std::string& etag = gzip ? file->gzip_etag : file->etag;
  Response res;
  res.headers.Add("ETag", etag);
  res.headers.Add("Cache-Control", std::string(CacheControlFor(relative, request.query)));
  // Caches must key on Accept-Encoding even where this file has no gzip variant today: an
  // edit may give it one, and the 304 says the same as the 200 would.
  if (file->compressible) res.headers.Add("Vary", "Accept-Encoding");
  if (EtagMatches(request.headers.Get("If-None-Match"), etag)) {
    res.status = 304;
    return res;
  }
  res.status = 200;
  res.headers.Add("Content-Type", std::string(file->content_type));
  if (gzip) res.headers.Add("Content-Encoding", "gzip");
  res.shared_body = gzip ? file->gzip : file->bytes;
  return res;
}

}  // namespace attache::http
