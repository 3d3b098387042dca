// Secret keys kept as files in the data folder's keys/ folder, outside the database: someone who
// can read or write only the database learns nothing of them. A key is random bytes made at
// first use, in a file of mode 0600 in a folder of mode 0700, written durably.
// Thread-safety: functions; call LoadOrCreateKey for one path from one thread at a time.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "attache/core/status.h"

namespace attache::store {

// The keys folder of a data folder: DATA/keys.
std::filesystem::path KeysDir(const std::filesystem::path& data_dir);

// Reads the key at `path`, or makes one of `size` random bytes there when the file does not
// exist. Corruption when the file is not `size` bytes; FailedPrecondition when others than its
// owner may read or write it (chmod 600 and restart); Unavailable when it cannot be written
// for want of space; Internal for other I/O errors.
Status LoadOrCreateKey(const std::filesystem::path& path, size_t size, std::string* key);

}  // namespace attache::store
