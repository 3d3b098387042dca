#include "attache/store/documents.h"

#include <nlohmann/json.hpp>

#include "attache/store/proposals.h"

namespace attache::store {
namespace {

constexpr std::string_view kSelectDocument =
    "SELECT d.id, d.proposal_id, d.type, d.filename, d.size, d.sha256, d.content_type, "
    "d.uploaded_by, u.display_name, d.uploaded_at, d.replaces_id, "
    "(SELECT r.id FROM documents r WHERE r.replaces_id = d.id) "
    "FROM documents d JOIN users u ON u.id = d.uploaded_by ";
constexpr std::string_view kInsertDocument =
    "INSERT INTO documents (proposal_id, type, filename, size, sha256, content_type, "
    "uploaded_by, uploaded_at, replaces_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kCurrentTypes =
    "SELECT DISTINCT d.type FROM documents d WHERE d.proposal_id = ? AND NOT EXISTS "
    "(SELECT 1 FROM documents r WHERE r.replaces_id = d.id)";
constexpr std::string_view kContentReferenced = "SELECT 1 FROM documents WHERE sha256 = ? LIMIT 1";

DocumentRow ReadDocument(Stmt& q) {
  DocumentRow d;
  d.id = q.Int(0);
  d.proposal_id = q.Int(1);
  d.type = q.Text(2);
  d.filename = q.Text(3);
  d.size = q.Int(4);
  d.sha256 = q.Text(5);
  d.content_type = q.Text(6);
  d.uploaded_by = q.Int(7);
  d.uploaded_by_name = q.Text(8);
  d.uploaded_at = q.Text(9);
  if (!q.IsNull(10)) d.replaces = q.Int(10);
  if (!q.IsNull(11)) d.replaced_by = q.Int(11);
  return d;
}

Status Refuse(Status status, const char* name, std::string* field) {
  if (field) *field = name;
  return status;
}

// The replaced document must be a current document of the same proposal and type.
Status CheckReplaces(Db& db, const NewDocument& in, std::string* field) {
  auto old = FindDocument(db, *in.replaces);
  if (!old || old->proposal_id != in.proposal_id)
    return Refuse(Status::InvalidArgument("Không có tài liệu " + std::to_string(*in.replaces) +
                                          " trong hồ sơ này / no document " +
                                          std::to_string(*in.replaces) + " in this proposal"),
                  "replaces", field);
  if (old->type != in.type)
    return Refuse(Status::InvalidArgument("Tài liệu thay thế phải cùng loại (" + old->type +
                                          ") / a new version must have the type of the one it "
                                          "replaces (" +
                                          old->type + ")"),
                  "replaces", field);
  if (old->replaced_by)
    return Refuse(Status::Conflict(
                      "Tài liệu " + std::to_string(old->id) + " đã được thay bằng tài liệu " +
                      std::to_string(*old->replaced_by) + " / document " + std::to_string(old->id) +
                      " was already replaced by document " + std::to_string(*old->replaced_by)),
                  "replaces", field);
  return Status::Ok();
}

}  // namespace

Status AddDocument(Db& db, const NewDocument& in, DocumentRow* added, std::string* field) {
  if (in.type.empty() || in.type.size() > 64)
    return Refuse(Status::InvalidArgument("document type must be 1 to 64 bytes"), "type", field);
  if (in.filename.empty() || in.filename.size() > 255)
    return Refuse(Status::InvalidArgument("file name must be 1 to 255 bytes"), "filename", field);
  int64_t id = 0;
  try {
    Txn txn(db);
    ProposalRow proposal;
    if (Status s = LoadProposal(db, in.proposal_id, &proposal); !s.ok()) return s;
    if (in.replaces)
      if (Status s = CheckReplaces(db, in, field); !s.ok()) return s;
    Stmt ins = db.Prepare(kInsertDocument);
    ins.Bind(1, in.proposal_id).Bind(2, in.type).Bind(3, in.filename).Bind(4, in.size);
    ins.Bind(5, in.sha256).Bind(6, in.content_type).Bind(7, in.uploaded_by).Bind(8, in.uploaded_at);
    if (in.replaces)
      ins.Bind(9, *in.replaces);
    else
      ins.BindNull(9);
    ins.Run();
    id = db.LastInsertRowid();

    EventRecord event;
    event.proposal_id = in.proposal_id;
    event.event.at = in.uploaded_at;
    event.event.actor = in.uploaded_by;
    event.event.action = "upload_document";
    event.event.payload = {
        {"document_id", id},
        {"type", in.type},
        {"filename", in.filename},
        {"sha256", in.sha256},
        {"size", in.size},
        {"replaces", in.replaces ? nlohmann::json(*in.replaces) : nlohmann::json(nullptr)}};
    if (Status s = RecordEvent(db, event, nullptr); !s.ok()) return s;
    txn.Commit();
  } catch (const DbError& e) {
    if (e.primary_code() == SQLITE_FULL) return DiskFull();
    throw;
  }
  if (added) *added = *FindDocument(db, id);
  return Status::Ok();
}

std::optional<DocumentRow> FindDocument(Db& db, int64_t id) {
  Stmt q = db.Prepare(std::string(kSelectDocument) + "WHERE d.id = ?");
  q.Bind(1, id);
  if (!q.Step()) return std::nullopt;
  return ReadDocument(q);
}

std::vector<DocumentRow> ListDocuments(Db& db, int64_t proposal_id) {
  Stmt q = db.Prepare(std::string(kSelectDocument) + "WHERE d.proposal_id = ? ORDER BY d.id DESC");
  q.Bind(1, proposal_id);
  std::vector<DocumentRow> out;
  while (q.Step()) out.push_back(ReadDocument(q));
  return out;
}

std::set<std::string> CurrentDocumentTypes(Db& db, int64_t proposal_id) {
  Stmt q = db.Prepare(kCurrentTypes);
  q.Bind(1, proposal_id);
  std::set<std::string> out;
  while (q.Step()) out.insert(q.Text(0));
  return out;
}

bool IsContentReferenced(Db& db, const std::string& sha256) {
  Stmt q = db.Prepare(kContentReferenced);
  q.Bind(1, sha256);
  return q.Step();
}

}  // namespace attache::store
