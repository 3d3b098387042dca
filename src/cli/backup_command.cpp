// `attache backup FILE` and `attache restore FILE`: the command line around store/backup.h.
#include <chrono>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "attache/cli/config.h"
#include "attache/core/rfc3339.h"
#include "attache/store/backup.h"
#include "attache/store/migrations.h"
#include "commands.h"

namespace attache::cli {
namespace {

// Takes the one argument that is not a flag (or a flag's value) out of `args` as the file.
Status SplitFile(const std::vector<std::string>& args, const FlagSpec& spec, std::string* file,
                 std::vector<std::string>* flags) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.starts_with("--")) {
      flags->push_back(a);
      auto it = spec.find(a.substr(2));
      if (it != spec.end() && it->second && i + 1 < args.size()) flags->push_back(args[++i]);
    } else if (file->empty() && !a.empty()) {
      *file = a;
    } else {
      return Status::InvalidArgument("unexpected argument '" + a + "'");
    }
  }
  return Status::Ok();
}

int ConfigureWithFile(const char* command, const std::vector<std::string>& args, std::string* file,
              Config* config) {
  std::vector<std::string> rest;
  Flags flags;
  if (Status s = SplitFile(args, CommonFlags(), file, &rest); !s.ok()) return Usage(s.message());
  if (file->empty()) return Usage(std::string(command) + " needs a FILE");
  if (Status s = ParseFlags(rest, CommonFlags(), &flags); !s.ok()) return Usage(s.message());
  if (Status s = ResolveConfig(
          flags, [](const char* n) { return std::getenv(n); }, config);
      !s.ok())
    return Usage(s.message());
  return 0;
}

double SecondsSince(std::chrono::steady_clock::time_point started) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

std::string Seconds(double s) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(2) << s << " s";
  return out.str();
}

}  // namespace

int BackupCommand(const std::vector<std::string>& args) {
  std::string file;
  Config config;
  if (int rc = ConfigureWithFile("backup", args, &file, &config)) return rc;
  auto started = std::chrono::steady_clock::now();
  store::BackupSummary summary;
  Status s = store::CreateBackup(config.data_dir, file,
                                 FormatRfc3339(std::chrono::system_clock::now()), &summary);
  if (!s.ok()) {
    std::cerr << "attache: không sao lưu được / backup failed: " << s.message() << "\n";
    return kExitFailed;
  }
  const store::BackupManifest& m = summary.manifest;
  std::cout << "Đã sao lưu / backed up: " << file << "\n"
            << "  " << m.proposals << " đề xuất / proposals, " << m.documents.size()
            << " tài liệu / documents (" << summary.document_bytes << " bytes), " << m.audit_entries
            << " mục nhật ký / audit entries, " << m.anchors << " mốc / anchors\n"
            << "  tệp / file: " << summary.file_bytes << " bytes in "
            << Seconds(SecondsSince(started)) << "\n";
  return 0;
}

int RestoreCommand(const std::vector<std::string>& args) {
  std::string file;
  Config config;
  if (int rc = ConfigureWithFile("restore", args, &file, &config)) return rc;
  std::vector<store::Migration> migrations;
  if (Status s = store::LoadMigrations(config.schema_dir / "migrations", &migrations); !s.ok()) {
    std::cerr << "attache: " << s.message() << "\n";
    return kExitFailed;
  }
  const int schema = migrations.empty() ? 0 : migrations.back().number;
  auto started = std::chrono::steady_clock::now();
  store::RestoreSummary summary;
  if (Status s = store::RestoreBackup(file, config.data_dir, schema, &summary); !s.ok()) {
    std::cerr << "attache: không khôi phục / restore refused: " << s.message() << "\n"
              << "  " << config.data_dir.string() << " không bị thay đổi / was left as it was\n";
    return kExitFailed;
  }
  const store::BackupManifest& m = summary.manifest;
  std::cout << "Đã khôi phục / restored: " << file << " (" << m.created_at << ") into "
            << config.data_dir.string() << "\n"
            << "  " << m.proposals << " đề xuất / proposals, " << m.documents.size()
            << " tài liệu / documents (" << summary.document_bytes << " bytes), "
            << "nhật ký toàn vẹn / audit trail verified: " << m.audit_entries << " entries, "
            << summary.anchors_checked << " anchors\n"
            << "  in " << Seconds(SecondsSince(started)) << "\n";
  if (m.schema_version < schema)
    std::cout << "  Lược đồ " << m.schema_version << " sẽ được nâng lên " << schema
              << " khi máy chủ khởi động / schema " << m.schema_version << " is migrated to "
              << schema << " when the server next starts\n";
  return 0;
}

}  // namespace attache::cli
