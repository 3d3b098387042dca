// What full-text search reads of a proposal's fields, decided by its definition, and the
// indexing of proposals the index does not hold yet. The index itself, its upkeep on every
// write and the query syntax are store/proposal_search.h.
// Thread-safety: pure functions, or functions over the connection given.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "attache/core/status.h"
#include "attache/core/workflow.h"
#include "attache/service/workflows.h"
#include "attache/store/db.h"

namespace attache::service {

// The words of a proposal's fields that search finds it by: the values of text, long text and
// list-of-text fields, and the text columns of people lists (names, positions, units), one per
// line. Personal data (fields or columns marked `personal`: guests' names, nationalities and
// passport numbers) is never included, so a search cannot reveal it. Codes (enums, countries,
// partners by id), dates, numbers and amounts are left out: the list filters cover them.
std::string FieldsSearchText(const workflow::Definition& definition, const nlohmann::json& fields);

// Indexes every proposal that has no index row (written before migration 0006, or by a tool),
// with the definition version it was created with, in one transaction on `db` (the write
// connection). `indexed` (when given) gets how many. Corruption when a proposal's definition
// version is not loaded.
Status IndexUnindexedProposals(store::Db& db, const Workflows& workflows, int* indexed = nullptr);

}  // namespace attache::service
