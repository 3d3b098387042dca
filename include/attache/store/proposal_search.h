// The full-text index of proposals (`proposals_fts`, migration 0006): what is indexed, how it
// is kept in step with the proposals, and how a user's query becomes an FTS5 query. Every
// text is folded with FoldForSearch (lower case, no Vietnamese diacritics, đ as d) before it is
// indexed or looked up, so searches ignore case and accents.
// Thread-safety: functions use the connection they are given, from one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "attache/store/db.h"

namespace attache::store {

// Writes the index row of the proposal from its stored title, reference number and partner
// (its names read from `partners`) and `fields_text`, the words of its fields; with no
// `fields_text` the row keeps the field words it has. Must run inside the transaction that
// writes the proposal (store/proposals.cpp calls it on every create, step and edit), so the
// index never lags a committed change. Does nothing when there is no such proposal.
void IndexProposal(Db& db, int64_t proposal_id, const std::optional<std::string>& fields_text);

// Rewrites the partner words of every proposal naming the partner, after it was renamed.
void ReindexPartner(Db& db, int64_t partner_id);

// The proposals that have no index row yet (written before migration 0006, or by a tool that
// wrote the table directly), by id. Reads every proposal's id and looks up its index row.
std::vector<int64_t> UnindexedProposals(Db& db);
// Whether every proposal has its index row, judged from the row counts (FTS5 keeps one row
// per indexed document in proposals_fts_docsize): milliseconds at a million proposals where
// UnindexedProposals takes seconds. An index row is written in the transaction that writes
// its proposal and deleted with it, so the counts differ exactly when one is missing.
bool SearchIndexComplete(Db& db);

// The FTS5 query for what a user typed: the folded text cut into words at spaces and ASCII
// punctuation, each word quoted as an FTS5 string, all of them required (AND). Nothing the user
// types is read as FTS5 syntax: quotes, `*`, `-`, `NEAR(`, `AND`/`OR` are plain words or
// separators. None when the text has no word at all.
std::optional<std::string> MatchExpression(std::string_view query);

// The relevance order of the columns (title, ref, partner, details) for bm25: a word in the
// title weighs most, one in a long field text least.
inline constexpr std::string_view kSearchRank = "bm25(proposals_fts, 10.0, 6.0, 3.0, 1.0)";

}  // namespace attache::store
