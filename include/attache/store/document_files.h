// The bytes of documents, content-addressed under the data folder: documents/ab/abcdef...,
// named by their SHA-256, so the same content is stored once and no name a user chose ever
// becomes a path. An upload is first written to a StagedFile in the staging folder (data/tmp,
// on the same file system), hashed as it is written and flushed to disk; Place then renames it
// to its content's name, or drops it when those bytes are already stored.
// Thread-safety: DocumentFiles is immutable; Stage and Read may be called from any thread.
// Place and Remove must be ordered with the database writes that refer to the files (the
// documents service calls them on the writer thread), so a file is never removed while a
// committed row names it. A StagedFile belongs to one thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "attache/core/hash.h"
#include "attache/core/status.h"

namespace attache::store {

class StagedFile {
 public:
  ~StagedFile();  // removes the file unless it was placed
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;

  // Appends bytes. Unavailable when the disk is full; Internal for other write errors.
  Status Append(std::string_view bytes);
  // Flushes the file to disk and closes it; afterwards size() and sha256() are final.
  Status Finish();

  uint64_t size() const { return size_; }
  const std::string& sha256() const { return sha256_; }  // empty until Finish
  const std::filesystem::path& path() const { return path_; }

 private:
  friend class DocumentFiles;
  StagedFile(std::filesystem::path path, int fd) : path_(std::move(path)), fd_(fd) {}
  void Close();

  std::filesystem::path path_;
  int fd_ = -1;
  uint64_t size_ = 0;
  Sha256 hash_;
  std::string sha256_;
  bool placed_ = false;
};

class DocumentFiles {
 public:
  DocumentFiles(std::filesystem::path root, std::filesystem::path staging)
      : root_(std::move(root)), staging_(std::move(staging)) {}

  // Creates the two folders when missing. Unavailable when they cannot be created.
  Status Prepare() const;

  // Where the content with this SHA-256 (64 lowercase hex digits) lives.
  std::filesystem::path PathOf(const std::string& sha256) const;

  // A new, empty staged file with a random name. Unavailable when it cannot be created.
  Status Stage(std::unique_ptr<StagedFile>* out) const;

  // Moves a finished staged file to PathOf(its sha256), durably (the folder is synced). When
  // that content is already stored the staged file is removed instead and *created is false.
  Status Place(StagedFile& staged, bool* created) const;

  // Removes stored content (a file placed by a write that then failed). Missing is fine.
  void Remove(const std::string& sha256) const;

  // The whole stored content. Corruption when the file is missing (a row names it).
  Status Read(const std::string& sha256, std::string* out) const;

  const std::filesystem::path& root() const { return root_; }
  const std::filesystem::path& staging() const { return staging_; }

 private:
  const std::filesystem::path root_;
  const std::filesystem::path staging_;
};

}  // namespace attache::store
