// Lists of proposals: filters on the indexed columns, keyset pagination (no OFFSET: the next
// page starts after the last row seen, so pages stay fast and stable while rows are added).
// Thread-safety: functions use the connection they are given, from one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "attache/store/db.h"
#include "attache/store/proposals.h"

namespace attache::store {

// States of one definition version in which a person may act; with `unit_id`, only in that
// unit; with `not_created_by`, not on proposals that person created.
struct AwaitingRule {
  std::string kind;
  int workflow_version = 0;
  std::vector<std::string> states;
  std::optional<int64_t> unit_id;
  std::optional<int64_t> not_created_by;
};

struct ProposalQuery {
  std::optional<std::string> kind, state, country;
  std::optional<int64_t> unit_id;       // filter asked for
  std::optional<int64_t> visible_unit;  // the caller sees only this unit's,
  std::vector<AwaitingRule> also_visible;  // and those matching any of these (a deputy's)
  std::optional<int64_t> partner_id;
  std::optional<std::string> from, to;                // the activity's period overlaps [from, to]
  std::optional<std::string> overdue_before;          // due_on earlier than this date
  std::optional<std::vector<AwaitingRule>> awaiting;  // any of them (empty: nothing)
  // Full text, as the user typed it (MatchExpression in proposal_search.h): only proposals
  // holding every word, best match first (bm25), so `sort` and the cursor do not apply.
  std::optional<std::string> text;
  enum class Sort { kUpdated, kCreated, kDue, kRef } sort = Sort::kUpdated;
  int limit = 50;
  std::optional<std::string> after_key;  // from the cursor: the sort key and id of the last row
  std::optional<int64_t> after_id;
};

// A listed proposal read in place: its texts point into SQLite's row and are valid only
// during the call that receives it (see VisitProposals).
struct ProposalListView {
  int64_t id = 0;
  std::string_view kind;
  int workflow_version = 0;
  std::string_view ref, title;
  int64_t unit_id = 0;
  std::string_view state, state_entered_at;
  std::optional<std::string_view> due_on;
  int64_t version = 0;
  std::string_view created_at, updated_at;
  std::optional<int64_t> plan_item_id, partner_id;
  std::optional<std::string_view> country, starts_on, ends_on;
};

// One page, each row handed to `each` as it is read, without copying it; returns whether more
// rows follow. With `text`, the best `limit` matches (none when the text has no word), ranked,
// and `after_key`/`after_id` are ignored. `each` must not use `db`.
bool VisitProposals(Db& db, const ProposalQuery& query,
                    const std::function<void(const ProposalListView&)>& each);

// SQLite's plan for `query` (EXPLAIN QUERY PLAN, one detail text per step, e.g. "SEARCH p
// USING INDEX proposals_unit (unit_id=?)"); empty when the query cannot match anything.
// The test that every filter and sort is served by an index reads it.
std::vector<std::string> ExplainProposalList(Db& db, const ProposalQuery& query);

// The sort key of `row` under `sort`, for the next cursor.
std::string SortKey(const ProposalListView& row, ProposalQuery::Sort sort);

}  // namespace attache::store
