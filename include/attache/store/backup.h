// Backups of a data folder in one file, and their restore (issue 8, item 7).
//
// The file is a tar archive (store/backup_archive.h) holding, in this order:
//   manifest.json       what the backup holds (BackupManifest), checked entry by entry on restore;
//   attache.db          one consistent snapshot of the database, taken with SQLite's online
//                       backup API in one step inside one read transaction, while the server
//                       may go on writing (WAL: the snapshot does not block it);
//   audit-anchors.log   the anchors of the audit chain (store/audit_anchors.h) that the
//                       snapshot's chain contains: those of at most its number of entries;
//   documents/ab/<sha>  every document content the snapshot refers to, once each.
//
// Thread-safety: functions; they open their own connections and may run beside a server on the
// same data folder (other processes included).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "attache/core/status.h"
#include "attache/store/db.h"

namespace attache::store {

struct BackupManifest {
  static constexpr std::string_view kFormat = "attache-backup";
  static constexpr int kFormatVersion = 1;

  std::string created_at;       // RFC 3339
  std::string attache_version;  // of the program that wrote it
  int schema_version = 0;       // the last migration applied to the snapshot
  int64_t proposals = 0;
  int64_t audit_entries = 0;
  std::string audit_head;  // hash of the last entry (the genesis hash when none)
  uint64_t database_size = 0;
  std::string database_sha256;
  int64_t anchors = 0;  // lines of audit-anchors.log
  uint64_t anchors_size = 0;
  std::string anchors_sha256;
  std::map<std::string, uint64_t> documents;  // SHA-256 of each content -> its size
};

// The manifest as JSON text, and back. ParseManifest accepts only what ToJson writes for this
// format version: Corruption names the first field that is missing or wrong.
std::string ManifestToJson(const BackupManifest& manifest);
Status ParseManifest(std::string_view json, BackupManifest* out);

// Copies the database of `source` into a new file `copy` with SQLite's online backup API, in one
// step: the copy is the database as `source` sees it, within the read transaction `source` has
// open if it has one (so what the caller read in that transaction describes the copy), else as
// of the moment of the copy. Other connections, of this process or others, may write meanwhile.
// Unavailable when the disk is full or the source stays busy; Internal for other failures.
Status CopyDatabase(Db& source, const std::filesystem::path& copy);

struct BackupSummary {
  BackupManifest manifest;
  uint64_t document_bytes = 0;
  uint64_t file_bytes = 0;  // of the backup file
};

// Writes a backup of the data folder `data_dir` to `file`: built in `file`.tmp, synced and
// renamed, so `file` is either the whole new backup or what it was before (an older backup is
// replaced). The database copy is staged in `file`.db-tmp. Both temporary files are removed on
// failure. NotFound when the folder has no database; Corruption when a document file is
// missing or does not hash to its name, or the anchors file is damaged (attache verify says
// more); Unavailable when the disk is full; Internal for other I/O errors.
Status CreateBackup(const std::filesystem::path& data_dir, const std::filesystem::path& file,
                    const std::string& created_at, BackupSummary* out);

struct RestoreSummary {
  BackupManifest manifest;
  uint64_t document_bytes = 0;
  int64_t anchors_checked = 0;
};

// Restores the backup `file` into `data_dir`, which must be missing or an empty folder
// (FailedPrecondition otherwise). Everything is unpacked into `data_dir`/.attache-restore
// first and checked there: every entry named as expected and listed in the manifest, with the
// manifest's size and SHA-256; the database's PRAGMA integrity_check; its proposals, audit
// head and document contents matching the manifest; the audit chain verified against the
// anchors (as `attache verify`); a schema no newer than `max_schema_version` (the program's
// last migration; an older one is migrated when the server next starts). Only then are the
// files moved into place, the database last. On any failure nothing is left in `data_dir`
// (removed again if this created it): Corruption names what is wrong with the file;
// FailedPrecondition a schema too new; Unavailable a full disk.
Status RestoreBackup(const std::filesystem::path& file, const std::filesystem::path& data_dir,
                     int max_schema_version, RestoreSummary* out);

}  // namespace attache::store
