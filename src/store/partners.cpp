#include "attache/store/partners.h"

#include <algorithm>
#include <tuple>

#include "attache/core/text.h"
#include "attache/store/proposal_search.h"

namespace attache::store {
namespace {

using workflow::FieldError;

constexpr std::string_view kPartnerExists = "SELECT 1 FROM partners WHERE id = ?";
constexpr std::string_view kSelectPartner =
    "SELECT id, type, name_vi, name_en, acronym, country, notes, created_by, created_at "
    "FROM partners";
constexpr std::string_view kSelectPartnerById =
    "SELECT id, type, name_vi, name_en, acronym, country, notes, created_by, created_at "
    "FROM partners WHERE id = ?";
constexpr std::string_view kInsertPartner =
    "INSERT INTO partners (type, name_vi, name_en, acronym, country, notes, created_by, "
    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdatePartner =
    "UPDATE partners SET type = ?, name_vi = ?, name_en = ?, acronym = ?, country = ?, "
    "notes = ? WHERE id = ?";
// Another partner with either name (ASCII case ignored); 1 in the second column when it is the
// Vietnamese name that matches.
constexpr std::string_view kSameName =
    "SELECT id, name_vi = ?1 COLLATE NOCASE FROM partners "
    "WHERE (name_vi = ?1 COLLATE NOCASE OR name_en = ?2 COLLATE NOCASE) AND id <> ?3 LIMIT 1";
constexpr std::string_view kSelectActivities =
    "SELECT p.id, p.ref, p.kind, p.title, p.state, p.unit_id, u.code, p.starts_on, p.ends_on, "
    "p.created_at, p.workflow_version, p.created_by FROM proposals p JOIN units u ON u.id = p.unit_id "
    "WHERE p.partner_id = ?1 AND (?2 IS NULL OR p.unit_id = ?2) "
    "ORDER BY coalesce(p.starts_on, substr(p.created_at, 1, 10)) DESC, p.id DESC";

constexpr size_t kMaxName = 300;
constexpr size_t kMaxAcronym = 32;
constexpr size_t kMaxNotes = 5000;

// A one-line text of 1 to `max` characters.
void CheckName(const std::string& value, const char* field, std::vector<FieldError>* errors) {
  if (TrimAscii(value).empty())
    errors->push_back({field, {"không được để trống", "must not be empty"}});
  else if (CodePointCount(value) > kMaxName)
    errors->push_back({field, {"dài quá 300 ký tự", "is longer than 300 characters"}});
  else if (HasControlCharacter(value))
    errors->push_back({field, {"có ký tự điều khiển", "contains a control character"}});
}

Partner ReadPartner(const Stmt& q) {
  Partner p;
  p.id = q.Int(0);
  p.type = q.Text(1);
  p.name_vi = q.Text(2);
  p.name_en = q.Text(3);
  p.acronym = q.Text(4);
  if (!q.IsNull(5)) p.country = q.Text(5);
  p.notes = q.Text(6);
  p.created_by = q.Int(7);
  p.created_at = q.Text(8);
  return p;
}

Status FirstProblem(const std::vector<FieldError>& errors) {
  const FieldError& e = errors.front();
  return Status::InvalidArgument(e.field + ": " + e.message.vi + " / " + e.message.en);
}

// Conflict when a partner other than `self` has the same name.
Status CheckNamesFree(Db& db, const Partner& p, int64_t self) {
  Stmt q = db.Prepare(kSameName);
  q.Bind(1, p.name_vi).Bind(2, p.name_en).Bind(3, self);
  if (!q.Step()) return Status::Ok();
  const std::string other = std::to_string(q.Int(0));
  return q.Int(1) == 1
             ? Status::Conflict("Đã có đối tác tên tiếng Việt này (số " + other +
                                ") / a partner with this Vietnamese name exists (id " + other + ")")
             : Status::Conflict("Đã có đối tác tên tiếng Anh này (số " + other +
                                ") / a partner with this English name exists (id " + other + ")");
}

void BindValues(Stmt& s, const Partner& p) {
  s.Bind(1, p.type).Bind(2, p.name_vi).Bind(3, p.name_en).Bind(4, p.acronym);
  if (p.country)
    s.Bind(5, *p.country);
  else
    s.BindNull(5);
  s.Bind(6, p.notes);
}

Status FromDbError(const DbError& e) {
  if (e.primary_code() == SQLITE_FULL) return DiskFull();
  if (e.code() == SQLITE_CONSTRAINT_FOREIGNKEY)
    return Status::InvalidArgument("created_by: no such user");
  throw e;
}

}  // namespace

std::vector<FieldError> CheckPartnerChange(const PartnerChange& c) {
  std::vector<FieldError> errors;
  if (c.type && std::find(std::begin(kPartnerTypes), std::end(kPartnerTypes), *c.type) ==
                    std::end(kPartnerTypes))
    errors.push_back({"type",
                      {"phải là un_agency, financial_institution, government, ngo, "
                       "regional_body hoặc other",
                       "must be one of un_agency, financial_institution, government, ngo, "
                       "regional_body, other"}});
  if (c.name_vi) CheckName(*c.name_vi, "name_vi", &errors);
  if (c.name_en) CheckName(*c.name_en, "name_en", &errors);
  if (c.acronym && (CodePointCount(*c.acronym) > kMaxAcronym || HasControlCharacter(*c.acronym)))
    errors.push_back({"acronym",
                      {"tối đa 32 ký tự, không có ký tự điều khiển",
                       "must be at most 32 characters, without control characters"}});
  if (c.country && *c.country && !workflow::IsCountryCode(**c.country))
    errors.push_back({"country",
                      {"phải là mã quốc gia ISO 3166-1 hai chữ cái in hoa, ví dụ \"KR\"",
                       "must be an ISO 3166-1 alpha-2 code in capitals, such as \"KR\""}});
  if (c.notes && (CodePointCount(*c.notes) > kMaxNotes || HasControlCharacter(*c.notes, true)))
    errors.push_back({"notes",
                      {"tối đa 5.000 ký tự, không có ký tự điều khiển",
                       "must be at most 5,000 characters, without control characters"}});
  return errors;
}

std::vector<FieldError> CheckPartner(const Partner& p) {
  return CheckPartnerChange({p.type, p.name_vi, p.name_en, p.acronym, p.country, p.notes});
}

Status AddPartner(Db& db, const Partner& partner, int64_t* id) {
  if (auto errors = CheckPartner(partner); !errors.empty()) return FirstProblem(errors);
  try {
    Txn txn(db);
    if (Status s = CheckNamesFree(db, partner, 0); !s.ok()) return s;
    Stmt ins = db.Prepare(kInsertPartner);
    BindValues(ins, partner);
    ins.Bind(7, partner.created_by).Bind(8, partner.created_at);
    ins.Run();
    if (id) *id = db.LastInsertRowid();
    txn.Commit();
  } catch (const DbError& e) {
    return FromDbError(e);
  }
  return Status::Ok();
}

Status UpdatePartner(Db& db, int64_t id, const PartnerChange& change) {
  if (auto errors = CheckPartnerChange(change); !errors.empty()) return FirstProblem(errors);
  try {
    Txn txn(db);
    std::optional<Partner> p = FindPartner(db, id);
    if (!p) return Status::NotFound("Không có đối tác này / no such partner");
    if (change.type) p->type = *change.type;
    if (change.name_vi) p->name_vi = *change.name_vi;
    if (change.name_en) p->name_en = *change.name_en;
    if (change.acronym) p->acronym = *change.acronym;
    if (change.country) p->country = *change.country;
    if (change.notes) p->notes = *change.notes;
    if (Status s = CheckNamesFree(db, *p, id); !s.ok()) return s;
    Stmt up = db.Prepare(kUpdatePartner);
    BindValues(up, *p);
    up.Bind(7, id);
    up.Run();
    ReindexPartner(db, id);  // proposals naming it are found by its new names
    txn.Commit();
  } catch (const DbError& e) {
    return FromDbError(e);
  }
  return Status::Ok();
}

std::optional<Partner> FindPartner(Db& db, int64_t id) {
  Stmt q = db.Prepare(kSelectPartnerById);
  q.Bind(1, id);
  if (!q.Step()) return std::nullopt;
  return ReadPartner(q);
}

bool PartnerExists(Db& db, int64_t id) {
  Stmt q = db.Prepare(kPartnerExists);
  q.Bind(1, id);
  return q.Step();
}

std::vector<Partner> ListPartners(Db& db, const PartnerFilter& filter) {
  const std::string needle = FoldForSearch(TrimAscii(filter.q));
  std::vector<std::pair<std::string, Partner>> keyed;  // (folded Vietnamese name, partner)
  Stmt q = db.Prepare(kSelectPartner);
  while (q.Step()) {
    Partner p = ReadPartner(q);
    if (filter.type && p.type != *filter.type) continue;
    std::string key = FoldForSearch(p.name_vi);
    if (!needle.empty() && key.find(needle) == std::string::npos &&
        FoldForSearch(p.name_en).find(needle) == std::string::npos &&
        FoldForSearch(p.acronym).find(needle) == std::string::npos)
      continue;
    keyed.emplace_back(std::move(key), std::move(p));
  }
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first, a.second.name_vi, a.second.id) <
           std::tie(b.first, b.second.name_vi, b.second.id);
  });
  std::vector<Partner> out;
  out.reserve(keyed.size());
  for (auto& [key, p] : keyed) out.push_back(std::move(p));
  return out;
}

std::vector<PartnerActivity> ListPartnerActivities(Db& db, int64_t partner_id,
                                                   std::optional<int64_t> only_unit) {
  Stmt q = db.Prepare(kSelectActivities);
  q.Bind(1, partner_id);
  if (only_unit)
    q.Bind(2, *only_unit);
  else
    q.BindNull(2);
  std::vector<PartnerActivity> out;
  while (q.Step()) {
    PartnerActivity a;
    a.id = q.Int(0);
    a.ref = q.Text(1);
    a.kind = q.Text(2);
    a.title = q.Text(3);
    a.state = q.Text(4);
    a.unit_id = q.Int(5);
    a.unit_code = q.Text(6);
    if (!q.IsNull(7)) a.starts_on = q.Text(7);
    if (!q.IsNull(8)) a.ends_on = q.Text(8);
    a.created_at = q.Text(9);
    a.workflow_version = static_cast<int>(q.Int(10));
    a.created_by = q.Int(11);
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace attache::store
