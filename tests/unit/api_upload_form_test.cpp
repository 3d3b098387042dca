// Reading the multipart upload form: from memory or from the streamed body file, in pieces;
// every refusal names the field and leaves no staged file.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "attache/api/upload_form.h"
#include "attache/core/hash.h"

namespace fs = std::filesystem;
using namespace attache;
using attache::api::ReadUploadForm;
using attache::api::UploadForm;
using nlohmann::json;

namespace {

struct Part {
  std::string disposition;  // after "form-data; "
  std::string data;
};

std::string Body(const std::vector<Part>& parts, const std::string& boundary = "b0undary") {
  std::string out;
  for (const auto& p : parts)
    out += "--" + boundary + "\r\nContent-Disposition: form-data; " + p.disposition +
           "\r\nContent-Type: application/octet-stream\r\n\r\n" + p.data + "\r\n";
  return out + "--" + boundary + "--\r\n";
}

struct FormFixture {
  FormFixture()
      : dir(fs::temp_directory_path() /
            ("attache-form-" + std::to_string(::getpid()) + "-" + std::to_string(counter++))),
        files(dir / "documents", dir / "tmp") {
    fs::remove_all(dir);
    REQUIRE(files.Prepare().ok());
  }
  ~FormFixture() { fs::remove_all(dir); }

  // Reads `body`; from a file (as the server streams uploads) when `from_file`.
  std::optional<http::Response> Read(
      const std::string& body, UploadForm* form, bool from_file = false,
      const std::string& content_type = "multipart/form-data; boundary=b0undary",
      uint64_t max = 1024 * 1024) {
    http::Request request;
    request.headers.Add("Content-Type", content_type);
    if (from_file) {
      request.body_file = dir / "body";
      std::ofstream(request.body_file, std::ios::binary) << body;
    } else {
      request.body = body;
    }
    auto problem = ReadUploadForm(request, files, max, form);
    if (from_file) fs::remove(request.body_file);
    return problem;
  }

  size_t StagedCount() const {
    return static_cast<size_t>(std::distance(fs::directory_iterator(dir / "tmp"), {}));
  }

  fs::path dir;
  store::DocumentFiles files;
  static inline int counter = 0;
};

// The fields an error response names.
std::vector<std::string> Fields(const http::Response& r) {
  std::vector<std::string> out;
  json body = json::parse(r.body);
  for (const auto& e : body["errors"]) out.push_back(e["field"]);
  return out;
}

}  // namespace

TEST_CASE("An upload form is read, from memory or from the streamed file") {
  for (bool from_file : {false, true}) {
    FormFixture f;
    INFO("from file: " << from_file);
    // Larger than the 64 KiB pieces, with NUL bytes and near-boundaries inside.
    std::string content = "%PDF-1.4\n";
    const std::string near_miss("\r\n--b0undar\r\n-b0undary\n--b0undary\0\xff", 35);
    while (content.size() < 300'000) content += near_miss;
    UploadForm form;
    auto problem =
        f.Read(Body({{"name=\"type\"", "invitation_letter"},
                     {"name=\"replaces\"", "42"},
                     {"name=\"file\"; filename=\"../../Th\xc6\xb0 m\xe1\xbb\x9di.pdf\"", content}}),
               &form, from_file);
    REQUIRE_FALSE(problem);
    CHECK(form.type == "invitation_letter");
    CHECK(form.replaces == 42);
    CHECK(form.filename == "Thư mời.pdf");
    REQUIRE(form.file);
    CHECK(form.file->size() == content.size());
    CHECK(form.file->sha256() == Sha256Hex(content));
    CHECK(f.StagedCount() == 1);
    form.file.reset();
    CHECK(f.StagedCount() == 0);
  }
}

TEST_CASE("RFC 5987 filename* wins over filename") {
  FormFixture f;
  UploadForm form;
  REQUIRE_FALSE(f.Read(Body({{"name=\"type\"", "programme"},
                             {"name=\"file\"; filename=\"Chuong trinh.pdf\"; "
                              "filename*=UTF-8''Ch%C6%B0%C6%A1ng%20tr%C3%ACnh.pdf",
                              "%PDF-1.4"}}),
                       &form));
  CHECK(form.filename == "Chương trình.pdf");
  CHECK_FALSE(form.replaces);
}

TEST_CASE("A malformed or incomplete upload form is refused, naming the field") {
  struct Case {
    std::string what;
    std::string body;
    std::string content_type;
    int status;
    std::vector<std::string> fields;
  };
  const std::string ct = "multipart/form-data; boundary=b0undary";
  const Part type{"name=\"type\"", "programme"};
  const Part file{"name=\"file\"; filename=\"a.pdf\"", "%PDF-1.4 content"};
  std::string whole = Body({type, file});
  std::vector<Case> cases{
      {"not multipart", "{}", "application/json", 415, {"Content-Type"}},
      {"no content type", whole, "", 415, {"Content-Type"}},
      {"no boundary", whole, "multipart/form-data", 400, {"Content-Type"}},
      {"another boundary", whole, "multipart/form-data; boundary=other", 400, {"body"}},
      {"truncated in the file", whole.substr(0, whole.size() - 30), ct, 400, {"file"}},
      {"no closing boundary", whole.substr(0, whole.size() - 14), ct, 400, {"file"}},
      {"empty body", "", ct, 400, {"body"}},
      {"file missing", Body({type}), ct, 422, {"file"}},
      {"type missing", Body({file}), ct, 422, {"type"}},
      {"both missing", Body({{"name=\"replaces\"", "3"}}), ct, 422, {"type", "file"}},
      {"empty type", Body({{"name=\"type\"", ""}, file}), ct, 422, {"type"}},
      {"empty file", Body({type, {"name=\"file\"; filename=\"a.pdf\"", ""}}), ct, 422, {"file"}},
      {"file without filename", Body({type, {"name=\"file\"", "%PDF"}}), ct, 422, {"file"}},
      {"type sent as a file",
       Body({{"name=\"type\"; filename=\"t\"", "x"}, file}),
       ct,
       422,
       {"type"}},
      {"unknown field", Body({type, {"name=\"comment\"", "x"}, file}), ct, 422, {"comment"}},
      {"field twice", Body({type, type, file}), ct, 422, {"type"}},
      {"replaces not a number",
       Body({type, {"name=\"replaces\"", "abc"}, file}),
       ct,
       422,
       {"replaces"}},
      {"replaces zero", Body({type, {"name=\"replaces\"", "0"}, file}), ct, 422, {"replaces"}},
      {"type too long", Body({{"name=\"type\"", std::string(2000, 'x')}, file}), ct, 422, {"type"}},
      {"file too large",
       Body({type, {"name=\"file\"; filename=\"a.pdf\"", std::string(2049, 'x')}}),
       ct,
       413,
       {"file"}},
      {"bad filename*",
       Body({type, {"name=\"file\"; filename*=latin1''x", "%PDF"}}),
       ct,
       400,
       {"body"}},
  };
  for (bool from_file : {false, true}) {
    for (const auto& c : cases) {
      FormFixture f;
      INFO(c.what << (from_file ? " (from file)" : ""));
      UploadForm form;
      auto problem = f.Read(c.body, &form, from_file, c.content_type, 2048);
      REQUIRE(problem);
      CHECK(problem->status == c.status);
      CHECK(problem->headers.Get("Content-Type") == "application/problem+json; charset=utf-8");
      CHECK(Fields(*problem) == c.fields);
      CHECK_FALSE(form.file);
      CHECK(f.StagedCount() == 0);
    }
  }
}
