#include "attache/store/proposals.h"

#include <cstdio>
#include <map>

#include "attache/core/hash.h"
#include "attache/store/proposal_search.h"

namespace attache::store {
namespace {

constexpr std::string_view kSelectProposal =
    "SELECT id, kind, workflow_version, ref, title, unit_id, created_by, state, "
    "state_entered_at, due_on, fields, version, audit_seq, created_at, updated_at, plan_item_id "
    "FROM proposals WHERE id = ?";
constexpr std::string_view kNextRef =
    "INSERT INTO ref_counters (prefix, year, last) VALUES (?, ?, 1) "
    "ON CONFLICT (prefix, year) DO UPDATE SET last = last + 1 RETURNING last";
constexpr std::string_view kInsertProposal =
    "INSERT INTO proposals (kind, workflow_version, ref, title, unit_id, created_by, state, "
    "state_entered_at, due_on, fields, version, audit_seq, created_at, updated_at, "
    "partner_id, country, starts_on, ends_on, amount_usd, plan_item_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
// A step that leaves the fields as they are sets only the columns that change, so SQLite
// rewrites only the index entries of those columns (it rewrites an index entry whenever a
// column of the index is in the SET list, whether or not the value differs).
constexpr std::string_view kUpdateStep =
    "UPDATE proposals SET state = ?, state_entered_at = ?, due_on = ?, "
    "version = version + 1, audit_seq = ?, updated_at = ? "
    "WHERE id = ? AND version = ? AND state = ?";
constexpr std::string_view kUpdateStepAndFields =
    "UPDATE proposals SET state = ?, state_entered_at = ?, due_on = ?, "
    "version = version + 1, audit_seq = ?, updated_at = ?, "
    "fields = ?, partner_id = ?, country = ?, starts_on = ?, ends_on = ?, amount_usd = ? "
    "WHERE id = ? AND version = ? AND state = ?";
constexpr std::string_view kUpdateEvent =
    "UPDATE proposals SET title = coalesce(?, title), fields = coalesce(?, fields), "
    "version = version + 1, audit_seq = ?, updated_at = ? WHERE id = ? AND version = ?";
constexpr std::string_view kUpdateColumns =
    "UPDATE proposals SET partner_id = ?, country = ?, starts_on = ?, ends_on = ?, "
    "amount_usd = ? WHERE id = ?";
constexpr std::string_view kLastAudit = "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1";
constexpr std::string_view kInsertAudit =
    "INSERT INTO audit (seq, at, actor, on_behalf_of, proposal, action, from_state, to_state, "
    "comment, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelectAudit =
    "SELECT seq, at, actor, on_behalf_of, proposal, action, from_state, to_state, comment, "
    "payload, prev_hash, hash FROM audit";
constexpr std::string_view kProposalAgainstAudit =
    "SELECT p.id, p.ref, p.state, p.audit_seq, a.to_state, a.proposal, "
    "       (SELECT max(seq) FROM audit WHERE proposal = p.id) "
    "FROM proposals p LEFT JOIN audit a ON a.seq = p.audit_seq ORDER BY p.id";
constexpr std::string_view kWorkflowBySha =
    "SELECT version FROM workflow_versions WHERE kind = ? AND sha256 = ?";
constexpr std::string_view kWorkflowNext =
    "SELECT coalesce(max(version), 0) + 1 FROM workflow_versions WHERE kind = ?";
constexpr std::string_view kInsertWorkflow =
    "INSERT INTO workflow_versions (kind, version, sha256, definition) VALUES (?, ?, ?, ?)";
constexpr std::string_view kSelectWorkflow =
    "SELECT definition FROM workflow_versions WHERE kind = ? AND version = ?";

// 1 to 500 characters (code points, as the schema's CHECK counts them, not bytes: a
// Vietnamese letter with its diacritics takes two or three bytes).
bool TitleFits(const std::string& title) {
  size_t characters = 0;
  for (unsigned char c : title) characters += (c & 0xC0) != 0x80;
  return characters >= 1 && characters <= 500;
}

std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void BindOptional(Stmt& s, int index, const std::optional<std::string>& v) {
  if (v)
    s.Bind(index, *v);
  else
    s.BindNull(index);
}

// Binds the five list columns at `first`, `first`+1, ... .
void BindColumns(Stmt& s, int first, const ListColumns& c) {
  if (c.partner_id)
    s.Bind(first, *c.partner_id);
  else
    s.BindNull(first);
  BindOptional(s, first + 1, c.country);
  BindOptional(s, first + 2, c.starts_on);
  BindOptional(s, first + 3, c.ends_on);
  if (c.amount_usd)
    s.Bind(first + 4, *c.amount_usd);
  else
    s.BindNull(first + 4);
}

void ReadProposal(Stmt& q, ProposalRow* p) {
  p->id = q.Int(0);
  p->kind = q.Text(1);
  p->workflow_version = static_cast<int>(q.Int(2));
  p->ref = q.Text(3);
  p->title = q.Text(4);
  p->unit_id = q.Int(5);
  p->created_by = q.Int(6);
  p->state = q.Text(7);
  p->state_entered_at = q.Text(8);
  p->due_on = q.IsNull(9) ? std::nullopt : std::optional<std::string>(q.Text(9));
  p->fields = nlohmann::json::parse(q.Text(10));
  p->version = q.Int(11);
  p->audit_seq = q.Int(12);
  p->created_at = q.Text(13);
  p->updated_at = q.Text(14);
  if (!q.IsNull(15)) p->plan_item_id = q.Int(15);
}

AuditEntry ReadAudit(Stmt& q) {
  AuditEntry e;
  e.seq = q.Int(0);
  e.at = q.Text(1);
  e.actor = q.Int(2);
  if (!q.IsNull(3)) e.on_behalf_of = q.Int(3);
  e.proposal = q.Int(4);
  e.action = q.Text(5);
  e.from = q.Text(6);
  e.to = q.Text(7);
  if (!q.IsNull(8)) e.comment = q.Text(8);
  e.payload = nlohmann::json::parse(q.Text(9), nullptr, false);
  if (e.payload.is_discarded()) e.payload = {{"unparseable", q.Text(9)}};
  e.prev_hash = q.Text(10);
  e.hash = q.Text(11);
  return e;
}

// Fills seq and prev_hash of the entry that will follow the chain's head. Must run inside
// the write transaction that appends it, so no other writer can take the same seq.
void ChainOnto(Db& db, AuditEntry* e) {
  Stmt last = db.Prepare(kLastAudit);
  if (last.Step()) {
    e->seq = last.Int(0) + 1;
    e->prev_hash = last.Text(1);
  } else {
    e->seq = 1;
    e->prev_hash = kGenesisHash;
  }
}

void InsertAudit(Db& db, AuditEntry* e) {
  e->hash = ChainHash(e->prev_hash, *e);
  Stmt ins = db.Prepare(kInsertAudit);
  ins.Bind(1, e->seq).Bind(2, e->at).Bind(3, e->actor);
  if (e->on_behalf_of)
    ins.Bind(4, *e->on_behalf_of);
  else
    ins.BindNull(4);
  ins.Bind(5, e->proposal).Bind(6, e->action).Bind(7, e->from).Bind(8, e->to);
  BindOptional(ins, 9, e->comment);
  ins.Bind(10, Dump(e->payload.is_null() ? nlohmann::json::object() : e->payload));
  ins.Bind(11, e->prev_hash).Bind(12, e->hash);
  ins.Run();
}

Status FromDbError(const DbError& e, const std::string& what) {
  if (e.primary_code() == SQLITE_FULL) return DiskFull();
  if (e.primary_code() == SQLITE_CONSTRAINT)
    return Status::InvalidArgument(what + " breaks a constraint: " + e.what());
  throw e;
}

std::string FormatRef(const std::string& prefix, int year, int64_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "-%04d-%04lld", year, static_cast<long long>(n));
  return prefix + buf;
}

}  // namespace

