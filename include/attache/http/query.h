// Reading a request's query string ("year=2026&unit=CVL") into named parameters.
// Thread-safety: pure functions.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "attache/core/status.h"

namespace attache::http {

// Splits `query` (without the '?') at '&' and '=', decoding "%XX" escapes and '+' as a space.
// A parameter without '=' has an empty value. InvalidArgument naming the parameter for a
// malformed escape, a value (or name) that is not UTF-8, or a name given twice.
Status ParseQuery(std::string_view query, std::map<std::string, std::string>* out);

}  // namespace attache::http
