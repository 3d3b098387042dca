#include "attache/store/durable_files.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "attache/core/hash.h"

namespace attache::store {

Status SyncFolder(const std::filesystem::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Status::Internal("cannot open " + dir.string() + ": " + std::strerror(errno));
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc == 0) return Status::Ok();
  std::string message = "cannot sync " + dir.string() + ": " + std::strerror(err);
  return err == ENOSPC || err == EDQUOT ? Status::Unavailable(message) : Status::Internal(message);
}

Status HashFile(const std::filesystem::path& path, uint64_t* size, std::string* sha256) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::Internal("cannot open " + path.string() + ": " + std::strerror(errno));
  Sha256 hash;
  std::string chunk(1 << 20, '\0');
  uint64_t total = 0;
  for (;;) {
    ssize_t n = ::read(fd, chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      return Status::Internal("cannot read " + path.string() + ": " + std::strerror(err));
    }
    if (n == 0) break;
    hash.Update(std::string_view(chunk.data(), static_cast<size_t>(n)));
    total += static_cast<uint64_t>(n);
  }
  ::close(fd);
  *size = total;
  *sha256 = hash.FinishHex();
  return Status::Ok();
}

}  // namespace attache::store
