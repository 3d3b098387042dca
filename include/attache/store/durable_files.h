// Small file-system steps shared by the stores that write files meant to survive a crash
// (documents, backups, restores).
// Thread-safety: functions.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "attache/core/status.h"

namespace attache::store {

// Makes new entries and renames in folder `dir` durable (fsync of the folder). Unavailable
// when the disk is full; Internal for other errors.
Status SyncFolder(const std::filesystem::path& dir);

// The size and SHA-256 (hex) of the file at `path`, read whole. Internal when unreadable.
Status HashFile(const std::filesystem::path& path, uint64_t* size, std::string* sha256);

}  // namespace attache::store
