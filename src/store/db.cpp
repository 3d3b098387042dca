#include "attache/store/db.h"

#include <string>

namespace attache::store {
namespace {

constexpr int kBusyTimeoutMs = 5000;

std::string Message(sqlite3* db, int rc, std::string_view context) {
  std::string msg(context);
  msg += ": ";
  msg += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  return msg;
}

}  // namespace

Status DiskFull(std::string_view cause) {
  return Status::Unavailable("Máy chủ tạm thời không lưu được thay đổi, vui lòng thử lại sau / "
                             "the server cannot store changes now, please try again later (" +
                             std::string(cause) + ")");
}

Db::Db(const std::filesystem::path& path, Mode mode) : path_(path) {
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  flags |= mode == Mode::kReadOnly ? SQLITE_OPEN_READONLY
                                   : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = Message(db_, rc, "cannot open " + path.string());
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw DbError(rc, msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  try {
    if (mode == Mode::kReadWrite) {
      auto journal = QueryText("PRAGMA journal_mode=WAL");
      if (journal != "wal") throw DbError(SQLITE_ERROR, "journal_mode is not WAL on " + path.string());
    }
    Exec("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
    // Read every setting back: a pragma SQLite does not know is silently ignored.
    if (QueryText("PRAGMA synchronous") != "2")
      throw DbError(SQLITE_ERROR, "synchronous=FULL is not in effect on " + path.string());
    if (QueryText("PRAGMA foreign_keys") != "1")
      throw DbError(SQLITE_ERROR, "foreign_keys=ON is not in effect on " + path.string());
    if (QueryText("PRAGMA busy_timeout") != std::to_string(kBusyTimeoutMs))
      throw DbError(SQLITE_ERROR, "busy_timeout is not in effect on " + path.string());
  } catch (...) {
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw;
  }
}

Db::~Db() {
  for (auto& [sql, stmt] : idle_) sqlite3_finalize(stmt);
  if (db_) sqlite3_close_v2(db_);
}

void Db::Check(int rc, std::string_view context) const {
  if (rc != SQLITE_OK) throw DbError(rc, Message(db_, rc, context));
}

void Db::Exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw DbError(sqlite3_extended_errcode(db_), msg);
  }
}

Stmt Db::Prepare(std::string_view sql) {
  std::string key(sql);
  if (auto it = idle_.find(key); it != idle_.end()) {
    sqlite3_stmt* stmt = it->second;
    idle_.erase(it);
    return Stmt(this, stmt, std::move(key));
  }
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) throw DbError(rc, Message(db_, rc, "prepare"));
  ++compiled_;
  return Stmt(this, stmt, std::move(key));
}

void Db::Recycle(sqlite3_stmt* stmt, std::string sql) {
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  if (idle_.size() >= kCachedStatements) {
    sqlite3_finalize(stmt);
    return;
  }
  idle_.emplace(std::move(sql), stmt);
}

std::optional<std::string> Db::QueryText(std::string_view sql) {
  Stmt stmt = Prepare(sql);
  if (!stmt.Step() || stmt.IsNull(0)) return std::nullopt;
  return stmt.Text(0);
}

int64_t Db::LastInsertRowid() const { return sqlite3_last_insert_rowid(db_); }
int Db::Changes() const { return sqlite3_changes(db_); }

Stmt::Stmt(sqlite3* db, std::string_view sql) : db_(db) {
  int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc != SQLITE_OK) throw DbError(rc, Message(db, rc, "prepare"));
}

Stmt::~Stmt() {
  if (!stmt_) return;
  if (owner_)
    owner_->Recycle(stmt_, std::move(sql_));
  else
    sqlite3_finalize(stmt_);
}

Stmt::Stmt(Stmt&& other) noexcept
    : db_(other.db_), stmt_(other.stmt_), owner_(other.owner_), sql_(std::move(other.sql_)) {
  other.stmt_ = nullptr;
}

Stmt& Stmt::Bind(int index, std::string_view text) {
  int rc = sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT,
                               SQLITE_UTF8);
  if (rc != SQLITE_OK) throw DbError(rc, Message(db_, rc, "bind"));
  return *this;
}

Stmt& Stmt::Bind(int index, int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) throw DbError(rc, Message(db_, rc, "bind"));
  return *this;
}

Stmt& Stmt::Bind(int index, double value) {
  int rc = sqlite3_bind_double(stmt_, index, value);
  if (rc != SQLITE_OK) throw DbError(rc, Message(db_, rc, "bind"));
  return *this;
}

Stmt& Stmt::BindNull(int index) {
  int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) throw DbError(rc, Message(db_, rc, "bind"));
  return *this;
}

bool Stmt::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // sqlite3_step's own code is the precise (extended) one; the connection's may be stale.
  int code = rc;
  std::string msg = Message(db_, rc, "step");
  sqlite3_reset(stmt_);
  throw DbError(code, msg);
}

void Stmt::Run() {
  while (Step()) {
  }
  Reset();
}

void Stmt::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Stmt::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
int64_t Stmt::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
double Stmt::Double(int col) const { return sqlite3_column_double(stmt_, col); }

std::string_view Stmt::View(int col) const {
  const auto* p = sqlite3_column_text(stmt_, col);
  int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string_view(reinterpret_cast<const char*>(p), static_cast<size_t>(n))
           : std::string_view();
}

std::string Stmt::Text(int col) const {
  const auto* p = sqlite3_column_text(stmt_, col);
  int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(n)) : std::string();
}

Txn::Txn(Db& db, Kind kind) : db_(db), nested_(sqlite3_get_autocommit(db.handle()) == 0) {
  if (nested_) db_.Exec("SAVEPOINT txn");
  else db_.Exec(kind == Kind::kImmediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Txn::~Txn() {
  if (done_) return;
  // Rolling back can only fail if there is no transaction left (SQLite already rolled it
  // back after an error such as SQLITE_FULL); either way nothing of it remains.
  if (nested_)
    sqlite3_exec(db_.handle(), "ROLLBACK TO txn; RELEASE txn", nullptr, nullptr, nullptr);
  else
    sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Txn::Commit() {
  db_.Exec(nested_ ? "RELEASE txn" : "COMMIT");
  done_ = true;
}

}  // namespace attache::store
