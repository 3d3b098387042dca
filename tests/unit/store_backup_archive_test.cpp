// The backup archive: what the writer makes reads back, and the reader refuses every hostile
// or damaged archive (links, unsafe names, bad checksums, sizes past the end, truncation,
// unknown pax records, data after the end) instead of handing it on.
#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "attache/core/hash.h"
#include "attache/store/backup_archive.h"
#include "test_files.h"

namespace fs = std::filesystem;
using namespace attache;
using store::ArchiveReader;
using store::ArchiveWriter;

namespace {

struct TempDir {
  TempDir() {
    static int counter = 0;
    dir = fs::temp_directory_path() /
          ("attache-archive-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
  fs::path dir;
};

void WriteFile(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// A ustar header as another program (or an attacker) might write it: `checksum_delta` spoils
// the checksum; `size_field` replaces the octal size text.
std::string Header(const std::string& name, uint64_t size, char type = '0',
                   const std::string& prefix = "", int checksum_delta = 0,
                   const char* size_field = nullptr) {
  std::string b(512, '\0');
  std::memcpy(&b[0], name.data(), std::min<size_t>(name.size(), 100));
  std::memcpy(&b[100], "0000600", 7);
  std::memcpy(&b[108], "0000000", 7);
  std::memcpy(&b[116], "0000000", 7);
  char field[13];
  std::snprintf(field, sizeof field, "%011llo", static_cast<unsigned long long>(size));
  std::memcpy(&b[124], size_field ? size_field : field, 11);
  std::memcpy(&b[136], "00000000000", 11);
  b[156] = type;
  std::memcpy(&b[257], "ustar", 6);
  std::memcpy(&b[263], "00", 2);
  std::memcpy(&b[345], prefix.data(), std::min<size_t>(prefix.size(), 155));
  uint64_t sum = 0;
  for (size_t i = 0; i < 512; ++i)
    sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(b[i]);
  std::snprintf(field, sizeof field, "%06llo",
                static_cast<unsigned long long>(sum + checksum_delta));
  std::memcpy(&b[148], field, 7);
  b[155] = ' ';
  return b;
}

std::string Padded(const std::string& content) {
  return content + std::string((512 - content.size() % 512) % 512, '\0');
}

std::string Entry(const std::string& name, const std::string& content) {
  return Header(name, content.size()) + Padded(content);
}

const std::string kEnd(1024, '\0');

struct ReadResult {
  Status status;
  std::vector<std::pair<std::string, std::string>> entries;  // name, content
};

// Reads the whole archive `bytes` the way restore does.
ReadResult ReadAll(const TempDir& t, const std::string& bytes) {
  fs::path path = t.dir / "read.tar";
  WriteFile(path, bytes);
  int fd = ::open(path.c_str(), O_RDONLY);
  REQUIRE(fd >= 0);
  ArchiveReader reader(fd, bytes.size());
  ReadResult r;
  for (;;) {
    ArchiveReader::Entry e;
    bool end = false;
    r.status = reader.Next(&e, &end);
    if (!r.status.ok() || end) break;
    std::string content;
    r.status = reader.Read([&](std::string_view p) {
      content.append(p);
      return Status::Ok();
    });
    if (!r.status.ok()) break;
    r.entries.emplace_back(e.name, content);
  }
  ::close(fd);
  return r;
}

}  // namespace

TEST_CASE("Archive names: relative, safe components only") {
  for (const char* ok : {"manifest.json", "attache.db", "documents/ab/abcdef", "a-b_c.d/e"})
    CHECK(store::IsSafeArchiveName(ok));
  for (const char* bad : {"", "/etc/passwd", "../x", "a/../b", "a/./b", "./a", "a//b", "a/", "a\\b",
                          "a b", "ä", "a\nb", ".."})
    CHECK_FALSE(store::IsSafeArchiveName(bad));
  CHECK_FALSE(store::IsSafeArchiveName(std::string(101, 'a')));
}

TEST_CASE("What the writer writes reads back, entry by entry") {
  TempDir t;
  std::string big(3 * 1024 * 1024 + 17, '\0');
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 31 % 253);
  WriteFile(t.dir / "big.bin", big);
  fs::path out = t.dir / "out.tar";
  int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  REQUIRE(fd >= 0);
  ArchiveWriter w(fd, 1'700'000'000);
  REQUIRE(w.AddBytes("manifest.json", "{}").ok());
  REQUIRE(w.AddBytes("empty", "").ok());
  std::string sha;
  REQUIRE(w.AddFile("documents/ab/big", t.dir / "big.bin", big.size(), &sha).ok());
  CHECK(sha == Sha256Hex(big));
  CHECK(w.AddBytes("../escape", "x").code() == Status::Code::kInvalidArgument);
  // A file whose size is not the one given is not archived as if it were.
  CHECK(w.AddFile("short", t.dir / "big.bin", big.size() + 1).code() == Status::Code::kCorruption);
  REQUIRE(w.Finish().ok());
  ::close(fd);
  CHECK(w.bytes_written() == fs::file_size(out));
  CHECK(w.bytes_written() % 10240 == 0);  // padded to tar's record, as tar does

  ReadResult r = ReadAll(t, testing::ReadFile(out));
  REQUIRE(r.status.ok());
  REQUIRE(r.entries.size() == 3);
  CHECK(r.entries[0] == std::pair<std::string, std::string>{"manifest.json", "{}"});
  CHECK(r.entries[1] == std::pair<std::string, std::string>{"empty", ""});
  CHECK(r.entries[2].first == "documents/ab/big");
  CHECK(r.entries[2].second == big);
}

TEST_CASE("Entries may be skipped without reading them") {
  TempDir t;
  std::string bytes = Entry("a", std::string(700, 'a')) + Entry("b", "bee") + kEnd;
  fs::path path = t.dir / "skip.tar";
  WriteFile(path, bytes);
  int fd = ::open(path.c_str(), O_RDONLY);
  ArchiveReader reader(fd, bytes.size());
  ArchiveReader::Entry e;
  bool end = false;
  REQUIRE(reader.Next(&e, &end).ok());
  CHECK(e.name == "a");
  REQUIRE(reader.Next(&e, &end).ok());
  CHECK((e.name == "b" && e.size == 3));
  REQUIRE(reader.Next(&e, &end).ok());
  CHECK(end);
  ::close(fd);
}

TEST_CASE("A pax header may give a size ustar cannot hold; it may not rename") {
  TempDir t;
  auto pax = [](const std::string& records) {
    return Header("PaxHeaders/x", records.size(), 'x') + Padded(records);
  };
  SECTION("size and times are read") {
    std::string bytes =
        pax("20 mtime=1700000000\n10 size=5\n") + Header("x", 0) + Padded("hello") + kEnd;
    ReadResult r = ReadAll(t, bytes);
    REQUIRE(r.status.ok());
    REQUIRE(r.entries.size() == 1);
    CHECK(r.entries[0].second == "hello");
  }
  SECTION("a size past the end of the file is refused before anything is read") {
    std::string bytes = pax("25 size=9000000000000000\n") + Header("x", 0) + kEnd;
    CHECK(ReadAll(t, bytes).status.code() == Status::Code::kCorruption);
  }
  SECTION("a path or linkpath record is refused") {
    for (const char* record : {"13 path=../x\n", "22 linkpath=/etc/pass\n"}) {
      std::string bytes = pax(record) + Entry("x", "y") + kEnd;
      ReadResult r = ReadAll(t, bytes);
      CHECK(r.status.code() == Status::Code::kCorruption);
      CHECK(r.entries.empty());
    }
  }
  SECTION("malformed records are refused") {
    for (const char* records : {"99 size=5\n", "x size=5\n", "10 size=5 ", "11 size=-5\n"}) {
      std::string bytes = pax(records) + Entry("x", "hello") + kEnd;
      CHECK(ReadAll(t, bytes).status.code() == Status::Code::kCorruption);
    }
  }
  SECTION("a pax header with no file after it is refused") {
    CHECK(ReadAll(t, pax("10 size=5\n") + kEnd).status.code() == Status::Code::kCorruption);
  }
}

TEST_CASE("Hostile and damaged archives are refused, naming why") {
  TempDir t;
  struct Case {
    const char* what;
    std::string bytes;
    const char* says;
  };
  std::string good = Entry("manifest.json", "{}") + Entry("attache.db", "db") + kEnd;
  std::string flipped = good;
  flipped[1024 + 5] ^= 1;  // in the second header's name: its checksum no longer matches
  std::vector<Case> cases = {
      {"parent component", Entry("../../etc/cron.d/x", "x") + kEnd, "unsafe name"},
      {"absolute name", Entry("/etc/passwd", "x") + kEnd, "unsafe name"},
      {"parent through the prefix field", Header("x", 1, '0', "..") + Padded("x") + kEnd,
       "unsafe name"},
      {"symbolic link", Header("attache.db", 0, '2') + kEnd, "not a regular file"},
      {"hard link", Header("attache.db", 0, '1') + kEnd, "not a regular file"},
      {"folder", Header("documents", 0, '5') + kEnd, "not a regular file"},
      {"device", Header("x", 0, '3') + kEnd, "not a regular file"},
      {"global pax header", Header("g", 0, 'g') + kEnd, "not a regular file"},
      {"bad checksum", Header("x", 1, '0', "", 1) + Padded("x") + kEnd, "checksum"},
      {"flipped header byte", flipped, "checksum"},
      {"huge size", Header("x", 0, '0', "", 0, "77777777777") + kEnd, "truncated"},
      {"base-256 size", Header("x", 0, '0', "", 0, "\x80\0\0\0\0\0\0\0\0\0\x01") + kEnd,
       "size is malformed"},
      {"size with junk", Header("x", 0, '0', "", 0, "0000000001x") + kEnd, "size is malformed"},
      {"content cut short", good.substr(0, 512 + 512 + 300), "truncated"},
      {"no end marker", good.substr(0, good.size() - 1024), "truncated"},
      {"half an end marker", good.substr(0, good.size() - 512), "truncated"},
      {"data after the end", good + "junk" + std::string(508, '\0'), "follows the end"},
      {"zero block inside", Entry("a", "a") + std::string(512, '\0') + Entry("b", "b") + kEnd,
       "inside the archive"},
      {"not ustar", std::string(3, 'x') + good.substr(3), "checksum"},
  };
  std::string gnu = Header("x", 1);
  std::memcpy(&gnu[257], "ustar  ", 8);  // GNU's old magic: recompute the checksum
  uint64_t sum = 0;
  for (size_t i = 0; i < 512; ++i)
    sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(gnu[i]);
  char field[8];
  std::snprintf(field, sizeof field, "%06llo", static_cast<unsigned long long>(sum));
  std::memcpy(&gnu[148], field, 7);
  cases.push_back({"GNU magic", gnu + Padded("x") + kEnd, "not a POSIX ustar header"});
  for (const Case& c : cases) {
    INFO(c.what);
    ReadResult r = ReadAll(t, c.bytes);
    CHECK(r.status.code() == Status::Code::kCorruption);
    CHECK_THAT(r.status.message(), Catch::Contains(c.says));
  }
  CHECK(ReadAll(t, good).status.ok());
  CHECK(ReadAll(t, "").status.code() == Status::Code::kCorruption);  // an empty file
}
