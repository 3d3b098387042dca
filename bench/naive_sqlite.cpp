// The naive SQLite limit for durable approval steps (issue 7): one transaction per step,
//   BEGIN IMMEDIATE; read the chain head; INSERT INTO audit ...; UPDATE proposals ...; COMMIT
// in a loop for a given time, on the database settings the server uses (WAL, synchronous=FULL,
// foreign_keys=ON, the file's own page size). It prints the steps per second; scripts/bench
// sets the server's approval actions through HTTP beside it.
//
// It links SQLite and libsodium only, never the server's code: it stands for what anyone could
// write in an afternoon, so the comparison says what the server's design adds.
//
// usage: attache_naive_sqlite --db FILE --seconds S [--plan FILE]
//   --plan: the lines scripts/bench prepared for the HTTP writes, tab-separated
//     proposal_id  version  action  session  actor_id  from_state  to_state
//   taken in order (from the start again when the list runs out). Without a plan, steps act
//   on proposals drawn at random between the smallest and largest id, as the system user.
// Output: one line `{"steps":N,"seconds":T,"steps_per_s":R,"page_size":P,...}` on stdout.
// Exit code 0 on success, 1 when the database or the plan cannot be used, 2 on bad arguments.
#include <sodium.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

constexpr const char* kChainHead = "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1";
constexpr const char* kInsertAudit =
    "INSERT INTO audit (seq, at, actor, on_behalf_of, proposal, action, from_state, to_state, "
    "comment, payload, prev_hash, hash) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, '{}', ?, ?)";
// The columns every approval step changes (the server also rewrites the list columns and the
// fields when a step has inputs; a step without inputs leaves them as they are).
constexpr const char* kUpdateProposal =
    "UPDATE proposals SET state = ?, state_entered_at = ?, version = version + 1, "
    "audit_seq = ?, updated_at = ? WHERE id = ?";
constexpr const char* kComment = "bench: naive SQLite step";

struct Step {
  long long proposal = 0;
  long long actor = 0;
  std::string action, from, to;
};

// A failed SQLite call: the database cannot be used as the bench needs.
struct DbError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void Check(sqlite3* db, int rc, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    throw DbError(std::string(what) + ": " + sqlite3_errmsg(db));
}

