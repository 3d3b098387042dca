#include "attache/service/documents.h"

#include <algorithm>

#include "attache/core/rfc3339.h"
#include "attache/service/policy.h"
#include "attache/store/proposals.h"

namespace attache::service {
namespace {

Status NoSuchProposal(int64_t id) {
  return Status::NotFound("Không có hồ sơ này / no such proposal: " + std::to_string(id));
}

}  // namespace

Status Documents::CheckVisible(store::Db& db, const store::User& user, int64_t proposal_id,
                               store::ProposalRow* row) const {
  if (!proposals_.Load(db, user, proposal_id, row).ok()) return NoSuchProposal(proposal_id);
  return Status::Ok();
}

Status Documents::MayAttach(store::Db& db, const store::User& user, int64_t proposal_id,
                            std::vector<std::string>* types) const {
  store::ProposalRow row;
  if (Status s = CheckVisible(db, user, proposal_id, &row); !s.ok()) return s;
  if (!CanChangeProposal(user, proposals_.DeputyStepsOf(db, user), ScopeOf(row)))
    return Status::PermissionDenied("Bạn không có quyền làm việc này / you may not do this");
  auto def = workflows_.Version(row.kind, row.workflow_version);
  if (!def)
    return Status::Corruption("no workflow " + row.kind + " version " +
                              std::to_string(row.workflow_version));
  const workflow::StateDef* state = def->State(row.state);
  if (state && state->terminal)
    return Status::Conflict("Hồ sơ " + row.ref + " đã kết thúc (" + state->label.vi +
                            "), không thay đổi tài liệu được / proposal " + row.ref +
                            " is closed (" + state->label.en + "): its documents do not change");
  if (types) {
    types->clear();
    for (const auto& d : def->documents) types->push_back(d.type);
  }
  return Status::Ok();
}

Status Documents::Attach(store::Writer& writer, const store::User& user,
                         const AttachRequest& request, store::DocumentRow* added,
                         std::string* field) const {
  if (!request.file || request.file->sha256().empty())
    return Status::Internal("Attach needs a finished staged file");
  const std::string sha256 = request.file->sha256();
  bool placed = false;  // this call created the stored file
  Status result = writer.Run([&](store::Db& db) {
    std::vector<std::string> types;
    if (Status may = MayAttach(db, user, request.proposal_id, &types); !may.ok()) return may;
    if (std::find(types.begin(), types.end(), request.type) == types.end()) {
      if (field) *field = "type";
      return Status::InvalidArgument(
          "Loại tài liệu không có trong quy trình của hồ sơ / not a "
          "document type of this proposal: " +
          request.type);
    }
    if (Status stored = files_.Place(*request.file, &placed); !stored.ok()) return stored;
    store::NewDocument doc{request.proposal_id,
                           request.type,
                           request.filename,
                           static_cast<int64_t>(request.file->size()),
                           sha256,
                           request.content_type,
                           user.id,
                           FormatRfc3339(clock_.Now()),
                           request.replaces};
    Status added_status = store::AddDocument(db, doc, added, field);
    if (!added_status.ok() && placed) {
      // Nothing earlier in this batch named the content (it was not stored), so it can go.
      files_.Remove(sha256);
      placed = false;
    }
    return added_status;
  });
  if (!result.ok() && placed) {
    // The commit holding the row failed after the content was placed. Another upload of the
    // same bytes may have named it since; only the writer can tell, in order.
    writer.Run([&](store::Db& db) {
      if (!store::IsContentReferenced(db, sha256)) files_.Remove(sha256);
      return Status::Ok();
    });
  }
  return result;
}

Status Documents::Find(store::Db& db, const store::User& user, int64_t document_id,
                       store::DocumentRow* out) const {
  auto doc = store::FindDocument(db, document_id);
  store::ProposalRow row;
  if (!doc || !CheckVisible(db, user, doc->proposal_id, &row).ok())
    return Status::NotFound("Không có tài liệu này / no such document: " +
                            std::to_string(document_id));
  *out = std::move(*doc);
  return Status::Ok();
}

Status Documents::List(store::Db& db, const store::User& user, int64_t proposal_id,
                       std::vector<store::DocumentRow>* out) const {
  store::ProposalRow row;
  if (Status s = CheckVisible(db, user, proposal_id, &row); !s.ok()) return s;
  *out = store::ListDocuments(db, proposal_id);
  return Status::Ok();
}

}  // namespace attache::service
