// gzip (RFC 1952) compression through zlib, for content compressed once and sent many times.
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

namespace attache::http {

// Compresses `data` into one gzip member at `level` (1 fastest .. 9 smallest) into `out`.
// The header carries no name and no time, so equal input gives equal output. Returns false
// (and leaves `out` empty) when zlib cannot allocate its state or `data` is 2 GiB or
// more.
bool GzipCompress(std::string_view data, int level, std::string* out);

}  // namespace attache::http
