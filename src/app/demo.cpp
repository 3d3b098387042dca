#include "attache/app/demo.h"

#include <array>

#include "attache/service/passwords.h"
#include "attache/store/accounts.h"
#include "attache/store/units.h"
#include "attache/store/users.h"

namespace attache::app {
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

constexpr std::array<DemoUser, 9> kUsers{{
    {"lan", "Nguyễn Thị Lan", "CVL", "staff", "chuyên viên Cục Việc làm / unit staff"},
    {"hung", "Trần Văn Hùng", "CVL", "unit_head", "Cục trưởng Cục Việc làm / unit head"},
    {"mai", "Lê Thị Mai", "HTQT", "icd_officer", "chuyên viên Vụ HTQT / ICD officer"},
    {"quang", "Phạm Minh Quang", "HTQT", "icd_head", "Vụ trưởng Vụ HTQT / ICD head"},
    {"thu", "Đỗ Thị Thu", "KHTC", "finance", "Vụ Kế hoạch – Tài chính / finance"},
    {"thanh", "Võ Văn Thành", "LDB", "leader", "Thứ trưởng / deputy minister (leader)"},
    {"binh", "Đặng Quốc Bình", "LDB", "leader", "Thứ trưởng / deputy minister (leader)"},
    {"admin", "Quản trị hệ thống", "VP", "admin", "quản trị / administrator"},
    {"ha", "Ngô Thu Hà", "VP", "auditor", "kiểm tra / auditor"},
}};

// One password for every demo login, printed by scripts/run. Demo data only.
constexpr const char* kDemoPassword = "attache-demo-2026";

}  // namespace

static void PrintLogins(std::ostream& out) {
  out << "Tài khoản mẫu / demo logins (mật khẩu / password: " << kDemoPassword << "):\n";
  for (const DemoUser& u : kUsers) out << "  " << u.username << "\t" << u.what << "\n";
}

Status SeedDemo(store::Db& db, std::ostream& out) {
  if (!store::ListUnits(db).empty()) {
    out << "Dữ liệu mẫu đã có / demo data already present\n";
    if (store::FindUserByName(db, kUsers[0].username)) PrintLogins(out);
    return Status::Ok();
  }
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
  out << "Đã tạo dữ liệu mẫu / demo data loaded: " << kUnits.size() << " đơn vị / units, "
      << kUsers.size() << " người dùng / users\n";
  PrintLogins(out);
  return Status::Ok();
}

}  // namespace attache::app
