// How proposals look in the API (API.md "Proposals"): the full record with the caller's
// allowed actions, the summary of lists, refusals as problem errors. Personal data (fields
// and columns marked personal) is left out for those the policy does not show it to.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "attache/app/routes.h"
#include "attache/core/engine.h"
#include "attache/core/fields.h"
#include "attache/store/documents.h"

namespace attache::app {

nlohmann::json LabelJson(const workflow::Label& label);

// Problem `errors` entries: {"field", "code", "message" (Vietnamese), "message_en"}.
nlohmann::json ReasonErrors(const std::vector<workflow::Reason>& reasons);
nlohmann::json FieldErrors(const std::vector<workflow::FieldError>& errors);

// The proposal as GET /api/proposals/{id} returns it, for `user`.
nlohmann::json ProposalJson(AppContext& ctx, store::Db& db, const store::User& user,
                            const store::ProposalRow& row);

// A document of a proposal, with the version it replaces and the one that replaced it.
nlohmann::json DocumentJson(const store::DocumentRow& document);

// A row of a list.
nlohmann::json ProposalSummaryJson(AppContext& ctx, const store::ProposalRow& row,
                                   const std::string& today);

}  // namespace attache::app
