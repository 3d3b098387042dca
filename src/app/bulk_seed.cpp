#include "attache/app/bulk_seed.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "attache/core/audit_chain.h"
#include "attache/core/hash.h"
#include "attache/core/iso_date.h"
#include "attache/core/text.h"
#include "attache/service/proposals.h"
#include "attache/store/users.h"

namespace attache::app {
namespace {

using nlohmann::json;
using workflow::FieldType;
namespace chr = std::chrono;

constexpr int64_t kBatch = 100'000;
constexpr std::string_view kBigCache = "PRAGMA cache_size = -1048576";  // 1 GiB at most

constexpr std::string_view kSelectPartners =
    "SELECT id, country, name_vi || ' ' || name_en || ' ' || acronym, acronym FROM partners "
    "ORDER BY id";
constexpr std::string_view kSelectCounters = "SELECT prefix, year, last FROM ref_counters";
constexpr std::string_view kSaveCounter =
    "INSERT INTO ref_counters (prefix, year, last) VALUES (?, ?, ?) "
    "ON CONFLICT (prefix, year) DO UPDATE SET last = max(last, excluded.last)";
constexpr std::string_view kNextIds =
    "SELECT coalesce((SELECT max(id) FROM proposals), 0), "
    "       (SELECT seq FROM audit ORDER BY seq DESC LIMIT 1), "
    "       (SELECT hash FROM audit ORDER BY seq DESC LIMIT 1)";
constexpr std::string_view kInsertProposal =
    "INSERT INTO proposals (id, kind, workflow_version, ref, title, unit_id, created_by, state, "
    "state_entered_at, due_on, fields, version, audit_seq, created_at, updated_at, "
    "partner_id, country, starts_on, ends_on, amount_usd) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kInsertAudit =
    "INSERT INTO audit (seq, at, actor, on_behalf_of, proposal, action, from_state, to_state, "
    "comment, payload, prev_hash, hash) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kInsertIndex =
    "INSERT INTO proposals_fts (rowid, title, ref, partner, details) VALUES (?, ?, ?, ?, ?)";

// The word tables titles and fields are drawn from.
struct Country {
  const char* code;
  const char* name_vi;
};
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

// Deterministic on every platform (std::uniform_int_distribution is not).
class SplitMix {
 public:
  explicit SplitMix(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int64_t Below(int64_t n) { return static_cast<int64_t>(Next() % static_cast<uint64_t>(n)); }
  int64_t Between(int64_t lo, int64_t hi) { return lo + Below(hi - lo + 1); }
  bool Chance(int percent) { return Below(100) < percent; }
  template <class T, size_t N>
  const T& Pick(const std::array<T, N>& a) {
    return a[static_cast<size_t>(Below(N))];
  }

 private:
  uint64_t state_;
};

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

struct PartnerRef {
  int64_t id;
  std::string country;
  std::string folded_names;  // as store::IndexProposal indexes them
  std::string acronym;
};

struct Step {
  const workflow::TransitionDef* transition;
  std::string to;
  int64_t actor;
  int64_t day;
  int64_t second;
};

// What the seeder knows of one kind: its definition and the transitions out of every state,
// each with a weight (steps that end or turn back a proposal are rarer than steps forward).
struct KindPlan {
  std::shared_ptr<const workflow::Definition> def;
  int version = 0;
  std::map<std::string, std::vector<std::pair<const workflow::TransitionDef*, int>>> out;
};

bool IsSetback(std::string_view action) {
  for (std::string_view a :
       {"withdraw", "cancel", "reject", "return", "send_back", "postpone", "record_pm_rejection",
        "terminate", "refuse_adjustment", "refuse_extension", "expire"})
    if (action == a) return true;
  return false;
}

class Seeder {
 public:
  Seeder(store::Db& db, const service::Workflows& workflows, uint64_t seed)
      : db_(db), workflows_(workflows), rng_(seed) {}

  Status Prepare();
  void Batch(int64_t count, BulkSeedResult* result);

 private:
  const std::vector<int64_t>& Candidates(const workflow::TransitionDef& t, int64_t unit);
  std::vector<Step> Walk(const KindPlan& plan, const store::User& creator, int64_t day);
  json Fields(const workflow::Definition& def, int64_t created, int64_t start, int64_t end,
              const PartnerRef& partner, const Country& country);
  std::string Title(const std::string& kind, const PartnerRef& partner, const Country& country);
  void Append(int64_t proposal, const std::string& at, int64_t actor, std::string_view action,
              std::string_view from, std::string_view to, const char* comment,
              const std::string& payload);

