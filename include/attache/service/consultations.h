// Opinions of other bodies and comments on a proposal. ICD records each request for an opinion,
// its due date and the answer with the document received (DOMAIN.md); an unanswered request
// holds back the steps that need every opinion. Asking and answering are audited.
// Thread-safety: free functions over the connection given (the writer's, inside its batch).
#pragma once

#include <optional>
#include <string>

#include "attache/service/proposals.h"
#include "attache/store/consultations.h"

namespace attache::service {

// Who may record consultations: ICD officers and the ICD head.
bool CanRecordConsultations(const store::User& user);

struct AskRequest {
  std::string body;
  std::string due_on;  // YYYY-MM-DD
  std::string note;
};

// NotFound when the proposal is not visible; PermissionDenied for others than ICD; Conflict
// in a terminal state; InvalidArgument (naming the field in the message) for a bad due date
// or body.
Status AskOpinion(store::Db& db, const Proposals& proposals, const store::User& user,
                  int64_t proposal_id, const AskRequest& request, store::ConsultationRow* out);

struct AnswerRequest {
  std::string answer;  // agree, agree_with_conditions, object
  std::string note;
  std::optional<int64_t> document_id;
};

// NotFound when the consultation's proposal is not visible; PermissionDenied for others than
// ICD; Conflict when already answered; InvalidArgument for an unknown answer or a document of
// another proposal.
Status RecordAnswer(store::Db& db, const Proposals& proposals, const store::User& user,
                    int64_t consultation_id, const AnswerRequest& request,
                    store::ConsultationRow* out);

// Anyone who may change the proposal (not auditors) may comment; everyone who sees it reads.
Status AddComment(store::Db& db, const Proposals& proposals, const store::User& user,
                  int64_t proposal_id, const std::string& body, store::CommentRow* out);

}  // namespace attache::service
