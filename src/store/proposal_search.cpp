#include "attache/store/proposal_search.h"

#include "attache/core/text.h"

namespace attache::store {
namespace {

constexpr std::string_view kSelectSource =
    "SELECT p.title, p.ref, "
    "       coalesce(pa.name_vi || ' ' || pa.name_en || ' ' || pa.acronym, '') "
    "FROM proposals p LEFT JOIN partners pa ON pa.id = p.partner_id WHERE p.id = ?";
constexpr std::string_view kSelectDetails = "SELECT details FROM proposals_fts WHERE rowid = ?";
constexpr std::string_view kDeleteRow = "DELETE FROM proposals_fts WHERE rowid = ?";
constexpr std::string_view kInsertRow =
    "INSERT INTO proposals_fts (rowid, title, ref, partner, details) VALUES (?, ?, ?, ?, ?)";
constexpr std::string_view kNamingPartner = "SELECT id FROM proposals WHERE partner_id = ?";
constexpr std::string_view kUnindexed =
    "SELECT id FROM proposals p "
    "WHERE NOT EXISTS (SELECT 1 FROM proposals_fts_docsize d WHERE d.id = p.id) ORDER BY id";
constexpr std::string_view kCounts =
    "SELECT (SELECT count(*) FROM proposals) = (SELECT count(*) FROM proposals_fts_docsize)";

// A byte that belongs to a word: ASCII letters and digits, and every byte of a non-ASCII
// character (after folding, those are letters of other scripts or punctuation FTS5's own
// tokenizer then drops).
bool IsWordByte(unsigned char c) {
  return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

void IndexProposal(Db& db, int64_t proposal_id, const std::optional<std::string>& fields_text) {
  Stmt source = db.Prepare(kSelectSource);
  source.Bind(1, proposal_id);
  if (!source.Step()) return;
  std::string details;
  if (fields_text) {
    details = FoldForSearch(*fields_text);
  } else {
    Stmt old = db.Prepare(kSelectDetails);
    old.Bind(1, proposal_id);
    if (old.Step()) details = old.Text(0);  // already folded
  }
  db.Prepare(kDeleteRow).Bind(1, proposal_id).Run();
  db.Prepare(kInsertRow)
      .Bind(1, proposal_id)
      .Bind(2, FoldForSearch(source.Text(0)))
      .Bind(3, FoldForSearch(source.Text(1)))
      .Bind(4, FoldForSearch(source.Text(2)))
      .Bind(5, details)
      .Run();
}

void ReindexPartner(Db& db, int64_t partner_id) {
  std::vector<int64_t> ids;
  Stmt q = db.Prepare(kNamingPartner);
  q.Bind(1, partner_id);
  while (q.Step()) ids.push_back(q.Int(0));
  for (int64_t id : ids) IndexProposal(db, id, std::nullopt);
}

std::vector<int64_t> UnindexedProposals(Db& db) {
  std::vector<int64_t> ids;
  Stmt q = db.Prepare(kUnindexed);
  while (q.Step()) ids.push_back(q.Int(0));
  return ids;
}

bool SearchIndexComplete(Db& db) {
  Stmt q = db.Prepare(kCounts);
  return q.Step() && q.Int(0) == 1;
}

std::optional<std::string> MatchExpression(std::string_view query) {
  const std::string folded = FoldForSearch(query);
  std::string out, word;
  auto flush = [&] {
    if (word.empty()) return;
    // A word holds no '"' (it is a separator), so quoting it needs no escape.
    out.append(out.empty() ? "\"" : " \"").append(word).append("\"");
    word.clear();
  };
  for (char ch : folded) {
    if (IsWordByte(static_cast<unsigned char>(ch)))
      word += ch;
    else
      flush();
  }
  flush();
  if (out.empty()) return std::nullopt;
  return out;
}

}  // namespace attache::store
