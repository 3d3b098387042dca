#include "attache/store/units.h"

namespace attache::store {
namespace {

constexpr std::string_view kInsert =
    "INSERT INTO units (code, name_vi, name_en, parent_id) VALUES (?, ?, ?, ?)";
constexpr std::string_view kSelectIdByCode = "SELECT id FROM units WHERE code = ?";
constexpr std::string_view kSelectAll =
    "SELECT id, code, name_vi, name_en, parent_id FROM units ORDER BY code";

constexpr size_t kMaxCode = 32;
constexpr size_t kMaxName = 200;

}  // namespace

Status AddUnit(Db& db, const Unit& unit, const std::optional<std::string>& parent_code,
               int64_t* id) {
  if (unit.code.empty() || unit.code.size() > kMaxCode)
    return Status::InvalidArgument("unit code must be 1 to 32 characters");
  if (unit.name_vi.empty() || unit.name_vi.size() > kMaxName || unit.name_en.empty() ||
      unit.name_en.size() > kMaxName)
    return Status::InvalidArgument("unit names (Vietnamese and English) must be 1 to 200 bytes");
  try {
    Txn txn(db);
    std::optional<int64_t> parent;
    if (parent_code) {
      Stmt q = db.Prepare(kSelectIdByCode);
      q.Bind(1, *parent_code);
      if (!q.Step()) return Status::NotFound("no unit with code " + *parent_code);
      parent = q.Int(0);
    }
    Stmt ins = db.Prepare(kInsert);
    ins.Bind(1, unit.code).Bind(2, unit.name_vi).Bind(3, unit.name_en);
    if (parent) ins.Bind(4, *parent); else ins.BindNull(4);
    ins.Run();
    if (id) *id = db.LastInsertRowid();
    txn.Commit();
  } catch (const DbError& e) {
    if (e.code() == SQLITE_CONSTRAINT_UNIQUE) return Status::Conflict("unit " + unit.code + " exists");
    if (e.primary_code() == SQLITE_FULL) return Status::Unavailable("disk full");
    throw;
  }
  return Status::Ok();
}

std::optional<Unit> FindUnit(Db& db, int64_t id) {
  Stmt q = db.Prepare("SELECT id, code, name_vi, name_en, parent_id FROM units WHERE id = ?");
  q.Bind(1, id);
  if (!q.Step()) return std::nullopt;
  Unit u{q.Int(0), q.Text(1), q.Text(2), q.Text(3), std::nullopt};
  if (!q.IsNull(4)) u.parent_id = q.Int(4);
  return u;
}

std::vector<Unit> ListUnits(Db& db) {
  std::vector<Unit> out;
  Stmt q = db.Prepare(kSelectAll);
  while (q.Step()) {
    Unit u{q.Int(0), q.Text(1), q.Text(2), q.Text(3), std::nullopt};
    if (!q.IsNull(4)) u.parent_id = q.Int(4);
    out.push_back(std::move(u));
  }
  return out;
}

}  // namespace attache::store
