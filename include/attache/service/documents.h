// The documents of proposals: who may attach them and when, which types a proposal takes,
// and attaching one as a single step: the content placed in the content-addressed store, the
// row and its audit event committed together on the writer. Permissions come from policy.h:
// a proposal the user cannot see is NotFound, never PermissionDenied.
// Thread-safety: the object is immutable; its methods may be called from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "attache/core/clock.h"
#include "attache/core/status.h"
#include "attache/service/proposals.h"
#include "attache/service/workflows.h"
#include "attache/store/document_files.h"
#include "attache/store/documents.h"
#include "attache/store/proposals.h"
#include "attache/store/users.h"
#include "attache/store/writer.h"

namespace attache::service {

struct AttachRequest {
  int64_t proposal_id = 0;
  std::string type;
  std::string filename;  // already cleaned (CleanFilename), not empty
  std::optional<int64_t> replaces;
  std::string content_type;           // as detected from the content
  store::StagedFile* file = nullptr;  // finished; placed by Attach
};

class Documents {
 public:
  // Who sees which proposal is the proposals' (Proposals::Load), their definitions too.
  Documents(const Proposals& proposals, const store::DocumentFiles& files, const Clock& clock)
      : proposals_(proposals), workflows_(proposals.workflows()), files_(files), clock_(clock) {}

  // Whether `user` may attach documents to the proposal now. NotFound when it does not exist
  // or the user cannot see it; PermissionDenied when they see it but may not change it
  // (auditors, administrators); Conflict when it is in a terminal state. On success `types`
  // (when given) gets the document types of the proposal's definition, in definition order.
  Status MayAttach(store::Db& db, const store::User& user, int64_t proposal_id,
                   std::vector<std::string>* types = nullptr) const;

  // Attaches the staged file on the writer: MayAttach again on the row that is written, the
  // type among the definition's (InvalidArgument, *field "type"), the content placed, then
  // store::AddDocument (its refusals name "replaces"). When anything fails, content this call
  // placed that no document names is removed again, so a refusal leaves no file behind.
  Status Attach(store::Writer& writer, const store::User& user, const AttachRequest& request,
                store::DocumentRow* added, std::string* field) const;

  // NotFound unless the document exists and the user sees its proposal.
  Status Find(store::Db& db, const store::User& user, int64_t document_id,
              store::DocumentRow* out) const;

  // The proposal's documents, newest first. NotFound unless the user sees the proposal.
  Status List(store::Db& db, const store::User& user, int64_t proposal_id,
              std::vector<store::DocumentRow>* out) const;

  const store::DocumentFiles& files() const { return files_; }

 private:
  Status CheckVisible(store::Db& db, const store::User& user, int64_t proposal_id,
                      store::ProposalRow* row) const;

  const Proposals& proposals_;
  const Workflows& workflows_;
  const store::DocumentFiles& files_;
  const Clock& clock_;
};

}  // namespace attache::service
