#include "attache/demo/demo.h"

#include <algorithm>
#include <array>
#include <map>

#include "attache/demo/demo_proposals.h"
#include "attache/core/clock.h"
#include "attache/core/rfc3339.h"
#include "attache/service/passwords.h"
#include "attache/store/accounts.h"
#include "attache/store/partners.h"
#include "attache/store/plan_items.h"
#include "attache/store/units.h"
#include "attache/store/users.h"

namespace attache::demo {
namespace {

struct DemoUnit {
  const char* code;
  const char* name_vi;
  const char* name_en;
  const char* parent;  // nullptr: top level
};

constexpr std::array<DemoUnit, 10> kUnits{{
    {"BO", "Bộ (cơ quan Bộ)", "The Ministry", nullptr},
    {"LDB", "Lãnh đạo Bộ", "Ministry leadership", "BO"},
    {"VP", "Văn phòng Bộ", "Ministry Office", "BO"},
    {"HTQT", "Vụ Hợp tác quốc tế", "International Cooperation Department", "BO"},
    {"KHTC", "Vụ Kế hoạch – Tài chính", "Planning and Finance Department", "BO"},
    {"TCCB", "Vụ Tổ chức cán bộ", "Personnel and Organisation Department", "BO"},
    {"PC", "Vụ Pháp chế", "Legal Affairs Department", "BO"},
    {"CVL", "Cục Việc làm", "Department of Employment", "BO"},
    {"QLLDNN", "Cục Quản lý lao động ngoài nước", "Department of Overseas Labour", "BO"},
    {"VKHLD", "Viện Khoa học Lao động và Xã hội", "Institute of Labour Science and Social Affairs",
     "BO"},
}};

struct DemoUser {
  const char* username;
  const char* display_name;
  const char* unit;
  const char* role;
  const char* what;  // printed beside the login
};

constexpr std::array<DemoUser, 13> kUsers{{
    {"lan", "Nguyễn Thị Lan", "CVL", "staff", "chuyên viên Cục Việc làm / unit staff"},
    {"hung", "Trần Văn Hùng", "CVL", "unit_head", "Cục trưởng Cục Việc làm / unit head"},
    {"mai", "Lê Thị Mai", "HTQT", "icd_officer", "chuyên viên Vụ HTQT / ICD officer"},
    {"quang", "Phạm Minh Quang", "HTQT", "icd_head", "Vụ trưởng Vụ HTQT / ICD head"},
    {"thu", "Đỗ Thị Thu", "KHTC", "finance", "Vụ Kế hoạch – Tài chính / finance"},
    {"thanh", "Võ Văn Thành", "LDB", "leader", "Thứ trưởng / deputy minister (leader)"},
    {"binh", "Đặng Quốc Bình", "LDB", "leader", "Thứ trưởng / deputy minister (leader)"},
    {"admin", "Quản trị hệ thống", "VP", "admin", "quản trị / administrator"},
    {"ha", "Ngô Thu Hà", "VP", "auditor", "kiểm tra / auditor"},
    {"khanh", "Lý Văn Khánh", "QLLDNN", "staff", "chuyên viên Cục QLLĐNN / staff of another unit"},
    {"tuan", "Hoàng Anh Tuấn", "QLLDNN", "unit_head", "Cục trưởng Cục QLLĐNN / unit head of another unit"},
    {"nga", "Bùi Thị Nga", "VKHLD", "staff", "nghiên cứu viên Viện KHLĐXH / institute staff"},
    {"son", "Trịnh Ngọc Sơn", "VKHLD", "unit_head", "Viện trưởng Viện KHLĐXH / institute head"},
}};

struct DemoPartner {
  const char* type;
  const char* acronym;  // also how kPlanItems name it
  const char* name_vi;
  const char* name_en;
  const char* country;  // nullptr: an international body
  const char* notes;
};

constexpr std::array<DemoPartner, 26> kPartners{{
    {"un_agency", "ILO", "Tổ chức Lao động Quốc tế", "International Labour Organization", nullptr,
     "Tiêu chuẩn lao động, việc làm bền vững, an sinh xã hội."},
    {"un_agency", "UNICEF", "Quỹ Nhi đồng Liên Hợp Quốc", "United Nations Children's Fund", nullptr,
     "Bảo vệ trẻ em, phòng chống lao động trẻ em."},
    {"un_agency", "UNDP", "Chương trình Phát triển Liên Hợp Quốc",
     "United Nations Development Programme", nullptr, "Giảm nghèo đa chiều, bảo trợ xã hội."},
    {"un_agency", "UNFPA", "Quỹ Dân số Liên Hợp Quốc", "United Nations Population Fund", nullptr,
     "Già hóa dân số, bình đẳng giới."},
    {"un_agency", "UN Women", "Cơ quan Liên Hợp Quốc về Bình đẳng giới và Trao quyền cho Phụ nữ",
     "United Nations Entity for Gender Equality and the Empowerment of Women", nullptr,
     "Bình đẳng giới, lao động nữ di cư."},
    {"un_agency", "UNHCR", "Cao ủy Liên Hợp Quốc về Người tị nạn",
     "Office of the United Nations High Commissioner for Refugees", nullptr, ""},
    {"un_agency", "UNODC", "Văn phòng Liên Hợp Quốc về Ma túy và Tội phạm",
     "United Nations Office on Drugs and Crime", nullptr, "Phòng chống mua bán người."},
    {"un_agency", "IOM", "Tổ chức Di cư Quốc tế", "International Organization for Migration",
     nullptr, "Di cư lao động an toàn, hỗ trợ người lao động trở về."},
    {"un_agency", "WHO", "Tổ chức Y tế Thế giới", "World Health Organization", nullptr,
     "An toàn, vệ sinh lao động."},
    {"un_agency", "UNESCO", "Tổ chức Giáo dục, Khoa học và Văn hóa Liên Hợp Quốc",
     "United Nations Educational, Scientific and Cultural Organization", nullptr, ""},
    {"financial_institution", "WB", "Ngân hàng Thế giới", "World Bank", nullptr,
     "Vốn vay và hỗ trợ kỹ thuật về an sinh xã hội."},
    {"financial_institution", "ADB", "Ngân hàng Phát triển châu Á", "Asian Development Bank",
     nullptr, "Dự án giáo dục nghề nghiệp, kỹ năng."},
    {"financial_institution", "IMF", "Quỹ Tiền tệ Quốc tế", "International Monetary Fund", nullptr,
     ""},
    {"government", "MOEL", "Bộ Việc làm và Lao động Hàn Quốc",
     "Ministry of Employment and Labor of the Republic of Korea", "KR",
     "Chương trình cấp phép việc làm (EPS) đưa lao động Việt Nam sang Hàn Quốc."},
    {"government", "HRD Korea", "Cơ quan Phát triển nguồn nhân lực Hàn Quốc",
     "Human Resources Development Service of Korea", "KR",
     "Cơ quan thực hiện Chương trình EPS phía Hàn Quốc (kỳ thi tiếng Hàn EPS-TOPIK)."},
    {"government", "SECO", "Cục Kinh tế Liên bang Thụy Sĩ",
     "State Secretariat for Economic Affairs (Switzerland)", "CH",
     "Hợp tác phát triển kinh tế, kỹ năng và điều kiện lao động."},
    {"government", "IM Japan", "Tổ chức Phát triển Nhân lực Quốc tế Nhật Bản",
     "International Manpower Development Organization, Japan", "JP",
     "Tiếp nhận thực tập sinh kỹ năng Việt Nam."},
    {"government", "JICA", "Cơ quan Hợp tác Quốc tế Nhật Bản",
     "Japan International Cooperation Agency", "JP", ""},
    {"government", "KOICA", "Cơ quan Hợp tác Quốc tế Hàn Quốc",
     "Korea International Cooperation Agency", "KR", ""},
    {"government", "GIZ", "Tổ chức Hợp tác Quốc tế Đức",
     "Deutsche Gesellschaft für Internationale Zusammenarbeit", "DE",
     "Giáo dục nghề nghiệp, thông tin thị trường lao động."},
    {"government", "DFAT", "Bộ Ngoại giao và Thương mại Australia",
     "Department of Foreign Affairs and Trade (Australia)", "AU", ""},
    {"regional_body", "ASEC", "Ban Thư ký ASEAN", "ASEAN Secretariat", nullptr,
     "Hội nghị Quan chức lao động cao cấp ASEAN (SLOM), Ủy ban ASEAN về lao động di cư (ACMW)."},
    {"regional_body", "EU", "Phái đoàn Liên minh châu Âu tại Việt Nam",
     "Delegation of the European Union to Viet Nam", nullptr, ""},
    {"ngo", "", "Tổ chức Plan International", "Plan International", nullptr,
     "Tổ chức phi chính phủ nước ngoài; trẻ em và trẻ em gái."},
    {"ngo", "", "Tổ chức Cứu trợ Trẻ em", "Save the Children International", nullptr,
     "Tổ chức phi chính phủ nước ngoài."},
    {"ngo", "", "Tổ chức Oxfam", "Oxfam", nullptr, "Tổ chức phi chính phủ nước ngoài."},
}};

struct DemoPlanItem {
  const char* unit;
  int year_offset;  // 0: this year, -1: last year
  const char* kind;
  const char* title;
  const char* partner;  // a kPartners acronym
  const char* country;  // nullptr: none
  int quarter;          // 0: none
  double amount;        // < 0: no budget
  const char* currency;
};

constexpr std::array<DemoPlanItem, 11> kPlanItems{{
    {"CVL", 0, "outbound_delegation",
     "Đoàn công tác trao đổi kinh nghiệm về dịch vụ việc làm công tại Hàn Quốc", "MOEL", "KR", 2,
     450'000'000, "VND"},
    {"CVL", 0, "conference", "Hội thảo quốc tế về thị trường lao động và việc làm xanh", "ILO",
     "VN", 3, 350'000'000, "VND"},
    {"CVL", 0, "agreement", "Bản ghi nhớ hợp tác về thông tin thị trường lao động", "GIZ", "DE", 4,
     -1, ""},
    {"CVL", -1, "inbound_visit", "Đón đoàn chuyên gia ILO về bảo hiểm thất nghiệp", "ILO", nullptr,
     1, 60'000'000, "VND"},
    {"CVL", -1, "aid", "Dự án hỗ trợ kỹ thuật nâng cao năng lực trung tâm dịch vụ việc làm", "SECO",
     "CH", 2, 1'200'000, "USD"},
    {"QLLDNN", 0, "inbound_visit",
     "Đón đoàn IM Japan làm việc về chương trình thực tập sinh kỹ năng", "IM Japan", "JP", 1,
     80'000'000, "VND"},
    {"QLLDNN", 0, "agreement", "Gia hạn Bản ghi nhớ về Chương trình cấp phép việc làm (EPS)",
     "MOEL", "KR", 3, -1, ""},
    {"QLLDNN", -1, "outbound_delegation",
     "Đoàn công tác làm việc với HRD Korea về kỳ thi tiếng Hàn EPS-TOPIK", "HRD Korea", "KR", 4,
     520'000'000, "VND"},
    {"VKHLD", 0, "conference", "Hội thảo khu vực ASEAN về di cư lao động an toàn", "ASEC", "VN", 4,
     600'000'000, "VND"},
    {"VKHLD", 0, "aid", "Nghiên cứu chính sách bảo trợ xã hội thích ứng với biến đổi khí hậu",
     "UNDP", nullptr, 0, 150'000, "USD"},
    {"VKHLD", -1, "outbound_delegation", "Tham dự Hội nghị Lao động Quốc tế tại Giơ-ne-vơ", "ILO",
     "CH", 2, 700'000'000, "VND"},
}};

// One password for every demo login, printed by scripts/run. Demo data only.
constexpr const char* kDemoPassword = "attache-demo-2026";

}  // namespace

static void PrintLogins(std::ostream& out) {
  out << "Tài khoản mẫu / demo logins (mật khẩu / password: " << kDemoPassword << "):\n";
  for (const DemoUser& u : kUsers) out << "  " << u.username << "\t" << u.what << "\n";
}

// The partners, and the demo units' plans for this year and last (in ministry time, UTC+7).
// Partners are entered by the ICD officer; plan items by the unit's staff where the demo has
// one, else by the ICD officer (who may plan for any unit).
static Status SeedPartnersAndPlans(store::Db& db, std::chrono::system_clock::time_point now) {
  // The partners were listed before the three years of demo proposals that name them.
  const std::string at = FormatRfc3339(now - std::chrono::days(1100));
  const int year = std::stoi(FormatRfc3339(now + std::chrono::hours(7)).substr(0, 4));
  const auto icd = store::FindUserByName(db, "mai");
  const auto staff = store::FindUserByName(db, "lan");
  if (!icd || !staff)
    return Status::NotFound(
        "Thiếu người dùng mẫu mai, lan / the demo users mai and lan are missing");
  std::map<std::string, int64_t> partner_ids;
  for (const DemoPartner& d : kPartners) {
    store::Partner p;
    p.type = d.type;
    p.acronym = d.acronym;
    p.name_vi = d.name_vi;
    p.name_en = d.name_en;
    if (d.country) p.country = d.country;
    p.notes = d.notes;
    p.created_by = icd->id;
    p.created_at = at;
    const std::string key = *d.acronym ? d.acronym : d.name_en;
    if (Status s = store::AddPartner(db, p, &partner_ids[key]); !s.ok()) return s;
  }
  std::map<std::string, int64_t> unit_ids;
  for (const auto& u : store::ListUnits(db)) unit_ids[u.code] = u.id;
  for (const DemoPlanItem& d : kPlanItems) {
    store::PlanItem item;
    item.unit_id = unit_ids.at(d.unit);
    item.year = year + d.year_offset;
    item.kind = d.kind;
    item.title = d.title;
    item.partner_id = partner_ids.at(d.partner);
    if (d.country) item.country = d.country;
    if (d.quarter) item.quarter = d.quarter;
    if (d.amount >= 0) item.budget = store::Money{d.amount, d.currency};
    item.created_by = item.unit_id == staff->unit_id ? staff->id : icd->id;
    // Written as the year began (or now, on its first day).
    item.created_at = std::min(std::to_string(item.year) + "-01-02T02:00:00Z", FormatRfc3339(now));
    if (Status s = store::AddPlanItem(db, item, nullptr); !s.ok()) return s;
  }
  return Status::Ok();
}

static void PrintPartnersAndPlans(std::ostream& out) {
  out << "Đã tạo dữ liệu mẫu / demo data loaded: " << kPartners.size() << " đối tác / partners, "
      << kPlanItems.size() << " mục kế hoạch / plan items\n";
}

Status SeedDemo(store::Db& db, const DemoRules& rules, std::ostream& out) {
  if (!store::ListUnits(db).empty()) {
    out << "Dữ liệu mẫu đã có / demo data already present\n";
    if (!store::FindUserByName(db, kUsers[0].username)) return Status::Ok();
    // A demo database made before partners existed gets them (once: then it has partners).
    if (store::ListPartners(db, {}).empty()) {
      store::Txn txn(db);
      if (Status s = SeedPartnersAndPlans(db, SystemClock().Now()); !s.ok()) return s;
      txn.Commit();
      PrintPartnersAndPlans(out);
    }
    PrintLogins(out);
    return Status::Ok();
  }
  // All or nothing: a seed that fails half-way leaves an empty database to seed again.
  store::Txn txn(db);
  for (const DemoUnit& u : kUnits) {
    std::optional<std::string> parent;
    if (u.parent) parent = u.parent;
    if (Status s = store::AddUnit(db, {0, u.code, u.name_vi, u.name_en, std::nullopt}, parent);
        !s.ok())
      return s;
  }
  std::string hash;
  if (Status s = service::HashPassword(kDemoPassword, &hash); !s.ok()) return s;
  for (const DemoUser& u : kUsers) {
    int64_t id = 0;
    if (Status s = store::AddUser(db, {0, u.username, u.display_name, 0, u.unit, true, {u.role}}, &id);
        !s.ok())
      return s;
    if (Status s = store::SetPasswordHash(db, id, hash); !s.ok()) return s;
  }
  const auto now = SystemClock().Now();
  if (Status s = SeedPartnersAndPlans(db, now); !s.ok()) return s;
  int proposals = 0;
  if (Status s = SeedDemoProposals(db, rules, now, &proposals); !s.ok()) return s;
  txn.Commit();
  out << "Đã tạo dữ liệu mẫu / demo data loaded: " << kUnits.size() << " đơn vị / units, "
      << kUsers.size() << " người dùng / users\n";
  PrintPartnersAndPlans(out);
  out << "Đã tạo " << proposals << " hồ sơ mẫu đủ năm loại, trong ba năm qua / " << proposals
      << " demo proposals of the five kinds, over the last three years\n";
  PrintLogins(out);
  return Status::Ok();
}

}  // namespace attache::demo
