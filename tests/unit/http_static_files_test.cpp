#include <unistd.h>
#include <zlib.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "attache/http/file_cache.h"
#include "attache/http/gzip.h"
#include "attache/http/static_files.h"

using namespace attache::http;
namespace fs = std::filesystem;

namespace {

// A web root with a compressible script, a tiny one gzip cannot shrink, an image, a folder,
// and a file outside the root reached by a symlink.
struct WebRoot {
  WebRoot() {
    base = fs::temp_directory_path() /
           ("attache-static-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(base);
    root = base / "web";
    fs::create_directories(root / "js");
    fs::create_directories(base / "outside");
    std::string script;
    for (int i = 0; i < 400; ++i) script += "export const line" + std::to_string(i) + " = 1;\n";
    Write("js/app.js", script);
    Write("tiny.js", "x");
    Write("pixel.png", std::string("\x89PNG\r\n\x1a\n", 8) + std::string(2000, 'a'));
    Write("index.html", "<!doctype html><title>Attaché</title>");
    std::ofstream(base / "outside/secret.txt") << "secret";
    fs::create_symlink(base / "outside/secret.txt", root / "leak.txt");
    fs::create_symlink(root / "js/app.js", root / "alias.js");
  }
  ~WebRoot() { fs::remove_all(base); }

  void Write(const std::string& relative, const std::string& bytes) const {
    std::ofstream(root / relative, std::ios::binary | std::ios::trunc) << bytes;
  }
  std::string Read(const std::string& relative) const {
    std::ifstream in(root / relative, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  static inline int counter = 0;
  fs::path base, root;
};

std::string Gunzip(const std::string& gz) {
  z_stream z{};
  REQUIRE(inflateInit2(&z, 15 + 16) == Z_OK);
  std::string out(1 << 20, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  z.avail_in = static_cast<uInt>(gz.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = inflate(&z, Z_FINISH);
  out.resize(z.total_out);
  inflateEnd(&z);
  REQUIRE(rc == Z_STREAM_END);
  return out;
}

FileCache::Options Never() {
  FileCache::Options o;
  o.revalidate_after = std::chrono::hours(1);
  return o;
}

FileCache::Options Always() {
  FileCache::Options o;
  o.revalidate_after = std::chrono::nanoseconds(0);
  return o;
}

Request Get(std::string path, std::string accept_encoding = "", std::string if_none_match = "") {
  Request r;
  r.method = "GET";
  r.path = std::move(path);
  if (!accept_encoding.empty()) r.headers.Add("Accept-Encoding", std::move(accept_encoding));
  if (!if_none_match.empty()) r.headers.Add("If-None-Match", std::move(if_none_match));
  return r;
}

}  // namespace

TEST_CASE("gzip output decompresses to the input and is deterministic") {
  std::string text(100000, 'a');
  for (size_t i = 0; i < text.size(); i += 7) text[i] = char('a' + i % 26);
  std::string gz, again;
  REQUIRE(GzipCompress(text, 9, &gz));
  REQUIRE(GzipCompress(text, 9, &again));
  CHECK(gz == again);
  CHECK(gz.size() < text.size() / 5);
  CHECK(Gunzip(gz) == text);
  REQUIRE(GzipCompress("", 9, &gz));
  CHECK(Gunzip(gz).empty());
}

TEST_CASE("A cached file carries its bytes, a gzip variant and two ETags") {
  WebRoot web;
  FileCache cache(web.root, Never());
  auto file = cache.Get("js/app.js");
  REQUIRE(file);
  CHECK(*file->bytes == web.Read("js/app.js"));
  CHECK(file->content_type == "text/javascript; charset=utf-8");
  CHECK(file->compressible);
  REQUIRE(file->gzip);
  CHECK(file->gzip->size() < file->bytes->size());
  CHECK(Gunzip(*file->gzip) == *file->bytes);
  CHECK(file->etag.size() == 34);
  CHECK(file->etag.front() == '"');
  CHECK(file->gzip_etag == file->etag.substr(0, 33) + "-gz\"");
  CHECK(cache.size() == 1);
  CHECK(cache.cached_bytes() == file->bytes->size() + file->gzip->size());
  // The same entry, not a copy, for the next request.
  CHECK(cache.Get("js/app.js") == file);
  // A symlink inside the root is served, as its own entry with the same content.
  auto alias = cache.Get("alias.js");
  REQUIRE(alias);
  CHECK(alias->etag == file->etag);
}

TEST_CASE("Images and files gzip cannot shrink have no gzip variant") {
  WebRoot web;
  FileCache cache(web.root, Never());
  auto png = cache.Get("pixel.png");
  REQUIRE(png);
  CHECK_FALSE(png->compressible);
  CHECK_FALSE(png->gzip);  // compresses well, but images are never gzipped
  CHECK(png->gzip_etag.empty());
  auto tiny = cache.Get("tiny.js");
  REQUIRE(tiny);
  CHECK(tiny->compressible);
  CHECK_FALSE(tiny->gzip);
}

TEST_CASE("Missing, forbidden and non-regular files are not found") {
  WebRoot web;
  FileCache cache(web.root, Never());
  CHECK_FALSE(cache.Get("nothing.js"));
  CHECK_FALSE(cache.Get("js"));        // a folder
  CHECK_FALSE(cache.Get("leak.txt"));  // a symlink out of the root
  CHECK(cache.size() == 0);
}

TEST_CASE("An edit shows only after the revalidation interval") {
  WebRoot web;
  FileCache stale(web.root, Never());
  FileCache fresh(web.root, Always());
  auto before = stale.Get("index.html");
  REQUIRE(before);
  REQUIRE(fresh.Get("index.html"));
  web.Write("index.html", "<p>new</p>");
  CHECK(*stale.Get("index.html")->bytes == *before->bytes);  // within the interval
  auto after = fresh.Get("index.html");
  REQUIRE(after);
  CHECK(*after->bytes == "<p>new</p>");
  CHECK(after->etag != before->etag);
  // Same size, new content and time: still seen.
  web.Write("index.html", "<p>old</p>");
  CHECK(*fresh.Get("index.html")->bytes == "<p>old</p>");
  // A deleted file is dropped from the cache.
  fs::remove(web.root / "index.html");
  CHECK_FALSE(fresh.Get("index.html"));
  CHECK(fresh.size() == 0);
  CHECK(fresh.cached_bytes() == 0);
}

TEST_CASE("A symlink turned to point outside the root is refused at revalidation") {
  WebRoot web;
  FileCache cache(web.root, Always());
  REQUIRE(cache.Get("alias.js"));
  fs::remove(web.root / "alias.js");
  fs::create_symlink(web.base / "outside/secret.txt", web.root / "alias.js");
  CHECK_FALSE(cache.Get("alias.js"));
}

TEST_CASE("The cache keeps under its cap, dropping the least recently used") {
  WebRoot web;
  for (int i = 0; i < 4; ++i) web.Write("f" + std::to_string(i) + ".png", std::string(1000, 'x'));
  web.Write("big.png", std::string(5000, 'x'));
  FileCache::Options options = Never();
  options.max_bytes = 3000;
  options.max_file_bytes = 2000;
  FileCache cache(web.root, options);
  auto f0 = cache.Get("f0.png");
  REQUIRE(f0);
  REQUIRE(cache.Get("f1.png"));
  REQUIRE(cache.Get("f2.png"));
  CHECK(cache.cached_bytes() == 3000);
  // f0 is used again, later than f1 (use times are kept to a tenth of a second).
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  REQUIRE(cache.Get("f0.png") == f0);
  REQUIRE(cache.Get("f3.png"));
  CHECK(cache.size() == 3);
  CHECK(cache.cached_bytes() == 3000);
  CHECK(cache.Get("f0.png") == f0);  // kept: the same entry
  // A file over max_file_bytes is served but never kept.
  auto big = cache.Get("big.png");
  REQUIRE(big);
  CHECK(big->bytes->size() == 5000);
  CHECK(cache.cached_bytes() <= 3000);
  CHECK(cache.Get("big.png") != big);  // read again
}

TEST_CASE("StaticFiles sends gzip when accepted, with Vary and the variant's ETag") {
  WebRoot web;
  StaticFiles files(web.root, Never());
  Response identity = files.Serve(Get("/js/app.js"));
  REQUIRE(identity.status == 200);
  CHECK(identity.body_view() == web.Read("js/app.js"));
  CHECK(identity.body.empty());  // shared with the cache, not copied
  CHECK(identity.headers.Get("Vary") == "Accept-Encoding");
  CHECK_FALSE(identity.headers.Has("Content-Encoding"));
  CHECK(identity.headers.Get("Content-Type") == "text/javascript; charset=utf-8");

  Response gzip = files.Serve(Get("/js/app.js", "gzip, deflate, br"));
  REQUIRE(gzip.status == 200);
  CHECK(gzip.headers.Get("Content-Encoding") == "gzip");
  CHECK(gzip.headers.Get("Vary") == "Accept-Encoding");
  CHECK(Gunzip(std::string(gzip.body_view())) == identity.body_view());
  std::string etag(identity.headers.Get("ETag")), gzip_etag(gzip.headers.Get("ETag"));
  CHECK(etag != gzip_etag);

  CHECK_FALSE(files.Serve(Get("/js/app.js", "gzip;q=0")).headers.Has("Content-Encoding"));

  // Each variant revalidates against its own tag.
  Response r = files.Serve(Get("/js/app.js", "", etag));
  CHECK(r.status == 304);
  CHECK(r.body_view().empty());
  CHECK(r.headers.Get("ETag") == etag);
  CHECK(r.headers.Get("Vary") == "Accept-Encoding");
  CHECK(files.Serve(Get("/js/app.js", "gzip", gzip_etag)).status == 304);
  CHECK(files.Serve(Get("/js/app.js", "gzip", "W/" + gzip_etag)).status == 304);
  CHECK(files.Serve(Get("/js/app.js", "gzip", etag)).status == 200);
  CHECK(files.Serve(Get("/js/app.js", "", gzip_etag)).status == 200);
}

TEST_CASE("StaticFiles never gzips images and refuses bad paths and methods") {
  WebRoot web;
  StaticFiles files(web.root, Never());
  Response png = files.Serve(Get("/pixel.png", "gzip"));
  CHECK(png.status == 200);
  CHECK_FALSE(png.headers.Has("Content-Encoding"));
  CHECK_FALSE(png.headers.Has("Vary"));
  CHECK(png.body_view() == web.Read("pixel.png"));
  CHECK(files.Serve(Get("/")).headers.Get("Content-Type") == "text/html; charset=utf-8");
  CHECK(files.Serve(Get("/../web/index.html")).status == 404);
  CHECK(files.Serve(Get("/leak.txt")).status == 404);
  CHECK(files.Serve(Get("/%zz")).status == 400);
  Request post = Get("/index.html");
  post.method = "POST";
  Response refused = files.Serve(post);
  CHECK(refused.status == 405);
  CHECK(refused.headers.Get("Allow") == "GET, HEAD");
}