  store::Db& db_;
  const service::Workflows& workflows_;
  SplitMix rng_;
  std::vector<KindPlan> kinds_;
  std::vector<store::User> users_;
  std::vector<const store::User*> creators_;
  std::vector<PartnerRef> partners_;
  std::map<std::pair<const workflow::TransitionDef*, int64_t>, std::vector<int64_t>> candidates_;
  std::map<std::pair<std::string, int>, int64_t> counters_;
  int64_t next_id_ = 1;
  int64_t seq_ = 0;
  std::string head_ = kGenesisHash;
  int64_t checked_ = 0;  // entries whose bytes were compared with CanonicalBytes
  std::unique_ptr<store::Stmt> insert_audit_;
};

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
    steps.push_back({t, to, actor, day, rng_.Between(1 * 3600, 10 * 3600)});
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

// Appends one entry to the chain. Its canonical bytes are written here rather than through
// nlohmann::json (the values are identifiers, dates and fixed texts that need no escaping);
// the first entries of every run are compared with CanonicalBytes, so a drift from the rule
// in core/audit_chain.h stops the command instead of breaking the chain.
void Seeder::Append(int64_t proposal, const std::string& at, int64_t actor, std::string_view action,
                    std::string_view from, std::string_view to, const char* comment,
                    const std::string& payload) {
  ++seq_;
  std::string bytes;
  bytes.reserve(200 + payload.size());
  bytes.append("[").append(std::to_string(seq_)).append(",\"").append(at).append("\",");
  bytes.append(std::to_string(actor)).append(",null,").append(std::to_string(proposal));
  bytes.append(",\"").append(action).append("\",\"").append(from).append("\",\"").append(to);
  bytes.append("\",");
  if (comment)
    bytes.append("\"").append(comment).append("\"");
  else
    bytes.append("null");
  bytes.append(",").append(payload).append("]");
  if (checked_ < 64) {
    ++checked_;
    AuditEntry e;
    e.seq = seq_;
    e.at = at;
    e.actor = actor;
    e.proposal = proposal;
    e.action = action;
    e.from = from;
    e.to = to;
    if (comment) e.comment = comment;
    e.payload = json::parse(payload);
    if (CanonicalBytes(e) != bytes)
      throw std::logic_error("bulk seed: canonical bytes differ from CanonicalBytes: " + bytes);
  }
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(head_.data()),
                            head_.size());
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(bytes.data()),
                            bytes.size());
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, digest);
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  store::Stmt& ins = *insert_audit_;
  ins.Bind(1, seq_).Bind(2, at).Bind(3, actor).Bind(4, proposal).Bind(5, action);
  ins.Bind(6, from).Bind(7, to);
  if (comment)
    ins.Bind(8, comment);
  else
    ins.BindNull(8);
  ins.Bind(9, payload).Bind(10, head_).Bind(11, std::string_view(hex, 64));
  ins.Run();
  head_.assign(hex, 64);
}

