// The values of a proposal's fields, checked against their definition: types, options,
// lengths, bounds, countries, currencies, dates. Requiredness is the engine's business (it
// depends on the state); this checks only that what is there is well-formed.
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "attache/core/workflow.h"

namespace attache::workflow {

struct FieldError {
  std::string field;  // "depart_on", or "members[2].full_name" for a column of a people field
  Label message;
};

// Checks every value in `values` (an object of field name → value). null is allowed for any
// field (it clears the field). An unknown name, or `values` not being an object, is an error.
std::vector<FieldError> ValidateFieldValues(const Definition& definition,
                                            const nlohmann::json& values);

// A value counts as given when it is not null, not "", not an empty array or object.
bool IsPresent(const nlohmann::json& value);

// An assigned ISO 3166-1 alpha-2 code, upper case ("KR").
bool IsCountryCode(std::string_view code);

// Three capital letters, the shape of an ISO 4217 currency code ("USD", "VND").
bool IsCurrencyCode(std::string_view code);

}  // namespace attache::workflow