Status CreateProposal(Db& db, const NewProposal& in, ProposalRow* created) {
  if (!TitleFits(in.title)) return Status::InvalidArgument("title must be 1 to 500 characters");
  if (in.at.size() < 4) return Status::InvalidArgument("creation time missing");
  int year = std::stoi(in.at.substr(0, 4));
  int64_t id = 0;
  try {
    Txn txn(db);
    Stmt next = db.Prepare(kNextRef);
    next.Bind(1, in.ref_prefix).Bind(2, year);
    next.Step();
    std::string ref = FormatRef(in.ref_prefix, year, next.Int(0));
    next.Reset();

    AuditEntry e;
    ChainOnto(db, &e);
    Stmt ins = db.Prepare(kInsertProposal);
    ins.Bind(1, in.kind).Bind(2, in.workflow_version).Bind(3, ref).Bind(4, in.title);
    ins.Bind(5, in.unit_id).Bind(6, in.created_by).Bind(7, in.initial_state).Bind(8, in.at);
    BindOptional(ins, 9, in.due_on);
    ins.Bind(10, Dump(in.fields)).Bind(11, e.seq).Bind(12, in.at).Bind(13, in.at);
    BindColumns(ins, 14, in.columns);
    if (in.plan_item_id)
      ins.Bind(19, *in.plan_item_id);
    else
      ins.BindNull(19);
    ins.Run();
    id = db.LastInsertRowid();

    e.at = in.at;
    e.actor = in.created_by;
    e.proposal = id;
    e.action = "create";
    e.from = "";
    e.to = in.initial_state;
    e.payload = {{"ref", ref}, {"kind", in.kind}, {"workflow_version", in.workflow_version}};
    InsertAudit(db, &e);
    IndexProposal(db, id, in.columns.search_text);
    txn.Commit();
  } catch (const DbError& e) {
    return FromDbError(e, "proposal");
  }
  return created ? LoadProposal(db, id, created) : Status::Ok();
}

