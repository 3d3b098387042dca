#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "attache/http/problem.h"
#include "attache/http/router.h"
#include "attache/http/static_files.h"

using namespace attache::http;

namespace {

Router MakeRouter() {
  Router r;
  r.Add({"GET", "/api/things/{id}", 0, [](Request& q) {
           Response res;
           res.body = "thing " + q.params["id"];
           return res;
         }});
  r.Add({"POST", "/api/things", 1000, [](Request&) {
           Response res;
           res.status = 201;
           return res;
         }});
  r.SetFallback([](Request&) {
    Response res;
    res.body = "static";
    return res;
  });
  return r;
}

Request Req(std::string method, std::string path) {
  Request q;
  q.method = std::move(method);
  q.path = std::move(path);
  return q;
}

}  // namespace

TEST_CASE("Router matches patterns and decodes parameters") {
  Router r = MakeRouter();
  auto q = Req("GET", "/api/things/42");
  CHECK(r.Handle(q).body == "thing 42");
  q = Req("GET", "/api/things/h%E1%BB%99i");
  CHECK(r.Handle(q).body == "thing h\xe1\xbb\x99i");
  q = Req("HEAD", "/api/things/7");
  CHECK(r.Handle(q).body == "thing 7");
}

TEST_CASE("Router answers unknown API paths with a 404 problem") {
  Router r = MakeRouter();
  for (const char* path : {"/api/nothing", "/api", "/api/things/1/2", "/api/things/", "/api/things/%zz"}) {
    INFO(path);
    auto q = Req("GET", path);
    Response res = r.Handle(q);
    CHECK(res.status == 404);
    CHECK(res.headers.Get("Content-Type") == "application/problem+json; charset=utf-8");
    auto body = nlohmann::json::parse(res.body);
    CHECK(body["status"] == 404);
    CHECK(body["type"] == "urn:attache:problem:not-found");
  }
}

TEST_CASE("Router answers a known path with a wrong method with 405 and Allow") {
  Router r = MakeRouter();
  auto q = Req("DELETE", "/api/things");
  Response res = r.Handle(q);
  CHECK(res.status == 405);
  CHECK(res.headers.Get("Allow") == "POST");
}

TEST_CASE("Router sends non-API paths to the fallback") {
  Router r = MakeRouter();
  auto q = Req("GET", "/index.html");
  CHECK(r.Handle(q).body == "static");
}

TEST_CASE("Router keeps table order between literal and parameter first segments") {
  auto answer = [](std::string body) {
    return [body](Request&) {
      Response res;
      res.body = body;
      return res;
    };
  };
  Router r;
  r.Add({"PUT", "/{section}/items", 0, answer("any put")});
  r.Add({"GET", "/docs/items", 0, answer("docs get")});
  r.Add({"GET", "/{section}/items", 0, answer("any get")});
  r.Add({"DELETE", "/docs/items", 0, answer("docs delete")});
  r.Add({"POST", "/{section}/items", 0, answer("any post")});
  auto q = Req("GET", "/docs/items");
  CHECK(r.Handle(q).body == "docs get");  // the earlier of two matching routes
  q = Req("GET", "/news/items");
  CHECK(r.Handle(q).body == "any get");
  q = Req("POST", "/docs/items");
  CHECK(r.Handle(q).body == "any post");  // added after the literal bucket existed
  q = Req("PATCH", "/docs/items");
  CHECK(r.Handle(q).headers.Get("Allow") == "PUT, GET, DELETE, POST");
  q = Req("PATCH", "/news/items");
  CHECK(r.Handle(q).headers.Get("Allow") == "PUT, GET, POST");
  q = Req("GET", "//items");  // a parameter never matches an empty segment
  CHECK(r.Handle(q).status == 404);
}

TEST_CASE("Router gives each route its body limit") {
  Router r = MakeRouter();
  CHECK(r.BodyLimit("POST", "/api/things") == 1000);
  CHECK(r.BodyLimit("GET", "/api/things/1") == 0);
  CHECK(r.BodyLimit("POST", "/api/unknown") == Router::kDefaultBodyLimit);
  CHECK(r.BodyLimit("GET", "/index.html") == 0);
}

TEST_CASE("Problem bodies survive invalid UTF-8 in the detail") {
  Response res = Problem(400, std::string("bad \xff byte"));
  auto body = nlohmann::json::parse(res.body);
  CHECK(body["status"] == 400);
  CHECK(body["title"] == "Bad Request");
}

TEST_CASE("Content types by extension") {
  CHECK(ContentTypeFor("index.html") == "text/html; charset=utf-8");
  CHECK(ContentTypeFor("app.JS") == "text/javascript; charset=utf-8");
  CHECK(ContentTypeFor("logo.svg") == "image/svg+xml; charset=utf-8");
  CHECK(ContentTypeFor("photo.jpeg") == "image/jpeg");
  CHECK(ContentTypeFor("README") == "application/octet-stream");
  CHECK(ContentTypeFor("x.exe") == "application/octet-stream");
}

TEST_CASE("If-None-Match comparison") {
  CHECK(EtagMatches("\"abc\"", "\"abc\""));
  CHECK(EtagMatches("W/\"abc\"", "\"abc\""));
  CHECK(EtagMatches("\"x\", \"abc\"", "\"abc\""));
  CHECK(EtagMatches("*", "\"abc\""));
  CHECK_FALSE(EtagMatches("\"abd\"", "\"abc\""));
  CHECK_FALSE(EtagMatches("", "\"abc\""));
}

TEST_CASE("Router names the route a request is counted under, never its raw path") {
  Router r = MakeRouter();
  CHECK(r.BodyFor("GET", "/api/things/42").route == "/api/things/{id}");
  CHECK(r.BodyFor("POST", "/api/things").route == "/api/things");
  CHECK(r.BodyFor("GET", "/api/nothing/42").route == "none");
  CHECK(r.BodyFor("DELETE", "/api/things/42").route == "none");  // 405
  CHECK(r.BodyFor("GET", "/index.html").route == "static");
}
