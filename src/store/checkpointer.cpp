#include "attache/store/checkpointer.h"


#include <memory>

namespace attache::store {

Checkpointer::Checkpointer(Db& writer, int threshold_pages)
    : writer_(writer), threshold_pages_(threshold_pages), thread_([this] { Loop(); }) {
  // Installing a WAL hook turns SQLite's own automatic checkpoint off on this connection.
  sqlite3_wal_hook(writer_.handle(), &Checkpointer::OnCommit, this);
}

Checkpointer::~Checkpointer() {
  writer_.Exec("PRAGMA wal_autocheckpoint = 1000");  // installs SQLite's own hook again
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

uint64_t Checkpointer::checkpoints() const {
  std::lock_guard lock(mu_);
  return checkpoints_;
}

int Checkpointer::OnCommit(void* self, sqlite3*, const char*, int pages) {
  auto* c = static_cast<Checkpointer*>(self);
  if (pages >= c->threshold_pages_) {
    std::lock_guard lock(c->mu_);
    if (!c->wanted_) {
      c->wanted_ = true;
      c->cv_.notify_all();
    }
  }
  return SQLITE_OK;
}

void Checkpointer::Loop() {
  std::unique_ptr<Db> db;
  while (true) {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return wanted_ || stopping_; });
      if (stopping_) return;
      wanted_ = false;
    }
    try {
      if (!db) db = std::make_unique<Db>(writer_.path());
      int log_pages = 0, copied = 0;
      sqlite3_wal_checkpoint_v2(db->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &log_pages,
                                &copied);
    } catch (const DbError&) {
      // The next commit over the threshold asks again; a full disk or an I/O error shows at
      // the writer's own commit, which is what answers requests.
      db.reset();
    }
    std::lock_guard lock(mu_);
    ++checkpoints_;
  }
}

}  // namespace attache::store
