#include "attache/store/migrations.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <map>
#include <sstream>

#include "attache/core/hash.h"

namespace attache::store {
namespace {

constexpr std::string_view kCreateLedger = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
  number     INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT)sql";
constexpr std::string_view kSelectApplied = "SELECT number, name, sha256 FROM schema_migrations";
constexpr std::string_view kInsertApplied =
    "INSERT INTO schema_migrations (number, name, sha256) VALUES (?, ?, ?)";

// "0001_units.sql" -> 1; 0 when the name does not follow NNNN_name.sql.
int NumberOf(const std::string& file) {
  if (file.size() < 10 || file.compare(file.size() - 4, 4, ".sql") != 0 || file[4] != '_')
    return 0;
  int n = 0;
  auto [p, ec] = std::from_chars(file.data(), file.data() + 4, n);
  if (ec != std::errc() || p != file.data() + 4) return 0;
  for (size_t i = 5; i + 4 < file.size(); ++i) {
    char c = file[i];
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_'))
      return 0;
  }
  return n;
}

}  // namespace

Status LoadMigrations(const std::filesystem::path& dir, std::vector<Migration>* out) {
  out->clear();
  std::error_code ec;
  std::filesystem::directory_iterator it(dir, ec);
  if (ec) return Status::InvalidArgument("cannot read migrations folder " + dir.string() + ": " + ec.message());
  for (const auto& entry : it) {
    if (!entry.is_regular_file()) continue;
    std::string file = entry.path().filename().string();
    if (file.ends_with(".sql") == false) continue;
    int number = NumberOf(file);
    if (number <= 0)
      return Status::InvalidArgument("migration " + file + " is not named NNNN_lowercase_name.sql");
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream sql;
    sql << in.rdbuf();
    if (!in.good() && !in.eof()) return Status::InvalidArgument("cannot read migration " + file);
    Migration m{number, file, sql.str(), ""};
    m.sha256 = Sha256Hex(m.sql);
    out->push_back(std::move(m));
  }
  std::sort(out->begin(), out->end(),
            [](const Migration& a, const Migration& b) { return a.number < b.number; });
  for (size_t i = 0; i < out->size(); ++i) {
    const Migration& m = (*out)[i];
    if (m.number != static_cast<int>(i) + 1) {
      return Status::InvalidArgument(
          i > 0 && (*out)[i - 1].number == m.number
              ? "migrations " + (*out)[i - 1].name + " and " + m.name + " share a number"
              : "migration " + m.name + " leaves a gap: expected number " + std::to_string(i + 1));
    }
  }
  return Status::Ok();
}

Status ApplyMigrations(Db& db, const std::vector<Migration>& migrations, int* applied) {
  if (applied) *applied = 0;
  db.Exec(kCreateLedger);

  std::map<int, std::pair<std::string, std::string>> recorded;  // number -> (name, sha256)
  {
    Stmt stmt = db.Prepare(kSelectApplied);
    while (stmt.Step()) recorded[static_cast<int>(stmt.Int(0))] = {stmt.Text(1), stmt.Text(2)};
  }
  for (const auto& [number, row] : recorded) {
    bool known = number >= 1 && number <= static_cast<int>(migrations.size());
    if (!known)
      return Status::Corruption("the database has migration " + row.first +
                                " that this program does not know: it is newer than the program");
    const Migration& m = migrations[number - 1];
    if (m.sha256 != row.second)
      return Status::Corruption("migration " + m.name + " was edited after it was applied (" +
                                "recorded sha256 " + row.second.substr(0, 12) + "…, file " +
                                m.sha256.substr(0, 12) + "…); add a new migration instead");
  }
  for (const Migration& m : migrations) {
    if (recorded.count(m.number)) continue;
    try {
      Txn txn(db);
      db.Exec(m.sql);
      db.Prepare(kInsertApplied).Bind(1, m.number).Bind(2, m.name).Bind(3, m.sha256).Run();
      txn.Commit();
    } catch (const DbError& e) {
      return Status::InvalidArgument("migration " + m.name + " failed: " + e.what());
    }
    if (applied) ++*applied;
  }
  return Status::Ok();
}

}  // namespace attache::store
