// What the steps of the demo proposals carry (demo_player.h): the comment each step's actor
// writes, in the words a ministry would use, and the inputs a transition asks for (decision
// numbers, dates, the new dates of a postponement, an extension's end).
#include <map>

#include "demo_player.h"

namespace attache::demo::play {
namespace {

using nlohmann::json;
using std::chrono::days;

constexpr int kPostponeDays = 60;  // how far a postponement moves an activity

Date AddMonths(Date d, int months) {
  std::chrono::year_month_day ymd(d);
  ymd += std::chrono::months(months);
  if (!ymd.ok()) ymd = ymd.year() / ymd.month() / std::chrono::last;
  return Date(ymd);
}

}  // namespace

// The reason or note a step carries; `who` is the first role of the transition.
std::optional<std::string> CommentFor(const std::string& action, const std::string& who,
                                      size_t variant) {
  static const std::map<std::string, std::vector<std::string>> comments = {
      {"submit", {"Kính trình lãnh đạo đơn vị xem xét.", "Kính trình, hồ sơ kèm theo."}},
      {"resubmit", {"Đã bổ sung, hoàn thiện hồ sơ theo ý kiến, kính trình lại."}},
      {"endorse",
       {"Đồng ý, đề nghị Vụ HTQT thẩm định.", "Đơn vị thống nhất, đề nghị Vụ HTQT xem xét."}},
      {"return/unit_head",
       {"Đề nghị bổ sung chương trình làm việc chi tiết và dự toán kinh phí.",
        "Đề nghị rà soát lại thành phần và mục đích, nêu rõ kết quả dự kiến."}},
      {"return/icd_officer",
       {"Hồ sơ chưa đầy đủ: thiếu bản dịch thư mời và chương trình làm việc chi tiết; đề nghị "
        "hoàn thiện, gửi lại.",
        "Đề nghị làm rõ nguồn kinh phí và sự phù hợp với kế hoạch đối ngoại năm của đơn vị."}},
      {"return/finance",
       {"Dự toán chưa đúng định mức chi đón tiếp khách nước ngoài và đi công tác nước ngoài; "
        "đề nghị rà soát lại."}},
      {"return/leader", {"Đề nghị rút gọn thành phần và làm rõ hiệu quả của hoạt động."}},
      {"consult", {"Xin ý kiến các cơ quan liên quan theo quy định."}},
      {"send_for_consultation",
       {"Lấy ý kiến Bộ Ngoại giao và các cơ quan liên quan theo Luật Thỏa thuận quốc tế."}},
      {"start_negotiation", {"Chuyển đàm phán văn bản với phía đối tác."}},
      {"forward",
       {"Hồ sơ đầy đủ, đủ điều kiện trình.", "Đã đủ ý kiến các cơ quan, đề nghị trình."}},
      {"forward_simplified", {"Khoản viện trợ dưới 200.000 USD, áp dụng thủ tục rút gọn."}},
      {"give_opinion",
       {"Đồng ý về kinh phí; chi theo chế độ hiện hành, trong dự toán được giao.",
        "Thống nhất nguồn kinh phí; đề nghị đơn vị thực hiện tiết kiệm, đúng định mức."}},
      {"recommend",
       {"Vụ HTQT đã thẩm định, hồ sơ đầy đủ; đề nghị Lãnh đạo Bộ xem xét, phê duyệt.",
        "Các cơ quan liên quan đều thống nhất; kính trình Lãnh đạo Bộ cho ý kiến chỉ đạo."}},
      {"send_back", {"Đề nghị làm rõ ý kiến của các cơ quan trước khi trình."}},
      {"approve", {"Đồng ý.", "Đồng ý, giao đơn vị triển khai theo quy định."}},
      {"reject",
       {"Không đồng ý: chưa thật cần thiết, trùng với hoạt động đã có trong kế hoạch.",
        "Không đồng ý do nội dung chưa phù hợp trong giai đoạn hiện nay."}},
      {"withdraw",
       {"Phía đối tác thông báo hủy chương trình; đơn vị xin rút hồ sơ.",
        "Đơn vị điều chỉnh kế hoạch, xin rút hồ sơ để trình lại sau."}},
      {"postpone",
       {"Phía bạn đề nghị lùi thời gian; hoãn theo phương án B, thời gian mới như trên.",
        "Hoãn do trùng lịch công tác của Lãnh đạo Bộ; thời gian dự kiến mới như trên."}},
      {"reschedule", {"Đã thống nhất lại thời gian với phía đối tác."}},
      {"cancel",
       {"Hủy do phía đối tác không bố trí được chương trình làm việc.",
        "Hủy theo đề nghị của đơn vị: hoạt động không còn phù hợp."}},
      {"record_pm_approval", {"Thủ tướng Chính phủ đã đồng ý."}},
      {"record_pm_rejection", {"Thủ tướng Chính phủ không đồng ý cho phép ký."}},
      {"request_adjustment",
       {"Đề nghị điều chỉnh hoạt động và phân bổ kinh phí giữa các hợp phần theo đề xuất của "
        "nhà tài trợ."}},
      {"request_extension",
       {"Đề nghị gia hạn thời gian thực hiện thêm 12 tháng do chậm giải ngân."}},
      {"refuse_adjustment", {"Không đồng ý điều chỉnh: đề nghị giữ nguyên văn kiện đã phê duyệt."}},
      {"refuse_extension", {"Không đồng ý gia hạn; đề nghị hoàn thành trong thời gian đã duyệt."}},
      {"suspend", {"Nhà tài trợ tạm dừng giải ngân để rà soát tiến độ."}},
      {"resume", {"Nhà tài trợ tiếp tục giải ngân."}},
      {"terminate", {"Phía đối tác đề nghị chấm dứt thỏa thuận trước thời hạn."}},
      {"file_report", {"Nộp báo cáo kết quả kèm theo."}},
  };
  auto it = comments.find(action + "/" + who);
  if (it == comments.end()) it = comments.find(action);
  if (it == comments.end()) return std::nullopt;
  return it->second[variant % it->second.size()];
}

std::string Player::DecisionNumber(Date day, const std::string& kind) {
  // Before the ministries merged in March 2025 the decisions were the labour ministry's.
  const bool before_merger = day < Date(std::chrono::year(2025) / 3 / 1);
  const std::string issuer = before_merger ? "LĐTBXH" : "BNV";
  const int n = 120 + 37 * ++decisions_ % 2900;
  if (kind == "agreement") return std::to_string(n) + "/" + issuer + "-HTQT";
  return std::to_string(n) + "/QĐ-" + issuer;
}

json Player::InputsFor(const Run& run, const std::string& action, Date day) {
  const std::string& kind = run.row.kind;
  const json& f = run.row.fields;
  json in = json::object();
  auto shift = [&](const std::string& field, int n) {
    if (auto d = DateField(f, field)) in[field] = Iso(*d + days(n));
  };
  if (action == "approve") {
    in["decision_no"] = DecisionNumber(day, kind);
    if (kind == "aid") in["approved_on"] = Iso(day);
  } else if (action == "record_pm_approval" || action == "record_pm_rejection") {
    in["pm_decision_no"] = std::to_string(300 + 11 * ++decisions_ % 1500) + "/TTg-QHQT";
    if (kind == "conference" && action == "record_pm_approval") in["pm_decision_on"] = Iso(day);
  } else if (action == "postpone") {
    static const std::map<std::string, std::vector<std::string>> dates = {
        {"outbound_delegation", {"depart_on", "return_on"}},
        {"inbound_visit", {"arrive_on", "leave_on"}},
        {"conference", {"start_on", "end_on"}},
        {"aid", {"planned_start_on", "planned_end_on"}},
        {"agreement", {"proposed_signing_on"}}};
    for (const std::string& field : dates.at(kind)) shift(field, kPostponeDays);
  } else if (action == "notify_authorities") {
    in["notified_on"] = Iso(day);
  } else if (action == "start") {
    if (kind == "aid") in["started_on"] = Iso(day);
  } else if (action == "request_adjustment") {
    in["adjustment_summary"] =
        "Điều chỉnh phân bổ kinh phí giữa các hợp phần, bổ sung hoạt động tập huấn tại địa "
        "phương; tổng giá trị viện trợ không đổi.";
  } else if (action == "request_extension") {
    if (auto end = DateField(f, "planned_end_on"))
      in["requested_end_on"] = Iso(AddMonths(*end, 12));
  } else if (action == "approve_adjustment") {
    in["change_decision_no"] = DecisionNumber(day, kind);
  } else if (action == "approve_extension") {
    in["change_decision_no"] = DecisionNumber(day, kind);
    if (f.contains("requested_end_on")) in["planned_end_on"] = f["requested_end_on"];
  } else if (action == "finish") {
    in["ended_on"] = Iso(day);
  } else if (action == "sign") {
    in["signed_on"] = Iso(day);
    in["signing_format"] = run.index % 5 == 2 ? "online" : "in_person";
  } else if (action == "enter_into_force") {
    in["in_force_on"] = Iso(day);
    if (f.contains("term_months") && f["term_months"].is_number_integer())
      in["expires_on"] = Iso(AddMonths(day, f["term_months"].get<int>()));
  } else if (action == "extend") {
    if (auto end = DateField(f, "expires_on")) in["expires_on"] = Iso(AddMonths(*end, 36));
    in["extension_decision_no"] = DecisionNumber(day, kind);
  } else if (action == "expire") {
    in["ended_on"] = f.value("expires_on", Iso(day));
  } else if (action == "terminate") {
    in["ended_on"] = Iso(day);
  }
  return in;
}

}  // namespace attache::demo::play
