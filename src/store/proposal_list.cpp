#include "attache/store/proposal_list.h"

#include "attache/store/proposal_search.h"

namespace attache::store {
namespace {

// Every column is qualified: with a full-text query the index table, whose columns include
// title and ref, is joined in.
constexpr std::string_view kSelect =
    "SELECT p.id, p.kind, p.workflow_version, p.ref, p.title, p.unit_id, p.created_by, p.state, "
    "p.state_entered_at, p.due_on, p.partner_id, p.version, p.audit_seq, p.created_at, "
    "p.updated_at, p.plan_item_id, p.country, p.starts_on, p.ends_on, p.amount_usd ";
constexpr std::string_view kFromProposals = "FROM proposals p";
constexpr std::string_view kFromMatches =
    "FROM proposals_fts JOIN proposals p ON p.id = proposals_fts.rowid";

// The ordering column of each sort, and its direction. Due dates sort empty last.
struct SortSpec {
  const char* key;
  bool descending;
};
SortSpec Spec(ProposalQuery::Sort sort) {
  switch (sort) {
    case ProposalQuery::Sort::kCreated:
      return {"p.created_at", true};
    case ProposalQuery::Sort::kDue:
      return {"coalesce(p.due_on, '9999-12-31')", false};
    case ProposalQuery::Sort::kRef:
      return {"p.ref", false};
    case ProposalQuery::Sort::kUpdated:
      break;
  }
  return {"p.updated_at", true};
}

// The statement of a list query and its parameters, in order.
struct ListStatement {
  struct Param {
    bool is_int;
    int64_t i;
    std::string t;
  };
  std::string sql;
  std::vector<Param> params;
  bool empty = false;  // the text has no word: nothing can match

