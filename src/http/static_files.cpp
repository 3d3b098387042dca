#include "attache/http/static_files.h"

#include <array>
#include <fstream>
#include <sstream>

#include "attache/core/hash.h"
#include "attache/http/path.h"
#include "attache/http/problem.h"

namespace attache::http {
namespace {

namespace fs = std::filesystem;

constexpr std::array<std::pair<std::string_view, std::string_view>, 18> kTypes{{
    {".html", "text/html; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".json", "application/json; charset=utf-8"},
    {".map", "application/json; charset=utf-8"},
    {".webmanifest", "application/manifest+json; charset=utf-8"},
    {".txt", "text/plain; charset=utf-8"},
    {".yaml", "application/yaml; charset=utf-8"},
    {".svg", "image/svg+xml; charset=utf-8"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".gif", "image/gif"},
    {".ico", "image/x-icon"},
    {".webp", "image/webp"},
    {".woff2", "font/woff2"},
    {".woff", "font/woff"},
}};

// HTML is revalidated on every load so a new release shows at once; assets requested with a
// version query (?v=...) never change under that name and are cached for a year.
std::string_view CacheControlFor(std::string_view filename, std::string_view query) {
  if (filename.ends_with(".html")) return "no-cache";
  if (query.starts_with("v=") || query.find("&v=") != std::string_view::npos)
    return "public, max-age=31536000, immutable";
  return "no-cache";
}

}  // namespace

std::string_view ContentTypeFor(std::string_view filename) {
  size_t dot = filename.rfind('.');
  if (dot != std::string_view::npos) {
    std::string ext;
    for (char c : filename.substr(dot)) ext.push_back(c >= 'A' && c <= 'Z' ? char(c + 32) : c);
    for (const auto& [e, type] : kTypes)
      if (e == ext) return type;
  }
  return "application/octet-stream";
}

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

StaticFiles::StaticFiles(const fs::path& root) : root_(fs::canonical(root)) {}

std::shared_ptr<const StaticFiles::Entry> StaticFiles::Load(const fs::path& file) {
  std::error_code ec;
  auto mtime = fs::last_write_time(file, ec);
  if (ec) return nullptr;
  auto size = fs::file_size(file, ec);
  if (ec) return nullptr;
  const std::string key = file.string();
  {
    std::lock_guard lock(mu_);
    auto it = cache_.find(key);
    if (it != cache_.end() && it->second->mtime == mtime && it->second->size == size)
      return it->second;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return nullptr;
  std::ostringstream buf;
  buf << in.rdbuf();
  auto entry = std::make_shared<Entry>();
  entry->mtime = mtime;
  entry->size = size;
  entry->bytes = std::make_shared<const std::string>(buf.str());
  entry->etag.reserve(34);
  entry->etag.push_back('"');
  entry->etag.append(Sha256Hex(*entry->bytes), 0, 32);
  entry->etag.push_back('"');
  std::lock_guard lock(mu_);
  cache_[key] = entry;
  return entry;
}

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
  std::error_code ec;
  fs::path resolved = fs::canonical(root_ / relative, ec);
  // After symlinks, the file must still be inside the root (and be a regular file).
  auto inside = [&] {
    auto r = root_.native();
    auto p = resolved.native();
    return p.size() > r.size() && p.compare(0, r.size(), r) == 0 && p[r.size()] == '/';
  };
  if (ec || !inside() || !fs::is_regular_file(resolved, ec)) return Problem(404, "no such file");
  auto entry = Load(resolved);
  if (!entry) return Problem(404, "no such file");

  Response res;
  res.headers.Set("ETag", entry->etag);
  res.headers.Set("Cache-Control", std::string(CacheControlFor(relative, request.query)));
  if (EtagMatches(request.headers.Get("If-None-Match"), entry->etag)) {
    res.status = 304;
    return res;
  }
  res.status = 200;
  res.headers.Set("Content-Type", std::string(ContentTypeFor(relative)));
  res.body = *entry->bytes;
  return res;
}

}  // namespace attache::http
