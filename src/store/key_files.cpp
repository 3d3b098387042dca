#include "attache/store/key_files.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "attache/store/durable_files.h"

namespace attache::store {
namespace {

Status IoError(const std::string& what, const std::filesystem::path& path) {
  int err = errno;
  std::string msg = what + " " + path.string() + ": " + std::strerror(err);
  return err == ENOSPC || err == EDQUOT ? Status::Unavailable(msg) : Status::Internal(msg);
}

// Reads the whole key file, refusing one that others may read or write.
Status ReadKey(int fd, const std::filesystem::path& path, size_t size, std::string* key) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return IoError("cannot read", path);
  if ((st.st_mode & 077) != 0)
    return Status::FailedPrecondition("the key file " + path.string() +
                                      " may be read by others than its owner: chmod 600 it");
  if (static_cast<size_t>(st.st_size) != size)
    return Status::Corruption("the key file " + path.string() + " is " +
                              std::to_string(st.st_size) + " bytes, not " + std::to_string(size));
  key->assign(size, '\0');
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::read(fd, key->data() + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return IoError("cannot read", path);
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

}  // namespace

std::filesystem::path KeysDir(const std::filesystem::path& data_dir) { return data_dir / "keys"; }

Status LoadOrCreateKey(const std::filesystem::path& path, size_t size, std::string* key) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    Status s = ReadKey(fd, path, size, key);
    ::close(fd);
    return s;
  }
  if (errno != ENOENT) return IoError("cannot open", path);
  const std::filesystem::path dir = path.parent_path();
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return IoError("cannot create", dir);
  // Written under a temporary name and renamed, so a crash never leaves a short key behind.
  const std::filesystem::path tmp = path.string() + ".new";
  ::unlink(tmp.c_str());
  fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return IoError("cannot create", tmp);
  std::string bytes(size, '\0');
  randombytes_buf(bytes.data(), size);
  size_t done = 0;
  Status s;
  while (s.ok() && done < size) {
    ssize_t n = ::write(fd, bytes.data() + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) s = IoError("cannot write", tmp);
    else done += static_cast<size_t>(n);
  }
  if (s.ok() && ::fsync(fd) != 0) s = IoError("cannot write", tmp);
  ::close(fd);
  if (s.ok() && ::rename(tmp.c_str(), path.c_str()) != 0) s = IoError("cannot rename", tmp);
  if (s.ok()) s = SyncFolder(dir);
  if (!s.ok()) {
    ::unlink(tmp.c_str());
    sodium_memzero(bytes.data(), bytes.size());
    return s;
  }
  *key = std::move(bytes);
  return Status::Ok();
}

}  // namespace attache::store
