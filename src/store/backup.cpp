// Writing a backup: the database snapshot, its anchors and documents, in one archive.
#include "attache/store/backup.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "attache/core/hash.h"
#include "attache/store/audit_anchors.h"
#include "attache/store/backup_archive.h"
#include "attache/store/document_files.h"
#include "attache/store/durable_files.h"

namespace attache::store {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kSchemaVersion = "SELECT max(number) FROM schema_migrations";
constexpr std::string_view kProposalCount = "SELECT count(*) FROM proposals";
// One row per stored content; two rows naming one content with different sizes would mean a
// damaged database, and are refused.
constexpr std::string_view kDocumentContents =
    "SELECT sha256, min(size), max(size) FROM documents GROUP BY sha256";
constexpr std::string_view kAuditHash = "SELECT hash FROM audit WHERE seq = ?";

// How long a backup step waits for a source that is busy (a WAL recovery by another process,
// for instance) before giving up.
constexpr int kBusyRetries = 200;
constexpr auto kBusyPause = std::chrono::milliseconds(50);

Status SqliteFailure(int rc, sqlite3* db, std::string_view what) {
  std::string message = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  int primary = rc & 0xff;
  if (primary == SQLITE_FULL || primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    return Status::Unavailable(message);
  return Status::Internal(message);
}

// Removes the temporary files of a backup unless it succeeded.
class TemporaryFiles {
 public:
  explicit TemporaryFiles(std::initializer_list<fs::path> paths) : paths_(paths) {}
  ~TemporaryFiles() {
    for (const fs::path& p : paths_) {
      std::error_code ignored;
      fs::remove(p, ignored);
    }
  }

 private:
  std::vector<fs::path> paths_;
};

// Reads, inside `source`'s open read transaction, what the manifest says of the snapshot, and
// the anchors the snapshot's chain contains (checking each against its entry: a backup is not
// made of a trail that `attache verify` would already call broken).
Status DescribeSnapshot(Db& source, const fs::path& anchors_path, BackupManifest* m,
                        std::string* anchors_text) {
  m->schema_version = std::stoi(source.QueryText(kSchemaVersion).value_or("0"));
  m->proposals = std::stoll(source.QueryText(kProposalCount).value_or("0"));
  AuditAnchor head = CurrentHead(source, "");
  m->audit_entries = head.entries;
  m->audit_head = head.head;
  Stmt docs = source.Prepare(kDocumentContents);
  while (docs.Step()) {
    if (docs.Int(1) != docs.Int(2) || docs.Int(1) < 0)
      return Status::Corruption("the database gives document content " + docs.Text(0) +
                                " two sizes");
    m->documents.emplace(docs.Text(0), static_cast<uint64_t>(docs.Int(1)));
  }
  // Anchors are appended only, each naming a head the chain had when written; those of at
  // most the snapshot's entries are exactly the ones its chain must agree with.
  std::vector<AuditAnchor> anchors;
  if (Status s = ReadAnchors(anchors_path, &anchors); !s.ok())
    return Status::Corruption(s.message() + " (attache verify says more)");
  Stmt hash = source.Prepare(kAuditHash);
  for (const AuditAnchor& a : anchors) {
    if (a.entries > m->audit_entries) continue;
    if (a.entries > 0) {
      hash.Bind(1, a.entries);
      bool found = hash.Step();
      bool same = found && hash.View(0) == a.head;
      hash.Reset();
      if (!same)
        return Status::Corruption("audit entry " + std::to_string(a.entries) +
                                  " is not the one anchored at " + a.at +
                                  " (attache verify says more)");
    }
    *anchors_text += a.at + " " + std::to_string(a.entries) + " " + a.head + "\n";
    ++m->anchors;
  }
  return Status::Ok();
}

// Takes the snapshot: one read transaction on the live database, the manifest's facts read in
// it, the copy made in it. It is ended before the documents are copied: they are immutable
// once a committed row names them, so the read transaction need not hold back the server's
// checkpoints for that long.
Status Snapshot(const fs::path& db_path, const fs::path& anchors_path, const fs::path& copy,
                BackupManifest* m, std::string* anchors_text) {
  try {
    Db source(db_path, Db::Mode::kReadOnly);
    Txn snapshot(source, Txn::Kind::kDeferred);
    if (Status s = DescribeSnapshot(source, anchors_path, m, anchors_text); !s.ok()) return s;
    if (Status s = CopyDatabase(source, copy); !s.ok()) return s;
    snapshot.Commit();
  } catch (const DbError& e) {
    return SqliteFailure(e.code(), nullptr, std::string("cannot read the database: ") + e.what());
  }
  return Status::Ok();
}

Status WriteArchive(int fd, const fs::path& data_dir, const fs::path& db_copy,
                    const BackupManifest& m, const std::string& anchors_text, BackupSummary* out) {
  ArchiveWriter archive(fd, std::chrono::duration_cast<std::chrono::seconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count());
  if (Status s = archive.AddBytes("manifest.json", ManifestToJson(m)); !s.ok()) return s;
  if (Status s = archive.AddFile("attache.db", db_copy, m.database_size); !s.ok()) return s;
  if (Status s = archive.AddBytes("audit-anchors.log", anchors_text); !s.ok()) return s;
  const DocumentFiles files(data_dir / "documents", data_dir / "tmp");
  for (const auto& [sha256, size] : m.documents) {
    std::string name = "documents/" + sha256.substr(0, 2) + "/" + sha256, actual;
    Status s = archive.AddFile(name, files.PathOf(sha256), size, &actual);
    if (s.ok() && actual != sha256)
      s = Status::Corruption("the stored file of document content " + sha256 +
                             " does not hash to its name");
    if (!s.ok()) return s;
    out->document_bytes += size;
  }
  if (Status s = archive.Finish(); !s.ok()) return s;
  out->file_bytes = archive.bytes_written();
  return Status::Ok();
}

}  // namespace

Status CopyDatabase(Db& source, const fs::path& copy) {
  std::error_code ignored;
  fs::remove(copy, ignored);
  sqlite3* dest = nullptr;
  int rc =
      sqlite3_open_v2(copy.c_str(), &dest,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Status s = SqliteFailure(rc, dest, "cannot create " + copy.string());
    sqlite3_close_v2(dest);
    return s;
  }
  sqlite3_backup* backup = sqlite3_backup_init(dest, "main", source.handle(), "main");
  if (!backup) {
    Status s = SqliteFailure(sqlite3_errcode(dest), dest, "cannot start the backup");
    sqlite3_close_v2(dest);
    return s;
  }
  // All pages in one step: the step reads inside the source's read transaction (its own one
  // when the source has none), so the copy is one state of the database, never restarted.
  for (int tries = 0;; ++tries) {
    rc = sqlite3_backup_step(backup, -1);
    if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || tries == kBusyRetries) break;
    std::this_thread::sleep_for(kBusyPause);
  }
  int finish = sqlite3_backup_finish(backup);
  Status s;
  if (rc != SQLITE_DONE)
    s = SqliteFailure(rc, nullptr, "cannot copy the database");
  else if (finish != SQLITE_OK)
    s = SqliteFailure(finish, dest, "cannot copy the database");
  sqlite3_close_v2(dest);
  return s;
}

