// How proposals look in the API (API.md "Proposals"): the full record with the caller's
// allowed actions, the summary of lists, refusals as problem errors. Personal data (fields
// and columns marked personal) is left out for those the policy does not show it to.
#pragma once

#include <nlohmann/json.hpp>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "attache/api/routes.h"
#include "attache/core/json_writer.h"
#include "attache/core/engine.h"
#include "attache/core/fields.h"
#include "attache/store/documents.h"
#include "attache/store/proposal_list.h"

namespace attache::api {

nlohmann::json LabelJson(const workflow::Label& label);

// Problem `errors` entries: {"field", "code", "message" (Vietnamese), "message_en"}.
nlohmann::json ReasonErrors(const std::vector<workflow::Reason>& reasons);
nlohmann::json FieldErrors(const std::vector<workflow::FieldError>& errors);

// The proposal as GET /api/proposals/{id} returns it, for `user`.
nlohmann::json ProposalJson(AppContext& ctx, store::Db& db, const store::User& user,
                            const store::ProposalRow& row);

// A document of a proposal, with the version it replaces and the one that replaced it.
nlohmann::json DocumentJson(const store::DocumentRow& document);

// Writes the rows of a list as JSON summaries, one by one as they are read: from each row and
// its stored list columns, never from the fields, straight as text (a list is the most frequent
// answer, and building nlohmann objects for it cost more than the query). What depends only
// on a definition's state (its label, whose turn it is) is serialised once per writer.
// Thread-safety: one writer per answer.
class SummaryWriter {
 public:
  SummaryWriter(AppContext& ctx, std::string today, JsonWriter& w);
  void Write(const store::ProposalListView& row);

 private:
  struct StateTexts {
    std::string label, awaiting;
  };
  AppContext& ctx_;
  const std::string today_;
  JsonWriter& w_;
  // Compares keys and views of keys as views. (std::less<> would compare the two tuple types
  // with each other, which clang 14 with libstdc++ 12 does not compile.)
  struct KeyLess {
    using is_transparent = void;
    using View = std::tuple<std::string_view, int, std::string_view>;
    bool operator()(const View& a, const View& b) const { return a < b; }
  };
  // By (kind, workflow version, state); looked up by views of the row, so a row costs no copy.
  std::map<std::tuple<std::string, int, std::string>, StateTexts, KeyLess> per_state_;
};

}  // namespace attache::api
