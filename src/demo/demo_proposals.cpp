#include "attache/demo/demo_proposals.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>
#include <queue>
#include <sstream>

#include "attache/core/iso_date.h"
#include "attache/core/rfc3339.h"
#include "attache/core/text.h"
#include "attache/service/consultations.h"
#include "attache/service/documents.h"
#include "attache/service/file_types.h"
#include "attache/service/notifier.h"
#include "attache/service/proposals.h"
#include "attache/store/documents.h"
#include "attache/store/partners.h"
#include "attache/store/users.h"

namespace attache::demo {
namespace {

using nlohmann::json;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using TimePoint = std::chrono::system_clock::time_point;

constexpr hours kVietnam{7};       // UTC+7 all year
constexpr int kPostponeDays = 60;  // how far a postponement moves an activity

// ---- Routes

struct Move {
  std::string name;  // a transition's action, or ask, answer, object
  std::string user;  // empty: by the transition's roles
  std::optional<int> days;
  std::string anchor;  // a date field
  int anchor_shift = 0;
};

// Days a step typically takes after the one before it.
int TypicalDays(const std::string& name) {
  static const std::map<std::string, int> typical = {{"submit", 3},
                                                     {"resubmit", 2},
                                                     {"endorse", 2},
                                                     {"return", 4},
                                                     {"consult", 3},
                                                     {"send_for_consultation", 3},
                                                     {"start_negotiation", 5},
                                                     {"ask", 0},
                                                     {"answer", 12},
                                                     {"object", 12},
                                                     {"forward", 2},
                                                     {"forward_simplified", 3},
                                                     {"give_opinion", 4},
                                                     {"recommend", 3},
                                                     {"send_back", 2},
                                                     {"approve", 5},
                                                     {"reject", 5},
                                                     {"withdraw", 4},
                                                     {"postpone", 6},
                                                     {"reschedule", 30},
                                                     {"cancel", 10},
                                                     {"record_pm_approval", 20},
                                                     {"record_pm_rejection", 20},
                                                     {"notify_authorities", 3},
                                                     {"file_report", 10},
                                                     {"start", 20},
                                                     {"request_adjustment", 60},
                                                     {"request_extension", 60},
                                                     {"approve_adjustment", 10},
                                                     {"refuse_adjustment", 10},
                                                     {"approve_extension", 10},
                                                     {"refuse_extension", 10},
                                                     {"suspend", 30},
                                                     {"resume", 30},
                                                     {"finish", 30},
                                                     {"close", 20},
                                                     {"sign", 20},
                                                     {"record_report", 7},
                                                     {"enter_into_force", 20},
                                                     {"mark_expiring", 5},
                                                     {"extend", 20},
                                                     {"terminate", 30}};
  auto it = typical.find(name);
  return it == typical.end() ? 7 : it->second;
}

std::optional<int> ParseInt(std::string_view text) {
  int v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
  return v;
}

// `name[:user][+days][@field[+|-days]]`, separated by spaces.
Status ParseRoute(const std::string& route, std::vector<Move>* out) {
  std::istringstream in(route);
  std::string token;
  while (in >> token) {
    Move m;
    std::string rest = token;
    if (size_t at = rest.find('@'); at != std::string::npos) {
      std::string anchor = rest.substr(at + 1);
      rest.resize(at);
      size_t sign = anchor.find_first_of("+-");
      m.anchor = anchor.substr(0, sign);
      if (sign != std::string::npos) {
        auto shift = ParseInt(anchor.substr(anchor[sign] == '+' ? sign + 1 : sign));
        if (!shift) return Status::InvalidArgument("bad step " + token);
        m.anchor_shift = *shift;
      }
    }
    if (size_t plus = rest.find('+'); plus != std::string::npos) {
      m.days = ParseInt(rest.substr(plus + 1));
      if (!m.days) return Status::InvalidArgument("bad step " + token);
      rest.resize(plus);
    }
    if (size_t colon = rest.find(':'); colon != std::string::npos) {
      m.user = rest.substr(colon + 1);
      rest.resize(colon);
    }
    m.name = rest;
    out->push_back(std::move(m));
  }
  return Status::Ok();
}

// ---- Dates

Date DayOf(TimePoint t) {
  return std::chrono::floor<days>(t + kVietnam);
}

std::string Iso(Date d) {
  return FormatIsoDate(std::chrono::year_month_day(d));
}

std::optional<Date> DateField(const json& fields, const std::string& name) {
  auto it = fields.find(name);
  if (it == fields.end() || !it->is_string()) return std::nullopt;
  auto ymd = ParseIsoDate(it->get<std::string>());
  if (!ymd) return std::nullopt;
  return Date(*ymd);
}

Date AddMonths(Date d, int months) {
  std::chrono::year_month_day ymd(d);
  ymd += std::chrono::months(months);
  if (!ymd.ok()) ymd = ymd.year() / ymd.month() / std::chrono::last;
  return Date(ymd);
}

// A relative date "+N" / "-N" (days after `drafted`), or the text unchanged.
std::string RelativeDate(const std::string& text, Date drafted) {
  if (text.empty() || (text[0] != '+' && text[0] != '-')) return text;
  size_t end = text.find('T');
  auto n = ParseInt(std::string_view(text).substr(text[0] == '+' ? 1 : 0, end - (text[0] == '+')));
  if (!n) return text;
  return Iso(drafted + days(*n)) + (end == std::string::npos ? "" : text.substr(end));
}

// ---- Documents

std::string PdfText(const std::string& text) {
  std::string out;
  for (char c : FoldForSearch(text)) {
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x80) out += c;
  }
  return out;
}

// A one-page PDF naming the document: real bytes that the upload check accepts and that any
// viewer opens. Vietnamese marks are folded away (the base-14 fonts have no glyphs for them).
std::string DemoPdf(const std::vector<std::string>& lines) {
  std::string content = "BT /F1 13 Tf 64 770 Td 18 TL";
  for (const std::string& line : lines) content += " (" + PdfText(line) + ") Tj T*";
  content += " ET";
  const std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> "
      ">> /Contents 5 0 R >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream"};
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t offset : offsets) {
    std::string n = std::to_string(offset);
    pdf += std::string(10 - n.size(), '0') + n + " 00000 n \n";
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// Documents ICD keeps (the rest are the unit's to upload).
bool IcdDocument(const std::string& type) {
  return type == "signed_copy" || type == "mofa_report" || type == "pm_decision" ||
         type == "extension_document";
}

// ---- Words of the steps

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

// The bodies ICD asks, by kind (DOMAIN.md).
std::vector<std::string> BodiesFor(const std::string& kind, const json& fields) {
  if (kind == "outbound_delegation") return {"Bộ Ngoại giao"};
  if (kind == "inbound_visit") return {"Bộ Công an", "Bộ Ngoại giao"};
  if (kind == "conference") return {"Bộ Ngoại giao", "Bộ Công an"};
  if (kind == "aid") {
    std::vector<std::string> bodies = {"Bộ Tài chính", "Bộ Công an", "Bộ Ngoại giao"};
    if (fields.value("aid_type", "") == "ngo_aid")
      bodies.push_back("Liên hiệp các tổ chức hữu nghị Việt Nam");
    return bodies;
  }
  return {"Bộ Ngoại giao", "Bộ Tư pháp", "Bộ Công an"};
}

// ---- The run

// One demo proposal being played: its steps, where it is, and when it last moved.
struct Run {
  const DemoProposal* spec = nullptr;
  size_t index = 0;
  std::vector<Move> moves;
  size_t next = 0;  // moves[next] is the next step; before creation, row.id is 0
  store::ProposalRow row;
  Date drafted{};
  TimePoint last{};
};

class Player {
 public:
  Player(store::Db& db, const DemoRules& rules, TimePoint now)
      : db_(db),
        rules_(rules),
        now_(now),
        clock_(now),
        proposals_(rules.workflows, rules.calendar, clock_),
        documents_(proposals_, rules.files, clock_),
        notifier_(rules.workflows, clock_) {}

  Status Play(const std::vector<DemoProposal>& catalogue, int* created);
  // The content this player stored; removed again by the caller when the seed fails.
  const std::vector<std::string>& placed() const { return placed_; }

 private:
  using Event = std::pair<TimePoint, size_t>;  // when, which run

  Status Prepare(const std::vector<DemoProposal>& catalogue);
  Status Create(Run& run);
  Status Take(Run& run, const Move& move);
  Status Act(Run& run, const Move& move);
  Status Ask(Run& run);
  Status Answer(Run& run, bool last_objects);
  Status Upload(Run& run, const std::string& type);
  Status StoreContent(const std::string& kind, const workflow::DocumentDef& doc,
                      store::NewDocument* out);
  json InputsFor(const Run& run, const std::string& action, Date day);
  json ResolveFields(const json& fields, const workflow::Definition& def, Date drafted) const;
  std::optional<TimePoint> NextTime(const Run& run) const;
  TimePoint OfficeTime(Date day, size_t salt) const;
  const store::User* ActorFor(const Run& run, const workflow::TransitionDef& t) const;
  Status Fail(const Run& run, const std::string& what, const Status& s) const;
  std::string DecisionNumber(Date day, const std::string& kind);

  store::Db& db_;
  const DemoRules& rules_;
  const TimePoint now_;
  ManualClock clock_;
  service::Proposals proposals_;
  service::Documents documents_;
  service::Notifier notifier_;
  std::vector<Run> runs_;
  std::map<std::string, store::User> users_;          // by username
  std::map<int64_t, std::string> unit_heads_;         // unit id -> username
  std::map<std::string, int64_t> partners_;           // acronym or English name -> id
  std::map<std::string, store::NewDocument> stored_;  // kind/type -> content
  std::vector<std::string> placed_;
  int decisions_ = 0;
};

Status Player::Prepare(const std::vector<DemoProposal>& catalogue) {
  for (const char* name :
       {"lan", "hung", "khanh", "tuan", "nga", "son", "mai", "quang", "thu", "thanh", "binh"}) {
    auto u = store::FindUserByName(db_, name);
    if (!u)
      return Status::NotFound(std::string("Thiếu người dùng mẫu / the demo user is missing: ") +
                              name);
    if (std::find(u->roles.begin(), u->roles.end(), "unit_head") != u->roles.end())
      unit_heads_[u->unit_id] = name;
    users_[name] = *u;
  }
  for (const store::Partner& p : store::ListPartners(db_, {}))
    partners_[p.acronym.empty() ? p.name_en : p.acronym] = p.id;
  for (size_t i = 0; i < catalogue.size(); ++i) {
    Run run;
    run.spec = &catalogue[i];
    run.index = i;
    if (Status s = ParseRoute(catalogue[i].route, &run.moves); !s.ok())
      return Fail(run, "route", s);
    run.drafted = DayOf(now_) - days(catalogue[i].drafted_days_ago);
    runs_.push_back(std::move(run));
  }
  return Status::Ok();
}

Status Player::Play(const std::vector<DemoProposal>& catalogue, int* created) {
  if (Status s = Prepare(catalogue); !s.ok()) return s;
  // Every step of every proposal in the order of its time, so the audit trail reads forward.
  std::priority_queue<Event, std::vector<Event>, std::greater<Event>> queue;
  for (const Run& run : runs_) queue.push({*NextTime(run), run.index});
  while (!queue.empty()) {
    auto [at, i] = queue.top();
    queue.pop();
    Run& run = runs_[i];
    clock_.Set(at);
    run.last = at;
    Status s = run.row.id == 0 ? Create(run) : Take(run, run.moves[run.next++]);
    if (!s.ok()) return s;
    if (auto next = NextTime(run)) queue.push({*next, i});
  }
  *created = static_cast<int>(runs_.size());
  return Status::Ok();
}

TimePoint Player::OfficeTime(Date day, size_t salt) const {
  // Between 08:30 and 16:00 in Vietnam.
  return TimePoint(day) - kVietnam + hours(8) + minutes(30 + static_cast<int>(salt * 7919 % 450));
}

std::optional<TimePoint> Player::NextTime(const Run& run) const {
  const bool creating = run.row.id == 0;
  if (!creating && run.next >= run.moves.size()) return std::nullopt;
  const size_t salt = run.index * 131 + run.next;
  Date day = run.drafted;
  if (!creating) {
    const Move& m = run.moves[run.next];
    day = DayOf(run.last) + days(m.days.value_or(TypicalDays(m.name)));
    if (!m.anchor.empty())
      if (auto d = DateField(run.row.fields, m.anchor)) day = *d + days(m.anchor_shift);
  }
  while (!rules_.calendar.IsWorkingDay(day)) day += days(1);
  TimePoint t = OfficeTime(day, salt);
  if (!creating && t <= run.last) t = run.last + minutes(6 + static_cast<int>(salt % 40));
  // Nothing happens in the future: the steps left are squeezed in before now.
  const size_t left = creating ? run.moves.size() + 1 : run.moves.size() - run.next;
  const TimePoint latest =
      now_ - minutes(20 * static_cast<int>(left) + static_cast<int>(salt % 90));
  if (t > latest) t = creating ? latest : std::max(run.last + minutes(1), latest);
  return t;
}

Status Player::Fail(const Run& run, const std::string& what, const Status& s) const {
  return Status::InvalidArgument("hồ sơ mẫu / demo proposal \"" + run.spec->title + "\" (" +
                                 run.spec->kind + "), " + what + ": " + s.message());
}

json Player::ResolveFields(const json& fields, const workflow::Definition& def,
                           Date drafted) const {
  json out = fields;
  for (auto it = out.begin(); it != out.end(); ++it) {
    const workflow::FieldDef* f = def.Field(it.key());
    if (!f) continue;
    if (f->type == workflow::FieldType::kDate && it->is_string())
      *it = RelativeDate(it->get<std::string>(), drafted);
    else if (f->type == workflow::FieldType::kDatetime && it->is_object() && it->contains("at"))
      (*it)["at"] = RelativeDate((*it)["at"].get<std::string>(), drafted);
    else if (f->type == workflow::FieldType::kPartner && it->is_string()) {
      auto p = partners_.find(it->get<std::string>());
      if (p != partners_.end()) *it = p->second;  // an unknown one is refused by Create
    }
  }
  return out;
}

Status Player::Create(Run& run) {
  const DemoProposal& spec = *run.spec;
  auto def = rules_.workflows.Current(spec.kind);
  if (!def) return Fail(run, "create", Status::InvalidArgument("unknown kind"));
  service::NewProposalRequest request{spec.kind, spec.title,
                                      ResolveFields(spec.fields, *def, run.drafted), std::nullopt};
  const store::User& creator = users_.at(spec.creator);
  if (!spec.plan_item.empty()) {
    store::Stmt q = db_.Prepare("SELECT id FROM plan_items WHERE title = ? AND unit_id = ?");
    q.Bind(1, spec.plan_item).Bind(2, creator.unit_id);
    if (!q.Step()) return Fail(run, "plan item", Status::NotFound(spec.plan_item));
    request.plan_item_id = q.Int(0);
  }
  service::Refusal refusal;
  Status s = proposals_.Create(db_, creator, request, &run.row, &refusal);
  if (!s.ok()) {
    std::string why = s.message();
    for (const auto& e : refusal.field_errors) why += "; " + e.field + ": " + e.message.en;
    return Fail(run, "create", Status::InvalidArgument(why));
  }
  return Status::Ok();
}

Status Player::Take(Run& run, const Move& move) {
  Status s = move.name == "ask"      ? Ask(run)
             : move.name == "answer" ? Answer(run, false)
             : move.name == "object" ? Answer(run, true)
                                     : Act(run, move);
  if (!s.ok()) return s;
  return store::LoadProposal(db_, run.row.id, &run.row);
}

const store::User* Player::ActorFor(const Run& run, const workflow::TransitionDef& t) const {
  for (const std::string& role : t.roles) {
    std::string name;
    if (role == "staff") name = run.spec->creator;
    if (role == "unit_head") {
      auto it = unit_heads_.find(run.row.unit_id);
      if (it != unit_heads_.end()) name = it->second;
    }
    if (role == "icd_officer") name = "mai";
    if (role == "icd_head") name = "quang";
    if (role == "finance") name = "thu";
    if (role == "leader") name = run.spec->leader;
    if (!name.empty()) return &users_.at(name);
  }
  return nullptr;
}

Status Player::Act(Run& run, const Move& move) {
  auto def = rules_.workflows.Version(run.row.kind, run.row.workflow_version);
  const workflow::TransitionDef* t = def ? def->Transition(run.row.state, move.name) : nullptr;
  if (!t)
    return Fail(run, move.name, Status::InvalidArgument("no such step from " + run.row.state));
  const store::User* actor = move.user.empty() ? ActorFor(run, *t) : &users_.at(move.user);
  if (!actor) return Fail(run, move.name, Status::NotFound("nobody of the demo may take it"));
  const Date day = DayOf(clock_.Now());
  service::ActRequest request{run.row.id,
                              run.row.version,
                              {move.name, CommentFor(move.name, t->roles.front(), run.index),
                               InputsFor(run, move.name, day)}};
  for (int attempt = 0;; ++attempt) {
    service::Refusal refusal;
    const store::ProposalRow before = run.row;
    Status s = proposals_.Act(db_, *actor, request, &run.row, &refusal);
    // The demo's people are told of its steps as the server would tell them, at the step's time.
    if (s.ok())
      return notifier_.OnStep(db_, before, run.row, actor->id, move.name,
                              request.step.comment.value_or(""),
                              FormatIsoDate(std::chrono::year_month_day{day}));
    // The documents the step needs are uploaded just before it, then the step is taken.
    bool only_documents = !refusal.reasons.empty() && attempt == 0;
    for (const auto& r : refusal.reasons) only_documents &= r.code == "missing_document";
    if (!only_documents) {
      std::string why = s.message();
      for (const auto& r : refusal.reasons) why += "; " + r.code + " " + r.subject;
      return Fail(run, move.name + " from " + run.row.state, Status::InvalidArgument(why));
    }
    for (const auto& r : refusal.reasons)
      if (Status u = Upload(run, r.subject); !u.ok()) return u;
    if (Status l = store::LoadProposal(db_, run.row.id, &run.row); !l.ok()) return l;
    request.expected_version = run.row.version;
  }
}

Status Player::StoreContent(const std::string& kind, const workflow::DocumentDef& doc,
                            store::NewDocument* out) {
  const std::string key = kind + "/" + doc.type;
  if (auto it = stored_.find(key); it != stored_.end()) {
    *out = it->second;
    return Status::Ok();
  }
  auto def = rules_.workflows.Current(kind);
  std::unique_ptr<store::StagedFile> staged;
  if (Status s = rules_.files.Stage(&staged); !s.ok()) return s;
  std::string bytes = DemoPdf(
      {"Attache - tai lieu mau / demo document", def->title.vi + " / " + def->title.en,
       doc.label.vi + " / " + doc.label.en, "Khong co gia tri phap ly / not a legal document"});
  if (Status s = staged->Append(bytes); !s.ok()) return s;
  if (Status s = staged->Finish(); !s.ok()) return s;
  service::DetectedType type;
  if (Status s = service::DetectFileType(staged->path(), &type); !s.ok()) return s;
  bool created = false;
  if (Status s = rules_.files.Place(*staged, &created); !s.ok()) return s;
  if (created) placed_.push_back(staged->sha256());
  store::NewDocument content;
  content.size = static_cast<int64_t>(staged->size());
  content.sha256 = staged->sha256();
  content.content_type = type.content_type;
  stored_[key] = content;
  *out = content;
  return Status::Ok();
}

Status Player::Upload(Run& run, const std::string& type) {
  auto def = rules_.workflows.Version(run.row.kind, run.row.workflow_version);
  auto doc = std::find_if(def->documents.begin(), def->documents.end(),
                          [&](const workflow::DocumentDef& d) { return d.type == type; });
  if (doc == def->documents.end())
    return Fail(run, "upload", Status::NotFound("no document type " + type));
  const store::User& uploader = users_.at(IcdDocument(type) ? "mai" : run.spec->creator);
  if (Status s = documents_.MayAttach(db_, uploader, run.row.id); !s.ok())
    return Fail(run, "upload " + type, s);
  store::NewDocument d;
  if (Status s = StoreContent(run.row.kind, *doc, &d); !s.ok())
    return Fail(run, "store " + type, s);
  d.proposal_id = run.row.id;
  d.type = type;
  d.filename = doc->label.vi + " - " + run.row.ref + ".pdf";
  d.uploaded_by = uploader.id;
  d.uploaded_at = FormatRfc3339(clock_.Now());
  if (Status s = store::AddDocument(db_, d, nullptr); !s.ok())
    return Fail(run, "upload " + type, s);
  return Status::Ok();
}

Status Player::Ask(Run& run) {
  const Date day = DayOf(clock_.Now());
  Date due = day + days(10);
  if (run.row.kind == "conference") due = day + days(15);
  if (run.row.kind == "aid") due = day + days(20);
  if (run.row.kind == "agreement")
    due = rules_.calendar.AddWorkingDays(day, run.row.fields.value("urgent", false) ? 3 : 7);
  for (const std::string& body : BodiesFor(run.row.kind, run.row.fields)) {
    service::AskRequest ask{
        body, Iso(due),
        "Đề nghị Quý Cơ quan cho ý kiến về đề xuất " + run.row.ref + " (" + run.row.title + ")."};
    store::ConsultationRow row;
    if (Status s = service::AskOpinion(db_, proposals_, users_.at("mai"), run.row.id, ask, &row);
        !s.ok())
      return Fail(run, "ask " + body, s);
  }
  return Status::Ok();
}

Status Player::Answer(Run& run, bool last_objects) {
  std::vector<store::ConsultationRow> open;
  for (const auto& c : store::ConsultationsOf(db_, run.row.id))
    if (!c.answer) open.push_back(c);
  for (size_t i = 0; i < open.size(); ++i) {
    service::AnswerRequest answer{"agree", "Thống nhất với nội dung đề xuất.", std::nullopt};
    if (last_objects && i + 1 == open.size())
      answer = {"object",
                "Chưa đồng ý: đề nghị làm rõ cơ chế trao đổi thông tin và trách nhiệm của các bên "
                "theo pháp luật Việt Nam.",
                std::nullopt};
    else if ((run.index + i) % 4 == 1)
      answer = {"agree_with_conditions",
                "Đồng ý, đề nghị không cam kết các nội dung ngoài thẩm quyền của Bộ.",
                std::nullopt};
    store::ConsultationRow row;
    if (Status s =
            service::RecordAnswer(db_, proposals_, users_.at("mai"), open[i].id, answer, &row);
        !s.ok())
      return Fail(run, "answer " + open[i].body, s);
  }
  return Status::Ok();
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

}  // namespace

Status SeedDemoProposals(store::Db& db, const DemoRules& rules, TimePoint now, int* created) {
  const std::vector<DemoProposal> catalogue = DemoCatalogue();
  Player player(db, rules, now);
  Status s;
  try {
    s = player.Play(catalogue, created);
  } catch (...) {
    for (const std::string& sha : player.placed()) rules.files.Remove(sha);
    throw;
  }
  // The caller rolls the rows back; the files this seed stored go with them.
  if (!s.ok())
    for (const std::string& sha : player.placed()) rules.files.Remove(sha);
  return s;
}

}  // namespace attache::demo
