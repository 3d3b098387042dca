#include "attache/store/consultations.h"

namespace attache::store {
namespace {

constexpr std::string_view kInsertConsultation =
    "INSERT INTO consultations (proposal_id, body, note, due_on, asked_by, asked_at) "
    "VALUES (?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelectConsultation =
    "SELECT id, proposal_id, body, note, due_on, asked_by, asked_at, answer, answer_note, "
    "answered_by, answered_at, document_id FROM consultations";
constexpr std::string_view kAnswer =
    "UPDATE consultations SET answer = ?, answer_note = ?, answered_by = ?, answered_at = ?, "
    "document_id = ? WHERE id = ? AND answer IS NULL";
constexpr std::string_view kDocumentOfProposal =
    "SELECT 1 FROM documents WHERE id = ? AND proposal_id = ?";
constexpr std::string_view kInsertComment =
    "INSERT INTO comments (proposal_id, author, at, body) VALUES (?, ?, ?, ?)";
constexpr std::string_view kSelectComments =
    "SELECT c.id, c.proposal_id, c.author, u.display_name, c.at, c.body "
    "FROM comments c JOIN users u ON u.id = c.author WHERE c.proposal_id = ? ORDER BY c.id";

ConsultationRow ReadConsultation(Stmt& q) {
  ConsultationRow r;
  r.id = q.Int(0);
  r.proposal_id = q.Int(1);
  r.body = q.Text(2);
  r.note = q.Text(3);
  r.due_on = q.Text(4);
  r.asked_by = q.Int(5);
  r.asked_at = q.Text(6);
  if (!q.IsNull(7)) r.answer = q.Text(7);
  r.answer_note = q.Text(8);
  if (!q.IsNull(9)) r.answered_by = q.Int(9);
  if (!q.IsNull(10)) r.answered_at = q.Text(10);
  if (!q.IsNull(11)) r.document_id = q.Int(11);
  return r;
}

Status Constraint(const DbError& e, const std::string& what) {
  if (e.primary_code() == SQLITE_FULL) return DiskFull();
  if (e.primary_code() == SQLITE_CONSTRAINT) return Status::InvalidArgument(what);
  throw e;
}

}  // namespace

Status AddConsultation(Db& db, const ConsultationRow& row, int64_t* id) {
  try {
    Stmt q = db.Prepare(kInsertConsultation);
    q.Bind(1, row.proposal_id).Bind(2, row.body).Bind(3, row.note).Bind(4, row.due_on);
    q.Bind(5, row.asked_by).Bind(6, row.asked_at);
    q.Run();
  } catch (const DbError& e) {
    return Constraint(e, "the body must be 1 to 200 characters and the note at most 5,000");
  }
  if (id) *id = db.LastInsertRowid();
  return Status::Ok();
}

std::vector<ConsultationRow> ConsultationsOf(Db& db, int64_t proposal_id) {
  std::vector<ConsultationRow> out;
  Stmt q = db.Prepare(std::string(kSelectConsultation) + " WHERE proposal_id = ? ORDER BY id");
  q.Bind(1, proposal_id);
  while (q.Step()) out.push_back(ReadConsultation(q));
  return out;
}

std::optional<ConsultationRow> FindConsultation(Db& db, int64_t id) {
  Stmt q = db.Prepare(std::string(kSelectConsultation) + " WHERE id = ?");
  q.Bind(1, id);
  if (!q.Step()) return std::nullopt;
  return ReadConsultation(q);
}

Status AnswerConsultation(Db& db, int64_t id, const std::string& answer, const std::string& note,
                          int64_t answered_by, const std::string& at,
                          std::optional<int64_t> document_id) {
  auto row = FindConsultation(db, id);
  if (!row) return Status::NotFound("no consultation " + std::to_string(id));
  if (document_id) {
    Stmt d = db.Prepare(kDocumentOfProposal);
    d.Bind(1, *document_id).Bind(2, row->proposal_id);
    if (!d.Step())
      return Status::InvalidArgument("document " + std::to_string(*document_id) +
                                     " is not one of this proposal's");
  }
  try {
    Stmt q = db.Prepare(kAnswer);
    q.Bind(1, answer).Bind(2, note).Bind(3, answered_by).Bind(4, at);
    if (document_id)
      q.Bind(5, *document_id);
    else
      q.BindNull(5);
    q.Bind(6, id);
    q.Run();
  } catch (const DbError& e) {
    return Constraint(e,
                      "the answer must be agree, agree_with_conditions or object, the note at most "
                      "5,000 characters");
  }
  if (db.Changes() == 0)
    return Status::Conflict("consultation " + std::to_string(id) + " is already answered");
  return Status::Ok();
}

Status AddComment(Db& db, const CommentRow& row, int64_t* id) {
  try {
    Stmt q = db.Prepare(kInsertComment);
    q.Bind(1, row.proposal_id).Bind(2, row.author).Bind(3, row.at).Bind(4, row.body);
    q.Run();
  } catch (const DbError& e) {
    return Constraint(e, "a comment is 1 to 10,000 characters");
  }
  if (id) *id = db.LastInsertRowid();
  return Status::Ok();
}

std::vector<CommentRow> CommentsOf(Db& db, int64_t proposal_id) {
  std::vector<CommentRow> out;
  Stmt q = db.Prepare(kSelectComments);
  q.Bind(1, proposal_id);
  while (q.Step()) out.push_back({q.Int(0), q.Int(1), q.Int(2), q.Text(3), q.Text(4), q.Text(5)});
  return out;
}

}  // namespace attache::store
