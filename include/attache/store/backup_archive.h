// The container of a backup (store/backup.h): a POSIX tar archive (ustar; a pax extended header
// carries a size ustar's 11 octal digits cannot hold, 8 GiB and more), written and read by this
// small code of our own so that `tar tf FILE` lists it and `tar xf` unpacks it anywhere.
//
// The reader expects a hostile file: it accepts regular files only (no links, devices or
// folders), names made of safe relative components only (no "/" at the start, no "." or ".."
// component, no byte outside [A-Za-z0-9._-] in a component), header checksums that match,
// sizes that fit in what is left of the file, pax records it knows, and the end-of-archive
// marker followed by zero padding only. Anything else is Corruption, named.
// Thread-safety: a writer or reader belongs to one thread; they do not own their descriptor.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "attache/core/status.h"

namespace attache::store {

// Whether `name` is a safe relative archive name (see above), at most 100 bytes.
bool IsSafeArchiveName(std::string_view name);

class ArchiveWriter {
 public:
  // Writes to `fd` from its current position; every entry gets mode 0600 and `mtime` (seconds
  // since the epoch).
  ArchiveWriter(int fd, int64_t mtime) : fd_(fd), mtime_(mtime) {}
  ArchiveWriter(const ArchiveWriter&) = delete;
  ArchiveWriter& operator=(const ArchiveWriter&) = delete;

  // Adds a regular file holding `content`. InvalidArgument for an unsafe name; Unavailable when
  // the disk is full; Internal for other write errors (also every later call then fails).
  Status AddBytes(std::string_view name, std::string_view content);

  // Adds the file at `path`, which must be `size` bytes long (Corruption when it is not or
  // changes while copied); its SHA-256 goes to `*sha256` when given.
  Status AddFile(std::string_view name, const std::filesystem::path& path, uint64_t size,
                 std::string* sha256 = nullptr);

  // Writes the end-of-archive marker, pads to a 10 KiB record as tar does, and flushes. The
  // caller syncs and closes the descriptor.
  Status Finish();

  uint64_t bytes_written() const { return written_ + buffer_.size(); }

 private:
  Status Header(std::string_view name, uint64_t size, char type);
  Status Put(std::string_view bytes);
  Status Pad(uint64_t size);  // zeros up to the next 512-byte block
  Status Flush();

  const int fd_;
  const int64_t mtime_;
  std::string buffer_;
  uint64_t written_ = 0;
  Status failed_;
};

class ArchiveReader {
 public:
  struct Entry {
    std::string name;
    uint64_t size = 0;
  };
  // The content of an entry, in pieces, in order; a non-ok Status stops the reading.
  using Sink = std::function<Status(std::string_view)>;

  // Reads the archive in `fd` from its current position; `size` is the bytes left in it.
  ArchiveReader(int fd, uint64_t size) : fd_(fd), left_(size) {}
  ArchiveReader(const ArchiveReader&) = delete;
  ArchiveReader& operator=(const ArchiveReader&) = delete;

  // Moves to the next entry (skipping the content of the current one if unread). *end is true,
  // and *entry unchanged, at a well-formed end of the archive. Corruption as listed above.
  Status Next(Entry* entry, bool* end);

  // Streams the current entry's content to `sink`. Corruption when the file ends early; the
  // sink's own Status when it refuses a piece.
  Status Read(const Sink& sink);

 private:
  Status ReadExact(char* out, size_t n);
  Status Skip(uint64_t n);
  Status ReadPax(uint64_t size, uint64_t* pax_size);
  Status CheckEnd();

  const int fd_;
  uint64_t left_;              // bytes of the file not read yet
  uint64_t content_left_ = 0;  // of the current entry
  uint64_t padding_ = 0;       // after the current entry's content
  bool in_entry_ = false;
  bool ended_ = false;
};

}  // namespace attache::store
