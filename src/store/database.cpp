#include "attache/store/database.h"

#include "attache/store/migrations.h"
#include "attache/store/writer.h"

namespace attache::store {

Status Database::Open(const std::filesystem::path& db_path,
                      const std::filesystem::path& migrations_dir,
                      std::unique_ptr<Database>* out) {
  std::vector<Migration> migrations;
  if (Status s = LoadMigrations(migrations_dir, &migrations); !s.ok()) return s;
  std::unique_ptr<Database> database(new Database(db_path));
  try {
    database->writer_ = std::make_unique<Db>(db_path);
  } catch (const DbError& e) {
    return Status::Unavailable(e.what());
  }
  if (Status s = ApplyMigrations(*database->writer_, migrations); !s.ok()) return s;
  // A step rewrites entries in a dozen indexes at random places: with SQLite's default 2 MB
  // the writer read their interior pages back from the file on almost every write.
  database->writer_->Exec("PRAGMA cache_size = -32768");  // 32 MiB
  *out = std::move(database);
  return Status::Ok();
}

Database::ReadLease::~ReadLease() {
  if (!db_) return;
  std::lock_guard lock(owner_->pool_mu_);
  owner_->pool_.push_back(std::move(db_));
}

Database::ReadLease Database::Read() {
  if (Db* in_write = Writer::ConnectionOfCurrentWrite(); in_write && in_write == writer_.get())
    return ReadLease(*in_write);
  {
    std::lock_guard lock(pool_mu_);
    if (!pool_.empty()) {
      auto db = std::move(pool_.back());
      pool_.pop_back();
      return ReadLease(this, std::move(db));
    }
  }
  return ReadLease(this, std::make_unique<Db>(path_, Db::Mode::kReadOnly));
}

void Database::Checkpoint() {
  {
    std::lock_guard lock(pool_mu_);
    pool_.clear();  // readers hold WAL snapshots; close them so the checkpoint can truncate
  }
  writer_->Exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

}  // namespace attache::store
