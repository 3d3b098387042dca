// The query string of a request, as name → value (percent-decoded, '+' as a space).
// Thread-safety: pure function.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "attache/core/status.h"

namespace attache::http {

// InvalidArgument naming the parameter for a malformed escape, invalid UTF-8 or a name given
// twice; an empty query gives an empty map.
Status ParseQuery(std::string_view query, std::map<std::string, std::string>* out);

}  // namespace attache::http
