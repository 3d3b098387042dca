#include "attache/store/document_files.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace attache::store {
namespace {

namespace fs = std::filesystem;

Status WriteError(int err, std::string_view what) {
  std::string message = std::string(what) + ": " + std::strerror(err);
  if (err == ENOSPC || err == EDQUOT || err == EFBIG)
    return Status::Unavailable("Không đủ chỗ lưu tệp / the server cannot store the file now (" +
                               message + ")");
  return Status::Internal(message);
}

// Makes a rename or a new entry in `dir` durable.
Status SyncFolder(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return WriteError(errno, "cannot open " + dir.string());
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  return rc == 0 ? Status::Ok() : WriteError(err, "cannot sync " + dir.string());
}

bool IsSha256Hex(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

StagedFile::~StagedFile() {
  Close();
  if (!placed_) {
    std::error_code ignored;
    fs::remove(path_, ignored);
  }
}

void StagedFile::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

Status StagedFile::Append(std::string_view bytes) {
  if (fd_ < 0) return Status::Internal("the staged file is closed");
  hash_.Update(bytes);
  size_ += bytes.size();
  while (!bytes.empty()) {
    ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return WriteError(errno, "cannot write the upload");
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

Status StagedFile::Finish() {
  if (fd_ < 0) return Status::Internal("the staged file is closed");
  int rc = ::fsync(fd_);
  int err = errno;
  Close();
  if (rc != 0) return WriteError(err, "cannot flush the upload to disk");
  sha256_ = hash_.FinishHex();
  return Status::Ok();
}

Status DocumentFiles::Prepare() const {
  for (const fs::path& dir : {root_, staging_}) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return Status::Unavailable("cannot create " + dir.string() + ": " + ec.message());
  }
  return Status::Ok();
}

fs::path DocumentFiles::PathOf(const std::string& sha256) const {
  if (!IsSha256Hex(sha256)) throw std::invalid_argument("not a SHA-256 in hex: " + sha256);
  return root_ / sha256.substr(0, 2) / sha256;
}

Status DocumentFiles::Stage(std::unique_ptr<StagedFile>* out) const {
  EnsureSodium();
  unsigned char random[16];
  randombytes_buf(random, sizeof random);
  fs::path path =
      staging_ / ("part-" + HexEncode({reinterpret_cast<const char*>(random), sizeof random}));
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) {
    Status s = WriteError(errno, "cannot create " + path.string());
    return Status::Unavailable(s.message());
  }
  out->reset(new StagedFile(std::move(path), fd));
  return Status::Ok();
}

Status DocumentFiles::Place(StagedFile& staged, bool* created) const {
  *created = false;
  if (staged.fd_ >= 0 || staged.sha256_.empty() || staged.placed_)
    return Status::Internal("only a finished staged file can be placed");
  fs::path dest = PathOf(staged.sha256_);
  std::error_code ec;
  if (fs::exists(dest, ec)) {
    fs::remove(staged.path_, ec);
    staged.placed_ = true;
    return Status::Ok();
  }
  bool new_folder = fs::create_directories(dest.parent_path(), ec);
  if (ec) return WriteError(ec.value(), "cannot create " + dest.parent_path().string());
  if (new_folder)
    if (Status s = SyncFolder(root_); !s.ok()) return s;
  if (::rename(staged.path_.c_str(), dest.c_str()) != 0)
    return WriteError(errno, "cannot move the upload into place");
  staged.placed_ = true;
  *created = true;
  return SyncFolder(dest.parent_path());
}

void DocumentFiles::Remove(const std::string& sha256) const {
  std::error_code ignored;
  fs::remove(PathOf(sha256), ignored);
}

Status DocumentFiles::Read(const std::string& sha256, std::string* out) const {
  fs::path path = PathOf(sha256);
  std::error_code ec;
  uint64_t size = fs::file_size(path, ec);
  std::ifstream in(path, std::ios::binary);
  if (ec || !in)
    return Status::Corruption("the stored file of document content " + sha256 + " is missing");
  out->resize(size);
  in.read(out->data(), static_cast<std::streamsize>(size));
  if (static_cast<uint64_t>(in.gcount()) != size)
    return Status::Internal("cannot read stored document content " + sha256);
  return Status::Ok();
}

}  // namespace attache::store
