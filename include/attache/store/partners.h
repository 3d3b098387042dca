// Foreign partners (DOMAIN.md "Partners"): the repository over `partners`, and the activities
// (proposals) that name a partner. Rules on values are checked here, where every writer (the
// API, the demo seed) passes, and also offered alone (CheckPartner) so the API can name every
// broken rule at once.
// Thread-safety: functions use the connection they are given, from one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "attache/core/fields.h"
#include "attache/core/status.h"
#include "attache/store/db.h"

namespace attache::store {

// The types of partner, as the table's CHECK lists them.
inline constexpr std::string_view kPartnerTypes[] = {
    "un_agency", "financial_institution", "government", "ngo", "regional_body", "other"};

struct Partner {
  int64_t id = 0;
  std::string type;                    // one of kPartnerTypes
  std::string name_vi;                 // 1–300 characters
  std::string name_en;                 // 1–300 characters
  std::string acronym;                 // up to 32 characters, may be empty
  std::optional<std::string> country;  // ISO 3166-1 alpha-2; none for international bodies
  std::string notes;                   // up to 5,000 characters
  int64_t created_by = 0;
  std::string created_at;  // RFC 3339
};

// An edit: each member that is set replaces the stored value (`country` set to an empty
// optional removes the country).
struct PartnerChange {
  std::optional<std::string> type;
  std::optional<std::string> name_vi;
  std::optional<std::string> name_en;
  std::optional<std::string> acronym;
  std::optional<std::optional<std::string>> country;
  std::optional<std::string> notes;
};

// Every rule the set members of `change` break, each naming its API field (type, name_vi,
// name_en, acronym, country, notes) in Vietnamese and English; empty when none.
std::vector<workflow::FieldError> CheckPartnerChange(const PartnerChange& change);
// The same for a whole partner: every member is checked.
std::vector<workflow::FieldError> CheckPartner(const Partner& partner);

// Adds `partner` (its id is ignored). InvalidArgument "<field>: <why>" for the first broken
// rule; Conflict when another partner has the same Vietnamese or English name (ASCII case
// ignored).
Status AddPartner(Db& db, const Partner& partner, int64_t* id);
// Applies `change`. NotFound for no such partner; InvalidArgument and Conflict as AddPartner.
Status UpdatePartner(Db& db, int64_t id, const PartnerChange& change);

std::optional<Partner> FindPartner(Db& db, int64_t id);
bool PartnerExists(Db& db, int64_t id);

struct PartnerFilter {
  std::string q;                    // empty: any
  std::optional<std::string> type;  // one of kPartnerTypes
};
// The partners whose Vietnamese name, English name or acronym contains `q`, with case and
// Vietnamese diacritics ignored ("to chuc lao dong" finds "Tổ chức Lao động Quốc tế"), ordered
// by Vietnamese name compared the same way. The filter runs in C++ over the whole table: a
// ministry has tens of partners, not millions.
std::vector<Partner> ListPartners(Db& db, const PartnerFilter& filter);

// A proposal that names a partner, as a partner's page lists it.
struct PartnerActivity {
  int64_t id = 0;
  std::string ref;
  std::string kind;
  std::string title;
  std::string state;
  int64_t unit_id = 0;
  std::string unit_code;
  std::optional<std::string> starts_on;  // YYYY-MM-DD
  std::optional<std::string> ends_on;
  std::string created_at;
  int workflow_version = 0;
  int64_t created_by = 0;
};
// The proposals whose partner is `partner_id`, only those of unit `only_unit` when given,
// newest first: by start date, or creation date when there is none, then by id.
std::vector<PartnerActivity> ListPartnerActivities(Db& db, int64_t partner_id,
                                                   std::optional<int64_t> only_unit);

}  // namespace attache::store