  Stmt Prepare(Db& db) const {
    Stmt stmt = db.Prepare(sql);
    for (size_t i = 0; i < params.size(); ++i) {
      if (params[i].is_int)
        stmt.Bind(static_cast<int>(i) + 1, params[i].i);
      else
        stmt.Bind(static_cast<int>(i) + 1, params[i].t);
    }
    return stmt;
  }
};

ListStatement BuildList(const ProposalQuery& q) {
  ListStatement out;
  std::optional<std::string> match;
  if (q.text) {
    match = MatchExpression(*q.text);
    if (!match) {
      out.empty = true;
      return out;
    }
  }
  std::string& sql = out.sql;
  sql = kSelect;
  sql += match ? kFromMatches : kFromProposals;
  std::vector<std::string> where;
  auto& params = out.params;
  auto text = [&](const std::string& v) { params.push_back({false, 0, v}); };
  auto integer = [&](int64_t v) { params.push_back({true, v, ""}); };

  if (match) where.push_back("proposals_fts MATCH ?"), text(*match);
  if (q.kind) where.push_back("p.kind = ?"), text(*q.kind);
  if (q.state) where.push_back("p.state = ?"), text(*q.state);
  if (q.country) where.push_back("p.country = ?"), text(*q.country);
  if (q.unit_id) where.push_back("p.unit_id = ?"), integer(*q.unit_id);
  // Proposals matching any of `rules`: a state of theirs, within their unit and creator limits.
  auto any_of = [&](const std::vector<AwaitingRule>& rules) {
    std::string any;
    for (const AwaitingRule& r : rules) {
      if (r.states.empty()) continue;
      std::string clause = "(p.kind = ? AND p.workflow_version = ? AND p.state IN (";
      text(r.kind);
      integer(r.workflow_version);
      for (size_t i = 0; i < r.states.size(); ++i) clause += i ? ", ?" : "?", text(r.states[i]);
      clause += ")";
      if (r.unit_id) clause += " AND p.unit_id = ?", integer(*r.unit_id);
      if (r.not_created_by) clause += " AND p.created_by <> ?", integer(*r.not_created_by);
      clause += ")";
      any += (any.empty() ? "" : " OR ") + clause;
    }
    return any;
  };
  if (q.visible_unit) {
    std::string visible = "p.unit_id = ?";
    integer(*q.visible_unit);
    if (std::string also = any_of(q.also_visible); !also.empty())
      visible = "(" + visible + " OR " + also + ")";
    where.push_back(visible);
  }
  if (q.partner_id) where.push_back("p.partner_id = ?"), integer(*q.partner_id);
  if (q.from) where.push_back("coalesce(p.ends_on, p.starts_on) >= ?"), text(*q.from);
  if (q.to) where.push_back("p.starts_on <= ?"), text(*q.to);
  if (q.overdue_before) where.push_back("p.due_on < ?"), text(*q.overdue_before);
  if (q.awaiting) {
    std::string any = any_of(*q.awaiting);
    where.push_back(any.empty() ? "0" : "(" + any + ")");
  }
  SortSpec spec = Spec(q.sort);
  std::string key = spec.key;
  if (!match && q.after_key && q.after_id) {
    const char* op = spec.descending ? "<" : ">";
    where.push_back("(" + key + " " + op + " ? OR (" + key + " = ? AND p.id " + op + " ?))");
    text(*q.after_key);
    text(*q.after_key);
    integer(*q.after_id);
  }
  for (size_t i = 0; i < where.size(); ++i) sql += (i ? " AND " : " WHERE ") + where[i];
  if (match) {
    sql += " ORDER BY " + std::string(kSearchRank) + ", p.id LIMIT ?";
  } else {
    const char* dir = spec.descending ? " DESC" : " ASC";
    sql += " ORDER BY " + key + dir + ", p.id" + dir + " LIMIT ?";
  }
  integer(q.limit + 1);
  return out;
}

}  // namespace

std::string SortKey(const ProposalListView& row, ProposalQuery::Sort sort) {
  switch (sort) {
    case ProposalQuery::Sort::kCreated:
      return std::string(row.created_at);
    case ProposalQuery::Sort::kDue:
      return row.due_on ? std::string(*row.due_on) : std::string("9999-12-31");
    case ProposalQuery::Sort::kRef:
      return std::string(row.ref);
    case ProposalQuery::Sort::kUpdated:
      break;
  }
  return std::string(row.updated_at);
}

std::vector<std::string> ExplainProposalList(Db& db, const ProposalQuery& query) {
  ListStatement list = BuildList(query);
  if (list.empty) return {};
  list.sql = "EXPLAIN QUERY PLAN " + list.sql;
  Stmt stmt = list.Prepare(db);
  std::vector<std::string> steps;
  while (stmt.Step()) steps.push_back(stmt.Text(3));
  return steps;
}

bool VisitProposals(Db& db, const ProposalQuery& q,
                    const std::function<void(const ProposalListView&)>& each) {
  const ListStatement list = BuildList(q);
  if (list.empty) return false;
  Stmt stmt = list.Prepare(db);
  auto text = [&](int col) {
    return stmt.IsNull(col) ? std::nullopt : std::optional<std::string_view>(stmt.View(col));
  };
  auto integer = [&](int col) {
    return stmt.IsNull(col) ? std::nullopt : std::optional<int64_t>(stmt.Int(col));
  };
  for (int n = 0; stmt.Step(); ++n) {
    if (n == q.limit) return true;  // the row after the page: there is more
    ProposalListView v;
    v.id = stmt.Int(0);
    v.kind = stmt.View(1);
    v.workflow_version = static_cast<int>(stmt.Int(2));
    v.ref = stmt.View(3);
    v.title = stmt.View(4);
    v.unit_id = stmt.Int(5);
    v.state = stmt.View(7);
    v.state_entered_at = stmt.View(8);
    v.due_on = text(9);
    v.partner_id = integer(10);
    v.version = stmt.Int(11);
    v.created_at = stmt.View(13);
    v.updated_at = stmt.View(14);
    v.plan_item_id = integer(15);
    v.country = text(16);
    v.starts_on = text(17);
    v.ends_on = text(18);
    each(v);
  }
  return false;
}

}  // namespace attache::store
