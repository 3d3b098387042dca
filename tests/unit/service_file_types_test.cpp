#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "attache/service/file_types.h"

namespace fs = std::filesystem;
using namespace attache::service;
using attache::Status;

namespace {

void Put16(std::string& s, uint16_t v) { s.push_back(char(v & 0xff)); s.push_back(char(v >> 8)); }
void Put32(std::string& s, uint32_t v) { for (int i = 0; i < 4; ++i) s.push_back(char((v >> (8 * i)) & 0xff)); }

struct Entry {
  std::string name;
  std::string data;
  uint32_t declared_size = 0;  // uncompressed size claimed in the central directory (0: real)
};

// A minimal ZIP archive with stored (uncompressed) entries, enough for the detector.
std::string MakeZip(const std::vector<Entry>& entries) {
  std::string out, cd;
  for (const Entry& e : entries) {
    uint32_t offset = static_cast<uint32_t>(out.size());
    Put32(out, 0x04034b50); Put16(out, 20); Put16(out, 0); Put16(out, 0); Put16(out, 0); Put16(out, 0);
    Put32(out, 0); Put32(out, uint32_t(e.data.size())); Put32(out, uint32_t(e.data.size()));
    Put16(out, uint16_t(e.name.size())); Put16(out, 0);
    out += e.name + e.data;
    Put32(cd, 0x02014b50); Put16(cd, 20); Put16(cd, 20); Put16(cd, 0); Put16(cd, 0); Put16(cd, 0); Put16(cd, 0);
    Put32(cd, 0); Put32(cd, uint32_t(e.data.size()));
    Put32(cd, e.declared_size ? e.declared_size : uint32_t(e.data.size()));
    Put16(cd, uint16_t(e.name.size())); Put16(cd, 0); Put16(cd, 0); Put16(cd, 0); Put16(cd, 0); Put32(cd, 0);
    Put32(cd, offset);
    cd += e.name;
  }
  uint32_t cd_offset = static_cast<uint32_t>(out.size());
  out += cd;
  Put32(out, 0x06054b50); Put16(out, 0); Put16(out, 0); Put16(out, uint16_t(entries.size()));
  Put16(out, uint16_t(entries.size())); Put32(out, uint32_t(cd.size())); Put32(out, cd_offset); Put16(out, 0);
  return out;
}

Status Detect(const std::string& bytes, DetectedType* t) {
  fs::path p = fs::temp_directory_path() / ("attache-ft-" + std::to_string(::getpid()));
  std::ofstream(p, std::ios::binary) << bytes;
  Status s = DetectFileType(p, t);
  fs::remove(p);
  return s;
}

}  // namespace

TEST_CASE("File types are recognised from content") {
  struct Case {
    std::string bytes;
    FileKind kind;
    const char* content_type;
  };
  std::vector<Case> cases = {
      {"%PDF-1.7\n...", FileKind::kPdf, "application/pdf"},
      {"\x89PNG\r\n\x1a\n....", FileKind::kPng, "image/png"},
      {"\xff\xd8\xff\xe0....", FileKind::kJpeg, "image/jpeg"},
      {MakeZip({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", "<w:document/>"}}),
       FileKind::kDocx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {MakeZip({{"[Content_Types].xml", "<Types/>"}, {"xl/workbook.xml", "<workbook/>"}}),
       FileKind::kXlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {MakeZip({{"mimetype", "application/vnd.oasis.opendocument.text"}, {"content.xml", "<x/>"}}),
       FileKind::kOdt, "application/vnd.oasis.opendocument.text"},
  };
  for (const auto& c : cases) {
    DetectedType t;
    REQUIRE(Detect(c.bytes, &t).ok());
    CHECK(t.kind == c.kind);
    CHECK(t.content_type == c.content_type);
  }
}

TEST_CASE("Files that are none of the allowed kinds are refused") {
  std::vector<std::pair<std::string, const char*>> cases = {
      {"", "empty"},
      {"MZ\x90\x00 windows executable", "only PDF"},
      {"<html><script>alert(1)</script>", "only PDF"},
      {" %PDF-1.7 (not at the start)", "only PDF"},
      {MakeZip({{"evil.exe", "MZ"}}), "not a DOCX"},
      {MakeZip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}}), "not a DOCX"},
      {"PK\x03\x04 truncated", "truncated"},
      {"PK\x03\x04" + std::string(100, 'x'), "no central directory"},
      // A zip bomb disguised as DOCX: small, but its directory promises gigabytes.
      {MakeZip({{"[Content_Types].xml", "<Types/>"},
                {"word/document.xml", std::string(1000, 'A'), 0xF0000000u}}), "zip bomb"},
  };
  for (const auto& [bytes, message] : cases) {
    INFO(message);
    DetectedType t;
    Status s = Detect(bytes, &t);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK_THAT(s.message(), Catch::Contains(message));
  }
}
