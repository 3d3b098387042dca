// The proposals API (API.md "Proposals"): create, read, edit, act, history, list; and
// consultations and comments on a proposal. Each handler parses, calls the service (writes on
// the writer), and shapes the answer.
#pragma once

#include "attache/api/routes.h"

namespace attache::api {

http::Response CreateProposal(AppContext& ctx, http::Request& request, const service::Principal& p);
http::Response GetProposal(AppContext& ctx, http::Request& request, const service::Principal& p);
http::Response PatchProposal(AppContext& ctx, http::Request& request, const service::Principal& p);
http::Response ActOnProposal(AppContext& ctx, http::Request& request, const service::Principal& p);
http::Response ProposalHistory(AppContext& ctx, http::Request& request,
                               const service::Principal& p);
http::Response ListProposals(AppContext& ctx, http::Request& request, const service::Principal& p);

// Plan B: POST /api/proposals/postpone postpones several activities in one action, with one
// reason: new dates, or dates to be decided, and optionally online. All or nothing: each is
// the proposal's own `postpone` step (its own audit entry and notifications), in one
// transaction; when any one cannot be postponed, none is, and the answer says which and why.
http::Response PostponeProposals(AppContext& ctx, http::Request& request,
                                 const service::Principal& p);

// Takes a step and, in the same transaction, tells the people it concerns (service/notifier.h):
// a step is never stored without its notifications, nor they without it. For writer jobs.
Status ActAndNotify(AppContext& ctx, store::Db& db, const service::Principal& p,
                    const service::ActRequest& act, store::ProposalRow* row,
                    service::Refusal* refusal);

http::Response AskOpinion(AppContext& ctx, http::Request& request, const service::Principal& p);
http::Response RecordOpinion(AppContext& ctx, http::Request& request, const service::Principal& p);
http::Response ListComments(AppContext& ctx, http::Request& request, const service::Principal& p);
http::Response AddComment(AppContext& ctx, http::Request& request, const service::Principal& p);

}  // namespace attache::api
