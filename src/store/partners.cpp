#include "attache/store/partners.h"

namespace attache::store {
namespace {

constexpr std::string_view kPartnerExists = "SELECT 1 FROM partners WHERE id = ?";

}  // namespace

bool PartnerExists(Db& db, int64_t id) {
  Stmt q = db.Prepare(kPartnerExists);
  q.Bind(1, id);
  return q.Step();
}

}  // namespace attache::store
