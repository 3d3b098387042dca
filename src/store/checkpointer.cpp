#include "attache/store/checkpointer.h"

namespace attache::store {

Checkpointer::Checkpointer(Db& writer, int threshold_pages)
    : writer_(writer), threshold_pages_(threshold_pages) {
  // Installing a WAL hook turns SQLite's own automatic checkpoint off on this connection.
  sqlite3_wal_hook(writer_.handle(), &Checkpointer::OnCommit, this);
}

Checkpointer::~Checkpointer() {
  writer_.Exec("PRAGMA wal_autocheckpoint = 1000");  // installs SQLite's own hook again
}

int Checkpointer::OnCommit(void* self, sqlite3*, const char*, int pages) {
  static_cast<Checkpointer*>(self)->wal_pages_ = pages;
  return SQLITE_OK;
}

void Checkpointer::RunIfDue() {
  if (wal_pages_ < threshold_pages_) return;
  int log_pages = 0, copied = 0;
  int rc = sqlite3_wal_checkpoint_v2(writer_.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                     &log_pages, &copied);
  if (rc == SQLITE_OK) {
    ++checkpoints_;
    wal_pages_ = 0;
  }
}

}  // namespace attache::store