void Seeder::Batch(int64_t count, BulkSeedResult* result) {
  store::Txn txn(db_);
  {
    store::Stmt q = db_.Prepare(kNextIds);
    q.Step();
    next_id_ = q.Int(0) + 1;
    seq_ = q.IsNull(1) ? 0 : q.Int(1);
    head_ = q.IsNull(2) ? kGenesisHash : q.Text(2);
  }
  counters_.clear();
  {
    store::Stmt q = db_.Prepare(kSelectCounters);
    while (q.Step()) counters_[{q.Text(0), static_cast<int>(q.Int(1))}] = q.Int(2);
  }
  store::Stmt ins = db_.Prepare(kInsertProposal);
  store::Stmt index = db_.Prepare(kInsertIndex);
  insert_audit_ = std::make_unique<store::Stmt>(db_.Prepare(kInsertAudit));
  static const int64_t kFirstDay = DayOf(2016, 1, 1);
  static const int64_t kLastCreated = DayOf(2026, 6, 30);
  for (int64_t n = 0; n < count; ++n) {
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
    std::string title = Title(def.kind, partner, country);
    json fields = Fields(def, created, start, end, partner, country);
    store::ListColumns columns = service::ColumnsOf(def, fields);
    std::vector<Step> steps = Walk(plan, creator, created);

    const int64_t id = next_id_++;
    const int year =
        static_cast<int>(chr::year_month_day{chr::sys_days{chr::days{created}}}.year());
    int64_t& last = counters_[{def.ref_prefix, year}];
    char number[32];
    std::snprintf(number, sizeof number, "-%04d-%04lld", year, static_cast<long long>(++last));
    const std::string ref = def.ref_prefix + number;
    const std::string created_at = TimeText(created, created_second);
    const std::string state = steps.empty() ? def.initial_state : steps.back().to;
    const std::string entered_at =
        steps.empty() ? created_at : TimeText(steps.back().day, steps.back().second);
    const workflow::StateDef* state_def = def.State(state);
    const int64_t entered_day = steps.empty() ? created : steps.back().day;

    ins.Bind(1, id).Bind(2, def.kind).Bind(3, plan.version).Bind(4, ref).Bind(5, title);
    ins.Bind(6, creator.unit_id).Bind(7, creator.id).Bind(8, state).Bind(9, entered_at);
    if (state_def && !state_def->terminal)
      ins.Bind(10, DateText(entered_day + rng_.Between(5, 20)));
    else
      ins.BindNull(10);
    ins.Bind(11, fields.dump(-1, ' ', false, json::error_handler_t::replace));
    ins.Bind(12, static_cast<int64_t>(steps.size()) + 1);
    ins.Bind(13, seq_ + static_cast<int64_t>(steps.size()) + 1);
    ins.Bind(14, created_at).Bind(15, entered_at);
    if (columns.partner_id)
      ins.Bind(16, *columns.partner_id);
    else
      ins.BindNull(16);
    auto optional = [&](int i, const std::optional<std::string>& v) {
      if (v)
        ins.Bind(i, *v);
      else
        ins.BindNull(i);
    };
    optional(17, columns.country);
    optional(18, columns.starts_on);
    optional(19, columns.ends_on);
    if (columns.amount_usd)
      ins.Bind(20, *columns.amount_usd);
    else
      ins.BindNull(20);
    ins.Run();

    const std::string payload = "{\"kind\":\"" + def.kind + "\",\"ref\":\"" + ref +
                                "\",\"workflow_version\":" + std::to_string(plan.version) + "}";
    Append(id, created_at, creator.id, "create", "", def.initial_state, nullptr, payload);
    std::string from = def.initial_state;
    for (const Step& s : steps) {
      const char* comment =
          s.transition->needs_comment || rng_.Chance(20) ? rng_.Pick(kComments) : nullptr;
      Append(id, TimeText(s.day, s.second), s.actor, s.transition->action, from, s.to, comment,
             "{}");
      from = s.to;
    }

    index.Bind(1, id).Bind(2, FoldForSearch(title)).Bind(3, FoldForSearch(ref));
    index.Bind(4, columns.partner_id == partner.id ? partner.folded_names : std::string());
    index.Bind(5, FoldForSearch(columns.search_text));
    index.Run();

    result->proposals += 1;
    result->audit_entries += static_cast<int64_t>(steps.size()) + 1;
  }
  store::Stmt save = db_.Prepare(kSaveCounter);
  for (const auto& [key, last] : counters_) {
    save.Bind(1, key.first).Bind(2, key.second).Bind(3, last);
    save.Run();
  }
  insert_audit_.reset();
  txn.Commit();
}

}  // namespace

Status SeedProposals(store::Db& db, const service::Workflows& workflows, int64_t count,
                     uint64_t seed, BulkSeedResult* result) {
  EnsureSodium();
  *result = {};
  Seeder seeder(db, workflows, seed);
  if (Status s = seeder.Prepare(); !s.ok()) return s;
  // A batch's pages stay in memory until it commits instead of spilling into the WAL and
  // being read back (durability is unchanged: synchronous stays FULL). Restored afterwards.
  const std::string cache_size = db.QueryText("PRAGMA cache_size").value_or("-2000");
  db.Exec(kBigCache);
  Status status = Status::Ok();
  try {
    for (int64_t done = 0; done < count; done += kBatch)
      seeder.Batch(std::min(kBatch, count - done), result);
  } catch (const store::DbError& e) {
    db.Exec("PRAGMA cache_size = " + cache_size);
    if (e.primary_code() == SQLITE_FULL) return Status::Unavailable("disk full");
    throw;
  }
  db.Exec("PRAGMA cache_size = " + cache_size);
  return status;
}

}  // namespace attache::app
