#include "attache/jobs/anchor_keeper.h"

#include <chrono>
#include <iostream>

#include "attache/core/rfc3339.h"
#include "attache/store/audit_anchors.h"

namespace attache::jobs {

AnchorKeeper::AnchorKeeper(store::Database& database, std::filesystem::path path,
                           const Clock& clock)
    : database_(database), path_(std::move(path)), clock_(clock) {
  Write();
  thread_ = std::thread([this] {
    std::unique_lock lock(mu_);
    while (!cv_.wait_for(lock, std::chrono::hours(1), [this] { return stopping_; })) Write();
  });
}

void AnchorKeeper::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void AnchorKeeper::Write() {
  store::AuditAnchor head;
  {
    auto db = database_.Read();
    head = store::CurrentHead(*db, FormatRfc3339(clock_.Now()));
  }
  if (Status s = store::AppendAnchor(path_, head); !s.ok())
    std::cerr << "attache: audit anchor not written: " << s.message() << "\n";
}

}  // namespace attache::jobs
