// The demo proposals: what each is about and how far it has gone. Data only (the format is in
// demo/demo_proposals.h). Between them they reach every state of every kind; those still open
// wait for each role of the demo, and some of them are overdue.
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "attache/demo/demo_proposals.h"

namespace attache::demo {
namespace {

using nlohmann::json;
using Strings = std::vector<std::string>;

// A date `days` after the day the proposal was drafted, as DemoProposal::fields writes it.
std::string After(int days) {
  std::string out("+");
  out += std::to_string(days);
  return out;
}

json Money(double amount, const char* currency) {
  return {{"amount", amount}, {"currency", currency}};
}

// ---- Outbound delegations (đoàn ra)

json Member(const char* name, const char* position, const char* unit, const char* role) {
  return {{"full_name", name}, {"position", position}, {"unit", unit}, {"role", role}};
}

json Team(const std::string& unit) {
  if (unit == "QLLDNN")
    return {Member("Đinh Văn Thắng", "Phó Cục trưởng", "Cục Quản lý lao động ngoài nước", "head"),
            Member("Vũ Thị Thanh Hà", "Trưởng phòng Thị trường châu Á – Thái Bình Dương",
                   "Cục Quản lý lao động ngoài nước", "member"),
            Member("Ngô Quang Vinh", "Chuyên viên chính", "Cục Quản lý lao động ngoài nước",
                   "interpreter")};
  if (unit == "VKHLD")
    return {Member("PGS.TS. Hoàng Thị Minh", "Phó Viện trưởng", "Viện Khoa học Lao động và Xã hội",
                   "head"),
            Member("TS. Đào Quang Huy", "Trưởng ban Nghiên cứu chính sách việc làm",
                   "Viện Khoa học Lao động và Xã hội", "member")};
  return {Member("Nguyễn Văn Hải", "Phó Cục trưởng", "Cục Việc làm", "head"),
          Member("Trần Thị Hương", "Trưởng phòng Chính sách việc làm", "Cục Việc làm", "member"),
          Member("Phạm Quốc Toàn", "Chuyên viên chính", "Cục Việc làm", "member"),
          Member("Lê Minh Đức", "Chuyên viên", "Vụ Hợp tác quốc tế", "secretary")};
}

struct Trip {
  Strings countries{};
  Strings cities{};
  std::string partner{};       // a demo partner, or
  std::string organisation{};  // the inviting body's name
  std::string purpose{};
  int depart = 60;  // days after it was drafted
  int nights = 6;
  Strings funding = {"host"};
  double budget_vnd = 0;
  std::string team = "CVL";
  bool in_plan = true;
  bool partial = false;  // a draft still being written: no members, no programme yet
};

json Fields(const Trip& t) {
  json f = {{"destination_countries", t.countries},
            {"destination_cities", t.cities},
            {"purpose", t.purpose},
            {"depart_on", After(t.depart)},
            {"return_on", After(t.depart + t.nights)},
            {"funding_sources", t.funding},
            {"in_annual_plan", t.in_plan},
            {"passport_type", "official"},
            {"invitation_language", "en"}};
  if (!t.partner.empty()) f["inviting_partner"] = t.partner;
  if (!t.organisation.empty()) f["inviting_organisation"] = t.organisation;
  if (t.budget_vnd > 0) f["budget_estimate"] = Money(t.budget_vnd, "VND");
  if (!t.partial) {
    f["members"] = Team(t.team);
    f["programme_summary"] =
        "Ngày 1: làm việc với cơ quan mời. Ngày 2–3: khảo sát thực tế, "
        "trao đổi chuyên môn. Ngày cuối: tổng kết, thống nhất các bước tiếp theo.";
  }
  return f;
}

// ---- Inbound visits (đoàn vào)

json Guest(const char* name, const char* nationality, const char* position,
           const char* organisation, const char* passport) {
  return {{"full_name", name},
          {"nationality", nationality},
          {"position", position},
          {"organisation", organisation},
          {"passport_no", passport}};
}

struct Visit {
  std::string partner{};
  std::string organisation{};
  std::string country{};
  // A vector, not a json: `.guests = {Guest(...)}` with one guest made a json array with GCC
  // but the guest object itself with clang (brace-initialising a json from one json).
  std::vector<json> guests{};
  std::string rank = "director";
  std::string purpose{};
  Strings places = {"Hà Nội"};
  int arrive = 45;
  int nights = 4;
  bool visa = false;
  Strings funding = {"partner"};
  double budget_vnd = 0;
  bool in_plan = true;
  bool partial = false;
};

json Fields(const Visit& v) {
  json f = {{"visitor_country", v.country}, {"highest_rank", v.rank},
            {"purpose", v.purpose},         {"places_visited", v.places},
            {"arrive_on", After(v.arrive)}, {"leave_on", After(v.arrive + v.nights)},
            {"visa_needed", v.visa},        {"funding_sources", v.funding},
            {"in_annual_plan", v.in_plan}};
  if (!v.partner.empty()) f["visiting_partner"] = v.partner;
  if (!v.organisation.empty()) f["visiting_organisation"] = v.organisation;
  if (v.budget_vnd > 0) f["budget_estimate"] = Money(v.budget_vnd, "VND");
  if (!v.partial) {
    f["guests"] = v.guests;
    f["programme_summary"] =
        "Làm việc với Lãnh đạo Bộ và đơn vị chủ trì; trao đổi chuyên môn với "
        "các đơn vị liên quan; khảo sát thực tế tại địa phương.";
  }
  return f;
}

// ---- Conferences and workshops (hội nghị, hội thảo quốc tế)

struct Meeting {
  std::string type = "workshop";
  std::string title_en{};
  std::string topic{};
  std::string format = "in_person";  // in_person, online, hybrid
  std::string venue = "Hà Nội";
  int start = 60;
  int length = 2;
  Strings organisers = {"Cục Việc làm"};
  Strings co_organisers{};
  std::string partner{};
  int foreign = 30;
  int vietnamese = 80;
  std::string rank = "director";
  Strings sensitive{};
  Strings funding = {"partner"};
  double budget_vnd = 0;
  bool in_plan = true;
  bool partial = false;
};

json Fields(const Meeting& m) {
  json f = {{"event_type", m.type},
            {"title_en", m.title_en},
            {"topic", m.topic},
            {"format", m.format},
            {"start_on", After(m.start)},
            {"end_on", After(m.start + m.length - 1)},
            {"organisers", m.organisers},
            {"highest_rank", m.rank},
            {"funding_sources", m.funding},
            {"in_annual_plan", m.in_plan}};
  if (m.format != "online") f["venue"] = m.venue;
  if (m.format != "in_person") {
    f["opens_at"] = {{"at", After(m.start) + "T09:00"}, {"tz", "Asia/Ho_Chi_Minh"}};
    f["participant_time_zones"] = {"Asia/Ho_Chi_Minh", "Asia/Bangkok", "Europe/Zurich"};
  }
  if (!m.co_organisers.empty()) f["foreign_co_organisers"] = m.co_organisers;
  if (!m.partner.empty()) f["co_organiser_partner"] = m.partner;
  if (!m.sensitive.empty()) f["sensitive_topics"] = m.sensitive;
  if (m.budget_vnd > 0) f["budget_estimate"] = Money(m.budget_vnd, "VND");
  if (!m.partial) {
    f["foreign_participants"] = m.foreign;
    f["vietnamese_participants"] = m.vietnamese;
  }
  return f;
}

// ---- Foreign aid (tiếp nhận viện trợ)

struct Grant {
  std::string type = "non_oda_grant";  // oda, non_oda_grant, ngo_aid, emergency_aid
  std::string donor{};
  std::string name_vi{};
  std::string name_en{};
  Strings sectors{};
  Strings locations = {"Hà Nội"};
  int start = 90;  // planned, days after it was drafted
  int end = 820;
  double usd = 0;
  std::string currency = "USD";  // of the amount as committed
  double counterpart_vnd = 0;    // from the state budget
  std::string implementing_unit = "Cục Việc làm";
  bool partial = false;
};

json Fields(const Grant& g) {
  constexpr double kVndPerUsd = 25'400;
  // US dollars per unit of the currency the donor committed in.
  const double usd_per_unit = g.currency == "EUR" ? 1.08 : g.currency == "AUD" ? 0.66 : 1.0;
  const double amount = std::round(g.usd / usd_per_unit / 1000) * 1000;
  json f = {{"aid_type", g.type},
            {"donor", g.donor},
            {"project_name_vi", g.name_vi},
            {"project_name_en", g.name_en},
            {"sectors", g.sectors},
            {"locations", g.locations},
            {"planned_start_on", After(g.start)},
            {"planned_end_on", After(g.end)},
            {"amount", Money(amount, g.currency.c_str())},
            {"amount_usd", g.usd},
            {"amount_vnd", g.usd * kVndPerUsd}};
  if (g.counterpart_vnd > 0) {
    f["counterpart_funds"] = Money(g.counterpart_vnd, "VND");
    f["counterpart_sources"] = {"state_budget"};
  }
  if (!g.partial) {
    f["implementing_unit"] = g.implementing_unit;
    f["management_arrangement"] =
        "Đơn vị thực hiện thành lập Ban quản lý dự án; nhà tài trợ giải ngân theo kế hoạch năm "
        "được phê duyệt; báo cáo định kỳ 6 tháng gửi Vụ HTQT và Vụ Kế hoạch – Tài chính.";
  }
  return f;
}

// ---- International agreements (thỏa thuận quốc tế)

struct Accord {
  std::string type = "mou";  // mou, cooperation_agreement, letter_of_intent, cooperation_plan
  std::string partner{};
  std::string country{};
  std::string level = "deputy_minister";
  std::string scope{};
  bool urgent = false;
  std::string urgency_reason{};
  int signing = 120;  // proposed signing date, days after it was drafted
  int term_months = 60;
  bool partial = false;
};

json Fields(const Accord& a) {
  json f = {{"agreement_type", a.type},    {"partner", a.partner},
            {"country", a.country},        {"signing_level", a.level},
            {"urgent", a.urgent},          {"proposed_signing_on", After(a.signing)},
            {"term_months", a.term_months}};
  if (!a.urgency_reason.empty()) f["urgency_reason"] = a.urgency_reason;
  if (!a.partial) f["scope"] = a.scope;
  return f;
}

// The usual roads. A consultation round ("consult ask answer forward") may be left out where
// ICD judges the dossier needs none; finance gives its opinion where the state budget pays.
constexpr const char* kToIcd = "submit endorse";

std::string Route(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) out.append(out.empty() ? "" : " ").append(p);
  return out;
}

void AddTrips(std::vector<DemoProposal>* out) {
  const std::string done = " depart@depart_on complete@return_on file_report+9";
  out->push_back(
      {.kind = "outbound_delegation",
       .creator = "lan",
       .title = "Đoàn công tác của Cục Việc làm tại Hàn Quốc về chương trình EPS",
       .drafted_days_ago = 1010,
       .fields =
           Fields(Trip{.countries = {"KR"},
                       .cities = {"Seoul", "Sejong"},
                       .partner = "MOEL",
                       .purpose = "Làm việc với Bộ Việc làm và Lao động Hàn Quốc về chỉ tiêu "
                                  "tiếp nhận lao động EPS và hỗ trợ lao động hết hạn hợp đồng.",
                       .depart = 75,
                       .nights = 8,
                       .funding = {"state_budget"},
                       .budget_vnd = 385'000'000}),
       .route =
           Route({kToIcd, "consult ask answer forward give_opinion recommend approve"}) + done});
  out->push_back(
      {.kind = "outbound_delegation",
       .creator = "nga",
       .title = "Tham dự Hội nghị Lao động Quốc tế lần thứ 113 tại Giơ-ne-vơ",
       .drafted_days_ago = 630,
       .fields = Fields(Trip{.countries = {"CH"},
                             .cities = {"Giơ-ne-vơ"},
                             .partner = "ILO",
                             .purpose = "Tham dự Hội nghị Lao động Quốc tế, phiên thảo luận về "
                                        "kinh tế nền tảng và an toàn sinh học tại nơi làm việc.",
                             .depart = 90,
                             .nights = 12,
                             .funding = {"state_budget"},
                             .budget_vnd = 720'000'000,
                             .team = "VKHLD"}),
       .route = Route({kToIcd, "forward give_opinion recommend approve"}) + done,
       .leader = "binh",
       .plan_item = "Tham dự Hội nghị Lao động Quốc tế tại Giơ-ne-vơ"});
  out->push_back(
      {.kind = "outbound_delegation",
       .creator = "lan",
       .title = "Đoàn công tác học tập kinh nghiệm về bảo hiểm thất nghiệp tại Nhật Bản",
       .drafted_days_ago = 760,
       .fields = Fields(Trip{.countries = {"JP"},
                             .cities = {"Tô-ky-ô"},
                             .partner = "JICA",
                             .purpose = "Tìm hiểu hệ thống bảo hiểm thất nghiệp và dịch vụ việc "
                                        "làm công Hello Work của Nhật Bản.",
                             .depart = 50,
                             .nights = 7,
                             .funding = {"host"}}),
       .route = Route({kToIcd, "consult ask answer forward recommend approve"}) + done});
  out->push_back(
      {.kind = "outbound_delegation",
       .creator = "lan",
       .title = "Tham dự Hội nghị Quan chức lao động cao cấp ASEAN (SLOM) tại Ma-lai-xi-a",
       .drafted_days_ago = 470,
       .fields = Fields(Trip{.countries = {"MY"},
                             .cities = {"Kuala Lumpur"},
                             .partner = "ASEC",
                             .purpose = "Tham dự Hội nghị SLOM, thông qua Kế hoạch công tác về "
                                        "lao động ASEAN giai đoạn 2026–2030.",
                             .depart = 45,
                             .nights = 4,
                             .funding = {"state_budget"},
                             .budget_vnd = 210'000'000}),
       .route = Route({kToIcd, "forward give_opinion recommend approve"}) + done});
  out->push_back(
      {.kind = "outbound_delegation",
       .creator = "khanh",
       .title = "Đoàn công tác làm việc với HRD Korea về kỳ thi tiếng Hàn EPS-TOPIK",
       .drafted_days_ago = 400,
       .fields =
           Fields(Trip{.countries = {"KR"},
                       .cities = {"Ulsan", "Seoul"},
                       .partner = "HRD Korea",
                       .purpose = "Thống nhất lịch thi EPS-TOPIK trên máy tính và thi tay "
                                  "nghề năm tới; trao đổi về tuyển chọn lao động ngành đóng tàu.",
                       .depart = 45,
                       .nights = 6,
                       .funding = {"state_budget"},
                       .budget_vnd = 330'000'000,
                       .team = "QLLDNN"}),
       .route = Route({kToIcd, "consult ask answer forward give_opinion recommend approve"}) + done,
       .leader = "binh",
       .plan_item = "Đoàn công tác làm việc với HRD Korea về kỳ thi tiếng Hàn EPS-TOPIK"});
  // Back, report overdue (15 days after return).
  out->push_back(
      {.kind = "outbound_delegation",
       .creator = "lan",
       .title = "Đoàn công tác trao đổi kinh nghiệm về dịch vụ việc làm công tại Hàn Quốc",
       .drafted_days_ago = 150,
       .fields = Fields(Trip{.countries = {"KR"},
                             .cities = {"Seoul", "Daejeon"},
                             .partner = "MOEL",
                             .purpose = "Trao đổi kinh nghiệm vận hành trung tâm dịch vụ việc làm "
                                        "công và sàn giao dịch việc làm trực tuyến.",
                             .depart = 100,
                             .nights = 7,
                             .funding = {"state_budget"},
                             .budget_vnd = 450'000'000}),
       .route = Route({kToIcd, "forward give_opinion recommend approve",
                       "depart@depart_on complete@return_on"}),
       .plan_item = "Đoàn công tác trao đổi kinh nghiệm về dịch vụ việc làm công tại Hàn Quốc"});
  out->push_back({.kind = "outbound_delegation",
                  .creator = "khanh",
                  .title = "Đoàn công tác khảo sát thị trường lao động tại Ru-ma-ni và Hung-ga-ri",
                  .drafted_days_ago = 72,
                  .fields = Fields(Trip{
                      .countries = {"RO", "HU"},
                      .cities = {"Bu-ca-rét", "Bu-đa-pét"},
                      .organisation = "Bộ Lao động và Đoàn kết xã hội Ru-ma-ni",
                      .purpose = "Khảo sát nhu cầu tiếp nhận lao động Việt Nam ngành xây "
                                 "dựng, chế biến thực phẩm; làm việc với cơ quan quản lý lao động.",
                      .depart = 55,
                      .nights = 7,
                      .funding = {"state_budget"},
                      .budget_vnd = 520'000'000,
                      .team = "QLLDNN"}),
                  .route = Route({kToIcd, "forward give_opinion recommend approve",
                                  "depart@depart_on complete@return_on"})});
  out->push_back(
      {.kind = "outbound_delegation",
       .creator = "lan",
       .title = "Tham dự Diễn đàn ASEAN về lao động di cư lần thứ 18 tại Phi-líp-pin",
       .drafted_days_ago = 50,
       .fields = Fields(Trip{.countries = {"PH"},
                             .cities = {"Ma-ni-la"},
                             .partner = "ASEC",
                             .purpose = "Tham dự Diễn đàn AFML, chia sẻ kinh nghiệm của Việt Nam "
                                        "về hỗ trợ lao động di cư trở về.",
                             .depart = 47,
                             .nights = 6}),
       .route = Route({kToIcd, "forward recommend approve depart@depart_on"})});
  out->push_back(
      {.kind = "outbound_delegation",
       .creator = "lan",
       .title = "Đoàn công tác làm việc với Australia về chương trình lao động nông nghiệp",
       .drafted_days_ago = 30,
       .fields = Fields(Trip{.countries = {"AU"},
                             .cities = {"Can-bơ-ra", "Xít-ni"},
                             .partner = "DFAT",
                             .purpose = "Làm việc về Chương trình thị thực lao động nông nghiệp "
                                        "và tuyển chọn lao động Việt Nam.",
                             .depart = 55,
                             .nights = 7,
                             .funding = {"state_budget"},
                             .budget_vnd = 610'000'000}),
       .route = Route({kToIcd, "forward+1 give_opinion+2 recommend+2 approve+3"})});
  out->push_back(
      {.kind = "outbound_delegation",
       .creator = "lan",
       .title = "Đoàn công tác tại Đức về đào tạo nghề và thông tin thị trường lao động",
       .drafted_days_ago = 120,
       .fields = Fields(Trip{.countries = {"DE"},
                             .cities = {"Béc-lin", "Bon"},
                             .partner = "GIZ",
                             .purpose = "Tìm hiểu mô hình đào tạo nghề kép và hệ thống thông tin "
                                        "thị trường lao động của Đức.",
                             .depart = 70,
                             .nights = 8,
                             .funding = {"project"}}),
       .route = Route({kToIcd, "forward recommend approve postpone"})});
  out->push_back(
      {.kind = "outbound_delegation",
       .creator = "khanh",
       .title = "Đoàn công tác tại Ả-rập Xê-út về mở rộng thị trường lao động",
       .drafted_days_ago = 560,
       .fields =
           Fields(Trip{.countries = {"SA"},
                       .cities = {"Ri-át"},
                       .organisation = "Bộ Nguồn nhân lực và Phát triển xã hội Ả-rập Xê-út",
                       .purpose = "Đàm phán mở rộng tiếp nhận lao động Việt Nam ngành dịch vụ, "
                                  "bảo vệ quyền lợi lao động giúp việc gia đình.",
                       .depart = 60,
                       .nights = 6,
                       .funding = {"state_budget"},
                       .budget_vnd = 480'000'000,
                       .team = "QLLDNN"}),
       .route = Route({kToIcd, "consult ask answer forward give_opinion recommend approve",
                       "postpone cancel:quang+20"})});
  out->push_back(
      {.kind = "outbound_delegation",
       .creator = "lan",
       .title = "Đoàn công tác khảo sát mô hình trung tâm dịch vụ việc làm tại Hoa Kỳ và Ca-na-đa",
       .drafted_days_ago = 880,
       .fields = Fields(Trip{.countries = {"US", "CA"},
                             .cities = {"Oa-sinh-tơn", "Ốt-ta-oa"},
                             .organisation = "Bộ Lao động Hoa Kỳ",
                             .purpose = "Khảo sát mô hình American Job Center và dịch vụ việc làm "
                                        "của Ca-na-đa.",
                             .depart = 70,
                             .nights = 10,
                             .funding = {"state_budget"},
                             .budget_vnd = 1'250'000'000,
                             .in_plan = false}),
       .route = Route({kToIcd, "forward give_opinion recommend reject"})});
  out->push_back({.kind = "outbound_delegation",
                  .creator = "lan",
                  .title = "Đoàn công tác tại Niu Di-lân về chương trình lao động thời vụ",
                  .drafted_days_ago = 300,
                  .fields = Fields(Trip{
                      .countries = {"NZ"},
                      .cities = {"Oen-lin-tơn"},
                      .organisation = "Bộ Kinh doanh, Đổi mới sáng tạo và Việc làm Niu Di-lân",
                      .purpose = "Tìm hiểu chương trình lao động thời vụ được công nhận (RSE).",
                      .depart = 60,
                      .nights = 6}),
                  .route = Route({kToIcd, "withdraw"})});
  // Waiting for the leader, the ICD head, finance, ICD, the unit head.
  out->push_back(
      {.kind = "outbound_delegation",
       .creator = "khanh",
       .title = "Đoàn công tác tại Nhật Bản về chương trình thực tập sinh kỹ năng và lao động "
                "kỹ năng đặc định",
       .drafted_days_ago = 32,
       .fields =
           Fields(Trip{.countries = {"JP"},
                       .cities = {"Tô-ky-ô", "Ô-sa-ca"},
                       .partner = "IM Japan",
                       .purpose = "Làm việc với IM Japan và Cơ quan Xuất nhập cảnh Nhật Bản về "
                                  "chuyển đổi sang chế độ lao động kỹ năng đặc định.",
                       .depart = 70,
                       .nights = 6,
                       .funding = {"state_budget"},
                       .budget_vnd = 540'000'000,
                       .team = "QLLDNN"}),
       .route = Route({kToIcd, "consult ask answer+8 forward give_opinion+2 recommend+2"})});
  out->push_back(
      {.kind = "outbound_delegation",
       .creator = "lan",
       .title = "Tham dự Hội nghị Bộ trưởng Lao động APEC tại Trung Quốc",
       .drafted_days_ago = 20,
       .fields = Fields(Trip{.countries = {"CN"},
                             .cities = {"Thâm Quyến"},
                             .organisation = "Ban Thư ký APEC",
                             .purpose = "Tham dự Hội nghị Bộ trưởng Lao động và Phát triển nguồn "
                                        "nhân lực APEC.",
                             .depart = 70,
                             .nights = 4,
                             .funding = {"state_budget"},
                             .budget_vnd = 290'000'000}),
       .route = Route({kToIcd, "forward give_opinion+2"})});
  out->push_back(
      {.kind = "outbound_delegation",
       .creator = "lan",
       .title = "Đoàn công tác tại Thụy Sĩ làm việc với ILO và SECO về hợp tác kỹ thuật",
       .drafted_days_ago = 14,
       .fields = Fields(Trip{.countries = {"CH"},
                             .cities = {"Giơ-ne-vơ", "Béc-nơ"},
                             .partner = "SECO",
                             .purpose = "Đánh giá giai đoạn 1 và xây dựng giai đoạn 2 của Dự án hỗ "
                                        "trợ kỹ thuật về dịch vụ việc làm.",
                             .depart = 60,
                             .nights = 6,
                             .funding = {"state_budget"},
                             .budget_vnd = 560'000'000}),
       .route = Route({kToIcd, "forward"})});
  out->push_back({.kind = "outbound_delegation",
                  .creator = "khanh",
                  .title = "Đoàn công tác tại Liên bang Nga về hợp tác lao động và đào tạo nghề",
                  .drafted_days_ago = 35,
                  .fields = Fields(Trip{
                      .countries = {"RU"},
                      .cities = {"Mát-xcơ-va"},
                      .organisation = "Bộ Lao động và Bảo trợ xã hội Liên bang Nga",
                      .purpose = "Trao đổi về khả năng tiếp nhận lao động Việt Nam có kỹ năng.",
                      .depart = 75,
                      .nights = 6,
                      .funding = {"host"},
                      .team = "QLLDNN"}),
                  .route = Route({kToIcd, "consult ask"})});
  out->push_back(
      {.kind = "outbound_delegation",
       .creator = "lan",
       .title = "Đoàn công tác tại Xin-ga-po về chuyển đổi số dịch vụ việc làm",
       .drafted_days_ago = 22,
       .fields = Fields(Trip{.countries = {"SG"},
                             .cities = {"Xin-ga-po"},
                             .organisation = "Bộ Nhân lực Xin-ga-po",
                             .purpose = "Tìm hiểu nền tảng MyCareersFuture và kết nối việc làm số.",
                             .depart = 80,
                             .nights = 4,
                             .funding = {"host"}}),
       .route = kToIcd});
  out->push_back(
      {.kind = "outbound_delegation",
       .creator = "khanh",
       .title = "Đoàn công tác tại Hàn Quốc về hỗ trợ lao động EPS hết hạn hợp đồng về nước",
       .drafted_days_ago = 6,
       .fields =
           Fields(Trip{.countries = {"KR"},
                       .cities = {"Seoul"},
                       .partner = "MOEL",
                       .purpose = "Phối hợp hỗ trợ lao động hết hạn hợp đồng về nước đúng hạn.",
                       .depart = 60,
                       .nights = 5,
                       .funding = {"host"},
                       .team = "QLLDNN"}),
       .route = "submit endorse+1"});
  out->push_back(
      {.kind = "outbound_delegation",
       .creator = "lan",
       .title = "Đoàn công tác tại Thái Lan về chính sách việc làm cho lao động phi chính thức",
       .drafted_days_ago = 4,
       .fields = Fields(Trip{.countries = {"TH"},
                             .cities = {"Băng Cốc"},
                             .organisation = "Bộ Lao động Thái Lan",
                             .purpose = "Tìm hiểu chính sách mở rộng bảo hiểm xã hội cho lao động "
                                        "phi chính thức.",
                             .depart = 75,
                             .nights = 5,
                             .funding = {"project"}}),
       .route = "submit+1"});
  out->push_back(
      {.kind = "outbound_delegation",
       .creator = "khanh",
       .title = "Đoàn công tác tại Ca-ta về bảo vệ quyền lợi người lao động Việt Nam",
       .drafted_days_ago = 28,
       .fields = Fields(Trip{.countries = {"QA"},
                             .cities = {"Đô-ha"},
                             .organisation = "Bộ Lao động Ca-ta",
                             .purpose = "Làm việc về giải quyết tranh chấp hợp đồng của lao động "
                                        "Việt Nam ngành xây dựng.",
                             .depart = 60,
                             .nights = 5,
                             .funding = {"state_budget"},
                             .budget_vnd = 260'000'000,
                             .team = "QLLDNN"}),
       .route = Route({kToIcd, "return+3"})});
  out->push_back(
      {.kind = "outbound_delegation",
       .creator = "lan",
       .title = "Đoàn công tác tại Trung Quốc về phát triển kỹ năng số cho người lao động",
       .drafted_days_ago = 10,
       .fields = Fields(Trip{.countries = {"CN"},
                             .cities = {"Bắc Kinh", "Hàng Châu"},
                             .organisation = "Bộ Nguồn nhân lực và An sinh xã hội Trung Quốc",
                             .purpose = "Tìm hiểu chương trình đào tạo kỹ năng số cho lao động.",
                             .depart = 30,
                             .nights = 6,
                             .funding = {"host"}}),
       .route = ""});
  out->push_back({.kind = "outbound_delegation",
                  .creator = "lan",
                  .title = "Tham dự Hội nghị khu vực châu Á – Thái Bình Dương của ILO lần thứ 18",
                  .drafted_days_ago = 2,
                  .fields = Fields(
                      Trip{.countries = {"TH"},
                           .cities = {"Băng Cốc"},
                           .partner = "ILO",
                           .purpose = "Tham dự Hội nghị khu vực châu Á – Thái Bình Dương của ILO.",
                           .depart = 150,
                           .nights = 5,
                           .partial = true}),
                  .route = ""});
}

void AddVisits(std::vector<DemoProposal>* out) {
  const std::string done =
      " notify_authorities@arrive_on-4 arrive@arrive_on complete@leave_on file_report+8";
  out->push_back(
      {.kind = "inbound_visit",
       .creator = "lan",
       .title = "Đón đoàn Bộ Việc làm và Lao động Hàn Quốc làm việc về Chương trình EPS",
       .drafted_days_ago = 980,
       .fields = Fields(Visit{.partner = "MOEL",
                              .country = "KR",
                              .guests = {Guest("Kim Min-jun", "KR",
                                               "Vụ trưởng Vụ Chính sách lao "
                                               "động nước ngoài",
                                               "Bộ Việc làm và Lao động Hàn Quốc", "M12345678"),
                                         Guest("Park Ji-young", "KR", "Chuyên viên",
                                               "Bộ Việc làm và Lao động Hàn Quốc", "M87654321")},
                              .purpose = "Trao đổi về chỉ tiêu tiếp nhận lao động và phòng ngừa "
                                         "lao động bỏ trốn.",
                              .places = {"Hà Nội", "Bắc Giang"},
                              .arrive = 50,
                              .funding = {"state_budget"},
                              .budget_vnd = 95'000'000}),
       .route =
           Route({kToIcd, "consult ask answer forward give_opinion recommend approve"}) + done});
  out->push_back(
      {.kind = "inbound_visit",
       .creator = "lan",
       .title = "Đón đoàn chuyên gia ILO về bảo hiểm thất nghiệp",
       .drafted_days_ago = 690,
       .fields = Fields(Visit{.partner = "ILO",
                              .country = "CH",
                              .guests = {Guest("Maria Gonzalez", "ES", "Chuyên gia an sinh xã hội",
                                               "ILO", "PAB123456")},
                              .purpose = "Góp ý dự thảo sửa đổi chính sách bảo hiểm thất nghiệp.",
                              .arrive = 40,
                              .nights = 5}),
       .route = Route({kToIcd, "forward recommend approve"}) + done,
       .plan_item = "Đón đoàn chuyên gia ILO về bảo hiểm thất nghiệp"});
  out->push_back(
      {.kind = "inbound_visit",
       .creator = "khanh",
       .title = "Đón đoàn IM Japan làm việc về chương trình thực tập sinh kỹ năng",
       .drafted_days_ago = 320,
       .fields = Fields(Visit{
           .partner = "IM Japan",
           .country = "JP",
           .guests = {Guest("Sato Kenji", "JP", "Giám đốc điều hành", "IM Japan", "TK7654321"),
                      Guest("Yamada Aiko", "JP", "Trưởng phòng", "IM Japan", "TK1234567")},
           .purpose = "Tổng kết tiếp nhận thực tập sinh và kế hoạch năm tới.",
           .arrive = 60,
           .nights = 3}),
       .route = Route({kToIcd, "forward recommend approve"}) + done,
       .plan_item = "Đón đoàn IM Japan làm việc về chương trình thực tập sinh kỹ năng"});
  out->push_back(
      {.kind = "inbound_visit",
       .creator = "lan",
       .title = "Đón đoàn UN Women làm việc về lao động nữ di cư",
       .drafted_days_ago = 60,
       .fields = Fields(Visit{.partner = "UN Women",
                              .country = "TH",
                              .guests = {Guest("Sarah Williams", "GB", "Trưởng đại diện khu vực",
                                               "UN Women", "GB5551234")},
                              .purpose = "Thống nhất hoạt động hỗ trợ lao động nữ di cư năm tới.",
                              .arrive = 45,
                              .nights = 3}),
       .route = Route({kToIcd, "forward recommend approve notify_authorities@arrive_on-3",
                       "arrive@arrive_on complete@leave_on"})});
  out->push_back(
      {.kind = "inbound_visit",
       .creator = "lan",
       .title = "Đón đoàn Bộ Lao động và Phúc lợi xã hội Lào",
       .drafted_days_ago = 40,
       .fields = Fields(
           Visit{.organisation = "Bộ Lao động và Phúc lợi xã hội Lào",
                 .country = "LA",
                 .guests = {Guest("Phonsavanh Keo", "LA", "Thứ trưởng",
                                  "Bộ Lao động và Phúc lợi xã hội Lào", "P0112233")},
                 .rank = "deputy_minister",
                 .purpose = "Trao đổi kinh nghiệm về dịch vụ việc làm và giáo dục nghề nghiệp.",
                 .places = {"Hà Nội", "Hải Phòng"},
                 .arrive = 39,
                 .nights = 5,
                 .funding = {"state_budget"},
                 .budget_vnd = 180'000'000}),
       .route = Route({kToIcd, "consult ask answer+8 forward give_opinion+2 recommend+2 approve+2",
                       "notify_authorities@arrive_on-3 arrive@arrive_on"})});
  out->push_back(
      {.kind = "inbound_visit",
       .creator = "lan",
       .title = "Đón đoàn chuyên gia GIZ về hệ thống thông tin thị trường lao động",
       .drafted_days_ago = 35,
       .fields = Fields(
           Visit{.partner = "GIZ",
                 .country = "DE",
                 .guests = {Guest("Thomas Müller", "DE", "Chuyên gia trưởng", "GIZ", "C01X00T47")},
                 .purpose = "Hỗ trợ kỹ thuật xây dựng cơ sở dữ liệu thị trường lao động.",
                 .arrive = 41,
                 .nights = 5}),
       .route = Route({kToIcd, "forward recommend approve notify_authorities+3"})});
  out->push_back({.kind = "inbound_visit",
                  .creator = "khanh",
                  .title = "Đón đoàn Thứ trưởng Bộ Nhân lực In-đô-nê-xi-a",
                  .drafted_days_ago = 25,
                  .fields = Fields(Visit{
                      .organisation = "Bộ Nhân lực In-đô-nê-xi-a",
                      .country = "ID",
                      .guests = {Guest("Budi Santoso", "ID", "Thứ trưởng",
                                       "Bộ Nhân lực In-đô-nê-xi-a", "A1234567")},
                      .rank = "deputy_minister",
                      .purpose = "Trao đổi kinh nghiệm quản lý lao động đi làm việc ở nước ngoài.",
                      .arrive = 40,
                      .nights = 3,
                      .funding = {"state_budget"},
                      .budget_vnd = 120'000'000}),
                  .route = Route({kToIcd, "forward+1 give_opinion+2 recommend+2 approve+2"})});
  out->push_back(
      {.kind = "inbound_visit",
       .creator = "khanh",
       .title = "Đón đoàn Bộ trưởng Bộ Lao động và Bảo trợ xã hội Mông Cổ",
       .drafted_days_ago = 110,
       .fields =
           Fields(Visit{.organisation = "Bộ Lao động và Bảo trợ xã hội Mông Cổ",
                        .country = "MN",
                        .guests = {Guest("Bat-Erdene Ganbold", "MN", "Bộ trưởng",
                                         "Bộ Lao động và Bảo trợ xã hội Mông Cổ", "E9988776")},
                        .rank = "minister",
                        .purpose = "Thăm và làm việc theo lời mời của Bộ trưởng.",
                        .arrive = 60,
                        .nights = 4,
                        .visa = true,
                        .funding = {"state_budget"},
                        .budget_vnd = 240'000'000}),
       .route = Route({kToIcd, "consult ask answer forward give_opinion recommend approve",
                       "notify_authorities+4 postpone+3"})});
  out->push_back(
      {.kind = "inbound_visit",
       .creator = "khanh",
       .title = "Đón đoàn Liên đoàn các tổ chức kinh tế Nhật Bản tìm hiểu nguồn lao động kỹ năng",
       .drafted_days_ago = 500,
       .fields = Fields(Visit{
           .organisation = "Liên đoàn các tổ chức kinh tế Nhật Bản (Keidanren)",
           .country = "JP",
           .guests = {Guest("Tanaka Hiroshi", "JP", "Phó Chủ tịch", "Keidanren", "TR2345678")},
           .purpose = "Tìm hiểu nguồn lao động kỹ năng đặc định ngành điều dưỡng.",
           .arrive = 45,
           .nights = 3}),
       .route = Route({kToIcd, "forward recommend approve cancel+15"})});
  out->push_back(
      {.kind = "inbound_visit",
       .creator = "lan",
       .title = "Đón đoàn tổ chức phi chính phủ khảo sát điều kiện lao động tại Tây Nguyên",
       .drafted_days_ago = 430,
       .fields = Fields(Visit{.organisation = "Quỹ Lao động Toàn cầu (Global Labour Fund)",
                              .country = "US",
                              .guests = {Guest("John Carter", "US", "Giám đốc chương trình",
                                               "Global Labour Fund", "567123890")},
                              .purpose = "Khảo sát điều kiện lao động tại các đồn điền cà phê.",
                              .places = {"Đắk Lắk", "Gia Lai"},
                              .arrive = 50,
                              .nights = 6,
                              .visa = true,
                              .in_plan = false}),
       .route = Route({kToIcd, "consult ask object forward recommend reject"})});
  out->push_back(
      {.kind = "inbound_visit",
       .creator = "lan",
       .title = "Đón đoàn Đại sứ quán Australia làm việc về chương trình lao động nông nghiệp",
       .drafted_days_ago = 260,
       .fields = Fields(Visit{.partner = "DFAT",
                              .country = "AU",
                              .guests = {Guest("Emily Brown", "AU", "Bí thư thứ nhất",
                                               "Đại sứ quán "
                                               "Australia",
                                               "PA0987654")},
                              .purpose = "Trao đổi về tuyển chọn lao động nông nghiệp.",
                              .arrive = 30,
                              .nights = 1}),
       .route = Route({kToIcd, "consult withdraw+5"})});
  out->push_back(
      {.kind = "inbound_visit",
       .creator = "lan",
       .title = "Đón đoàn Thứ trưởng Bộ Việc làm và Lao động Hàn Quốc",
       .drafted_days_ago = 18,
       .fields = Fields(Visit{.partner = "MOEL",
                              .country = "KR",
                              .guests = {Guest("Lee Sang-woo", "KR", "Thứ trưởng",
                                               "Bộ Việc làm và Lao động Hàn Quốc", "M11223344")},
                              .rank = "deputy_minister",
                              .purpose = "Đối thoại chính sách về Chương trình EPS.",
                              .arrive = 45,
                              .nights = 3,
                              .funding = {"state_budget"},
                              .budget_vnd = 150'000'000}),
       .route = Route({kToIcd, "forward+1 give_opinion+2 recommend+2"}),
       .leader = "binh"});
  out->push_back(
      {.kind = "inbound_visit",
       .creator = "lan",
       .title = "Đón đoàn chuyên gia Ngân hàng Thế giới đánh giá hệ thống an sinh xã hội",
       .drafted_days_ago = 15,
       .fields = Fields(
           Visit{.partner = "WB",
                 .country = "US",
                 .guests = {Guest("Ana Lopez", "PE", "Chuyên gia kinh tế trưởng",
                                  "Ngân hàng Thế giới", "PE3344556")},
                 .purpose = "Đánh giá hệ thống an sinh xã hội, chuẩn bị khoản hỗ trợ kỹ thuật.",
                 .arrive = 40,
                 .nights = 5}),
       .route = Route({kToIcd, "consult+1 ask answer+5 forward+1"})});
  out->push_back(
      {.kind = "inbound_visit",
       .creator = "khanh",
       .title = "Đón đoàn HRD Korea về tổ chức kỳ thi EPS-TOPIK tại Việt Nam",
       .drafted_days_ago = 12,
       .fields = Fields(Visit{.partner = "HRD Korea",
                              .country = "KR",
                              .guests = {Guest("Choi Dong-hyun", "KR", "Giám đốc Trung tâm EPS",
                                               "HRD Korea", "M55667788")},
                              .purpose = "Kiểm tra điểm thi EPS-TOPIK trên máy tính.",
                              .places = {"Hà Nội", "Nghệ An"},
                              .arrive = 35,
                              .nights = 4,
                              .funding = {"state_budget"},
                              .budget_vnd = 85'000'000}),
       .route = Route({kToIcd, "forward"})});
  out->push_back(
      {.kind = "inbound_visit",
       .creator = "khanh",
       .title = "Đón đoàn IOM làm việc về hỗ trợ người lao động di cư trở về",
       .drafted_days_ago = 16,
       .fields = Fields(Visit{
           .partner = "IOM",
           .country = "TH",
           .guests = {Guest("David Chen", "SG", "Điều phối viên khu vực", "IOM", "K1234567A")},
           .purpose = "Thống nhất mô hình hỗ trợ tái hòa nhập cho lao động trở về.",
           .places = {"Hà Nội", "Hà Tĩnh"},
           .arrive = 35,
           .nights = 4}),
       .route = Route({kToIcd, "consult+1 ask"})});
  out->push_back(
      {.kind = "inbound_visit",
       .creator = "lan",
       .title = "Đón đoàn UNICEF làm việc về phòng chống lao động trẻ em",
       .drafted_days_ago = 7,
       .fields = Fields(
           Visit{.partner = "UNICEF",
                 .country = "US",
                 .guests = {Guest("Rana Flowers", "AU", "Trưởng đại diện", "UNICEF", "PA7788990")},
                 .purpose = "Rà soát Chương trình quốc gia phòng ngừa, giảm thiểu lao "
                            "động trẻ em.",
                 .arrive = 30,
                 .nights = 2}),
       .route = kToIcd});
  out->push_back(
      {.kind = "inbound_visit",
       .creator = "lan",
       .title = "Đón đoàn Oxfam làm việc về việc làm cho phụ nữ nông thôn",
       .drafted_days_ago = 3,
       .fields = Fields(
           Visit{.partner = "Oxfam",
                 .country = "GB",
                 .guests = {Guest("Helen Smith", "GB", "Giám đốc quốc gia", "Oxfam", "GB1239876")},
                 .purpose = "Trao đổi về mô hình tạo việc làm cho phụ nữ nông thôn.",
                 .places = {"Hà Nội", "Thanh Hóa"},
                 .arrive = 30,
                 .nights = 3}),
       .route = "submit"});
  out->push_back({.kind = "inbound_visit",
                  .creator = "nga",
                  .title = "Đón đoàn học giả Viện Chính sách và Đào tạo Lao động Nhật Bản (JILPT)",
                  .drafted_days_ago = 30,
                  .fields = Fields(
                      Visit{.organisation = "Viện Chính sách và Đào tạo Lao động Nhật Bản (JILPT)",
                            .country = "JP",
                            .guests = {Guest("Suzuki Takeshi", "JP", "Nghiên cứu viên cao cấp",
                                             "JILPT", "TZ1122334")},
                            .purpose = "Hội thảo khoa học chung về thị trường lao động già hóa.",
                            .arrive = 50,
                            .nights = 4}),
                  .route = Route({kToIcd, "return+4"})});
  out->push_back(
      {.kind = "inbound_visit",
       .creator = "lan",
       .title = "Đón đoàn Phái đoàn Liên minh châu Âu về lao động trong chuỗi cung ứng",
       .drafted_days_ago = 1,
       .fields = Fields(Visit{.partner = "EU",
                              .country = "BE",
                              .purpose = "Trao đổi về thực thi các cam kết lao động trong EVFTA.",
                              .arrive = 40,
                              .partial = true}),
       .route = ""});
}

void AddMeetings(std::vector<DemoProposal>* out) {
  const std::string done = " start@start_on complete@end_on file_report+10";
  out->push_back(
      {.kind = "conference",
       .creator = "lan",
       .title = "Hội thảo quốc tế về lao động di cư",
       .drafted_days_ago = 950,
       .fields = Fields(Meeting{.title_en = "International Workshop on Labour Migration",
                                .topic = "Di cư lao động an toàn, hợp pháp; bảo vệ quyền lợi người "
                                         "lao động di cư và gia đình họ.",
                                .start = 70,
                                .co_organisers = {"Tổ chức Di cư Quốc tế (IOM)"},
                                .partner = "IOM",
                                .foreign = 25,
                                .vietnamese = 120}),
       .route = Route({kToIcd, "consult ask answer forward recommend approve"}) + done});
  out->push_back(
      {.kind = "conference",
       .creator = "khanh",
       .title = "Hội nghị cấp Bộ trưởng ASEAN+3 về phát triển kỹ năng cho lao động di cư",
       .drafted_days_ago = 720,
       .fields = Fields(
           Meeting{.type = "conference",
                   .title_en = "ASEAN+3 Ministerial Conference on Skills for Migrant Workers",
                   .topic = "Công nhận kỹ năng lẫn nhau, dịch chuyển lao động có kỹ năng "
                            "trong khu vực.",
                   .start = 130,
                   .length = 2,
                   .organisers = {"Cục Quản lý lao động ngoài nước"},
                   .co_organisers = {"Ban Thư ký ASEAN"},
                   .partner = "ASEC",
                   .foreign = 90,
                   .vietnamese = 150,
                   .rank = "minister",
                   .funding = {"state_budget", "partner"},
                   .budget_vnd = 2'400'000'000}),
       .route = Route({kToIcd, "consult ask answer forward give_opinion recommend approve",
                       "record_pm_approval+15"}) +
                done});
  out->push_back(
      {.kind = "conference",
       .creator = "lan",
       .title = "Hội thảo khu vực về an toàn, vệ sinh lao động trong ngành xây dựng",
       .drafted_days_ago = 560,
       .fields = Fields(
           Meeting{.title_en = "Regional Workshop on Occupational Safety and Health in "
                               "Construction",
                   .topic = "Phòng ngừa tai nạn lao động, bệnh nghề nghiệp trong ngành xây dựng.",
                   .format = "hybrid",
                   .start = 50,
                   .co_organisers = {"ILO", "WHO"},
                   .partner = "ILO",
                   .foreign = 40,
                   .vietnamese = 90}),
       .route = Route({kToIcd, "forward recommend approve"}) + done});
  out->push_back(
      {.kind = "conference",
       .creator = "lan",
       .title = "Hội thảo quốc tế về thị trường lao động và việc làm xanh",
       .drafted_days_ago = 140,
       .fields =
           Fields(Meeting{.title_en = "International Workshop on Labour Markets and Green Jobs",
                          .topic = "Chuyển đổi xanh, kỹ năng xanh và chính sách việc làm.",
                          .start = 95,
                          .co_organisers = {"ILO"},
                          .partner = "ILO",
                          .foreign = 35,
                          .vietnamese = 110,
                          .funding = {"state_budget", "partner"},
                          .budget_vnd = 350'000'000}),
       .route = Route({kToIcd, "consult ask answer forward give_opinion recommend approve",
                       "start@start_on complete@end_on"}),
       .plan_item = "Hội thảo quốc tế về thị trường lao động và việc làm xanh"});
  out->push_back({.kind = "conference",
                  .creator = "lan",
                  .title = "Diễn đàn quốc tế về kỹ năng nghề trong kỷ nguyên số",
                  .drafted_days_ago = 75,
                  .fields = Fields(Meeting{
                      .type = "conference",
                      .title_en = "International Forum on Vocational Skills in the Digital Era",
                      .topic = "Kỹ năng số, đào tạo lại và nâng cao kỹ năng cho người lao động.",
                      .format = "hybrid",
                      .start = 74,
                      .length = 3,
                      .co_organisers = {"KOICA"},
                      .partner = "KOICA",
                      .foreign = 45,
                      .vietnamese = 200}),
                  .route = Route({kToIcd, "forward recommend approve start@start_on"})});
  out->push_back(
      {.kind = "conference",
       .creator = "nga",
       .title = "Hội thảo khu vực ASEAN về di cư lao động an toàn",
       .drafted_days_ago = 80,
       .fields =
           Fields(Meeting{.title_en = "ASEAN Regional Workshop on Safe Labour Migration",
                          .topic = "Kết quả nghiên cứu về chi phí di cư và tuyển dụng công bằng.",
                          .start = 100,
                          .organisers = {"Viện Khoa học Lao động và Xã hội"},
                          .co_organisers = {"Ban Thư ký ASEAN"},
                          .partner = "ASEC",
                          .foreign = 40,
                          .vietnamese = 60,
                          .funding = {"state_budget"},
                          .budget_vnd = 600'000'000}),
       .route = Route({kToIcd, "consult ask answer forward give_opinion recommend approve"}),
       .plan_item = "Hội thảo khu vực ASEAN về di cư lao động an toàn"});
  out->push_back(
      {.kind = "conference",
       .creator = "lan",
       .title = "Hội nghị quốc tế cấp Bộ trưởng về an sinh xã hội cho lao động phi chính thức",
       .drafted_days_ago = 45,
       .fields = Fields(
           Meeting{.type = "conference",
                   .title_en = "Ministerial Conference on Social Protection for Informal Workers",
                   .topic = "Mở rộng bao phủ an sinh xã hội cho lao động phi chính thức.",
                   .start = 120,
                   .co_organisers = {"ILO", "UNDP"},
                   .partner = "UNDP",
                   .foreign = 80,
                   .vietnamese = 150,
                   .rank = "minister",
                   .funding = {"state_budget", "partner"},
                   .budget_vnd = 1'800'000'000}),
       .route =
           Route({kToIcd, "consult ask answer+8 forward give_opinion+2 recommend approve+3"})});
  out->push_back(
      {.kind = "conference",
       .creator = "lan",
       .title = "Hội thảo quốc tế về chính sách tiền lương tối thiểu",
       .drafted_days_ago = 100,
       .fields = Fields(Meeting{.title_en = "International Workshop on Minimum Wage Policy",
                                .topic = "Cơ chế điều chỉnh lương tối thiểu và đối thoại xã hội.",
                                .start = 90,
                                .co_organisers = {"ILO"},
                                .partner = "ILO"}),
       .route = Route({kToIcd, "forward recommend approve postpone+10"})});
  out->push_back({.kind = "conference",
                  .creator = "lan",
                  .title = "Hội thảo trực tuyến về lao động trẻ em trong nông nghiệp",
                  .drafted_days_ago = 420,
                  .fields = Fields(
                      Meeting{.title_en = "Online Workshop on Child Labour in Agriculture",
                              .topic = "Phòng ngừa lao động trẻ em trong chuỗi cung ứng nông sản.",
                              .format = "online",
                              .start = 60,
                              .length = 1,
                              .co_organisers = {"UNICEF"},
                              .partner = "UNICEF"}),
                  .route = Route({kToIcd, "forward recommend approve postpone+5 cancel+40"})});
  out->push_back({.kind = "conference",
                  .creator = "lan",
                  .title = "Hội thảo quốc tế về tự do hiệp hội của người lao động",
                  .drafted_days_ago = 520,
                  .fields = Fields(Meeting{
                      .title_en = "International Workshop on Workers' Freedom of Association",
                      .topic = "Tự do hiệp hội và thương lượng tập thể.",
                      .start = 75,
                      .co_organisers = {"Tổ chức phi chính phủ nước ngoài"},
                      .sensitive = {"human_rights"},
                      .in_plan = false}),
                  .route = Route({kToIcd, "consult ask answer forward recommend reject"})});
  out->push_back(
      {.kind = "conference",
       .creator = "lan",
       .title = "Hội thảo về bình đẳng giới trong thị trường lao động",
       .drafted_days_ago = 340,
       .fields = Fields(Meeting{.title_en = "Workshop on Gender Equality in the Labour Market",
                                .topic = "Khoảng cách tiền lương theo giới và lao động nữ.",
                                .start = 60,
                                .co_organisers = {"UN Women"},
                                .partner = "UN Women"}),
       .route = Route({kToIcd, "withdraw+6"})});
  out->push_back(
      {.kind = "conference",
       .creator = "lan",
       .title =
           "Hội thảo tham vấn Chiến lược việc làm giai đoạn 2026–2035 với các đối tác phát triển",
       .drafted_days_ago = 21,
       .fields =
           Fields(Meeting{.title_en = "Consultation Workshop on the Employment Strategy 2026–2035",
                          .topic = "Tham vấn dự thảo Chiến lược việc làm.",
                          .start = 60,
                          .co_organisers = {"ILO", "UNDP", "Ngân hàng Thế giới"},
                          .partner = "ILO",
                          .funding = {"state_budget"},
                          .budget_vnd = 180'000'000}),
       .route = Route({kToIcd, "forward give_opinion recommend+2"})});
  out->push_back(
      {.kind = "conference",
       .creator = "nga",
       .title = "Hội thảo quốc tế về già hóa dân số và thị trường lao động",
       .drafted_days_ago = 19,
       .fields = Fields(
           Meeting{.title_en = "International Workshop on Population Ageing and the Labour Market",
                   .topic = "Lao động cao tuổi, hưu trí linh hoạt.",
                   .start = 70,
                   .organisers = {"Viện Khoa học Lao động và Xã hội"},
                   .co_organisers = {"UNFPA"},
                   .partner = "UNFPA"}),
       .route = Route({kToIcd, "consult+1 ask answer+7 forward+1"})});
  out->push_back({.kind = "conference",
                  .creator = "lan",
                  .title = "Hội nghị đối thoại chính sách Việt Nam – EU về lao động và việc làm",
                  .drafted_days_ago = 11,
                  .fields = Fields(
                      Meeting{.type = "conference",
                              .title_en = "Viet Nam – EU Policy Dialogue on Labour and Employment",
                              .topic = "Thực thi cam kết về lao động trong EVFTA.",
                              .start = 55,
                              .co_organisers = {"Phái đoàn Liên minh châu Âu"},
                              .partner = "EU",
                              .funding = {"state_budget"},
                              .budget_vnd = 260'000'000}),
                  .route = Route({kToIcd, "forward"})});
  out->push_back(
      {.kind = "conference",
       .creator = "lan",
       .title = "Hội thảo quốc tế về lao động nữ di cư",
       .drafted_days_ago = 13,
       .fields = Fields(Meeting{.title_en = "International Workshop on Women Migrant Workers",
                                .topic = "Bảo vệ lao động nữ di cư trước bạo lực và quấy rối.",
                                .start = 65,
                                .co_organisers = {"UN Women"},
                                .partner = "UN Women"}),
       .route = Route({kToIcd, "consult ask"})});
  out->push_back({.kind = "conference",
                  .creator = "lan",
                  .title = "Hội thảo quốc tế về kinh tế nền tảng và việc làm",
                  .drafted_days_ago = 5,
                  .fields = Fields(
                      Meeting{.title_en = "International Workshop on the Platform Economy and Jobs",
                              .topic = "Lao động nền tảng số và chính sách bảo vệ.",
                              .format = "hybrid",
                              .start = 70}),
                  .route = kToIcd});
  out->push_back(
      {.kind = "conference",
       .creator = "nga",
       .title = "Hội thảo khoa học quốc tế về năng suất lao động",
       .drafted_days_ago = 3,
       .fields = Fields(Meeting{.title_en = "International Conference on Labour Productivity",
                                .topic = "Đo lường và cải thiện năng suất lao động.",
                                .start = 80,
                                .organisers = {"Viện Khoa học Lao động và Xã hội"}}),
       .route = "submit"});
  out->push_back(
      {.kind = "conference",
       .creator = "lan",
       .title = "Hội thảo về hệ thống thông tin thị trường lao động",
       .drafted_days_ago = 26,
       .fields = Fields(Meeting{.title_en = "Workshop on Labour Market Information Systems",
                                .topic = "Kết nối dữ liệu việc làm giữa các địa phương.",
                                .start = 60,
                                .co_organisers = {"GIZ"},
                                .partner = "GIZ"}),
       .route = Route({kToIcd, "return+2"})});
  out->push_back(
      {.kind = "conference",
       .creator = "lan",
       .title = "Hội thảo quốc tế về bảo hiểm thất nghiệp và việc làm",
       .drafted_days_ago = 2,
       .fields = Fields(Meeting{.title_en = "International Workshop on Unemployment Insurance",
                                .topic = "Bảo hiểm thất nghiệp gắn với đào tạo lại.",
                                .start = 90,
                                .partial = true}),
       .route = ""});
}

void AddGrants(std::vector<DemoProposal>* out) {
  const std::string appraised = "consult ask answer forward";
  out->push_back(
      {.kind = "aid",
       .creator = "lan",
       .title = "Dự án hỗ trợ kỹ thuật nâng cao năng lực trung tâm dịch vụ việc làm",
       .drafted_days_ago = 1040,
       .fields = Fields(Grant{.donor = "SECO",
                              .name_vi = "Nâng cao năng lực trung tâm dịch vụ việc làm",
                              .name_en = "Capacity Building for Employment Service Centres",
                              .sectors = {"Việc làm", "Dịch vụ việc làm"},
                              .locations = {"Hà Nội", "Đà Nẵng", "TP. Hồ Chí Minh"},
                              .start = 90,
                              .end = 820,
                              .usd = 1'200'000,
                              .counterpart_vnd = 2'500'000'000}),
       .route = Route({kToIcd, appraised, "give_opinion recommend approve start+20",
                       "finish@planned_end_on close+30"})});
  out->push_back(
      {.kind = "aid",
       .creator = "lan",
       .title = "Dự án viện trợ phi chính phủ của Plan International tại Lào Cai",
       .drafted_days_ago = 850,
       .fields =
           Fields(Grant{.type = "ngo_aid",
                        .donor = "Plan International",
                        .name_vi = "Hỗ trợ thanh niên dân tộc thiểu số tiếp cận việc làm bền vững",
                        .name_en = "Sustainable Jobs for Ethnic Minority Youth",
                        .sectors = {"Việc làm", "Giáo dục nghề nghiệp"},
                        .locations = {"Lào Cai"},
                        .start = 60,
                        .end = 790,
                        .usd = 480'000,
                        .currency = "EUR"}),
       .route = Route({kToIcd, appraised, "recommend approve start+25 finish@planned_end_on"})});
  out->push_back({.kind = "aid",
                  .creator = "lan",
                  .title = "Dự án Việc làm bền vững cho thanh niên do KOICA tài trợ",
                  .drafted_days_ago = 600,
                  .fields = Fields(Grant{.donor = "KOICA",
                                         .name_vi = "Việc làm bền vững cho thanh niên",
                                         .name_en = "Decent Jobs for Youth",
                                         .sectors = {"Việc làm", "Thanh niên"},
                                         .locations = {"Hà Nội", "Bắc Ninh", "Hải Dương"},
                                         .start = 90,
                                         .end = 1200,
                                         .usd = 2'500'000}),
                  .route = Route({kToIcd, appraised, "recommend approve start+30"})});
  out->push_back(
      {.kind = "aid",
       .creator = "khanh",
       .title = "Chương trình hỗ trợ người lao động di cư trở về tái hòa nhập (IOM)",
       .drafted_days_ago = 700,
       .fields = Fields(Grant{.donor = "IOM",
                              .name_vi = "Hỗ trợ tái hòa nhập cho lao động di cư trở về",
                              .name_en = "Reintegration Support for Returning Migrant Workers",
                              .sectors = {"Di cư lao động"},
                              .locations = {"Nghệ An", "Hà Tĩnh", "Thanh Hóa"},
                              .start = 60,
                              .end = 660,
                              .usd = 750'000,
                              .implementing_unit = "Cục Quản lý lao động ngoài nước"}),
       .route = Route({kToIcd, appraised, "recommend approve start+15"})});
  out->push_back(
      {.kind = "aid",
       .creator = "lan",
       .title = "Dự án Cải thiện điều kiện lao động trong ngành dệt may (Better Work Việt Nam)",
       .drafted_days_ago = 800,
       .fields = Fields(Grant{.donor = "ILO",
                              .name_vi = "Cải thiện điều kiện lao động ngành dệt may",
                              .name_en = "Better Work Viet Nam",
                              .sectors = {"Điều kiện lao động", "Dệt may"},
                              .locations = {"Hà Nội", "Bình Dương", "Đồng Nai"},
                              .start = 60,
                              .end = 1300,
                              .usd = 3'200'000}),
       .route = Route({kToIcd, appraised, "recommend approve start+20 request_adjustment+200",
                       "recommend+10 approve_adjustment+7"})});
  out->push_back(
      {.kind = "aid",
       .creator = "lan",
       .title = "Dự án tăng cường hệ thống bảo trợ xã hội thích ứng do UNDP tài trợ",
       .drafted_days_ago = 500,
       .fields = Fields(Grant{.donor = "UNDP",
                              .name_vi = "Tăng cường hệ thống bảo trợ xã hội thích ứng",
                              .name_en = "Strengthening Adaptive Social Protection",
                              .sectors = {"An sinh xã hội"},
                              .locations = {"Quảng Trị", "Quảng Nam"},
                              .start = 90,
                              .end = 1000,
                              .usd = 900'000}),
       .route = Route({kToIcd, appraised, "recommend approve start+20 request_adjustment+300"})});
  out->push_back(
      {.kind = "aid",
       .creator = "khanh",
       .title = "Dự án phòng chống mua bán người và di cư không an toàn (UNODC)",
       .drafted_days_ago = 450,
       .fields = Fields(Grant{.donor = "UNODC",
                              .name_vi = "Phòng chống mua bán người và di cư không an toàn",
                              .name_en = "Countering Trafficking in Persons and Unsafe Migration",
                              .sectors = {"Di cư lao động", "Phòng chống mua bán người"},
                              .locations = {"Lạng Sơn", "Quảng Ninh"},
                              .start = 60,
                              .end = 900,
                              .usd = 640'000,
                              .implementing_unit = "Cục Quản lý lao động ngoài nước"}),
       .route = Route({kToIcd, appraised, "recommend approve start+20 request_adjustment+250",
                       "recommend+8"})});
  out->push_back({.kind = "aid",
                  .creator = "lan",
                  .title = "Dự án Giáo dục nghề nghiệp và phát triển kỹ năng (ADB)",
                  .drafted_days_ago = 980,
                  .fields = Fields(Grant{.type = "oda",
                                         .donor = "ADB",
                                         .name_vi = "Giáo dục nghề nghiệp và phát triển kỹ năng",
                                         .name_en = "Skills Development and Vocational Education",
                                         .sectors = {"Giáo dục nghề nghiệp"},
                                         .locations = {"Hà Nội", "Cần Thơ", "Đà Nẵng"},
                                         .start = 90,
                                         .end = 1000,
                                         .usd = 4'500'000,
                                         .counterpart_vnd = 12'000'000'000}),
                  .route = Route({kToIcd, appraised, "give_opinion recommend approve start+30",
                                  "request_extension@planned_end_on-40"})});
  out->push_back(
      {.kind = "aid",
       .creator = "lan",
       .title = "Chương trình hỗ trợ kỹ thuật về cải cách an sinh xã hội (Ngân hàng Thế giới)",
       .drafted_days_ago = 900,
       .fields = Fields(Grant{.type = "oda",
                              .donor = "WB",
                              .name_vi = "Hỗ trợ kỹ thuật cải cách an sinh xã hội",
                              .name_en = "Social Protection Reform Technical Assistance",
                              .sectors = {"An sinh xã hội"},
                              .start = 60,
                              .end = 960,
                              .usd = 1'500'000}),
       .route = Route({kToIcd, appraised, "recommend approve start+20",
                       "request_extension@planned_end_on-90 recommend+10"}),
       .leader = "binh"});
  out->push_back({.kind = "aid",
                  .creator = "lan",
                  .title = "Dự án hỗ trợ sinh kế cho lao động nữ của Oxfam tại Quảng Trị",
                  .drafted_days_ago = 620,
                  .fields = Fields(Grant{.type = "ngo_aid",
                                         .donor = "Oxfam",
                                         .name_vi = "Sinh kế bền vững cho lao động nữ",
                                         .name_en = "Sustainable Livelihoods for Women Workers",
                                         .sectors = {"Việc làm", "Bình đẳng giới"},
                                         .locations = {"Quảng Trị"},
                                         .start = 60,
                                         .end = 790,
                                         .usd = 310'000}),
                  .route = Route({kToIcd, appraised, "recommend approve start+30 suspend+200"})});
  out->push_back(
      {.kind = "aid",
       .creator = "nga",
       .title = "Nghiên cứu chính sách bảo trợ xã hội thích ứng với biến đổi khí hậu",
       .drafted_days_ago = 260,
       .fields = Fields(
           Grant{.donor = "UNDP",
                 .name_vi = "Nghiên cứu chính sách bảo trợ xã hội thích ứng với biến đổi khí hậu",
                 .name_en = "Climate-Adaptive Social Protection Policy Research",
                 .sectors = {"An sinh xã hội", "Biến đổi khí hậu"},
                 .start = 60,
                 .end = 420,
                 .usd = 150'000,
                 .implementing_unit = "Viện Khoa học Lao động và Xã hội"}),
       .route = Route({kToIcd, "forward_simplified recommend approve"}),
       .plan_item = "Nghiên cứu chính sách bảo trợ xã hội thích ứng với biến đổi khí hậu"});
  out->push_back(
      {.kind = "aid",
       .creator = "lan",
       .title = "Dự án hỗ trợ trẻ em có hoàn cảnh khó khăn tiếp cận học nghề (Save the Children)",
       .drafted_days_ago = 160,
       .fields = Fields(Grant{.type = "ngo_aid",
                              .donor = "Save the Children International",
                              .name_vi = "Trẻ em có hoàn cảnh khó khăn tiếp cận học nghề",
                              .name_en = "Vocational Pathways for Vulnerable Children",
                              .sectors = {"Giáo dục nghề nghiệp", "Trẻ em"},
                              .locations = {"Điện Biên"},
                              .start = 120,
                              .end = 850,
                              .usd = 260'000}),
       .route = Route({kToIcd, appraised, "recommend approve postpone+40"})});
  out->push_back(
      {.kind = "aid",
       .creator = "lan",
       .title = "Dự án khảo sát nhu cầu kỹ năng của doanh nghiệp Nhật Bản tại Việt Nam (JICA)",
       .drafted_days_ago = 650,
       .fields = Fields(Grant{.donor = "JICA",
                              .name_vi = "Khảo sát nhu cầu kỹ năng của doanh nghiệp Nhật Bản",
                              .name_en = "Skills Needs Survey of Japanese Enterprises in Viet Nam",
                              .sectors = {"Thông tin thị trường lao động"},
                              .start = 60,
                              .end = 420,
                              .usd = 420'000}),
       .route = Route({kToIcd, appraised, "recommend approve cancel:quang+200"})});
  out->push_back(
      {.kind = "aid",
       .creator = "lan",
       .title = "Dự án hỗ trợ lao động không quốc tịch tại khu vực biên giới (UNHCR)",
       .drafted_days_ago = 540,
       .fields = Fields(Grant{.donor = "UNHCR",
                              .name_vi = "Hỗ trợ lao động không quốc tịch tại khu vực biên giới",
                              .name_en = "Support for Stateless Workers in Border Areas",
                              .sectors = {"Việc làm"},
                              .locations = {"Tây Ninh", "An Giang"},
                              .start = 60,
                              .end = 600,
                              .usd = 380'000}),
       .route = Route({kToIcd, "consult ask object forward recommend reject"})});
  out->push_back({.kind = "aid",
                  .creator = "lan",
                  .title = "Dự án hỗ trợ kỹ thuật về chính sách tiền lương (GIZ)",
                  .drafted_days_ago = 380,
                  .fields = Fields(Grant{.donor = "GIZ",
                                         .name_vi = "Hỗ trợ kỹ thuật về chính sách tiền lương",
                                         .name_en = "Wage Policy Technical Assistance",
                                         .sectors = {"Tiền lương"},
                                         .start = 90,
                                         .end = 820,
                                         .usd = 560'000,
                                         .currency = "EUR"}),
                  .route = Route({kToIcd, "consult withdraw+10"})});
  out->push_back(
      {.kind = "aid",
       .creator = "lan",
       .title = "Khoản viện trợ khẩn cấp hỗ trợ người lao động mất việc do lũ lụt tại miền Trung",
       .drafted_days_ago = 20,
       .fields = Fields(Grant{.type = "emergency_aid",
                              .donor = "EU",
                              .name_vi = "Hỗ trợ khẩn cấp người lao động mất việc do lũ lụt",
                              .name_en = "Emergency Support for Flood-Affected Workers",
                              .sectors = {"Việc làm", "Ứng phó thiên tai"},
                              .locations = {"Quảng Ngãi", "Huế"},
                              .start = 25,
                              .end = 210,
                              .usd = 500'000,
                              .currency = "EUR"}),
       .route = Route({kToIcd, "consult+1 ask answer+5 forward+1 recommend+1"})});
  out->push_back({.kind = "aid",
                  .creator = "lan",
                  .title = "Dự án thúc đẩy việc làm bền vững cho lao động phi chính thức (ILO)",
                  .drafted_days_ago = 40,
                  .fields = Fields(Grant{.donor = "ILO",
                                         .name_vi = "Việc làm bền vững cho lao động phi chính thức",
                                         .name_en = "Decent Work for Informal Workers",
                                         .sectors = {"Việc làm"},
                                         .start = 90,
                                         .end = 1000,
                                         .usd = 850'000}),
                  .route = Route({kToIcd, appraised})});
  out->push_back(
      {.kind = "aid",
       .creator = "lan",
       .title = "Dự án xây dựng cơ sở dữ liệu thị trường lao động quốc gia (KOICA)",
       .drafted_days_ago = 35,
       .fields = Fields(Grant{.donor = "KOICA",
                              .name_vi = "Cơ sở dữ liệu thị trường lao động quốc gia",
                              .name_en = "National Labour Market Database",
                              .sectors = {"Thông tin thị trường lao động", "Chuyển đổi số"},
                              .start = 90,
                              .end = 1100,
                              .usd = 3'000'000,
                              .counterpart_vnd = 8'000'000'000}),
       .route = Route({kToIcd, appraised})});
  out->push_back(
      {.kind = "aid",
       .creator = "lan",
       .title = "Dự án hỗ trợ người lao động di cư tại tỉnh Điện Biên của Plan International",
       .drafted_days_ago = 30,
       .fields = Fields(Grant{.type = "ngo_aid",
                              .donor = "Plan International",
                              .name_vi = "Hỗ trợ người lao động di cư tại tỉnh Điện Biên",
                              .name_en = "Support for Migrant Workers in Dien Bien",
                              .sectors = {"Di cư lao động"},
                              .locations = {"Điện Biên"},
                              .start = 90,
                              .end = 820,
                              .usd = 220'000}),
       .route = Route({kToIcd, "consult+1 ask"})});
  out->push_back({.kind = "aid",
                  .creator = "lan",
                  .title = "Dự án nâng cao năng lực thanh tra lao động (DFAT)",
                  .drafted_days_ago = 9,
                  .fields = Fields(Grant{.donor = "DFAT",
                                         .name_vi = "Nâng cao năng lực thanh tra lao động",
                                         .name_en = "Labour Inspection Capacity Building",
                                         .sectors = {"Thanh tra lao động"},
                                         .start = 120,
                                         .end = 850,
                                         .usd = 700'000,
                                         .currency = "AUD"}),
                  .route = kToIcd});
  out->push_back({.kind = "aid",
                  .creator = "lan",
                  .title = "Dự án hỗ trợ hệ thống dự báo nhu cầu kỹ năng (ADB)",
                  .drafted_days_ago = 3,
                  .fields = Fields(Grant{.donor = "ADB",
                                         .name_vi = "Hệ thống dự báo nhu cầu kỹ năng",
                                         .name_en = "Skills Demand Forecasting System",
                                         .sectors = {"Thông tin thị trường lao động"},
                                         .start = 120,
                                         .end = 850,
                                         .usd = 600'000}),
                  .route = "submit"});
  out->push_back({.kind = "aid",
                  .creator = "lan",
                  .title = "Dự án hỗ trợ phụ nữ khởi nghiệp của UN Women",
                  .drafted_days_ago = 24,
                  .fields = Fields(Grant{.donor = "UN Women",
                                         .name_vi = "Hỗ trợ phụ nữ khởi nghiệp",
                                         .name_en = "Women's Entrepreneurship Support",
                                         .sectors = {"Việc làm", "Bình đẳng giới"},
                                         .start = 120,
                                         .end = 850,
                                         .usd = 280'000}),
                  .route = Route({kToIcd, "return+5"})});
  out->push_back(
      {.kind = "aid",
       .creator = "lan",
       .title = "Dự án chuyển đổi số các trung tâm dịch vụ việc làm (Ngân hàng Thế giới)",
       .drafted_days_ago = 4,
       .fields = Fields(Grant{.type = "oda",
                              .donor = "WB",
                              .name_vi = "Chuyển đổi số trung tâm dịch vụ việc làm",
                              .name_en = "Digital Employment Services",
                              .sectors = {"Chuyển đổi số"},
                              .start = 180,
                              .end = 1300,
                              .usd = 5'000'000,
                              .partial = true}),
       .route = ""});
  out->push_back(
      {.kind = "aid",
       .creator = "lan",
       .title = "Khoản viện trợ phi dự án trang thiết bị cho trung tâm dịch vụ việc làm (KOICA)",
       .drafted_days_ago = 560,
       .fields = Fields(Grant{.donor = "KOICA",
                              .name_vi = "Trang thiết bị cho trung tâm dịch vụ việc làm",
                              .name_en = "Equipment for Employment Service Centres",
                              .sectors = {"Dịch vụ việc làm"},
                              .locations = {"Thái Nguyên", "Phú Thọ"},
                              .start = 60,
                              .end = 200,
                              .usd = 120'000}),
       .route = Route({kToIcd, "forward_simplified recommend approve start+20",
                       "finish@planned_end_on close+15"})});
}

void AddAccords(std::vector<DemoProposal>* out) {
  const std::string agreed = "send_for_consultation ask answer forward recommend approve";
  out->push_back(
      {.kind = "agreement",
       .creator = "khanh",
       .title = "Bản ghi nhớ về phái cử và tiếp nhận lao động Việt Nam theo Chương trình EPS",
       .drafted_days_ago = 1000,
       .fields =
           Fields(Accord{.partner = "MOEL",
                         .country = "KR",
                         .level = "minister",
                         .scope = "Tuyển chọn, phái cử lao động Việt Nam sang Hàn Quốc theo "
                                  "Chương trình cấp phép việc làm (EPS); quyền lợi người lao động.",
                         .signing = 60,
                         .term_months = 32}),
       .route = Route({kToIcd, agreed, "sign+30 record_report+7 enter_into_force+10",
                       "mark_expiring@expires_on-75 ask+1"})});
  out->push_back(
      {.kind = "agreement",
       .creator = "lan",
       .title = "Bản ghi nhớ hợp tác với ILO giai đoạn 2026–2030",
       .drafted_days_ago = 420,
       .fields =
           Fields(Accord{.partner = "ILO",
                         .country = "CH",
                         .scope = "Chương trình quốc gia về việc làm bền vững giai đoạn 2026–2030: "
                                  "việc làm, an sinh xã hội, quan hệ lao động, an toàn lao động.",
                         .signing = 150,
                         .term_months = 60}),
       .route = Route({kToIcd, "start_negotiation send_for_consultation+60 ask answer forward",
                       "recommend approve sign+20 record_report+10 enter_into_force+5"}),
       .leader = "binh"});
  out->push_back(
      {.kind = "agreement",
       .creator = "lan",
       .title = "Thỏa thuận hợp tác về lao động thời vụ ngành nông nghiệp với Australia",
       .drafted_days_ago = 1030,
       .fields = Fields(Accord{.type = "cooperation_agreement",
                               .partner = "DFAT",
                               .country = "AU",
                               .scope = "Tuyển chọn lao động thời vụ ngành nông nghiệp; đào tạo "
                                        "trước khi xuất cảnh; bảo vệ quyền lợi người lao động.",
                               .signing = 60,
                               .term_months = 24}),
       .route = Route({kToIcd, agreed, "sign+25 record_report+5 enter_into_force+3",
                       "mark_expiring@expires_on-80 ask+1 answer+10 extend+15"})});
  out->push_back(
      {.kind = "agreement",
       .creator = "lan",
       .title = "Kế hoạch hợp tác với UNICEF về phòng chống lao động trẻ em giai đoạn 2024–2025",
       .drafted_days_ago = 1040,
       .fields =
           Fields(Accord{.type = "cooperation_plan",
                         .partner = "UNICEF",
                         .country = "US",
                         .level = "head_of_unit",
                         .scope = "Truyền thông, thu thập dữ liệu và hỗ trợ trẻ em lao động sớm.",
                         .signing = 45,
                         .term_months = 18}),
       .route = Route(
           {kToIcd, agreed, "sign+15 record_report+8 enter_into_force+5", "expire@expires_on+3"})});
  out->push_back(
      {.kind = "agreement",
       .creator = "lan",
       .title = "Thư ý định hợp tác với Oxfam về việc làm cho phụ nữ dân tộc thiểu số",
       .drafted_days_ago = 820,
       .fields = Fields(Accord{.type = "letter_of_intent",
                               .partner = "Oxfam",
                               .country = "GB",
                               .level = "head_of_unit",
                               .scope = "Mô hình tạo việc làm cho phụ nữ dân tộc thiểu số.",
                               .signing = 45,
                               .term_months = 36}),
       .route = Route(
           {kToIcd, agreed, "sign+15 record_report+8 enter_into_force+5", "terminate:mai+300"})});
  out->push_back(
      {.kind = "agreement",
       .creator = "lan",
       .title = "Thỏa thuận hợp tác kỹ thuật với GIZ về đào tạo nghề song hành",
       .drafted_days_ago = 150,
       .fields = Fields(Accord{.type = "cooperation_agreement",
                               .partner = "GIZ",
                               .country = "DE",
                               .scope = "Thí điểm đào tạo nghề song hành tại doanh nghiệp.",
                               .signing = 60}),
       .route = Route({kToIcd, agreed, "sign+15 record_report+10"})});
  out->push_back(
      {.kind = "agreement",
       .creator = "lan",
       .title = "Bản ghi nhớ hợp tác về thông tin thị trường lao động",
       .drafted_days_ago = 110,
       .fields = Fields(Accord{.partner = "GIZ",
                               .country = "DE",
                               .scope = "Trao đổi dữ liệu, phương pháp dự báo cung cầu lao động.",
                               .signing = 60}),
       .route = Route({kToIcd, agreed, "sign+50"}),
       .plan_item = "Bản ghi nhớ hợp tác về thông tin thị trường lao động"});
  out->push_back(
      {.kind = "agreement",
       .creator = "lan",
       .title = "Bản ghi nhớ hợp tác với UNDP về an sinh xã hội thích ứng",
       .drafted_days_ago = 45,
       .fields = Fields(Accord{.partner = "UNDP",
                               .country = "US",
                               .scope = "An sinh xã hội thích ứng với biến đổi khí hậu.",
                               .signing = 60}),
       .route = Route(
           {kToIcd, "send_for_consultation+1 ask answer+6 forward+1 recommend+2 approve+3"})});
  out->push_back(
      {.kind = "agreement",
       .creator = "khanh",
       .title = "Thỏa thuận với HRD Korea về tổ chức kỳ thi EPS-TOPIK trên máy tính",
       .drafted_days_ago = 120,
       .fields = Fields(Accord{.type = "cooperation_agreement",
                               .partner = "HRD Korea",
                               .country = "KR",
                               .level = "head_of_unit",
                               .scope = "Tổ chức thi tiếng Hàn trên máy tính, bảo mật đề thi.",
                               .signing = 90}),
       .route = Route({kToIcd, agreed, "postpone+10"})});
  out->push_back({.kind = "agreement",
                  .creator = "lan",
                  .title = "Thư ý định với Tổ chức Cứu trợ Trẻ em về phòng chống lao động trẻ em",
                  .drafted_days_ago = 600,
                  .fields = Fields(Accord{.type = "letter_of_intent",
                                          .partner = "Save the Children International",
                                          .country = "GB",
                                          .level = "head_of_unit",
                                          .scope = "Phòng chống lao động trẻ em tại các làng nghề.",
                                          .signing = 60}),
                  .route = Route({kToIcd, agreed, "cancel+40"})});
  out->push_back(
      {.kind = "agreement",
       .creator = "lan",
       .title = "Bản ghi nhớ với Liên minh châu Âu về giám sát độc lập các cam kết lao động",
       .drafted_days_ago = 700,
       .fields =
           Fields(Accord{.partner = "EU",
                         .country = "BE",
                         .scope = "Cơ chế giám sát độc lập việc thực thi các cam kết lao động.",
                         .signing = 200}),
       .route = Route({kToIcd, "start_negotiation send_for_consultation+90 ask object forward",
                       "record_pm_rejection+25"})});
  out->push_back({.kind = "agreement",
                  .creator = "khanh",
                  .title = "Bản ghi nhớ hợp tác với IOM về di cư lao động an toàn",
                  .drafted_days_ago = 60,
                  .fields = Fields(Accord{
                      .partner = "IOM",
                      .country = "CH",
                      .scope = "Chia sẻ thông tin về di cư lao động, hỗ trợ nạn nhân bị mua bán.",
                      .signing = 90}),
                  .route = Route({kToIcd, "send_for_consultation ask object forward"})});
  out->push_back(
      {.kind = "agreement",
       .creator = "nga",
       .title =
           "Kế hoạch hợp tác với UNFPA về già hóa dân số và lao động cao tuổi giai đoạn 2027–2028",
       .drafted_days_ago = 40,
       .fields = Fields(Accord{.type = "cooperation_plan",
                               .partner = "UNFPA",
                               .country = "US",
                               .level = "head_of_unit",
                               .scope = "Nghiên cứu chính sách việc làm cho người cao tuổi.",
                               .signing = 70}),
       .route = Route({kToIcd, "send_for_consultation ask answer+7 forward+1 recommend+2"}),
       .leader = "binh"});
  out->push_back({.kind = "agreement",
                  .creator = "lan",
                  .title = "Bản ghi nhớ hợp tác với JICA về phát triển kỹ năng nghề",
                  .drafted_days_ago = 30,
                  .fields = Fields(Accord{.partner = "JICA",
                                          .country = "JP",
                                          .scope = "Chuẩn kỹ năng nghề, đào tạo giảng viên.",
                                          .signing = 80}),
                  .route = Route({kToIcd, "send_for_consultation ask answer+6 forward+1"})});
  out->push_back(
      {.kind = "agreement",
       .creator = "lan",
       .title = "Thỏa thuận hợp tác với Ban Thư ký ASEAN về Trung tâm ASEAN về lao động di cư",
       .drafted_days_ago = 18,
       .fields = Fields(
           Accord{.type = "cooperation_agreement",
                  .partner = "ASEC",
                  .country = "ID",
                  .scope = "Đặt Trung tâm ASEAN về lao động di cư tại Việt Nam.",
                  .urgent = true,
                  .urgency_reason = "Cần ký bên lề Hội nghị Bộ trưởng Lao động ASEAN sắp tới.",
                  .signing = 30}),
       .route = Route({kToIcd, "send_for_consultation+1 ask"})});
  out->push_back(
      {.kind = "agreement",
       .creator = "khanh",
       .title = "Hiệp định về tuyển chọn điều dưỡng viên Việt Nam sang làm việc tại Cộng hòa Liên "
                "bang Đức",
       .drafted_days_ago = 760,
       .fields = Fields(Accord{.type = "cooperation_agreement",
                               .partner = "GIZ",
                               .country = "DE",
                               .level = "minister",
                               .scope = "Tuyển chọn, đào tạo tiếng Đức và phái cử điều dưỡng viên.",
                               .signing = 400}),
       .route = Route({kToIcd, "start_negotiation+7"})});
  out->push_back({.kind = "agreement",
                  .creator = "lan",
                  .title = "Bản ghi nhớ hợp tác với UN Women về bình đẳng giới trong lao động",
                  .drafted_days_ago = 8,
                  .fields = Fields(Accord{.partner = "UN Women",
                                          .country = "US",
                                          .scope = "Lồng ghép giới trong chính sách việc làm.",
                                          .signing = 90}),
                  .route = kToIcd});
  out->push_back({.kind = "agreement",
                  .creator = "nga",
                  .title = "Thư ý định hợp tác nghiên cứu thị trường lao động với KOICA",
                  .drafted_days_ago = 4,
                  .fields = Fields(Accord{
                      .type = "letter_of_intent",
                      .partner = "KOICA",
                      .country = "KR",
                      .level = "head_of_unit",
                      .scope = "Nghiên cứu chung về dịch chuyển lao động Việt Nam – Hàn Quốc.",
                      .signing = 90}),
                  .route = "submit+1"});
  out->push_back(
      {.kind = "agreement",
       .creator = "lan",
       .title = "Kế hoạch hợp tác với Ngân hàng Phát triển châu Á về phát triển kỹ năng",
       .drafted_days_ago = 27,
       .fields = Fields(Accord{.type = "cooperation_plan",
                               .partner = "ADB",
                               .country = "PH",
                               .scope = "Hỗ trợ kỹ thuật phát triển kỹ năng giai đoạn 2027–2029.",
                               .signing = 100}),
       .route = Route({kToIcd, "return+4"})});
  out->push_back({.kind = "agreement",
                  .creator = "khanh",
                  .title = "Bản ghi nhớ hợp tác với IM Japan về lao động kỹ năng đặc định",
                  .drafted_days_ago = 3,
                  .fields = Fields(Accord{
                      .partner = "IM Japan", .country = "JP", .signing = 120, .partial = true}),
                  .route = ""});
  out->push_back(
      {.kind = "agreement",
       .creator = "lan",
       .title = "Bản ghi nhớ với SECO về cải thiện điều kiện lao động",
       .drafted_days_ago = 480,
       .fields = Fields(Accord{.partner = "SECO",
                               .country = "CH",
                               .scope = "Cải thiện điều kiện lao động trong chuỗi cung ứng.",
                               .signing = 150}),
       .route = Route({kToIcd, "start_negotiation withdraw+60"})});
  out->push_back(
      {.kind = "agreement",
       .creator = "khanh",
       .title = "Bản ghi nhớ hợp tác với Bộ Việc làm và Lao động Hàn Quốc về lao động thời vụ",
       .drafted_days_ago = 580,
       .fields = Fields(Accord{.partner = "MOEL",
                               .country = "KR",
                               .level = "minister",
                               .scope = "Phái cử lao động thời vụ ngành nông nghiệp, ngư nghiệp.",
                               .signing = 120,
                               .term_months = 48}),
       .route = Route({kToIcd, "send_for_consultation ask object forward record_pm_approval+20",
                       "recommend approve sign+20 record_report+5 enter_into_force+10"})});
}

}  // namespace

std::vector<DemoProposal> DemoCatalogue() {
  std::vector<DemoProposal> out;
  AddTrips(&out);
  AddVisits(&out);
  AddMeetings(&out);
  AddGrants(&out);
  AddAccords(&out);
  return out;
}

}  // namespace attache::demo