Status LoadProposal(Db& db, int64_t id, ProposalRow* out) {
  Stmt q = db.Prepare(kSelectProposal);
  q.Bind(1, id);
  if (!q.Step()) return Status::NotFound("no proposal " + std::to_string(id));
  ReadProposal(q, out);
  return Status::Ok();
}

Status RecordStep(Db& db, const StepRecord& step, ProposalRow* after) {
  try {
    Txn txn(db);
    AuditEntry e = step.event;
    e.proposal = step.proposal_id;
    ChainOnto(db, &e);
    Stmt upd = db.Prepare(step.fields ? kUpdateStepAndFields : kUpdateStep);
    upd.Bind(1, step.to_state).Bind(2, e.at);
    BindOptional(upd, 3, step.due_on);
    upd.Bind(4, e.seq).Bind(5, e.at);
    int next = 6;
    if (step.fields) {
      upd.Bind(6, Dump(*step.fields));
      BindColumns(upd, 7, step.columns);
      next = 12;
    }
    upd.Bind(next, step.proposal_id).Bind(next + 1, step.expected_version).Bind(next + 2, e.from);
    upd.Run();
    if (db.Changes() == 0) {
      ProposalRow current;
      if (!LoadProposal(db, step.proposal_id, &current).ok())
        return Status::NotFound("no proposal " + std::to_string(step.proposal_id));
      return Status::Conflict("proposal " + current.ref + " changed: it is at version " +
                              std::to_string(current.version) + " in state " + current.state +
                              ", not version " + std::to_string(step.expected_version));
    }
    InsertAudit(db, &e);
    // The words indexed come from the title, reference, partner and fields; a step changes
    // none of them unless it brings fields.
    if (step.fields) IndexProposal(db, step.proposal_id, step.columns.search_text);
    txn.Commit();
  } catch (const DbError& e) {
    return FromDbError(e, "step");
  }
  return after ? LoadProposal(db, step.proposal_id, after) : Status::Ok();
}

Status RecordEvent(Db& db, const EventRecord& record, ProposalRow* after) {
  if (record.title && !TitleFits(*record.title))
    return Status::InvalidArgument("title must be 1 to 500 characters");
  try {
    Txn txn(db);
    ProposalRow current;
    if (!LoadProposal(db, record.proposal_id, &current).ok())
      return Status::NotFound("no proposal " + std::to_string(record.proposal_id));
    int64_t version = record.expected_version.value_or(current.version);
    if (version != current.version)
      return Status::Conflict("proposal " + current.ref + " is at version " +
                              std::to_string(current.version) + ", not " + std::to_string(version));
    AuditEntry e = record.event;
    e.proposal = record.proposal_id;
    e.from = e.to = current.state;
    ChainOnto(db, &e);
    Stmt upd = db.Prepare(kUpdateEvent);
    BindOptional(upd, 1, record.title);
    if (record.fields)
      upd.Bind(2, Dump(*record.fields));
    else
      upd.BindNull(2);
    upd.Bind(3, e.seq).Bind(4, e.at).Bind(5, record.proposal_id).Bind(6, version);
    upd.Run();
    if (record.columns) {
      Stmt cols = db.Prepare(kUpdateColumns);
      BindColumns(cols, 1, *record.columns);
      cols.Bind(6, record.proposal_id);
      cols.Run();
    }
    InsertAudit(db, &e);
    if (record.title || record.fields || record.columns)
      IndexProposal(
          db, record.proposal_id,
          record.columns ? std::optional<std::string>(record.columns->search_text) : std::nullopt);
    txn.Commit();
  } catch (const DbError& e) {
    return FromDbError(e, "event");
  }
  return after ? LoadProposal(db, record.proposal_id, after) : Status::Ok();
}

