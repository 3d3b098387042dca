// The proposals `attache seed` generates (bulk_seed_internal.h): what the seeder reads of the
// definitions, users and partners, the word tables titles and fields are drawn from, a walk
// through each kind's workflow with weighted steps, and the rows of one proposal with its
// audit entries (chained by bulk_seed_audit.cpp) and full-text index row. No SQLite call but
// the reads of Prepare, so Generate runs on a thread of its own.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>

#include "attache/core/iso_date.h"
#include "attache/core/text.h"
#include "attache/service/proposals.h"
#include "bulk_seed_internal.h"

namespace attache::demo::bulk {
namespace {

using nlohmann::json;
using workflow::FieldType;
namespace chr = std::chrono;

constexpr std::string_view kSelectPartners =
    "SELECT id, country, name_vi || ' ' || name_en || ' ' || acronym, acronym FROM partners "
    "ORDER BY id";

// The word tables titles and fields are drawn from.
constexpr std::array<Country, 16> kCountries{{
    {"KR", "Hàn Quốc"},
    {"JP", "Nhật Bản"},
    {"DE", "Đức"},
    {"FR", "Pháp"},
    {"AU", "Úc"},
    {"TH", "Thái Lan"},
    {"SG", "Singapore"},
    {"CN", "Trung Quốc"},
    {"US", "Hoa Kỳ"},
    {"GB", "Vương quốc Anh"},
    {"CH", "Thụy Sĩ"},
    {"LA", "Lào"},
    {"KH", "Campuchia"},
    {"MY", "Malaysia"},
    {"CA", "Canada"},
    {"SE", "Thụy Điển"},
}};
constexpr std::array<const char*, 16> kTopics{
    {"việc làm bền vững", "an sinh xã hội", "đào tạo nghề", "lao động di cư", "bình đẳng giới",
     "bảo vệ trẻ em", "an toàn vệ sinh lao động", "giảm nghèo đa chiều", "bảo hiểm thất nghiệp",
     "kỹ năng số cho người lao động", "quan hệ lao động", "chăm sóc người cao tuổi",
     "trợ giúp xã hội", "thị trường lao động", "phòng chống lao động trẻ em",
     "chuyển đổi xanh trong việc làm"}};
constexpr std::array<const char*, 8> kOpenings{
    {"Trao đổi kinh nghiệm về ", "Khảo sát mô hình ", "Học tập chính sách ",
     "Thúc đẩy hợp tác trong lĩnh vực ", "Chia sẻ kết quả nghiên cứu về ",
     "Xây dựng khung pháp lý về ", "Nâng cao năng lực quản lý ",
     "Đánh giá thực hiện chương trình "}};
constexpr std::array<const char*, 8> kCities{
    {"Seoul", "Tokyo", "Berlin", "Paris", "Canberra", "Bangkok", "Geneva", "Viêng Chăn"}};
constexpr std::array<const char*, 8> kFamilyNames{
    {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"}};
constexpr std::array<const char*, 8> kGivenNames{
    {"Văn An", "Thị Bình", "Minh Châu", "Quốc Dũng", "Thu Hà", "Đức Long", "Ngọc Mai", "Anh Tú"}};
constexpr std::array<const char*, 6> kPositions{{"Vụ trưởng", "Phó Cục trưởng", "Chuyên viên chính",
                                                 "Trưởng phòng", "Nghiên cứu viên",
                                                 "Chánh Văn phòng"}};
constexpr std::array<const char*, 6> kVenues{
    {"Hà Nội", "Thành phố Hồ Chí Minh", "Đà Nẵng", "Huế", "Hải Phòng", "Cần Thơ"}};
constexpr std::array<const char*, 4> kComments{
    {"Đề nghị bổ sung hồ sơ theo quy định.", "Đồng ý, trình cấp có thẩm quyền.",
     "Cần làm rõ kinh phí và thành phần đoàn.", "Thống nhất với ý kiến của các đơn vị."}};
std::string DateText(int64_t day) {
  return FormatIsoDate(chr::year_month_day{chr::sys_days{chr::days{day}}});
}

// RFC 3339 UTC text of a day and a second of it.
std::string TimeText(int64_t day, int64_t second) {
  const chr::year_month_day d{chr::sys_days{chr::days{day}}};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02lld:%02lld:%02lldZ", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()),
                static_cast<long long>(second / 3600), static_cast<long long>(second / 60 % 60),
                static_cast<long long>(second % 60));
  return buf;
}

int64_t DayOf(int y, unsigned m, unsigned d) {
  return chr::sys_days(chr::year(y) / m / d).time_since_epoch().count();
}

bool IsSetback(std::string_view action) {
  for (std::string_view a :
       {"withdraw", "cancel", "reject", "return", "send_back", "postpone", "record_pm_rejection",
        "terminate", "refuse_adjustment", "refuse_extension", "expire"})
    if (action == a) return true;
  return false;
}

}  // namespace

Status Seeder::Prepare() {
  for (std::string_view kind : workflow::kKinds) {
    KindPlan plan;
    plan.def = workflows_.Current(std::string(kind));
    plan.version = workflows_.CurrentVersion(std::string(kind));
    if (!plan.def) return Status::FailedPrecondition("no workflow for " + std::string(kind));
    for (const workflow::StateDef& s : plan.def->states)
      for (const workflow::TransitionDef* t : plan.def->TransitionsFrom(s.id))
        plan.out[s.id].push_back({t, IsSetback(t->action) ? 1 : 8});
    kinds_.push_back(std::move(plan));
  }
  for (store::User& u : store::ListUsers(db_))
    if (u.active) users_.push_back(std::move(u));
  for (const store::User& u : users_)
    if (std::find(u.roles.begin(), u.roles.end(), "staff") != u.roles.end())
      creators_.push_back(&u);
  store::Stmt partners = db_.Prepare(kSelectPartners);
  while (partners.Step())
    partners_.push_back({partners.Int(0), partners.IsNull(1) ? "" : partners.Text(1),
                         FoldForSearch(partners.Text(2)), partners.Text(3)});
  if (creators_.empty() || partners_.empty())
    return Status::FailedPrecondition(
        "seed needs units, users and partners: run 'attache seed-demo' first");
  for (const char* role : {"unit_head", "icd_officer", "icd_head", "finance", "leader"}) {
    bool found = false;
    for (const store::User& u : users_)
      found = found || std::find(u.roles.begin(), u.roles.end(), role) != u.roles.end();
    if (!found)
      return Status::FailedPrecondition(std::string("seed needs a user with role ") + role +
                                        ": run 'attache seed-demo' first");
  }
  return Status::Ok();
}

// The users who may take `t` on a proposal of `unit` (the creator not yet excluded).
const std::vector<int64_t>& Seeder::Candidates(const workflow::TransitionDef& t, int64_t unit) {
  auto [it, added] = candidates_.try_emplace({&t, unit});
  if (!added) return it->second;
  for (const store::User& u : users_) {
    bool role = false;
    for (const std::string& r : t.roles)
      role = role || std::find(u.roles.begin(), u.roles.end(), r) != u.roles.end();
    // Unit steps (staff, unit heads) are taken in the proposal's unit.
    bool unit_role = std::find(u.roles.begin(), u.roles.end(), "staff") != u.roles.end() ||
                     std::find(u.roles.begin(), u.roles.end(), "unit_head") != u.roles.end();
    if (role && (!(t.own_unit || unit_role) || u.unit_id == unit)) it->second.push_back(u.id);
  }
  return it->second;
}

std::vector<Step> Seeder::Walk(const KindPlan& plan, const store::User& creator, int64_t day) {
  static const int64_t kLastDay = DayOf(2026, 10, 31);
  std::vector<Step> steps;
  std::string state = plan.def->initial_state;
  const int64_t wanted = rng_.Between(0, 14);
  for (int64_t i = 0; i < wanted; ++i) {
    auto it = plan.out.find(state);
    if (it == plan.out.end() || it->second.empty()) break;
    int total = 0;
    for (const auto& [t, w] : it->second) total += w;
    int64_t r = rng_.Below(total);
    const workflow::TransitionDef* t = nullptr;
    for (const auto& [cand, w] : it->second) {
      if (r < w) {
        t = cand;
        break;
      }
      r -= w;
    }
    int64_t actor = 0;
    if (t->creator_only) {
      actor = creator.id;
    } else {
      const std::vector<int64_t>& who = Candidates(*t, creator.unit_id);
      std::vector<int64_t> allowed;
      for (int64_t id : who)
        if (!(t->not_by_creator && id == creator.id)) allowed.push_back(id);
      if (allowed.empty()) break;
      actor = allowed[static_cast<size_t>(rng_.Below(static_cast<int64_t>(allowed.size())))];
    }
    day += rng_.Between(1, 12);
    if (day > kLastDay) break;
    const std::string& to =
        t->to[static_cast<size_t>(rng_.Below(static_cast<int64_t>(t->to.size())))].state;
    steps.push_back({t, &to, actor, day, rng_.Between(1 * 3600, 10 * 3600)});
    state = to;
  }
  return steps;
}

std::string Seeder::Title(const std::string& kind, const PartnerRef& partner,
                          const Country& country) {
  std::string topic = rng_.Pick(kTopics);
  const std::string& who = partner.acronym.empty() ? std::string("đối tác") : partner.acronym;
  if (kind == "outbound_delegation")
    return "Đoàn công tác tại " + std::string(country.name_vi) + " về " + topic;
  if (kind == "inbound_visit") return "Đón đoàn " + who + " thăm và làm việc về " + topic;
  if (kind == "conference") return "Hội thảo quốc tế về " + topic + " với " + who;
  if (kind == "aid") return "Dự án " + topic + " do " + who + " tài trợ";
  return "Bản ghi nhớ hợp tác về " + topic + " với " + who;
}

json Seeder::Fields(const workflow::Definition& def, int64_t created, int64_t start, int64_t end,
                    const PartnerRef& partner, const Country& country) {
  json fields = json::object();
  const workflow::ListColumnFields& c = def.columns;
  auto person = [&](const workflow::FieldDef& f) {
    json p = json::object();
    for (const workflow::ItemField& item : f.item_fields) {
      if (item.type == FieldType::kDate)
        p[item.name] = DateText(DayOf(1960, 1, 1) + rng_.Below(35 * 365));
      else if (item.type == FieldType::kCountry)
        p[item.name] = rng_.Pick(kCountries).code;
      else if (item.type == FieldType::kEnum && !item.options.empty())
        p[item.name] =
            item.options[static_cast<size_t>(rng_.Below(static_cast<int64_t>(item.options.size())))]
                .value;
      else if (item.name == "full_name")
        p[item.name] = std::string(rng_.Pick(kFamilyNames)) + " " + rng_.Pick(kGivenNames);
      else if (item.name == "passport_no")
        p[item.name] = "C" + std::to_string(rng_.Between(1000000, 9999999));
      else if (item.name == "position")
        p[item.name] = rng_.Pick(kPositions);
      else
        p[item.name] = rng_.Pick(kVenues);
    }
    return p;
  };
  const double usd = static_cast<double>(rng_.Between(10, 5000) * 1000);
  for (const workflow::FieldDef& f : def.fields) {
    bool column = f.name == c.partner || f.name == c.country || f.name == c.starts_on ||
                  f.name == c.ends_on || f.name == c.amount_usd;
    if (!column && !rng_.Chance(70)) continue;
    json& v = fields[f.name];
    switch (f.type) {
      case FieldType::kText:
        if (f.name.find("decision_no") != std::string::npos)
          v = std::to_string(rng_.Between(1, 999)) + "/QĐ-LĐTBXH";
        else
          v = std::string(rng_.Pick(kOpenings)) + rng_.Pick(kTopics);
        break;
      case FieldType::kLongText:
        v = std::string(rng_.Pick(kOpenings)) + rng_.Pick(kTopics) + ". " + rng_.Pick(kOpenings) +
            rng_.Pick(kTopics) + " tại " + rng_.Pick(kVenues) + ".";
        break;
      case FieldType::kDate:
        v = DateText(f.name == c.starts_on ? start
                     : f.name == c.ends_on ? end
                                           : created + rng_.Between(5, 200));
        break;
      case FieldType::kDatetime:
        v = {{"at", DateText(start) + "T09:00"}, {"tz", "Asia/Ho_Chi_Minh"}};
        break;
      case FieldType::kNumber:
        v = f.name == c.amount_usd ? usd : usd * 25000;
        break;
      case FieldType::kInteger: {
        int64_t lo = f.min ? static_cast<int64_t>(*f.min) : 1;
        int64_t hi = f.max ? static_cast<int64_t>(*f.max) : 300;
        v = rng_.Between(std::max<int64_t>(lo, 1),
                         std::max<int64_t>(std::min<int64_t>(hi, 300), lo));
        break;
      }
      case FieldType::kBoolean:
        v = rng_.Chance(50);
        break;
      case FieldType::kCountry:
        v = f.name == c.country ? country.code : rng_.Pick(kCountries).code;
        break;
      case FieldType::kCountryList:
        v = json::array({country.code});
        if (rng_.Chance(30)) {
          const char* other = rng_.Pick(kCountries).code;
          if (std::string_view(other) != country.code) v.push_back(other);
        }
        break;
      case FieldType::kPartner:
        v = partner.id;
        break;
      case FieldType::kMoney:
        v = {{"amount", usd}, {"currency", "USD"}};
        break;
      case FieldType::kEnum:
        if (f.options.empty()) {
          fields.erase(f.name);
          break;
        }
        v = f.options[static_cast<size_t>(rng_.Below(static_cast<int64_t>(f.options.size())))]
                .value;
        break;
      case FieldType::kEnumList: {
        if (f.options.empty()) {
          fields.erase(f.name);
          break;
        }
        size_t first = static_cast<size_t>(rng_.Below(static_cast<int64_t>(f.options.size())));
        v = json::array({f.options[first].value});
        if (f.options.size() > 1 && rng_.Chance(40))
          v.push_back(f.options[(first + 1) % f.options.size()].value);
        break;
      }
      case FieldType::kStringList:
        v = json::array({rng_.Pick(kCities), rng_.Pick(kVenues)});
        break;
      case FieldType::kPeople: {
        v = json::array();
        for (int64_t i = rng_.Between(1, 4); i > 0; --i) v.push_back(person(f));
        break;
      }
    }
  }
  return fields;
}

void Seeder::Generate(ProposalRow* row) {
  static const int64_t kFirstDay = DayOf(2016, 1, 1);
  static const int64_t kLastCreated = DayOf(2026, 6, 30);
  const KindPlan& plan =
      kinds_[static_cast<size_t>(rng_.Below(static_cast<int64_t>(kinds_.size())))];
  const workflow::Definition& def = *plan.def;
  const store::User& creator =
      *creators_[static_cast<size_t>(rng_.Below(static_cast<int64_t>(creators_.size())))];
  const PartnerRef& partner =
      partners_[static_cast<size_t>(rng_.Below(static_cast<int64_t>(partners_.size())))];
  const Country& country = rng_.Pick(kCountries);
  const int64_t created = rng_.Between(kFirstDay, kLastCreated);
  const int64_t created_second = rng_.Between(1 * 3600, 10 * 3600);
  const bool long_running = def.kind == "aid" || def.kind == "agreement";
  const int64_t start = created + rng_.Between(20, 150);
  const int64_t end = start + (long_running ? rng_.Between(365, 1825) : rng_.Between(2, 14));
  row->title = Title(def.kind, partner, country);
  json fields = Fields(def, created, start, end, partner, country);
  row->columns = service::ColumnsOf(def, fields);
  std::vector<Step> steps = Walk(plan, creator, created);

  row->id = at_.next_id++;
  row->plan = &plan;
  const int year = static_cast<int>(chr::year_month_day{chr::sys_days{chr::days{created}}}.year());
  int64_t& last = at_.counters[{def.ref_prefix, year}];
  char number[32];
  std::snprintf(number, sizeof number, "-%04d-%04lld", year, static_cast<long long>(++last));
  row->ref = def.ref_prefix + number;
  row->created_at = TimeText(created, created_second);
  row->state = steps.empty() ? std::string_view(def.initial_state) : *steps.back().to;
  row->entered_at =
      steps.empty() ? row->created_at : TimeText(steps.back().day, steps.back().second);
  const workflow::StateDef* state_def = def.State(std::string(row->state));
  const int64_t entered_day = steps.empty() ? created : steps.back().day;
  row->due_on.reset();
  if (state_def && !state_def->terminal) row->due_on = DateText(entered_day + rng_.Between(5, 20));
  row->fields = fields.dump(-1, ' ', false, json::error_handler_t::replace);
  row->unit_id = creator.unit_id;
  row->created_by = creator.id;

  row->audit.clear();
  row->audit.reserve(steps.size() + 1);
  Append(row, row->created_at, creator.id, "create", "", def.initial_state, nullptr,
         "{\"kind\":\"" + def.kind + "\",\"ref\":\"" + row->ref +
             "\",\"workflow_version\":" + std::to_string(plan.version) + "}");
  std::string_view from = def.initial_state;
  for (const Step& s : steps) {
    const char* comment =
        s.transition->needs_comment || rng_.Chance(20) ? rng_.Pick(kComments) : nullptr;
    Append(row, TimeText(s.day, s.second), s.actor, s.transition->action, from, *s.to, comment,
           "{}");
    from = *s.to;
  }

  row->fts_title = FoldForSearch(row->title);
  row->fts_ref = FoldForSearch(row->ref);
  row->fts_partner = row->columns.partner_id == partner.id ? partner.folded_names : std::string();
  row->fts_details = FoldForSearch(row->columns.search_text);
}

}  // namespace attache::demo::bulk
