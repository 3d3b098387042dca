// The proposals API (API.md "Proposals"): create, read, edit, act, history, list; and
// consultations and comments on a proposal. Each handler parses, calls the service (writes on
// the writer), and shapes the answer.
#pragma once

#include "attache/app/routes.h"

namespace attache::app {

http::Response CreateProposal(AppContext& ctx, http::Request& request, const service::Principal& p);
http::Response GetProposal(AppContext& ctx, http::Request& request, const service::Principal& p);
http::Response PatchProposal(AppContext& ctx, http::Request& request, const service::Principal& p);
http::Response ActOnProposal(AppContext& ctx, http::Request& request, const service::Principal& p);
http::Response ProposalHistory(AppContext& ctx, http::Request& request,
                               const service::Principal& p);
http::Response ListProposals(AppContext& ctx, http::Request& request, const service::Principal& p);

http::Response AskOpinion(AppContext& ctx, http::Request& request, const service::Principal& p);
http::Response RecordOpinion(AppContext& ctx, http::Request& request, const service::Principal& p);
http::Response ListComments(AppContext& ctx, http::Request& request, const service::Principal& p);
http::Response AddComment(AppContext& ctx, http::Request& request, const service::Principal& p);

}  // namespace attache::app
