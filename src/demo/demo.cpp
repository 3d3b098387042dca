// `attache seed-demo`: the demo ministry of schema/demo/ (demo/demo_files.h) written into an
// empty database in one transaction: its units and users, its partners and plan items, and
// the proposals played through the service (demo_proposals.cpp).
#include "attache/demo/demo.h"

#include <algorithm>
#include <map>

#include "attache/core/clock.h"
#include "attache/core/rfc3339.h"
#include "attache/service/passwords.h"
#include "attache/store/accounts.h"
#include "attache/store/partners.h"
#include "attache/store/plan_items.h"
#include "attache/store/units.h"
#include "attache/store/users.h"

namespace attache::demo {

static void PrintLogins(const DemoData& data, std::ostream& out) {
  out << "Tài khoản mẫu / demo logins (mật khẩu / password: " << data.password << "):\n";
  for (const DemoUser& u : data.users) out << "  " << u.username << "\t" << u.about << "\n";
}

// The partners, and the units' plans for this year and the years before (in ministry time,
// UTC+7). Partners are entered by the ICD officer, plan items by whom the data names.
static Status SeedPartnersAndPlans(store::Db& db, const DemoData& data,
                                   std::chrono::system_clock::time_point now) {
  // The partners were listed before the three years of demo proposals that name them.
  const std::string at = FormatRfc3339(now - std::chrono::days(1100));
  const int year = std::stoi(FormatRfc3339(now + std::chrono::hours(7)).substr(0, 4));
  std::map<std::string, int64_t> user_ids;
  for (const auto& u : store::ListUsers(db)) user_ids[u.username] = u.id;
  const auto icd = user_ids.find(data.FirstWith("icd_officer")->username);
  if (icd == user_ids.end())
    return Status::NotFound("Thiếu cán bộ Vụ HTQT mẫu / the demo ICD officer is missing");
  std::map<std::string, int64_t> partner_ids;
  for (const DemoPartner& d : data.partners) {
    const store::Partner p{0,         d.type,  d.name_vi,   d.name_en, d.acronym,
                           d.country, d.notes, icd->second, at};
    if (Status s = store::AddPartner(db, p, &partner_ids[d.key()]); !s.ok()) return s;
  }
  std::map<std::string, int64_t> unit_ids;
  for (const auto& u : store::ListUnits(db)) unit_ids[u.code] = u.id;
  for (const DemoPlanItem& d : data.plan_items) {
    store::PlanItem item;
    item.unit_id = unit_ids.at(d.unit);
    item.year = year - d.years_ago;
    item.kind = d.kind;
    item.title = d.title;
    item.partner_id = partner_ids.at(d.partner);
    item.country = d.country;
    item.quarter = d.quarter;
    item.budget = d.budget;
    auto by = user_ids.find(d.entered_by);
    if (by == user_ids.end())
      return Status::NotFound("Thiếu người dùng mẫu / the demo user is missing: " + d.entered_by);
    item.created_by = by->second;
    // Written as the year began (or now, on its first day).
    item.created_at = std::min(std::to_string(item.year) + "-01-02T02:00:00Z", FormatRfc3339(now));
    if (Status s = store::AddPlanItem(db, item, nullptr); !s.ok()) return s;
  }
  return Status::Ok();
}

static void PrintPartnersAndPlans(const DemoData& data, std::ostream& out) {
  out << "Đã tạo dữ liệu mẫu / demo data loaded: " << data.partners.size()
      << " đối tác / partners, " << data.plan_items.size() << " mục kế hoạch / plan items\n";
}

Status SeedDemo(store::Db& db, const DemoData& data, const DemoRules& rules, std::ostream& out) {
  if (!store::ListUnits(db).empty()) {
    out << "Dữ liệu mẫu đã có / demo data already present\n";
    if (!store::FindUserByName(db, data.users.front().username)) return Status::Ok();
    // A demo database made before partners existed gets them (once: then it has partners).
    if (store::ListPartners(db, {}).empty()) {
      store::Txn txn(db);
      if (Status s = SeedPartnersAndPlans(db, data, SystemClock().Now()); !s.ok()) return s;
      txn.Commit();
      PrintPartnersAndPlans(data, out);
    }
    PrintLogins(data, out);
    return Status::Ok();
  }
  // All or nothing: a seed that fails half-way leaves an empty database to seed again.
  store::Txn txn(db);
  for (const DemoUnit& u : data.units) {
    std::optional<std::string> parent;
    if (!u.parent.empty()) parent = u.parent;
    if (Status s = store::AddUnit(db, {0, u.code, u.name_vi, u.name_en, std::nullopt}, parent);
        !s.ok())
      return s;
  }
  std::string hash;
  if (Status s = service::HashPassword(data.password, &hash); !s.ok()) return s;
  for (const DemoUser& u : data.users) {
    int64_t id = 0;
    if (Status s =
            store::AddUser(db, {0, u.username, u.display_name, 0, u.unit, true, {u.role}}, &id);
        !s.ok())
      return s;
    if (Status s = store::SetPasswordHash(db, id, hash); !s.ok()) return s;
  }
  const auto now = SystemClock().Now();
  if (Status s = SeedPartnersAndPlans(db, data, now); !s.ok()) return s;
  int proposals = 0;
  if (Status s = SeedDemoProposals(db, data, rules, now, &proposals); !s.ok()) return s;
  txn.Commit();
  out << "Đã tạo dữ liệu mẫu / demo data loaded: " << data.units.size() << " đơn vị / units, "
      << data.users.size() << " người dùng / users\n";
  PrintPartnersAndPlans(data, out);
  out << "Đã tạo " << proposals << " hồ sơ mẫu đủ năm loại, trong ba năm qua / " << proposals
      << " demo proposals of the five kinds, over the last three years\n";
  PrintLogins(data, out);
  return Status::Ok();
}

}  // namespace attache::demo
