#include "attache/store/audit_anchors.h"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "attache/core/audit_chain.h"

namespace attache::store {
namespace {

constexpr std::string_view kHead = "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1";

bool IsHash(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

std::filesystem::path AnchorsPath(const std::filesystem::path& data_dir) {
  return data_dir / "audit-anchors.log";
}

AuditAnchor CurrentHead(Db& db, const std::string& at) {
  AuditAnchor a{at, 0, std::string(kGenesisHash)};
  Stmt q = db.Prepare(kHead);
  if (q.Step()) {
    a.entries = q.Int(0);
    a.head = q.Text(1);
  }
  return a;
}

Status AppendAnchor(const std::filesystem::path& path, const AuditAnchor& anchor) {
  const std::string line =
      anchor.at + " " + std::to_string(anchor.entries) + " " + anchor.head + "\n";
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) return Status::Unavailable("cannot open " + path.string());
  bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  ok = ::fsync(fd) == 0 && ok;
  ::close(fd);
  return ok ? Status::Ok() : Status::Unavailable("cannot write " + path.string());
}

Status ReadAnchors(const std::filesystem::path& path, std::vector<AuditAnchor>* out) {
  out->clear();
  std::ifstream in(path);
  if (!in) return Status::Ok();
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    std::istringstream fields(line);
    AuditAnchor a;
    std::string rest;
    if (!(fields >> a.at >> a.entries >> a.head) || (fields >> rest) || a.entries < 0 ||
        !IsHash(a.head))
      return Status::Corruption(path.filename().string() + " line " + std::to_string(n) +
                                " is not an anchor");
    out->push_back(std::move(a));
  }
  return Status::Ok();
}

}  // namespace attache::store