std::vector<AuditEntry> ProposalHistory(Db& db, int64_t proposal_id) {
  std::vector<AuditEntry> out;
  Stmt q = db.Prepare(std::string(kSelectAudit) + " WHERE proposal = ? ORDER BY seq");
  q.Bind(1, proposal_id);
  while (q.Step()) out.push_back(ReadAudit(q));
  return out;
}

ChainReport VerifyAudit(Db& db, const std::vector<AuditAnchor>& anchors) {
  Txn snapshot(db, Txn::Kind::kDeferred);
  ChainVerifier verifier;
  std::multimap<int64_t, const AuditAnchor*> anchored;
  for (const AuditAnchor& a : anchors)
    if (a.entries > 0) anchored.emplace(a.entries, &a);
  std::optional<ChainReport> differs;
  {
    Stmt q = db.Prepare(std::string(kSelectAudit) + " ORDER BY seq");
    while (q.Step()) {
      AuditEntry e = ReadAudit(q);
      if (!verifier.Add(e)) break;
      auto [from, to] = anchored.equal_range(e.seq);
      for (auto it = from; it != to && !differs; ++it)
        if (it->second->head != e.hash) {
          differs = verifier.report();
          differs->ok = false;
          differs->first_bad = e.seq;
          differs->reason = "entry " + std::to_string(e.seq) + " is not the one anchored at " +
                            it->second->at + " (its hash was " + it->second->head + ")";
        }
      if (differs) break;
    }
  }
  if (differs) return *differs;
  ChainReport report = verifier.report();
  if (!report.ok) return report;
  report.anchors = static_cast<int64_t>(anchors.size());
  for (const AuditAnchor& a : anchors)
    if (a.entries > report.entries) {
      report.ok = false;
      report.first_bad = report.entries + 1;
      report.reason = "the trail ends at entry " + std::to_string(report.entries) +
                      " but entry " + std::to_string(a.entries) + " was anchored at " + a.at +
                      ": entries were removed";
      return report;
    }
  Stmt q = db.Prepare(kProposalAgainstAudit);
  while (q.Step()) {
    int64_t audit_seq = q.Int(3);
    int64_t latest = q.IsNull(6) ? 0 : q.Int(6);
    std::string why;
    if (q.IsNull(4))
      why = "its latest audit entry " + std::to_string(audit_seq) + " is missing";
    else if (q.Int(5) != q.Int(0))
      why = "its latest audit entry " + std::to_string(audit_seq) + " belongs to another proposal";
    else if (q.Text(4) != q.Text(2))
      why = "it is in state " + q.Text(2) + " but its latest audit entry says " + q.Text(4);
    else if (latest != audit_seq)
      why = "audit entry " + std::to_string(latest) + " is newer than the proposal's recorded one";
    if (!why.empty()) {
      report.ok = false;
      report.first_bad = audit_seq;
      report.reason = "proposal " + q.Text(1) + ": " + why;
      return report;
    }
  }
  return report;
}

Status RegisterWorkflowVersion(Db& db, const std::string& kind, const std::string& definition,
                               int* version) {
  std::string sha = Sha256Hex(definition);
  try {
    Txn txn(db);
    Stmt q = db.Prepare(kWorkflowBySha);
    q.Bind(1, kind).Bind(2, sha);
    if (q.Step()) {
      *version = static_cast<int>(q.Int(0));
      return Status::Ok();
    }
    Stmt next = db.Prepare(kWorkflowNext);
    next.Bind(1, kind);
    next.Step();
    *version = static_cast<int>(next.Int(0));
    db.Prepare(kInsertWorkflow)
        .Bind(1, kind)
        .Bind(2, *version)
        .Bind(3, sha)
        .Bind(4, definition)
        .Run();
    txn.Commit();
  } catch (const DbError& e) {
    return FromDbError(e, "workflow definition");
  }
  return Status::Ok();
}

Status LoadWorkflowVersion(Db& db, const std::string& kind, int version, std::string* definition) {
  Stmt q = db.Prepare(kSelectWorkflow);
  q.Bind(1, kind).Bind(2, version);
  if (!q.Step())
    return Status::NotFound("no workflow " + kind + " version " + std::to_string(version));
  *definition = q.Text(0);
  return Status::Ok();
}

}  // namespace attache::store
