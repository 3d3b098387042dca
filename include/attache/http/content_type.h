// Content types of the web UI's files, from their extension, and which of them gzip shrinks.
// Thread-safety: pure functions.
#pragma once

#include <string_view>

namespace attache::http {

// The Content-Type for a file name, from its extension (any case); text types carry
// charset=utf-8; an unknown extension gives application/octet-stream.
std::string_view ContentTypeFor(std::string_view filename);

// True for text-like types (text/*, JavaScript, JSON and source maps, web manifests, SVG,
// YAML, XML), which gzip shrinks; images, fonts and unknown bytes are already compressed or
// opaque and are always sent as they are.
bool IsCompressible(std::string_view content_type);

}  // namespace attache::http
