#include "attache/service/consultations.h"

#include "attache/core/iso_date.h"
#include "attache/core/rfc3339.h"
#include "attache/service/policy.h"

namespace attache::service {

using nlohmann::json;

bool CanRecordConsultations(const store::User& user) {
  return !IsReadOnly(user) && (HasRole(user, "icd_officer") || HasRole(user, "icd_head"));
}

namespace {

// The proposal, visible to the user and not closed.
Status OpenProposal(store::Db& db, const Proposals& proposals, const store::User& user, int64_t id,
                    store::ProposalRow* row) {
  if (Status s = proposals.Load(db, user, id, row); !s.ok()) return s;
  auto def = proposals.workflows().Version(row->kind, row->workflow_version);
  const workflow::StateDef* state = def ? def->State(row->state) : nullptr;
  if (!state || state->terminal)
    return Status::Conflict("proposal " + row->ref + " is closed (" + row->state + ")");
  return Status::Ok();
}

}  // namespace

Status AskOpinion(store::Db& db, const Proposals& proposals, const store::User& user,
                  int64_t proposal_id, const AskRequest& request, store::ConsultationRow* out) {
  store::ProposalRow row;
  if (Status s = OpenProposal(db, proposals, user, proposal_id, &row); !s.ok()) return s;
  if (!CanRecordConsultations(user))
    return Status::PermissionDenied("only ICD records consultations");
  if (!ParseIsoDate(request.due_on))
    return Status::InvalidArgument("due_on: must be a real date YYYY-MM-DD");
  store::ConsultationRow c;
  c.proposal_id = proposal_id;
  c.body = request.body;
  c.note = request.note;
  c.due_on = request.due_on;
  c.asked_by = user.id;
  c.asked_at = FormatRfc3339(proposals.Now());
  if (Status s = store::AddConsultation(db, c, &c.id); !s.ok()) return s;
  if (Status s =
          proposals.RecordEvent(db, user, proposal_id, "ask_opinion",
                                {{"consultation", c.id}, {"body", c.body}, {"due_on", c.due_on}});
      !s.ok())
    return s;
  *out = c;
  return Status::Ok();
}

Status RecordAnswer(store::Db& db, const Proposals& proposals, const store::User& user,
                    int64_t consultation_id, const AnswerRequest& request,
                    store::ConsultationRow* out) {
  auto c = store::FindConsultation(db, consultation_id);
  store::ProposalRow row;
  if (!c || !proposals.Load(db, user, c->proposal_id, &row).ok())
    return Status::NotFound("no consultation " + std::to_string(consultation_id));
  if (Status s = OpenProposal(db, proposals, user, c->proposal_id, &row); !s.ok()) return s;
  if (!CanRecordConsultations(user))
    return Status::PermissionDenied("only ICD records consultations");
  if (request.answer != "agree" && request.answer != "agree_with_conditions" &&
      request.answer != "object")
    return Status::InvalidArgument("answer: must be agree, agree_with_conditions or object");
  std::string at = FormatRfc3339(proposals.Now());
  if (Status s = store::AnswerConsultation(db, consultation_id, request.answer, request.note,
                                           user.id, at, request.document_id);
      !s.ok())
    return s;
  json payload = {{"consultation", consultation_id}, {"body", c->body}, {"answer", request.answer}};
  if (request.document_id) payload["document"] = *request.document_id;
  if (Status s = proposals.RecordEvent(db, user, c->proposal_id, "record_opinion", payload);
      !s.ok())
    return s;
  *out = *store::FindConsultation(db, consultation_id);
  return Status::Ok();
}

Status AddComment(store::Db& db, const Proposals& proposals, const store::User& user,
                  int64_t proposal_id, const std::string& body, store::CommentRow* out) {
  store::ProposalRow row;
  if (Status s = proposals.Load(db, user, proposal_id, &row); !s.ok()) return s;
  if (!CanChangeProposal(user, proposals.DeputyStepsOf(db, user), ScopeOf(row)))
    return Status::PermissionDenied("you may not comment here");
  if (body.find_first_not_of(" \t\r\n") == std::string::npos)
    return Status::InvalidArgument("body: a comment cannot be empty");
  store::CommentRow c{0,   proposal_id, user.id, user.display_name, FormatRfc3339(proposals.Now()),
                      body};
  if (Status s = store::AddComment(db, c, &c.id); !s.ok()) return s;
  *out = c;
  return Status::Ok();
}

}  // namespace attache::service
