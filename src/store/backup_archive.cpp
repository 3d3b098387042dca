#include "attache/store/backup_archive.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <optional>

#include "attache/core/hash.h"

namespace attache::store {
namespace {

constexpr size_t kBlock = 512;
constexpr size_t kRecord = 20 * kBlock;         // tar's default record: archives are padded to it
constexpr size_t kChunk = 1 << 20;              // bytes copied per read or write
constexpr uint64_t kMaxOctal11 = 077777777777;  // the largest size 11 octal digits hold
constexpr uint64_t kMaxPaxHeader = 64 * 1024;   // ours are a few dozen bytes
constexpr uint64_t kMaxTrailer = 64 * 1024;     // zero padding accepted after the end marker

// Offsets and widths of the ustar header fields we use.
struct Field {
  size_t at, width;
};
constexpr Field kName{0, 100}, kMode{100, 8}, kUid{108, 8}, kGid{116, 8}, kSize{124, 12},
    kMtime{136, 12}, kChecksum{148, 8}, kType{156, 1}, kMagic{257, 6}, kVersion{263, 2},
    kPrefix{345, 155};

using Block = std::array<char, kBlock>;

Status WriteError(int err) {
  std::string why = std::strerror(err);
  if (err == ENOSPC || err == EDQUOT || err == EFBIG)
    return Status::Unavailable("not enough space for the backup file (" + why + ")");
  return Status::Internal("cannot write the backup file: " + why);
}

// `value` in octal, zero-padded, in the field's width less one, then NUL.
void PutOctal(Block& b, Field f, uint64_t value) {
  for (size_t i = f.width - 1; i-- > 0; value >>= 3)
    b[f.at + i] = static_cast<char>('0' + (value & 7));
  b[f.at + f.width - 1] = '\0';
}

uint64_t ChecksumOf(const Block& b) {
  uint64_t sum = 0;
  for (size_t i = 0; i < kBlock; ++i)
    sum += (i >= kChecksum.at && i < kChecksum.at + kChecksum.width)
               ? static_cast<unsigned char>(' ')
               : static_cast<unsigned char>(b[i]);
  return sum;
}

// A numeric field: optional spaces, octal digits, then NUL or spaces to the end. Base-256
// (GNU's binary form) and anything else is refused.
bool ParseOctal(const Block& b, Field f, uint64_t* out) {
  size_t i = f.at, end = f.at + f.width;
  while (i < end && b[i] == ' ') ++i;
  uint64_t value = 0;
  size_t digits = 0;
  for (; i < end && b[i] >= '0' && b[i] <= '7'; ++i, ++digits) {
    if (value > (UINT64_MAX >> 3)) return false;
    value = value * 8 + static_cast<uint64_t>(b[i] - '0');
  }
  if (digits == 0) return false;
  for (; i < end; ++i)
    if (b[i] != '\0' && b[i] != ' ') return false;
  *out = value;
  return true;
}

// The text of a NUL-padded field (all of it when it has no NUL).
std::string_view Text(const Block& b, Field f) {
  std::string_view s(b.data() + f.at, f.width);
  return s.substr(0, s.find('\0'));
}

bool IsZero(const char* p, size_t n) {
  return std::all_of(p, p + n, [](char c) { return c == '\0'; });
}

bool IsSafeComponent(std::string_view c) {
  if (c.empty() || c == "." || c == "..") return false;
  return std::all_of(c.begin(), c.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '.' || ch == '_' || ch == '-';
  });
}

// "LEN key=value\n" with LEN counting the whole record, its own digits included.
std::string PaxRecord(std::string_view key, std::string_view value) {
  size_t body = key.size() + value.size() + 3;  // space, '=', newline
  size_t len = body + 1;
  while (std::to_string(len).size() + body != len) len = std::to_string(len).size() + body;
  return std::to_string(len) + " " + std::string(key) + "=" + std::string(value) + "\n";
}

}  // namespace

