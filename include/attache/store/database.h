// The database of one data folder: one write connection and a pool of read connections.
// Thread-safety: Read() may be called from any thread; each lease is used by one thread.
// The write connection is for one thread at a time (the writer).
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "attache/core/status.h"
#include "attache/store/db.h"

namespace attache::store {

class Database {
 public:
  // Opens (creating it) `db_path` and applies the migrations in `migrations_dir`. Returns
  // the migration loader's or runner's Status when either refuses (see migrations.h), and
  // Unavailable when the file cannot be opened.
  static Status Open(const std::filesystem::path& db_path,
                     const std::filesystem::path& migrations_dir, std::unique_ptr<Database>* out);

  // A read connection borrowed from the pool and given back when the lease ends. Inside a
  // write (on the writer thread, see Writer::ConnectionOfCurrentWrite) it is the write
  // connection itself, so what the write reads includes its own uncommitted changes.
  class ReadLease {
   public:
    ReadLease(Database* owner, std::unique_ptr<Db> db) : owner_(owner), db_(std::move(db)) {}
    explicit ReadLease(Db& in_write) : owner_(nullptr), in_write_(&in_write) {}
    ~ReadLease();
    ReadLease(ReadLease&&) = default;
    ReadLease(const ReadLease&) = delete;
    ReadLease& operator=(const ReadLease&) = delete;
    Db& operator*() const { return db_ ? *db_ : *in_write_; }
    Db* operator->() const { return db_ ? db_.get() : in_write_; }

   private:
    Database* owner_;
    std::unique_ptr<Db> db_;
    Db* in_write_ = nullptr;  // not owned: the write connection
  };
  ReadLease Read();

  Db& writer() { return *writer_; }

  // Copies the WAL into the database file and truncates it (used at clean shutdown).
  void Checkpoint();

 private:
  explicit Database(std::filesystem::path path) : path_(std::move(path)) {}

  const std::filesystem::path path_;
  std::unique_ptr<Db> writer_;
  std::mutex pool_mu_;
  std::vector<std::unique_ptr<Db>> pool_;
};

}  // namespace attache::store