Status CreateBackup(const fs::path& data_dir, const fs::path& file, const std::string& created_at,
                    BackupSummary* out) {
  *out = BackupSummary{};
  const fs::path db_path = data_dir / "attache.db";
  std::error_code ec;
  if (!fs::is_regular_file(db_path, ec))
    return Status::NotFound("there is no database in " + data_dir.string());
  fs::path tmp = file, db_copy = file;
  tmp += ".tmp";
  db_copy += ".db-tmp";
  TemporaryFiles temporary{tmp, db_copy};

  BackupManifest& m = out->manifest;
  m.created_at = created_at;
  m.attache_version = ATTACHE_VERSION;
  std::string anchors_text;
  if (Status s = Snapshot(db_path, AnchorsPath(data_dir), db_copy, &m, &anchors_text); !s.ok())
    return s;
  if (Status s = HashFile(db_copy, &m.database_size, &m.database_sha256); !s.ok()) return s;
  m.anchors_size = anchors_text.size();
  m.anchors_sha256 = Sha256Hex(anchors_text);

  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    return Status::Internal("cannot create " + tmp.string() + ": " + std::strerror(errno));
  Status s = WriteArchive(fd, data_dir, db_copy, m, anchors_text, out);
  if (s.ok() && ::fsync(fd) != 0)
    s = errno == ENOSPC
            ? Status::Unavailable("not enough space for the backup file")
            : Status::Internal(std::string("cannot sync the backup file: ") + std::strerror(errno));
  ::close(fd);
  if (!s.ok()) return s;
  if (::rename(tmp.c_str(), file.c_str()) != 0)
    return Status::Internal("cannot rename " + tmp.string() + ": " + std::strerror(errno));
  fs::path folder = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  return SyncFolder(folder);
}

}  // namespace attache::store
