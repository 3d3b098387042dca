#include "attache/store/plan_items.h"

#include <algorithm>
#include <cmath>

#include "attache/core/text.h"
#include "attache/core/workflow.h"
#include "attache/store/partners.h"

namespace attache::store {
namespace {

using workflow::FieldError;

// Every read of plan items: the item, its unit's code, its partner's names and how many
// proposals link to it.
#define ATTACHE_SELECT_PLAN_ITEMS                                                               \
  "SELECT i.id, i.unit_id, u.code, i.year, i.kind, i.title, i.partner_id, p.name_vi, "          \
  "p.name_en, p.acronym, i.country, i.quarter, i.budget_amount, i.budget_currency, "            \
  "i.created_by, i.created_at, (SELECT count(*) FROM proposals r WHERE r.plan_item_id = i.id) " \
  "FROM plan_items i JOIN units u ON u.id = i.unit_id LEFT JOIN partners p ON p.id = "          \
  "i.partner_id "
constexpr std::string_view kSelectById = ATTACHE_SELECT_PLAN_ITEMS "WHERE i.id = ?";
constexpr std::string_view kSelectByYear = ATTACHE_SELECT_PLAN_ITEMS
    "WHERE i.year = ?1 AND (?2 IS NULL OR i.unit_id = ?2) "
    "ORDER BY u.code, i.quarter IS NULL, i.quarter, i.kind, i.id";
#undef ATTACHE_SELECT_PLAN_ITEMS
constexpr std::string_view kUnitExists = "SELECT 1 FROM units WHERE id = ?";
constexpr std::string_view kInsert =
    "INSERT INTO plan_items (year, kind, title, partner_id, country, quarter, budget_amount, "
    "budget_currency, unit_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdate =
    "UPDATE plan_items SET year = ?, kind = ?, title = ?, partner_id = ?, country = ?, "
    "quarter = ?, budget_amount = ?, budget_currency = ? WHERE id = ?";
constexpr std::string_view kLinkedProposals =
    "SELECT count(*) FROM proposals WHERE plan_item_id = ?";
constexpr std::string_view kDelete = "DELETE FROM plan_items WHERE id = ?";

constexpr size_t kMaxTitle = 500;
// Beyond any plausible budget in any currency (VND included): a typo, not a plan.
constexpr double kMaxBudget = 1e15;

PlanItem ReadItem(const Stmt& q) {
  PlanItem i;
  i.id = q.Int(0);
  i.unit_id = q.Int(1);
  i.unit_code = q.Text(2);
  i.year = static_cast<int>(q.Int(3));
  i.kind = q.Text(4);
  i.title = q.Text(5);
  if (!q.IsNull(6)) {
    i.partner_id = q.Int(6);
    i.partner_name_vi = q.Text(7);
    i.partner_name_en = q.Text(8);
    i.partner_acronym = q.Text(9);
  }
  if (!q.IsNull(10)) i.country = q.Text(10);
  if (!q.IsNull(11)) i.quarter = static_cast<int>(q.Int(11));
  if (!q.IsNull(12)) i.budget = Money{q.Double(12), q.Text(13)};
  i.created_by = q.Int(14);
  i.created_at = q.Text(15);
  i.linked_proposals = q.Int(16);
  return i;
}

// Binds the editable columns as parameters 1 to 8, in the order of kInsert and kUpdate.
void BindValues(Stmt& s, const PlanItem& i) {
  s.Bind(1, i.year).Bind(2, i.kind).Bind(3, i.title);
  if (i.partner_id)
    s.Bind(4, *i.partner_id);
  else
    s.BindNull(4);
  if (i.country)
    s.Bind(5, *i.country);
  else
    s.BindNull(5);
  if (i.quarter)
    s.Bind(6, *i.quarter);
  else
    s.BindNull(6);
  if (i.budget) {
    s.Bind(7, i.budget->amount).Bind(8, i.budget->currency);
  } else {
    s.BindNull(7).BindNull(8);
  }
}

Status FirstProblem(const std::vector<FieldError>& errors) {
  const FieldError& e = errors.front();
  return Status::InvalidArgument(e.field + ": " + e.message.vi + " / " + e.message.en);
}

Status CheckPartnerExists(Db& db, const std::optional<int64_t>& partner_id) {
  if (partner_id && !PartnerExists(db, *partner_id))
    return Status::InvalidArgument("partner_id: Không có đối tác này / no such partner");
  return Status::Ok();
}

Status FromDbError(const DbError& e) {
  if (e.primary_code() == SQLITE_FULL) return DiskFull();
  if (e.code() == SQLITE_CONSTRAINT_FOREIGNKEY)
    return Status::InvalidArgument("created_by: no such user");
  throw e;
}

}  // namespace

std::vector<FieldError> CheckPlanItemChange(const PlanItemChange& c) {
  std::vector<FieldError> errors;
  if (c.year && (*c.year < kFirstPlanYear || *c.year > kLastPlanYear))
    errors.push_back(
        {"year", {"phải là năm từ 2000 đến 2100", "must be a year from 2000 to 2100"}});
  if (c.kind && std::find(std::begin(workflow::kKinds), std::end(workflow::kKinds), *c.kind) ==
                    std::end(workflow::kKinds))
    errors.push_back({"kind",
                      {"phải là outbound_delegation, inbound_visit, conference, aid hoặc agreement",
                       "must be one of outbound_delegation, inbound_visit, conference, aid, "
                       "agreement"}});
  if (c.title) {
    if (TrimAscii(*c.title).empty())
      errors.push_back({"title", {"không được để trống", "must not be empty"}});
    else if (CodePointCount(*c.title) > kMaxTitle)
      errors.push_back({"title", {"dài quá 500 ký tự", "is longer than 500 characters"}});
    else if (HasControlCharacter(*c.title))
      errors.push_back({"title", {"có ký tự điều khiển", "contains a control character"}});
  }
  if (c.partner_id && *c.partner_id && **c.partner_id <= 0)
    errors.push_back({"partner_id", {"phải là mã số đối tác", "must be a partner id"}});
  if (c.country && *c.country && !workflow::IsCountryCode(**c.country))
    errors.push_back({"country",
                      {"phải là mã quốc gia ISO 3166-1 hai chữ cái in hoa, ví dụ \"KR\"",
                       "must be an ISO 3166-1 alpha-2 code in capitals, such as \"KR\""}});
  if (c.quarter && *c.quarter && (**c.quarter < 1 || **c.quarter > 4))
    errors.push_back({"quarter", {"phải là quý 1 đến 4", "must be a quarter from 1 to 4"}});
  if (c.budget && *c.budget) {
    const Money& m = **c.budget;
    if (!std::isfinite(m.amount) || m.amount < 0 || m.amount > kMaxBudget)
      errors.push_back({"budget.amount",
                        {"phải là số không âm, tối đa 10^15", "must be a number from 0 to 10^15"}});
    if (!workflow::IsCurrencyCode(m.currency))
      errors.push_back({"budget.currency",
                        {"phải là mã tiền tệ ISO 4217, ví dụ \"VND\" hoặc \"USD\"",
                         "must be an ISO 4217 currency code such as \"VND\" or \"USD\""}});
  }
  return errors;
}

std::vector<FieldError> CheckPlanItem(const PlanItem& i) {
  return CheckPlanItemChange(
      {i.year, i.kind, i.title, i.partner_id, i.country, i.quarter, i.budget});
}

Status AddPlanItem(Db& db, const PlanItem& item, int64_t* id) {
  if (auto errors = CheckPlanItem(item); !errors.empty()) return FirstProblem(errors);
  try {
    Txn txn(db);
    if (!db.Prepare(kUnitExists).Bind(1, item.unit_id).Step())
      return Status::InvalidArgument("unit_id: Không có đơn vị này / no such unit");
    if (Status s = CheckPartnerExists(db, item.partner_id); !s.ok()) return s;
    Stmt ins = db.Prepare(kInsert);
    BindValues(ins, item);
    ins.Bind(9, item.unit_id).Bind(10, item.created_by).Bind(11, item.created_at);
    ins.Run();
    if (id) *id = db.LastInsertRowid();
    txn.Commit();
  } catch (const DbError& e) {
    return FromDbError(e);
  }
  return Status::Ok();
}

Status UpdatePlanItem(Db& db, int64_t id, const PlanItemChange& c) {
  if (auto errors = CheckPlanItemChange(c); !errors.empty()) return FirstProblem(errors);
  try {
    Txn txn(db);
    std::optional<PlanItem> item = FindPlanItem(db, id);
    if (!item) return Status::NotFound("Không có mục kế hoạch này / no such plan item");
    if (c.year) item->year = *c.year;
    if (c.kind) item->kind = *c.kind;
    if (c.title) item->title = *c.title;
    if (c.partner_id) item->partner_id = *c.partner_id;
    if (c.country) item->country = *c.country;
    if (c.quarter) item->quarter = *c.quarter;
    if (c.budget) item->budget = *c.budget;
    if (c.partner_id)
      if (Status s = CheckPartnerExists(db, item->partner_id); !s.ok()) return s;
    Stmt up = db.Prepare(kUpdate);
    BindValues(up, *item);
    up.Bind(9, id);
    up.Run();
    txn.Commit();
  } catch (const DbError& e) {
    return FromDbError(e);
  }
  return Status::Ok();
}

Status DeletePlanItem(Db& db, int64_t id) {
  try {
    Txn txn(db);
    Stmt linked = db.Prepare(kLinkedProposals);
    linked.Bind(1, id);
    linked.Step();
    if (const int64_t n = linked.Int(0); n > 0)
      return Status::Conflict("Mục kế hoạch đã gắn với " + std::to_string(n) +
                              " hồ sơ, không xóa được / the plan item is linked to " +
                              std::to_string(n) + " proposal(s) and cannot be deleted");
    Stmt del = db.Prepare(kDelete);
    del.Bind(1, id);
    del.Run();
    if (db.Changes() == 0) return Status::NotFound("Không có mục kế hoạch này / no such plan item");
    txn.Commit();
  } catch (const DbError& e) {
    if (e.primary_code() == SQLITE_FULL) return DiskFull();
    throw;
  }
  return Status::Ok();
}

std::optional<PlanItem> FindPlanItem(Db& db, int64_t id) {
  Stmt q = db.Prepare(kSelectById);
  q.Bind(1, id);
  if (!q.Step()) return std::nullopt;
  return ReadItem(q);
}

std::vector<PlanItem> ListPlanItems(Db& db, int year, std::optional<int64_t> only_unit) {
  Stmt q = db.Prepare(kSelectByYear);
  q.Bind(1, year);
  if (only_unit)
    q.Bind(2, *only_unit);
  else
    q.BindNull(2);
  std::vector<PlanItem> out;
  while (q.Step()) out.push_back(ReadItem(q));
  return out;
}

}  // namespace attache::store
