#include "attache/app/demo.h"

#include <array>

#include "attache/store/units.h"

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

}  // namespace

Status SeedDemo(store::Db& db, std::ostream& out) {
  if (!store::ListUnits(db).empty()) {
    out << "Dữ liệu mẫu đã có / demo data already present\n";
    return Status::Ok();
  }
  for (const DemoUnit& u : kUnits) {
    std::optional<std::string> parent;
    if (u.parent) parent = u.parent;
    if (Status s = store::AddUnit(db, {0, u.code, u.name_vi, u.name_en, std::nullopt}, parent);
        !s.ok())
      return s;
  }
  out << "Đã tạo dữ liệu mẫu / demo data loaded: " << kUnits.size() << " đơn vị / units\n";
  return Status::Ok();
}

}  // namespace attache::app
