// A thin RAII layer over SQLite: Db (a connection), Stmt (a prepared statement), Txn (a
// transaction) and DbError. Modelled on SQLiteCpp: SQLite failures throw DbError, which keeps
// SQLite's result code so callers can tell a full disk (SQLITE_FULL) from a bug; repositories
// turn them into Status values at their boundary.
// Thread-safety: a Db and its statements belong to one thread at a time (SQLite is built
// serialized on Debian, but we never share a connection between threads concurrently).
#pragma once

#include <sqlite3.h>

#include "attache/core/status.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

namespace attache::store {

class DbError : public std::runtime_error {
 public:
  DbError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
  // SQLite's (extended) result code, e.g. SQLITE_FULL, SQLITE_CONSTRAINT_UNIQUE.
  int code() const { return code_; }
  int primary_code() const { return code_ & 0xff; }

 private:
  int code_;
};

// What a change that could not be stored for want of space answers (503 through HTTP), in
// both languages: the user is told to try again later, not that the request was wrong.
Status DiskFull(std::string_view cause = "database or disk is full");

class Stmt;

class Db {
 public:
  enum class Mode { kReadWrite, kReadOnly };

  // Opens (creating it in kReadWrite mode) the database at `path` and sets WAL,
  // synchronous=FULL, foreign_keys=ON and a busy timeout, then reads each back and throws
  // DbError if one is not in effect. A read-only connection checks only what it can set.
  explicit Db(const std::filesystem::path& path, Mode mode = Mode::kReadWrite);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // Runs one or more statements that return no rows we need.
  void Exec(std::string_view sql);
  // A prepared statement for `sql` (one statement). Statements are cached per connection: when
  // a Stmt ends, its compiled statement is reset and kept (up to kCachedStatements of them),
  // and the next Prepare of the same text takes it instead of compiling again. Two Stmts of
  // the same text alive at once get two statements.
  Stmt Prepare(std::string_view sql);
  static constexpr size_t kCachedStatements = 96;
  // The first column of the first row of `sql` as text (empty optional when no row or NULL).
  std::optional<std::string> QueryText(std::string_view sql);

  int64_t LastInsertRowid() const;
  int Changes() const;
  sqlite3* handle() const { return db_; }
  const std::filesystem::path& path() const { return path_; }
  // Statements compiled on this connection since it opened, and statements kept idle now.
  uint64_t statements_compiled() const { return compiled_; }
  size_t statements_cached() const { return idle_.size(); }

 private:
  friend class Stmt;
  void Check(int rc, std::string_view context) const;
  // Takes back a statement whose Stmt ended: reset and kept, or finalized when the cache is full.
  void Recycle(sqlite3_stmt* stmt, std::string sql);

  sqlite3* db_ = nullptr;
  const std::filesystem::path path_;
  std::unordered_multimap<std::string, sqlite3_stmt*> idle_;
  uint64_t compiled_ = 0;
};

class Stmt {
 public:
  // Compiles `sql` on `db`, uncached; Db::Prepare is the usual way.
  Stmt(sqlite3* db, std::string_view sql);
  ~Stmt();
  Stmt(Stmt&& other) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt& operator=(Stmt&&) = delete;

  // Parameters are 1-based, as in SQLite. Each returns *this so calls can be chained.
  Stmt& Bind(int index, std::string_view text);
  Stmt& Bind(int index, const char* text) { return Bind(index, std::string_view(text)); }
  Stmt& Bind(int index, int64_t value);
  Stmt& Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  Stmt& Bind(int index, double value);
  Stmt& BindNull(int index);

  // Advances to the next row: true when a row is available, false when done.
  bool Step();
  // Runs a statement that returns no rows (or ignores them) and resets it.
  void Run();
  // Resets the statement and clears its bindings, ready to be bound and stepped again.
  void Reset();

  bool IsNull(int col) const;
  int64_t Int(int col) const;
  double Double(int col) const;
  std::string Text(int col) const;
  // The text of `col` without a copy: valid until the next Step, Reset or the end of the Stmt.
  std::string_view View(int col) const;

 private:
  friend class Db;
  Stmt(Db* owner, sqlite3_stmt* stmt, std::string sql)
      : db_(owner->db_), stmt_(stmt), owner_(owner), sql_(std::move(sql)) {}

  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  Db* owner_ = nullptr;  // the connection that takes the statement back, if cached
  std::string sql_;      // the text it was prepared from: its key in the owner's cache
};

// A transaction that begins in its constructor and rolls back in its destructor unless
// committed. Write transactions are BEGIN IMMEDIATE so the write lock is taken up front.
// Inside a transaction already open on the connection (the writer's group commit), it is a
// SAVEPOINT instead: Commit releases it into the outer transaction and the destructor rolls
// back to it, so a store function behaves the same alone or batched with others.
class Txn {
 public:
  enum class Kind { kImmediate, kDeferred };
  explicit Txn(Db& db, Kind kind = Kind::kImmediate);
  ~Txn();
  Txn(const Txn&) = delete;
  Txn& operator=(const Txn&) = delete;

  void Commit();

 private:
  Db& db_;
  const bool nested_;
  bool done_ = false;
};

}  // namespace attache::store