bool IsSafeArchiveName(std::string_view name) {
  if (name.empty() || name.size() > kName.width) return false;
  for (size_t start = 0;;) {
    size_t slash = name.find('/', start);
    if (!IsSafeComponent(name.substr(start, slash - start))) return false;
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

// --- writing ---------------------------------------------------------------------------------

Status ArchiveWriter::Flush() {
  std::string_view left(buffer_);
  while (!left.empty()) {
    ssize_t n = ::write(fd_, left.data(), left.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return failed_ = WriteError(errno);
    left.remove_prefix(static_cast<size_t>(n));
    written_ += static_cast<uint64_t>(n);
  }
  buffer_.clear();
  return Status::Ok();
}

Status ArchiveWriter::Put(std::string_view bytes) {
  if (!failed_.ok()) return failed_;
  buffer_.append(bytes);
  return buffer_.size() >= kChunk ? Flush() : Status::Ok();
}

Status ArchiveWriter::Pad(uint64_t size) {
  size_t rest = static_cast<size_t>(size % kBlock);
  return rest ? Put(std::string(kBlock - rest, '\0')) : Status::Ok();
}

Status ArchiveWriter::Header(std::string_view name, uint64_t size, char type) {
  if (!IsSafeArchiveName(name) && type != 'x')
    return Status::InvalidArgument("unsafe archive name " + std::string(name));
  if (size > kMaxOctal11 && type != 'x') {
    // ustar's size field cannot hold it: a pax extended header says it instead.
    std::string record = PaxRecord("size", std::to_string(size));
    if (Status s = Header("PaxHeaders/" + std::string(name).substr(0, 80), record.size(), 'x');
        !s.ok())
      return s;
    if (Status s = Put(record); !s.ok()) return s;
    if (Status s = Pad(record.size()); !s.ok()) return s;
  }
  Block b{};
  std::memcpy(b.data() + kName.at, name.data(), std::min(name.size(), kName.width));
  PutOctal(b, kMode, 0600);
  PutOctal(b, kUid, 0);
  PutOctal(b, kGid, 0);
  PutOctal(b, kSize, size > kMaxOctal11 ? 0 : size);
  PutOctal(b, kMtime, static_cast<uint64_t>(std::max<int64_t>(mtime_, 0)));
  b[kType.at] = type;
  std::memcpy(b.data() + kMagic.at, "ustar", 6);  // with its NUL
  std::memcpy(b.data() + kVersion.at, "00", 2);
  uint64_t sum = ChecksumOf(b);
  PutOctal(b, {kChecksum.at, 7}, sum);  // six digits, NUL, then a space
  b[kChecksum.at + 7] = ' ';
  return Put({b.data(), kBlock});
}

Status ArchiveWriter::AddBytes(std::string_view name, std::string_view content) {
  if (Status s = Header(name, content.size(), '0'); !s.ok()) return s;
  if (Status s = Put(content); !s.ok()) return s;
  return Pad(content.size());
}

Status ArchiveWriter::AddFile(std::string_view name, const std::filesystem::path& path,
                              uint64_t size, std::string* sha256) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return Status::Corruption("cannot open " + path.string() + ": " + std::strerror(errno));
  struct FdCloser {
    int fd;
    ~FdCloser() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || static_cast<uint64_t>(st.st_size) != size)
    return Status::Corruption(path.string() + " is not " + std::to_string(size) + " bytes long");
  if (Status s = Header(name, size, '0'); !s.ok()) return s;
  if (Status s = Flush(); !s.ok()) return s;
  Sha256 hash;
  std::string chunk(kChunk, '\0');
  for (uint64_t left = size; left > 0;) {
    ssize_t n = ::read(fd, chunk.data(), static_cast<size_t>(std::min<uint64_t>(left, kChunk)));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      return failed_ = Status::Corruption(path.string() + " ended early while it was copied");
    std::string_view piece(chunk.data(), static_cast<size_t>(n));
    if (sha256) hash.Update(piece);
    buffer_.assign(piece);
    if (Status s = Flush(); !s.ok()) return s;
    left -= static_cast<uint64_t>(n);
  }
  if (sha256) *sha256 = hash.FinishHex();
  return Pad(size);
}

Status ArchiveWriter::Finish() {
  if (Status s = Put(std::string(2 * kBlock, '\0')); !s.ok()) return s;
  if (uint64_t rest = bytes_written() % kRecord; rest != 0)
    if (Status s = Put(std::string(kRecord - rest, '\0')); !s.ok()) return s;
  return Flush();
}

// --- reading ---------------------------------------------------------------------------------

Status ArchiveReader::ReadExact(char* out, size_t n) {
  if (n > left_) return Status::Corruption("the archive is truncated");
  while (n > 0) {
    ssize_t got = ::read(fd_, out, n);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0)
      return Status::Internal(std::string("cannot read the archive: ") + std::strerror(errno));
    if (got == 0) return Status::Corruption("the archive is truncated");
    out += got;
    n -= static_cast<size_t>(got);
    left_ -= static_cast<uint64_t>(got);
  }
  return Status::Ok();
}

Status ArchiveReader::Skip(uint64_t n) {
  std::string chunk(static_cast<size_t>(std::min<uint64_t>(n, kChunk)), '\0');
  while (n > 0) {
    size_t step = static_cast<size_t>(std::min<uint64_t>(n, chunk.size()));
    if (Status s = ReadExact(chunk.data(), step); !s.ok()) return s;
    n -= step;
  }
  return Status::Ok();
}

Status ArchiveReader::Read(const Sink& sink) {
  if (!in_entry_) return Status::Internal("no archive entry to read");
  std::string chunk(static_cast<size_t>(std::min<uint64_t>(content_left_, kChunk)), '\0');
  while (content_left_ > 0) {
    size_t step = static_cast<size_t>(std::min<uint64_t>(content_left_, chunk.size()));
    if (Status s = ReadExact(chunk.data(), step); !s.ok()) return s;
    content_left_ -= step;
    if (Status s = sink(std::string_view(chunk.data(), step)); !s.ok()) return s;
  }
  in_entry_ = false;
  return Skip(padding_);
}

Status ArchiveReader::ReadPax(uint64_t size, uint64_t* pax_size) {
  if (size > kMaxPaxHeader) return Status::Corruption("a pax header is too large");
  std::string text(static_cast<size_t>(size), '\0');
  if (Status s = ReadExact(text.data(), text.size()); !s.ok()) return s;
  if (Status s = Skip((kBlock - size % kBlock) % kBlock); !s.ok()) return s;
  std::string_view rest(text);
  while (!rest.empty()) {
    size_t space = rest.find(' ');
    uint64_t len = 0;
    if (space == std::string_view::npos || space == 0 || space > 6)
      return Status::Corruption("a pax record is malformed");
    for (char c : rest.substr(0, space)) {
      if (c < '0' || c > '9') return Status::Corruption("a pax record is malformed");
      len = len * 10 + static_cast<uint64_t>(c - '0');
    }
    if (len <= space + 1 || len > rest.size() || rest[len - 1] != '\n')
      return Status::Corruption("a pax record is malformed");
    std::string_view record = rest.substr(space + 1, len - space - 2);
    rest.remove_prefix(len);
    size_t eq = record.find('=');
    if (eq == std::string_view::npos) return Status::Corruption("a pax record is malformed");
    std::string_view key = record.substr(0, eq), value = record.substr(eq + 1);
    if (key == "mtime" || key == "atime" || key == "ctime") continue;  // times: not used
    if (key != "size")  // a name or link given here could bypass the checks on the header's
      return Status::Corruption("the archive has a pax record '" + std::string(key) +
                                "' that a backup never has");
    uint64_t v = 0;
    if (value.empty() || value.size() > 18) return Status::Corruption("a pax size is malformed");
    for (char c : value) {
      if (c < '0' || c > '9') return Status::Corruption("a pax size is malformed");
      v = v * 10 + static_cast<uint64_t>(c - '0');
    }
    *pax_size = v;
  }
  return Status::Ok();
}

Status ArchiveReader::CheckEnd() {
  Block second;
  if (Status s = ReadExact(second.data(), kBlock); !s.ok()) return s;
  if (!IsZero(second.data(), kBlock))
    return Status::Corruption("an empty header block stands inside the archive");
  if (left_ > kMaxTrailer) return Status::Corruption("data follows the end of the archive");
  std::string trailer(static_cast<size_t>(left_), '\0');
  if (Status s = ReadExact(trailer.data(), trailer.size()); !s.ok()) return s;
  if (!IsZero(trailer.data(), trailer.size()))
    return Status::Corruption("data follows the end of the archive");
  ended_ = true;
  return Status::Ok();
}

Status ArchiveReader::Next(Entry* entry, bool* end) {
  *end = false;
  if (ended_) {
    *end = true;
    return Status::Ok();
  }
  if (in_entry_) {
    if (Status s = Skip(content_left_ + padding_); !s.ok()) return s;
    in_entry_ = false;
  }
  std::optional<uint64_t> pax_size;
  for (;;) {
    Block b;
    if (Status s = ReadExact(b.data(), kBlock); !s.ok()) return s;
    if (IsZero(b.data(), kBlock)) {
      if (pax_size) return Status::Corruption("a pax header is not followed by a file");
      if (Status s = CheckEnd(); !s.ok()) return s;
      *end = true;
      return Status::Ok();
    }
    uint64_t stored = 0;
    if (!ParseOctal(b, kChecksum, &stored) || stored != ChecksumOf(b))
      return Status::Corruption("a header's checksum is wrong");
    if (Text(b, kMagic) != "ustar" || std::string_view(b.data() + kVersion.at, 2) != "00")
      return Status::Corruption("a header is not a POSIX ustar header");
    uint64_t size = 0;
    if (!ParseOctal(b, kSize, &size)) return Status::Corruption("a header's size is malformed");
    char type = b[kType.at];
    if (type == 'x') {
      if (pax_size) return Status::Corruption("two pax headers follow each other");
      if (size > left_) return Status::Corruption("the archive is truncated");
      uint64_t v = 0;
      if (Status s = ReadPax(size, &v); !s.ok()) return s;
      pax_size = v;
      continue;
    }
    std::string name(Text(b, kName));
    if (std::string_view prefix = Text(b, kPrefix); !prefix.empty())
      name = std::string(prefix) + "/" + name;
    if (type != '0' && type != '\0')
      return Status::Corruption("entry " + name + " is not a regular file (type '" +
                                std::string(1, type) + "')");
    if (!IsSafeArchiveName(name))
      return Status::Corruption("the archive has an unsafe name: " + name);
    if (pax_size) size = *pax_size;
    uint64_t padding = (kBlock - size % kBlock) % kBlock;
    if (size > left_ || padding > left_ - size)
      return Status::Corruption("the archive is truncated: " + name + " needs " +
                                std::to_string(size) + " bytes, " + std::to_string(left_) +
                                " are left");
    entry->name = std::move(name);
    entry->size = size;
    content_left_ = size;
    padding_ = padding;
    in_entry_ = true;
    return Status::Ok();
  }
}

}  // namespace attache::store