// One prepared statement, reset after each use; not copyable.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    Check(db_, sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr), sql);
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Bind(int i, long long v) {
    Check(db_, sqlite3_bind_int64(stmt_, i, v), "bind");
    return *this;
  }
  Statement& Bind(int i, const std::string& v) {
    Check(db_, sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT),
          "bind");
    return *this;
  }
  // Steps once; true when a row is there to read.
  bool Step() {
    int rc = sqlite3_step(stmt_);
    Check(db_, rc, sqlite3_sql(stmt_));
    return rc == SQLITE_ROW;
  }
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  long long Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  std::string Text(int col) const {
    const unsigned char* t = sqlite3_column_text(stmt_, col);
    return t ? reinterpret_cast<const char*>(t) : "";
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

std::string QueryText(sqlite3* db, const char* sql) {
  Statement s(db, sql);
  return s.Step() ? s.Text(0) : "";
}

std::string NowRfc3339() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The entry's hash chains it to the previous one, as the server's does: SHA-256 over the
// previous hash and the entry's content. The bytes are the same fields as the server's
// canonical form but not byte for byte, so `attache verify` is not expected to accept them.
std::string ChainHash(const std::string& prev, long long seq, const std::string& at,
                      const Step& s) {
  std::ostringstream content;
  content << prev << '[' << seq << ",\"" << at << "\"," << s.actor << ",null," << s.proposal
          << ",\"" << s.action << "\",\"" << s.from << "\",\"" << s.to << "\",\"" << kComment
          << "\",{}]";
  const std::string bytes = content.str();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::vector<Step> ReadPlan(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::invalid_argument("cannot read the plan " + path);
  std::vector<Step> steps;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream cols(line);
    Step s;
    long long version = 0, session = 0;
    if (cols >> s.proposal >> version >> s.action >> session >> s.actor >> s.from >> s.to)
      steps.push_back(std::move(s));
  }
  if (steps.empty()) throw std::invalid_argument("the plan " + path + " has no steps");
  return steps;
}

// Without a plan: proposals at random over the table, each keeping its state, as the
// system user (the lowest user id).
std::vector<Step> RandomSteps(sqlite3* db, size_t count) {
  Statement range(db, "SELECT min(id), max(id) FROM proposals");
  if (!range.Step() || range.Int(1) == 0) throw DbError("the database has no proposals");
  const long long lo = range.Int(0), hi = range.Int(1);
  Statement actor(db, "SELECT min(id) FROM users");
  actor.Step();
  Statement state(db, "SELECT state FROM proposals WHERE id = ?");
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<long long> pick(lo, hi);
  std::vector<Step> steps;
  while (steps.size() < count) {
    Step s{pick(rng), actor.Int(0), "note", "", ""};
    state.Bind(1, s.proposal);
    if (state.Step()) {
      s.from = s.to = state.Text(0);
      steps.push_back(s);
    }
    state.Reset();
  }
  return steps;
}

int Run(const std::string& db_path, double seconds, const std::string& plan_path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    std::cerr << "naive_sqlite: cannot open " << db_path << ": " << sqlite3_errmsg(db) << "\n";
    sqlite3_close_v2(db);
    return 1;
  }
  try {
    sqlite3_busy_timeout(db, 5000);
    // The server's settings (src/store/db.cpp), read back: an unknown pragma is ignored.
    if (QueryText(db, "PRAGMA journal_mode=WAL") != "wal") throw DbError("journal_mode is not WAL");
    Check(db, sqlite3_exec(db, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", nullptr,
                           nullptr, nullptr), "pragmas");
    if (QueryText(db, "PRAGMA synchronous") != "2") throw DbError("synchronous is not FULL");
    const std::string page_size = QueryText(db, "PRAGMA page_size");

    std::vector<Step> steps = plan_path.empty() ? RandomSteps(db, 100000) : ReadPlan(plan_path);
    Statement head(db, kChainHead), insert(db, kInsertAudit), update(db, kUpdateProposal);
    auto exec = [&](const char* sql) { Check(db, sqlite3_exec(db, sql, nullptr, nullptr, nullptr), sql); };

    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    const auto until = start + std::chrono::duration_cast<Clock::duration>(
                                   std::chrono::duration<double>(seconds));
    long long done = 0;
    while (Clock::now() < until) {
      const Step& s = steps[static_cast<size_t>(done) % steps.size()];
      const std::string at = NowRfc3339();
      exec("BEGIN IMMEDIATE");
      long long seq = 1;
      std::string prev(64, '0');
      if (head.Step()) {
        seq = head.Int(0) + 1;
        prev = head.Text(1);
      }
      head.Reset();
      insert.Bind(1, seq).Bind(2, at).Bind(3, s.actor).Bind(4, s.proposal).Bind(5, s.action)
          .Bind(6, s.from).Bind(7, s.to).Bind(8, std::string(kComment)).Bind(9, prev)
          .Bind(10, ChainHash(prev, seq, at, s));
      insert.Step();
      insert.Reset();
      update.Bind(1, s.to).Bind(2, at).Bind(3, seq).Bind(4, at).Bind(5, s.proposal);
      update.Step();
      update.Reset();
      exec("COMMIT");
      ++done;
    }
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("{\"steps\":%lld,\"seconds\":%.3f,\"steps_per_s\":%.1f,\"page_size\":%s,"
                "\"journal_mode\":\"wal\",\"synchronous\":\"FULL\",\"plan_steps\":%zu}\n",
                done, elapsed, static_cast<double>(done) / elapsed, page_size.c_str(),
                steps.size());
  } catch (const std::exception& e) {
    std::cerr << "naive_sqlite: " << e.what() << "\n";
    sqlite3_close_v2(db);
    return 1;
  }
  sqlite3_close_v2(db);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db, plan;
  double seconds = 0;
  bool usage_ok = argc % 2 == 1;  // flags come in pairs
  for (int i = 1; usage_ok && i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--db")
      db = value;
    else if (flag == "--plan")
      plan = value;
    else if (flag == "--seconds")
      seconds = std::atof(value.c_str());
    else
      usage_ok = false;
  }
  if (!usage_ok || db.empty() || seconds <= 0) {
    std::cerr << "usage: attache_naive_sqlite --db FILE --seconds S [--plan FILE]\n";
    return 2;
  }
  if (sodium_init() < 0) {
    std::cerr << "naive_sqlite: libsodium failed to initialise\n";
    return 1;
  }
  return Run(db, seconds, plan);
}
