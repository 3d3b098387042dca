#include <catch2/catch.hpp>

#include <random>

#include "attache/http/multipart.h"

using namespace attache::http;
using attache::Status;

namespace {

struct Collected {
  std::vector<PartHeaders> parts;
  std::vector<std::string> data;
};

// Parses `body` fed in pieces of `piece` bytes.
Status Parse(const std::string& body, size_t piece, Collected* out, const std::string& boundary = "XyZ") {
  MultipartParser parser(boundary, {[out](const PartHeaders& h) {
                                      out->parts.push_back(h);
                                      out->data.emplace_back();
                                      return Status::Ok();
                                    },
                                    [out](std::string_view d) {
                                      out->data.back().append(d);
                                      return Status::Ok();
                                    }});
  for (size_t i = 0; i < body.size(); i += piece)
    if (Status s = parser.Feed(std::string_view(body).substr(i, piece)); !s.ok()) return s;
  return parser.Finish();
}

std::string Body(const std::string& file) {
  return "--XyZ\r\n"
         "Content-Disposition: form-data; name=\"type\"\r\n\r\n"
         "invitation_letter\r\n"
         "--XyZ\r\n"
         "Content-Disposition: form-data; name=\"file\"; filename=\"th\xc6\xb0 m\xe1\xbb\x9di.pdf\"\r\n"
         "Content-Type: application/pdf\r\n\r\n" +
         file + "\r\n--XyZ--\r\n";
}

}  // namespace

TEST_CASE("Multipart: parts come out whole whatever the piece size") {
  std::string file = "%PDF-1.7\n--XyZ is not a delimiter without CR LF before it\r\n\r\n--Xy";
  std::mt19937 rng(7);
  for (int i = 0; i < 2000; ++i) file.push_back(static_cast<char>(rng()));
  for (size_t piece : {1u, 2u, 3u, 7u, 64u, 1000u, 100000u}) {
    INFO(piece);
    Collected c;
    REQUIRE(Parse(Body(file), piece, &c).ok());
    REQUIRE(c.parts.size() == 2);
    CHECK(c.parts[0].name == "type");
    CHECK_FALSE(c.parts[0].has_filename);
    CHECK(c.data[0] == "invitation_letter");
    CHECK(c.parts[1].name == "file");
    CHECK(c.parts[1].filename == "th\xc6\xb0 m\xe1\xbb\x9di.pdf");
    CHECK(c.parts[1].content_type == "application/pdf");
    CHECK(c.data[1] == file);
  }
}

TEST_CASE("Multipart: RFC 5987 filename* wins over filename") {
  std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.pdf\"; "
      "filename*=UTF-8''b%C3%A1o%20c%C3%A1o.pdf\r\n\r\nDATA\r\n--XyZ--";
  Collected c;
  REQUIRE(Parse(body, 5, &c).ok());
  CHECK(c.parts[0].filename == "b\xc3\xa1o c\xc3\xa1o.pdf");
}

TEST_CASE("Multipart: malformed bodies are refused with a reason") {
  struct Case {
    std::string body;
    const char* message;
  };
  std::vector<Case> cases = {
      {"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue", "ended before"},
      {"no boundary at all", "ended before"},
      {"--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--", "no Content-Disposition"},
      {"--XyZ\r\nContent-Disposition: attachment\r\n\r\nx\r\n--XyZ--", "not form-data"},
      {"--XyZ\r\nbroken header line\r\n\r\nx\r\n--XyZ--", "malformed header"},
      {"--XyZ\r\nX-Big: " + std::string(9000, 'a') + "\r\n\r\nx\r\n--XyZ--", "too large"},
      {"--XyZjunk\r\n", "malformed"},
  };
  std::string many;
  for (int i = 0; i < 40; ++i) many += "--XyZ\r\nContent-Disposition: form-data; name=\"p\"\r\n\r\nv\r\n";
  cases.push_back({many + "--XyZ--", "too many parts"});
  for (const auto& c : cases) {
    INFO(c.body.substr(0, 60));
    Collected out;
    Status s = Parse(c.body, 3, &out);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK_THAT(s.message(), Catch::Contains(c.message));
  }
}

TEST_CASE("Multipart: a callback's refusal stops the parse") {
  MultipartParser parser("XyZ", {[](const PartHeaders&) { return Status::InvalidArgument("type not allowed"); },
                                 [](std::string_view) { return Status::Ok(); }});
  Status s = parser.Feed(Body("x"));
  CHECK(s.message() == "type not allowed");
  CHECK(parser.Feed("more").message() == "type not allowed");
}

TEST_CASE("Multipart boundary from the Content-Type") {
  std::string b;
  REQUIRE(MultipartBoundary("multipart/form-data; boundary=----WebKitFormBoundaryAbc", &b).ok());
  CHECK(b == "----WebKitFormBoundaryAbc");
  REQUIRE(MultipartBoundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b;c\"", &b).ok());
  CHECK(b == "a b;c");
  CHECK_FALSE(MultipartBoundary("application/json", &b).ok());
  CHECK_FALSE(MultipartBoundary("multipart/form-data", &b).ok());
  CHECK_FALSE(MultipartBoundary("multipart/form-data; boundary=", &b).ok());
  CHECK_FALSE(MultipartBoundary("multipart/form-data; boundary=" + std::string(71, 'a'), &b).ok());
  CHECK_FALSE(MultipartBoundary("multipart/form-data; boundary=a\x01", &b).ok());
}
