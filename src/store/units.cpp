#include "attache/store/units.h"

namespace attache::store {
namespace {

constexpr std::string_view kInsert =
    "INSERT INTO units (code, name_vi, name_en, parent_id) VALUES (?, ?, ?, ?)";
constexpr std::string_view kSelectIdByCode = "SELECT id FROM units WHERE code = ?";
constexpr std::string_view kSelectAll =
    "SELECT id, code, name_vi, name_en, parent_id FROM units ORDER BY code";

constexpr std::string_view kSelectParent = "SELECT parent_id FROM units WHERE id = ?";
constexpr std::string_view kUpdateNameVi = "UPDATE units SET name_vi = ? WHERE id = ?";
constexpr std::string_view kUpdateNameEn = "UPDATE units SET name_en = ? WHERE id = ?";
constexpr std::string_view kUpdateParent = "UPDATE units SET parent_id = ? WHERE id = ?";

constexpr size_t kMaxCode = 32;
constexpr size_t kMaxName = 200;

// Codes appear in URLs, filters and references: ASCII letters, digits, '-' and '_'.
bool ValidCode(const std::string& code) {
  if (code.empty() || code.size() > kMaxCode) return false;
  for (char c : code)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
      return false;
  return true;
}

bool ValidName(const std::string& name) { return !name.empty() && name.size() <= kMaxName; }

// True when `candidate` is `id` or lies below it: making it the parent would close a loop.
bool IsSelfOrBelow(Db& db, int64_t id, int64_t candidate) {
  std::optional<int64_t> at = candidate;
  for (int depth = 0; at && depth < 1000; ++depth) {
    if (*at == id) return true;
    Stmt q = db.Prepare(kSelectParent);
    q.Bind(1, *at);
    at = q.Step() && !q.IsNull(0) ? std::optional<int64_t>(q.Int(0)) : std::nullopt;
  }
  return at.has_value();
}

Status CheckParent(Db& db, int64_t id, std::optional<int64_t> parent) {
  if (!parent) return Status::Ok();
  if (!FindUnit(db, *parent)) return Status::InvalidArgument("no parent unit " + std::to_string(*parent));
  if (IsSelfOrBelow(db, id, *parent))
    return Status::InvalidArgument("a unit cannot be placed under itself or one of its own units");
  return Status::Ok();
}

}  // namespace

Status AddUnit(Db& db, const Unit& unit, const std::optional<std::string>& parent_code,
               int64_t* id) {
  if (!ValidCode(unit.code))
    return Status::InvalidArgument("unit code must be 1 to 32 letters, digits, '-' or '_'");
  if (!ValidName(unit.name_vi) || !ValidName(unit.name_en))
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
    if (e.primary_code() == SQLITE_FULL) return DiskFull();
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

Status UpdateUnit(Db& db, int64_t id, const UnitChange& change) {
  if ((change.name_vi && !ValidName(*change.name_vi)) || (change.name_en && !ValidName(*change.name_en)))
    return Status::InvalidArgument("unit names (Vietnamese and English) must be 1 to 200 bytes");
  try {
    Txn txn(db);
    if (!FindUnit(db, id)) return Status::NotFound("no unit " + std::to_string(id));
    if (change.parent_id)
      if (Status s = CheckParent(db, id, *change.parent_id); !s.ok()) return s;
    if (change.name_vi) db.Prepare(kUpdateNameVi).Bind(1, *change.name_vi).Bind(2, id).Run();
    if (change.name_en) db.Prepare(kUpdateNameEn).Bind(1, *change.name_en).Bind(2, id).Run();
    if (change.parent_id) {
      Stmt q = db.Prepare(kUpdateParent);
      if (*change.parent_id) q.Bind(1, **change.parent_id); else q.BindNull(1);
      q.Bind(2, id).Run();
    }
    txn.Commit();
  } catch (const DbError& e) {
    if (e.primary_code() == SQLITE_FULL) return DiskFull();
    throw;
  }
  return Status::Ok();
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
