// manifest.json of a backup: written by ManifestToJson, read back strictly by ParseManifest.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <type_traits>

#include "attache/store/backup.h"

namespace attache::store {
namespace {

using nlohmann::json;

bool IsHex64(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

Status Wrong(const std::string& field) {
  return Status::Corruption("manifest.json: '" + field + "' is missing or wrong");
}

// The member `key` of `object` as T, or false when absent or of another JSON type.
template <typename T>
bool Get(const json& object, const char* key, T* out) {
  auto it = object.find(key);
  if (it == object.end()) return false;
  if constexpr (std::is_same_v<T, std::string>) {
    if (!it->is_string()) return false;
  } else if constexpr (std::is_unsigned_v<T>) {
    if (!it->is_number_unsigned()) return false;
  } else {
    if (!it->is_number_integer() || it->template get<int64_t>() < 0) return false;
  }
  *out = it->template get<T>();
  return true;
}

}  // namespace

std::string ManifestToJson(const BackupManifest& m) {
  json documents = json::array();
  for (const auto& [sha256, size] : m.documents)
    documents.push_back({{"sha256", sha256}, {"size", size}});
  json j = {
      {"format", BackupManifest::kFormat},
      {"format_version", BackupManifest::kFormatVersion},
      {"created_at", m.created_at},
      {"attache_version", m.attache_version},
      {"schema_version", m.schema_version},
      {"proposals", m.proposals},
      {"audit", {{"entries", m.audit_entries}, {"head", m.audit_head}}},
      {"database",
       {{"name", "attache.db"}, {"size", m.database_size}, {"sha256", m.database_sha256}}},
      {"anchors",
       {{"name", "audit-anchors.log"},
        {"count", m.anchors},
        {"size", m.anchors_size},
        {"sha256", m.anchors_sha256}}},
      {"documents", std::move(documents)},
  };
  return j.dump(1) + "\n";
}

Status ParseManifest(std::string_view text, BackupManifest* out) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return Status::Corruption("manifest.json is not a JSON object");
  std::string format;
  if (!Get(j, "format", &format) || format != BackupManifest::kFormat)
    return Status::Corruption("manifest.json is not the manifest of an Attaché backup");
  int version = 0;
  if (!Get(j, "format_version", &version)) return Wrong("format_version");
  if (version != BackupManifest::kFormatVersion)
    return Status::Corruption("the backup's format version is " + std::to_string(version) +
                              "; this program reads version " +
                              std::to_string(BackupManifest::kFormatVersion));
  BackupManifest m;
  if (!Get(j, "created_at", &m.created_at)) return Wrong("created_at");
  if (!Get(j, "attache_version", &m.attache_version)) return Wrong("attache_version");
  if (!Get(j, "schema_version", &m.schema_version)) return Wrong("schema_version");
  if (!Get(j, "proposals", &m.proposals)) return Wrong("proposals");
  const json* audit = j.contains("audit") && j["audit"].is_object() ? &j["audit"] : nullptr;
  if (!audit || !Get(*audit, "entries", &m.audit_entries)) return Wrong("audit.entries");
  if (!Get(*audit, "head", &m.audit_head) || !IsHex64(m.audit_head)) return Wrong("audit.head");
  const json* db = j.contains("database") && j["database"].is_object() ? &j["database"] : nullptr;
  if (!db || !Get(*db, "size", &m.database_size)) return Wrong("database.size");
  if (!Get(*db, "sha256", &m.database_sha256) || !IsHex64(m.database_sha256))
    return Wrong("database.sha256");
  const json* an = j.contains("anchors") && j["anchors"].is_object() ? &j["anchors"] : nullptr;
  if (!an || !Get(*an, "count", &m.anchors)) return Wrong("anchors.count");
  if (!Get(*an, "size", &m.anchors_size)) return Wrong("anchors.size");
  if (!Get(*an, "sha256", &m.anchors_sha256) || !IsHex64(m.anchors_sha256))
    return Wrong("anchors.sha256");
  auto docs = j.find("documents");
  if (docs == j.end() || !docs->is_array()) return Wrong("documents");
  for (const json& d : *docs) {
    std::string sha256;
    uint64_t size = 0;
    if (!d.is_object() || !Get(d, "sha256", &sha256) || !IsHex64(sha256) || !Get(d, "size", &size))
      return Wrong("documents");
    if (!m.documents.emplace(sha256, size).second)
      return Status::Corruption("manifest.json lists document " + sha256 + " twice");
  }
  *out = std::move(m);
  return Status::Ok();
}

}  // namespace attache::store
