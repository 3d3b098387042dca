#include "attache/service/workflows.h"

#include <fstream>
#include <sstream>

#include "attache/core/json_reader.h"
#include "attache/store/proposals.h"

namespace attache::service {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kStoredVersions =
    "SELECT kind, version, definition FROM workflow_versions ORDER BY kind, version";

Status ReadFile(const fs::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::InvalidArgument("cannot read " + path.string());
  std::ostringstream s;
  s << in.rdbuf();
  *out = s.str();
  return Status::Ok();
}

// The *.json files of `dir`, sorted by name so loading is deterministic.
std::vector<fs::path> JsonFiles(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".json") files.push_back(it->path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

Status Workflows::Open(const fs::path& dir, store::Db& db, std::unique_ptr<Workflows>* out) {
  auto workflows = std::unique_ptr<Workflows>(new Workflows());
  // All new versions are registered or none: a start refused on the third file leaves no
  // version of the first two behind.
  store::Txn txn(db);
  for (const fs::path& file : JsonFiles(dir)) {
    std::string text;
    if (Status s = ReadFile(file, &text); !s.ok()) return s;
    workflow::Definition def;
    std::string name = file.filename().string();
    if (Status s = workflow::LoadDefinition(text, name, &def); !s.ok()) return s;
    if (def.kind != file.stem().string())
      return Status::InvalidArgument(name + ": /kind: \"" + def.kind +
                                     "\" does not match the file name");
    int version = 0;
    if (Status s = store::RegisterWorkflowVersion(db, def.kind, def.canonical, &version); !s.ok())
      return s;
    workflows->current_[def.kind] = version;
  }
  for (auto kind : workflow::kKinds)
    if (!workflows->current_.count(std::string(kind)))
      return Status::InvalidArgument(dir.string() + ": no definition for kind " +
                                     std::string(kind));
  txn.Commit();
  store::Stmt q = db.Prepare(kStoredVersions);
  while (q.Step()) {
    std::string kind = q.Text(0);
    int version = static_cast<int>(q.Int(1));
    auto def = std::make_shared<workflow::Definition>();
    std::string name = kind + " version " + std::to_string(version);
    if (Status s = workflow::LoadDefinition(q.Text(2), name, def.get()); !s.ok())
      return Status::Corruption("stored " + s.message());
    workflows->versions_[{kind, version}] = std::move(def);
  }
  *out = std::move(workflows);
  return Status::Ok();
}

std::shared_ptr<const workflow::Definition> Workflows::Current(const std::string& kind) const {
  auto it = current_.find(kind);
  return it == current_.end() ? nullptr : Version(kind, it->second);
}

int Workflows::CurrentVersion(const std::string& kind) const {
  auto it = current_.find(kind);
  return it == current_.end() ? 0 : it->second;
}

std::shared_ptr<const workflow::Definition> Workflows::Version(const std::string& kind,
                                                               int version) const {
  auto it = versions_.find({kind, version});
  return it == versions_.end() ? nullptr : it->second;
}

std::vector<std::pair<int, std::shared_ptr<const workflow::Definition>>> Workflows::AllCurrent()
    const {
  std::vector<std::pair<int, std::shared_ptr<const workflow::Definition>>> out;
  for (auto kind : workflow::kKinds)
    out.emplace_back(CurrentVersion(std::string(kind)), Current(std::string(kind)));
  return out;
}

Status LoadHolidays(const fs::path& dir, WorkingDayCalendar* out) {
  WorkingDayCalendar calendar;
  for (const fs::path& file : JsonFiles(dir)) {
    std::string text;
    if (Status s = ReadFile(file, &text); !s.ok()) return s;
    nlohmann::json doc;
    if (Status s = json_reader::Parse(text, file.filename().string(), &doc); !s.ok()) return s;
    if (Status s = calendar.AddYear(doc, file.filename().string()); !s.ok()) return s;
  }
  *out = std::move(calendar);
  return Status::Ok();
}

}  // namespace attache::service
