// Schema migrations: numbered SQL files `NNNN_name.sql` applied in order, each in its own
// transaction, recorded in `schema_migrations` with the SHA-256 of the file's bytes.
// Thread-safety: functions take the connection they use; call them from one thread.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "attache/core/status.h"
#include "attache/store/db.h"

namespace attache::store {

struct Migration {
  int number = 0;        // from the file name's leading digits
  std::string name;      // the file name, e.g. "0001_units.sql"
  std::string sql;       // the file's bytes
  std::string sha256;    // hex digest of `sql`
};

// Reads every `NNNN_name.sql` in `dir`, sorted by number. Returns InvalidArgument for a file
// name that does not follow the pattern, a duplicate number or a gap in the numbering.
Status LoadMigrations(const std::filesystem::path& dir, std::vector<Migration>* out);

// Applies the migrations not yet recorded, in order, each in a BEGIN IMMEDIATE transaction.
// Returns Corruption, naming the file, when an applied migration's checksum differs from the
// file's (an edited migration), and when the database records a migration the program does not
// have (a database newer than the program). `applied` receives how many were applied now.
Status ApplyMigrations(Db& db, const std::vector<Migration>& migrations, int* applied = nullptr);

}  // namespace attache::store
