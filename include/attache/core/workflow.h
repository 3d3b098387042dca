// A workflow definition: the fields, documents, states, transitions, deadlines and warnings of
// one kind of proposal, loaded from schema/workflows/<kind>.json (format: docs/workflows.md).
// The loader checks the whole definition and refuses it with the file name and the JSON path
// of the first fault, so a broken regulation file never reaches a running server.
// Thread-safety: a loaded Definition is immutable; share it (shared_ptr<const Definition>).
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "attache/core/expression.h"
#include "attache/core/status.h"

namespace attache::workflow {

// The five kinds of proposal (DOMAIN.md).
inline constexpr std::string_view kKinds[] = {"outbound_delegation", "inbound_visit", "conference",
                                              "aid", "agreement"};
// The roles that take workflow steps (admin and auditor take none).
inline constexpr std::string_view kStepRoles[] = {"staff",    "unit_head", "icd_officer",
                                                  "icd_head", "finance",   "leader"};

struct Label {
  // Written Label("vi", "en") across the code: the constructor is spelled out because clang
  // before 16 does not initialise an aggregate from parentheses (the sanitizer build uses clang).
  Label() = default;
  Label(std::string vi_text, std::string en_text) : vi(std::move(vi_text)), en(std::move(en_text)) {}
  std::string vi;
  std::string en;
};

enum class FieldType {
  kText,
  kLongText,
  kDate,
  kDatetime,
  kNumber,
  kInteger,
  kBoolean,
  kCountry,
  kCountryList,
  kPartner,
  kMoney,
  kEnum,
  kEnumList,
  kStringList,
  kPeople,
};
std::string_view FieldTypeName(FieldType type);

struct Option {
  std::string value;
  Label label;
};

// A column of a `people` field (full_name, position, unit, role, nationality, passport_no).
struct ItemField {
  std::string name;
  FieldType type = FieldType::kText;  // text, date, country or enum
  Label label;
  bool required = false;
  bool personal = false;
  std::vector<Option> options;
};

struct FieldDef {
  std::string name;
  FieldType type = FieldType::kText;
  Label label;
  std::optional<Label> help;
  std::vector<Option> options;         // enum, enum_list
  std::vector<ItemField> item_fields;  // people
  bool personal = false;
  size_t max_length = 0;           // text types; 0: the type's default
  std::optional<double> min, max;  // number, integer
  std::string required_from;       // a state id, or empty
  std::optional<Expression> when;  // the requirement holds only where this is true

  bool HasOption(std::string_view value) const;
};

struct DocumentDef {
  std::string type;
  Label label;
  std::string required_from;
  std::optional<Expression> when;
};

struct DeadlineRule {
  enum class From { kEntered, kAfter, kBefore };
  int days = 0;
  bool working = false;  // working days, or calendar days
  From from = From::kEntered;
  std::string field;  // the date field of kAfter/kBefore
  std::optional<Expression> when;
  std::string source;  // the legal source, as text
};

struct StateDef {
  std::string id;
  Label label;
  bool terminal = false;
  bool editable = false;
  bool skip_requirements = false;
  std::optional<int> iati_status;
  std::string stage;
  std::vector<DeadlineRule> deadline;  // the first whose `when` holds applies
  size_t position = 0;                 // index in the definition's states
};

struct Route {
  std::string state;
  std::optional<Expression> when;
};

struct TransitionDef {
  std::string action;
  Label label;
  std::vector<std::string> from;
  std::vector<Route> to;  // the first route whose `when` holds is taken
  std::vector<std::string> roles;
  bool own_unit = false;  // scope: the actor's unit must be the proposal's
  bool creator_only = false;
  bool not_by_creator = false;
  bool needs_comment = false;
  bool consultations_answered = false;
  std::optional<Expression> when;
  std::optional<Label> when_label;
  std::vector<std::string> input_fields;
  std::optional<Label> confirm;
};

struct WarningDef {
  std::string id;
  Expression when;
  std::vector<std::string> actions;
  std::vector<std::string> states;
  Label message;
  std::string source;
};

// Which field fills each column that lists filter and sort on (store::ListColumns); empty
// when the kind has no such field.
struct ListColumnFields {
  std::string partner;     // a partner field
  std::string country;     // a country or country_list field (the first country)
  std::string starts_on;   // a date field
  std::string ends_on;     // a date field
  std::string amount_usd;  // a number field
};

struct Definition {
  std::string kind;
  std::string ref_prefix;
  Label title;
  std::optional<Label> description;
  std::string initial_state;
  ListColumnFields columns;
  std::vector<FieldDef> fields;
  std::vector<DocumentDef> documents;
  std::vector<StateDef> states;
  std::vector<TransitionDef> transitions;
  std::vector<WarningDef> warnings;
  std::set<std::string> date_fields;  // names of the fields of type date
  nlohmann::json json;                // the definition as loaded, for GET /api/workflows
  std::string canonical;              // json.dump(): the text whose SHA-256 names a version

  const StateDef* State(std::string_view id) const;
  const FieldDef* Field(std::string_view name) const;
  // The transitions that leave `state`, in definition order.
  std::vector<const TransitionDef*> TransitionsFrom(std::string_view state) const;
  const TransitionDef* Transition(std::string_view state, std::string_view action) const;
};

// Parses and checks a definition. `file_name` starts every error message; the rest names the
// JSON path and the fault, e.g. `agreement.json: /transitions/4/to: unknown state "signedd"`.
// InvalidArgument for every fault listed in docs/workflows.md ("What the loader refuses").
Status LoadDefinition(std::string_view text, std::string_view file_name, Definition* out);

}  // namespace attache::workflow
