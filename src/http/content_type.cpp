#include "attache/http/content_type.h"

#include <array>
#include <string>
#include <utility>

namespace attache::http {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 18> kTypes{{
    {".html", "text/html; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".json", "application/json; charset=utf-8"},
    {".map", "application/json; charset=utf-8"},
    {".webmanifest", "application/manifest+json; charset=utf-8"},
    {".txt", "text/plain; charset=utf-8"},
    {".yaml", "application/yaml; charset=utf-8"},
    {".svg", "image/svg+xml; charset=utf-8"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".gif", "image/gif"},
    {".ico", "image/x-icon"},
    {".webp", "image/webp"},
    {".woff2", "font/woff2"},
    {".woff", "font/woff"},
}};

}  // namespace

std::string_view ContentTypeFor(std::string_view filename) {
  size_t dot = filename.rfind('.');
  if (dot != std::string_view::npos) {
    std::string ext;
    for (char c : filename.substr(dot)) ext.push_back(c >= 'A' && c <= 'Z' ? char(c + 32) : c);
    for (const auto& [e, type] : kTypes)
      if (e == ext) return type;
  }
  return "application/octet-stream";
}

bool IsCompressible(std::string_view type) {
  type = type.substr(0, type.find(';'));
  if (type.starts_with("text/")) return true;
  for (std::string_view kind : {"json", "javascript", "svg", "yaml", "xml"})
    if (type.find(kind) != std::string_view::npos) return true;
  return false;
}

}  // namespace attache::http
