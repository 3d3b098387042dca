// Units' annual foreign-affairs plans (DOMAIN.md "Plans and reports"): the repository over
// `plan_items`, one row per planned activity. As for partners, the rules on values are checked
// here and offered alone (CheckPlanItem) so the API can name every broken rule at once.
// Thread-safety: functions use the connection they are given, from one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "attache/core/fields.h"
#include "attache/core/status.h"
#include "attache/store/db.h"

namespace attache::store {

inline constexpr int kFirstPlanYear = 2000;
inline constexpr int kLastPlanYear = 2100;

struct Money {
  double amount = 0;     // finite, not negative
  std::string currency;  // ISO 4217, "VND", "USD"
};

struct PlanItem {
  int64_t id = 0;
  int64_t unit_id = 0;
  int year = 0;                        // 2000–2100
  std::string kind;                    // one of workflow::kKinds
  std::string title;                   // 1–500 characters
  std::optional<int64_t> partner_id;   // an existing partner
  std::optional<std::string> country;  // ISO 3166-1 alpha-2
  std::optional<int> quarter;          // 1–4
  std::optional<Money> budget;
  int64_t created_by = 0;
  std::string created_at;  // RFC 3339
  // Filled by reads, ignored by writes:
  std::string unit_code;
  std::string partner_name_vi, partner_name_en, partner_acronym;  // empty without a partner
  int64_t linked_proposals = 0;  // proposals whose plan_item_id is this item
};

// An edit: each member that is set replaces the stored value; an inner empty optional clears
// a value that may be absent. The unit is not editable: a plan item stays in its unit's plan.
struct PlanItemChange {
  std::optional<int> year;
  std::optional<std::string> kind;
  std::optional<std::string> title;
  std::optional<std::optional<int64_t>> partner_id;
  std::optional<std::optional<std::string>> country;
  std::optional<std::optional<int>> quarter;
  std::optional<std::optional<Money>> budget;
};

// Every rule the set members of `change` break, each naming its API field (year, kind, title,
// partner_id, country, quarter, budget.amount, budget.currency) in Vietnamese and English;
// empty when none. Whether the partner exists is the writer's check (it needs the database).
std::vector<workflow::FieldError> CheckPlanItemChange(const PlanItemChange& change);
// The same for a whole plan item: every member is checked.
std::vector<workflow::FieldError> CheckPlanItem(const PlanItem& item);

// Adds `item` (its id and read-only members are ignored). InvalidArgument "<field>: <why>" for
// the first broken rule, including "partner_id" naming no partner and "unit_id" naming no unit.
Status AddPlanItem(Db& db, const PlanItem& item, int64_t* id);
// Applies `change`. NotFound for no such item; InvalidArgument as AddPlanItem.
Status UpdatePlanItem(Db& db, int64_t id, const PlanItemChange& change);
// NotFound for no such item; Conflict when a proposal links to it (the link is the record of
// the plan being carried out, so it is kept).
Status DeletePlanItem(Db& db, int64_t id);

std::optional<PlanItem> FindPlanItem(Db& db, int64_t id);
// The items of `year`, of unit `only_unit` when given, ordered by unit code, quarter (items
// without one last), kind and id.
std::vector<PlanItem> ListPlanItems(Db& db, int year, std::optional<int64_t> only_unit);

}  // namespace attache::store
