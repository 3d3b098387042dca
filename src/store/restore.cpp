// Restoring a backup: unpacked into a staging folder inside the target, every byte checked
// against the manifest, the database checked as `attache verify` does, then moved into place.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>

#include "attache/core/hash.h"
#include "attache/store/audit_anchors.h"
#include "attache/store/backup.h"
#include "attache/store/backup_archive.h"
#include "attache/store/durable_files.h"
#include "attache/store/proposals.h"

namespace attache::store {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kStagingName = ".attache-restore";
constexpr uint64_t kMaxManifest = 256ull << 20;  // ~1.5 million documents

constexpr std::string_view kSchemaVersion = "SELECT max(number) FROM schema_migrations";
constexpr std::string_view kProposalCount = "SELECT count(*) FROM proposals";
constexpr std::string_view kDocumentContents =
    "SELECT sha256, min(size), max(size) FROM documents GROUP BY sha256";

Status WriteError(int err, const fs::path& path) {
  std::string message = "cannot write " + path.string() + ": " + std::strerror(err);
  if (err == ENOSPC || err == EDQUOT || err == EFBIG) return Status::Unavailable(message);
  return Status::Internal(message);
}

// Writes the current entry of `archive` to the new file `dest`, synced, and checks its SHA-256.
Status Extract(ArchiveReader& archive, const fs::path& dest, const std::string& name,
               const std::string& expected_sha256) {
  int fd = ::open(dest.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) return WriteError(errno, dest);
  Sha256 hash;
  Status s = archive.Read([&](std::string_view piece) {
    hash.Update(piece);
    while (!piece.empty()) {
      ssize_t n = ::write(fd, piece.data(), piece.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return WriteError(errno, dest);
      piece.remove_prefix(static_cast<size_t>(n));
    }
    return Status::Ok();
  });
  if (s.ok() && ::fsync(fd) != 0) s = WriteError(errno, dest);
  ::close(fd);
  if (s.ok() && hash.FinishHex() != expected_sha256)
    s = Status::Corruption(name + " does not have the SHA-256 the manifest gives");
  return s;
}

// Unpacks the archive into `staging`, accepting only the names a backup has, each once, with
// the manifest's size and SHA-256, and every one the manifest lists.
Status Unpack(int fd, uint64_t size, const fs::path& staging, RestoreSummary* out) {
  ArchiveReader archive(fd, size);
  ArchiveReader::Entry entry;
  bool end = false;
  if (Status s = archive.Next(&entry, &end); !s.ok()) return s;
  if (end || entry.name != "manifest.json")
    return Status::Corruption("the archive does not begin with manifest.json");
  if (entry.size > kMaxManifest) return Status::Corruption("manifest.json is too large");
  std::string text;
  Status read = archive.Read([&](std::string_view piece) {
    text.append(piece);
    return Status::Ok();
  });
  if (!read.ok()) return read;
  BackupManifest& m = out->manifest;
  if (Status s = ParseManifest(text, &m); !s.ok()) return s;

  const fs::path documents = staging / "documents";
  fs::create_directory(documents);
  bool have_db = false, have_anchors = false;
  std::set<std::string> extracted, folders;
  for (;;) {
    if (Status s = archive.Next(&entry, &end); !s.ok()) return s;
    if (end) break;
    const std::string& name = entry.name;
    Status s;
    if ((name == "attache.db" && have_db) || (name == "audit-anchors.log" && have_anchors))
      return Status::Corruption("the archive holds " + name + " twice");
    if (name == "attache.db") {
      if (entry.size != m.database_size)
        return Status::Corruption("attache.db is not the size the manifest gives");
      s = Extract(archive, staging / name, name, m.database_sha256);
      have_db = true;
    } else if (name == "audit-anchors.log") {
      if (entry.size != m.anchors_size)
        return Status::Corruption("audit-anchors.log is not the size the manifest gives");
      s = Extract(archive, staging / name, name, m.anchors_sha256);
      have_anchors = true;
    } else if (name.size() == 77 && name.starts_with("documents/") && name[12] == '/') {
      std::string folder = name.substr(10, 2), sha256 = name.substr(13);
      auto listed = m.documents.find(sha256);
      if (listed == m.documents.end() || !sha256.starts_with(folder))
        return Status::Corruption("the archive holds " + name +
                                  ", which the manifest does not list");
      if (!extracted.insert(sha256).second)
        return Status::Corruption("the archive holds " + name + " twice");
      if (entry.size != listed->second)
        return Status::Corruption(name + " is not the size the manifest gives");
      if (folders.insert(folder).second) fs::create_directory(documents / folder);
      s = Extract(archive, documents / folder / sha256, name, sha256);
      out->document_bytes += entry.size;
    } else {
      return Status::Corruption("the archive holds an entry a backup does not have: " + name);
    }
    if (!s.ok()) return s;
  }
  if (!have_db) return Status::Corruption("the archive has no attache.db");
  if (!have_anchors) return Status::Corruption("the archive has no audit-anchors.log");
  if (extracted.size() != m.documents.size())
    for (const auto& [sha256, size] : m.documents)
      if (!extracted.count(sha256))
        return Status::Corruption("document " + sha256 +
                                  " is listed in the manifest but not in the archive");
  for (const std::string& folder : folders)
    if (Status s = SyncFolder(documents / folder); !s.ok()) return s;
  if (Status s = SyncFolder(documents); !s.ok()) return s;
  return SyncFolder(staging);
}

// The checks on the unpacked database: SQLite's own, the manifest's figures, the documents it
// names, and the audit chain against the anchors.
Status CheckDatabase(const fs::path& staging, int max_schema_version, RestoreSummary* out) {
  const BackupManifest& m = out->manifest;
  Db db(staging / "attache.db");
  // The checks read every page: mapped, they are not copied through the page cache (a quarter
  // less time for integrity_check at 100,000 proposals).
  db.Exec("PRAGMA mmap_size = 2147418112");
  {
    Stmt check = db.Prepare("PRAGMA integrity_check");
    std::string first;
    if (check.Step()) first = check.Text(0);
    if (first != "ok")
      return Status::Corruption("the database fails its integrity check: " + first);
  }
  int schema = std::stoi(db.QueryText(kSchemaVersion).value_or("0"));
  if (schema != m.schema_version)
    return Status::Corruption("the database's schema is not the version the manifest gives");
  if (schema > max_schema_version)
    return Status::FailedPrecondition(
        "the backup's database has schema version " + std::to_string(schema) +
        ", newer than this program's " + std::to_string(max_schema_version) +
        ": restore it with the Attaché version that made it (" + m.attache_version + ") or newer");
  if (std::stoll(db.QueryText(kProposalCount).value_or("0")) != m.proposals)
    return Status::Corruption(
        "the database does not hold the number of proposals the manifest gives");
  AuditAnchor head = CurrentHead(db, "");
  if (head.entries != m.audit_entries || head.head != m.audit_head)
    return Status::Corruption("the audit trail's head is not the one the manifest gives");
  std::map<std::string, uint64_t> named;
  {
    Stmt docs = db.Prepare(kDocumentContents);
    while (docs.Step()) named.emplace(docs.Text(0), static_cast<uint64_t>(docs.Int(2)));
  }
  if (named != m.documents)
    return Status::Corruption("the documents the database names are not those of the archive");
  std::vector<AuditAnchor> anchors;
  if (Status s = ReadAnchors(staging / "audit-anchors.log", &anchors); !s.ok()) return s;
  if (static_cast<int64_t>(anchors.size()) != m.anchors)
    return Status::Corruption("audit-anchors.log does not hold the anchors the manifest gives");
  ChainReport report = VerifyAudit(db, anchors);
  if (!report.ok)
    return Status::Corruption("the audit trail does not verify at entry " +
                              (report.first_bad ? std::to_string(*report.first_bad) : "?") + ": " +
                              report.reason);
  out->anchors_checked = report.anchors;
  // The restored file stands alone: nothing left in a write-ahead log beside it.
  db.Exec("PRAGMA wal_checkpoint(TRUNCATE)");
  return Status::Ok();
}

// Moves the checked files out of `staging` into `data_dir`, the database last, so a data
// folder holding attache.db holds all of it.
Status MoveIntoPlace(const fs::path& staging, const fs::path& data_dir) {
  for (const char* name : {"documents", "audit-anchors.log", "attache.db"})
    if (::rename((staging / name).c_str(), (data_dir / name).c_str()) != 0)
      return Status::Internal("cannot move " + std::string(name) + " into " + data_dir.string() +
                              ": " + std::strerror(errno));
  return SyncFolder(data_dir);
}

Status CheckTarget(const fs::path& data_dir, bool* create) {
  std::error_code ec;
  fs::file_status st = fs::status(data_dir, ec);
  *create = !fs::exists(st);
  if (*create) return Status::Ok();
  if (!fs::is_directory(st))
    return Status::FailedPrecondition(data_dir.string() + " exists and is not a folder");
  if (fs::exists(data_dir / kStagingName, ec))
    return Status::FailedPrecondition(
        data_dir.string() + " holds " + std::string(kStagingName) +
        ", left by an interrupted restore: remove it (or the folder) and restore again");
  if (!fs::is_empty(data_dir, ec) || ec)
    return Status::FailedPrecondition(data_dir.string() +
                                      " is not empty: a backup is restored only into an empty "
                                      "or new folder");
  return Status::Ok();
}

Status Restore(int fd, uint64_t size, const fs::path& staging, const fs::path& data_dir,
               int max_schema_version, RestoreSummary* out) {
  try {
    if (Status s = Unpack(fd, size, staging, out); !s.ok()) return s;
    if (Status s = CheckDatabase(staging, max_schema_version, out); !s.ok()) return s;
  } catch (const DbError& e) {
    return Status::Corruption(std::string("the database in the backup cannot be read: ") +
                              e.what());
  } catch (const fs::filesystem_error&) {
    throw;
  } catch (const std::exception& e) {  // e.g. a number that is not one, in a forged database
    return Status::Corruption(std::string("the database in the backup is not as expected: ") +
                              e.what());
  }
  return MoveIntoPlace(staging, data_dir);
}

}  // namespace

Status RestoreBackup(const fs::path& file, const fs::path& data_dir, int max_schema_version,
                     RestoreSummary* out) {
  *out = RestoreSummary{};
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::NotFound("cannot open " + file.string() + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::InvalidArgument(file.string() + " is not a file");
  }
  bool create = false;
  Status s = CheckTarget(data_dir, &create);
  std::error_code ec;
  if (s.ok() && create && !fs::create_directories(data_dir, ec))
    s = Status::Internal("cannot create " + data_dir.string() + ": " + ec.message());
  const fs::path staging = data_dir / kStagingName;
  if (s.ok() && !fs::create_directory(staging, ec))
    s = Status::Internal("cannot create " + staging.string() + ": " + ec.message());
  if (!s.ok()) {
    ::close(fd);
    return s;
  }
  try {
    s = Restore(fd, static_cast<uint64_t>(st.st_size), staging, data_dir, max_schema_version, out);
  } catch (const fs::filesystem_error& e) {
    s = Status::Internal(e.what());
  }
  ::close(fd);
  // Nothing partial stays behind: the staging folder goes, and the target too if made here.
  fs::remove_all(staging, ec);
  if (!s.ok() && create) fs::remove(data_dir, ec);
  return s;
}

}  // namespace attache::store
