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
  if (q.visible_unit) where.push_back("p.unit_id = ?"), integer(*q.visible_unit);
  if (q.partner_id) where.push_back("p.partner_id = ?"), integer(*q.partner_id);
  if (q.from) where.push_back("coalesce(p.ends_on, p.starts_on) >= ?"), text(*q.from);
  if (q.to) where.push_back("p.starts_on <= ?"), text(*q.to);
  if (q.overdue_before) where.push_back("p.due_on < ?"), text(*q.overdue_before);
  if (q.awaiting) {
    std::string any;
    for (const AwaitingRule& r : *q.awaiting) {
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

std::string SortKey(const ProposalRow& row, ProposalQuery::Sort sort) {
  switch (sort) {
    case ProposalQuery::Sort::kCreated:
      return row.created_at;
    case ProposalQuery::Sort::kDue:
      return row.due_on.value_or("9999-12-31");
    case ProposalQuery::Sort::kRef:
      return row.ref;
    case ProposalQuery::Sort::kUpdated:
      break;
  }
  return row.updated_at;
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

std::vector<ProposalListRow> ListProposals(Db& db, const ProposalQuery& q, bool* more) {
  *more = false;
  const ListStatement list = BuildList(q);
  if (list.empty) return {};
  Stmt stmt = list.Prepare(db);

  std::vector<ProposalListRow> out;
  auto text = [&](int col) {
    return stmt.IsNull(col) ? std::nullopt : std::optional<std::string>(stmt.Text(col));
  };
  while (stmt.Step()) {
    ProposalListRow item;
    ProposalRow& p = item.row;
    p.id = stmt.Int(0);
    p.kind = stmt.Text(1);
    p.workflow_version = static_cast<int>(stmt.Int(2));
    p.ref = stmt.Text(3);
    p.title = stmt.Text(4);
    p.unit_id = stmt.Int(5);
    p.created_by = stmt.Int(6);
    p.state = stmt.Text(7);
    p.state_entered_at = stmt.Text(8);
    p.due_on = text(9);
    if (!stmt.IsNull(10)) item.columns.partner_id = stmt.Int(10);
    p.version = stmt.Int(11);
    p.audit_seq = stmt.Int(12);
    p.created_at = stmt.Text(13);
    p.updated_at = stmt.Text(14);
    if (!stmt.IsNull(15)) p.plan_item_id = stmt.Int(15);
    item.columns.country = text(16);
    item.columns.starts_on = text(17);
    item.columns.ends_on = text(18);
    if (!stmt.IsNull(19)) item.columns.amount_usd = stmt.Double(19);
    out.push_back(std::move(item));
  }
  *more = static_cast<int>(out.size()) > q.limit;
  if (*more) out.pop_back();
  return out;
}

}  // namespace attache::store
