// Private to `attache seed` (demo/bulk_seed.h), shared by its three parts: bulk_seed_rows.cpp
// generates the proposals (titles, fields, a walk through the workflow), bulk_seed_audit.cpp
// chains their audit entries, and bulk_seed.cpp writes the rows, on a second thread, with the
// connection settings of a bulk load. Not a public header.
// Thread-safety: a Seeder is used by one thread at a time (the generating one, once prepared).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "attache/core/audit_chain.h"
#include "attache/core/status.h"
#include "attache/core/workflow.h"
#include "attache/service/workflows.h"
#include "attache/store/db.h"
#include "attache/store/proposals.h"
#include "attache/store/users.h"

namespace attache::demo::bulk {

// Deterministic on every platform (std::uniform_int_distribution is not).
class SplitMix {
 public:
  explicit SplitMix(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int64_t Below(int64_t n) { return static_cast<int64_t>(Next() % static_cast<uint64_t>(n)); }
  int64_t Between(int64_t lo, int64_t hi) { return lo + Below(hi - lo + 1); }
  bool Chance(int percent) { return Below(100) < percent; }
  template <class T, size_t N>
  const T& Pick(const std::array<T, N>& a) {
    return a[static_cast<size_t>(Below(N))];
  }

 private:
  uint64_t state_;
};

// A country of the word tables (bulk_seed_rows.cpp).
struct Country {
  const char* code;
  const char* name_vi;
};

struct PartnerRef {
  int64_t id;
  std::string country;
  std::string folded_names;  // as store::IndexProposal indexes them
  std::string acronym;
};

struct Step {
  const workflow::TransitionDef* transition;
  const std::string* to;  // the definition's own string, so rows can point at it
  int64_t actor;
  int64_t day;
  int64_t second;
};

// What the seeder knows of one kind: its definition and the transitions out of every state,
// each with a weight (steps that end or turn back a proposal are rarer than steps forward).
struct KindPlan {
  std::shared_ptr<const workflow::Definition> def;
  int version = 0;
  std::map<std::string, std::vector<std::pair<const workflow::TransitionDef*, int>>> out;
};

// One generated audit entry, ready to bind. Its texts point into the definitions or into
// literals where they can, so an entry costs few allocations.
struct AuditRow {
  std::string at;
  int64_t actor = 0;
  std::string_view action, from, to;
  const char* comment = nullptr;
  std::string payload;
  std::array<char, 64> hash;  // hex SHA-256; prev_hash is the entry before it
};

// One generated proposal with its audit entries and its full-text index row.
struct ProposalRow {
  int64_t id = 0;
  const KindPlan* plan = nullptr;
  std::string ref, title, created_at, entered_at, fields;
  std::string_view state;
  std::optional<std::string> due_on;
  int64_t unit_id = 0, created_by = 0;
  store::ListColumns columns;
  std::vector<AuditRow> audit;
  std::string fts_title, fts_ref, fts_partner, fts_details;
};
using Chunk = std::vector<ProposalRow>;

// Where the load continues: read from the database in the load's transaction.
struct Continuation {
  int64_t next_id = 1;
  int64_t seq = 0;
  std::string head = std::string(kGenesisHash);
  std::map<std::pair<std::string, int>, int64_t> counters;
};

// Makes the rows: everything but the SQLite calls, so it can run on a thread of its own.
class Seeder {
 public:
  Seeder(store::Db& db, const service::Workflows& workflows, uint64_t seed)
      : db_(db), workflows_(workflows), rng_(seed) {}

  // Reads the definitions, users and partners. FailedPrecondition when the demo's reference
  // data is missing.
  Status Prepare();
  void Continue(Continuation from) { at_ = std::move(from); }
  void Generate(ProposalRow* row);
  // The reference counters after the rows generated so far.
  const std::map<std::pair<std::string, int>, int64_t>& counters() const { return at_.counters; }

 private:
  const std::vector<int64_t>& Candidates(const workflow::TransitionDef& t, int64_t unit);
  std::vector<Step> Walk(const KindPlan& plan, const store::User& creator, int64_t day);
  nlohmann::json Fields(const workflow::Definition& def, int64_t created, int64_t start,
                        int64_t end, const PartnerRef& partner, const Country& country);
  std::string Title(const std::string& kind, const PartnerRef& partner, const Country& country);
  // Appends an entry to the row's audit chain (bulk_seed_audit.cpp).
  void Append(ProposalRow* row, std::string at, int64_t actor, std::string_view action,
              std::string_view from, std::string_view to, const char* comment, std::string payload);

  store::Db& db_;
  const service::Workflows& workflows_;
  SplitMix rng_;
  std::vector<KindPlan> kinds_;
  std::vector<store::User> users_;
  std::vector<const store::User*> creators_;
  std::vector<PartnerRef> partners_;
  std::map<std::pair<const workflow::TransitionDef*, int64_t>, std::vector<int64_t>> candidates_;
  Continuation at_;
  int64_t checked_ = 0;  // entries whose bytes were compared with CanonicalBytes
};

}  // namespace attache::demo::bulk
