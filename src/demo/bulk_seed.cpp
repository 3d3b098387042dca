#include "attache/demo/bulk_seed.h"

#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "attache/core/audit_chain.h"
#include "attache/core/hash.h"
#include "attache/core/iso_date.h"
#include "attache/core/text.h"
#include "attache/service/proposals.h"
#include "attache/store/users.h"

namespace attache::demo {
namespace {

using nlohmann::json;
using workflow::FieldType;
namespace chr = std::chrono;

// Rows are generated and written in chunks of this many proposals.
constexpr int64_t kChunk = 2'048;
// Loads at least this large (and at least as large as the table) build the secondary indexes
// after the rows instead of while writing them.
constexpr int64_t kDeferIndexesFrom = 20'000;

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
constexpr std::string_view kSelectIndexes =
    "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL "
    "AND tbl_name IN ('proposals', 'audit') ORDER BY name";
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
  const std::string* to;  // the definition's own string, so rows can point at it
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

// One generated audit entry, ready to bind. Its texts point into the definitions or into
// literals where they can, so an entry costs few allocations.
struct AuditRow {
  std::string at;
  int64_t actor = 0;
  std::string_view action, from, to;
  const char* comment = nullptr;
  std::string payload;
  std::array<char, 64> hash;  // hex SHA-256; prev_hash is the entry before it
};

// One generated proposal with its audit entries and its full-text index row.
struct ProposalRow {
  int64_t id = 0;
  const KindPlan* plan = nullptr;
  std::string ref, title, created_at, entered_at, fields;
  std::string_view state;
  std::optional<std::string> due_on;
  int64_t unit_id = 0, created_by = 0;
  store::ListColumns columns;
  std::vector<AuditRow> audit;
  std::string fts_title, fts_ref, fts_partner, fts_details;
};
using Chunk = std::vector<ProposalRow>;

// Where the load continues: read from the database in the load's transaction.
struct Continuation {
  int64_t next_id = 1;
  int64_t seq = 0;
  std::string head = std::string(kGenesisHash);
  std::map<std::pair<std::string, int>, int64_t> counters;
};

// Makes the rows: everything but the SQLite calls, so it can run on a thread of its own.
class Seeder {
 public:
  Seeder(store::Db& db, const service::Workflows& workflows, uint64_t seed)
      : db_(db), workflows_(workflows), rng_(seed) {}

  // Reads the definitions, users and partners. FailedPrecondition when the demo's reference
  // data is missing.
  Status Prepare();
  void Continue(Continuation from) { at_ = std::move(from); }
  void Generate(ProposalRow* row);
  // The reference counters after the rows generated so far.
  const std::map<std::pair<std::string, int>, int64_t>& counters() const { return at_.counters; }

 private:
  const std::vector<int64_t>& Candidates(const workflow::TransitionDef& t, int64_t unit);
  std::vector<Step> Walk(const KindPlan& plan, const store::User& creator, int64_t day);
  json Fields(const workflow::Definition& def, int64_t created, int64_t start, int64_t end,
              const PartnerRef& partner, const Country& country);
  std::string Title(const std::string& kind, const PartnerRef& partner, const Country& country);
  void Append(ProposalRow* row, std::string at, int64_t actor, std::string_view action,
              std::string_view from, std::string_view to, const char* comment,
              std::string payload);

  store::Db& db_;
  const service::Workflows& workflows_;
  SplitMix rng_;
  std::vector<KindPlan> kinds_;
  std::vector<store::User> users_;
  std::vector<const store::User*> creators_;
  std::vector<PartnerRef> partners_;
  std::map<std::pair<const workflow::TransitionDef*, int64_t>, std::vector<int64_t>> candidates_;
  Continuation at_;
  int64_t checked_ = 0;  // entries whose bytes were compared with CanonicalBytes
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

// Appends one entry to the row's chain. Its canonical bytes are written here rather than
// through nlohmann::json (the values are identifiers, dates and fixed texts that need no
// escaping); the first entries of every run are compared with CanonicalBytes, so a drift from
// the rule in core/audit_chain.h stops the command instead of breaking the chain.
void Seeder::Append(ProposalRow* row, std::string at, int64_t actor, std::string_view action,
                    std::string_view from, std::string_view to, const char* comment,
                    std::string payload) {
  const int64_t seq = ++at_.seq;
  std::string bytes;
  bytes.reserve(200 + payload.size());
  bytes.append("[").append(std::to_string(seq)).append(",\"").append(at).append("\",");
  bytes.append(std::to_string(actor)).append(",null,").append(std::to_string(row->id));
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
    e.seq = seq;
    e.at = at;
    e.actor = actor;
    e.proposal = row->id;
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
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(at_.head.data()),
                            at_.head.size());
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(bytes.data()),
                            bytes.size());
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, digest);
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  AuditRow& a = row->audit.emplace_back();
  a.at = std::move(at);
  a.actor = actor;
  a.action = action;
  a.from = from;
  a.to = to;
  a.comment = comment;
  a.payload = std::move(payload);
  std::copy(hex, hex + 64, a.hash.begin());
  at_.head.assign(hex, 64);
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
  const int year =
      static_cast<int>(chr::year_month_day{chr::sys_days{chr::days{created}}}.year());
  int64_t& last = at_.counters[{def.ref_prefix, year}];
  char number[32];
  std::snprintf(number, sizeof number, "-%04d-%04lld", year, static_cast<long long>(++last));
  row->ref = def.ref_prefix + number;
  row->created_at = TimeText(created, created_second);
  row->state = steps.empty() ? std::string_view(def.initial_state) : *steps.back().to;
  row->entered_at = steps.empty() ? row->created_at : TimeText(steps.back().day, steps.back().second);
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

// Chunks of rows handed from the generating thread to the writing one; at most `capacity`
// wait, so memory stays bounded whichever side is faster.
class ChunkQueue {
 public:
  explicit ChunkQueue(size_t capacity) : capacity_(capacity) {}
  // False when the consumer has given up (the chunk is dropped).
  bool Push(Chunk chunk) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return queue_.size() < capacity_ || abandoned_; });
    if (abandoned_) return false;
    queue_.push_back(std::move(chunk));
    cv_.notify_all();
    return true;
  }
  // False once the producer has finished and every chunk was taken.
  bool Pop(Chunk* chunk) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !queue_.empty() || finished_; });
    if (queue_.empty()) return false;
    *chunk = std::move(queue_.front());
    queue_.pop_front();
    cv_.notify_all();
    return true;
  }
  void Finish() {
    std::lock_guard lock(mu_);
    finished_ = true;
    cv_.notify_all();
  }
  void Abandon() {
    std::lock_guard lock(mu_);
    abandoned_ = true;
    cv_.notify_all();
  }

 private:
  const size_t capacity_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Chunk> queue_;
  bool finished_ = false;
  bool abandoned_ = false;
};

// Binds generated rows to the three prepared inserts.
class RowWriter {
 public:
  RowWriter(store::Db& db, std::string head)
      : proposal_(db.Prepare(kInsertProposal)),
        audit_(db.Prepare(kInsertAudit)),
        index_(db.Prepare(kInsertIndex)),
        head_(std::move(head)) {}

  void Write(const ProposalRow& row, int64_t first_seq, BulkSeedResult* result) {
    store::Stmt& ins = proposal_;
    ins.Bind(1, row.id).Bind(2, row.plan->def->kind).Bind(3, row.plan->version);
    ins.Bind(4, row.ref).Bind(5, row.title).Bind(6, row.unit_id).Bind(7, row.created_by);
    ins.Bind(8, row.state).Bind(9, row.entered_at);
    BindOptional(ins, 10, row.due_on);
    ins.Bind(11, row.fields);
    ins.Bind(12, static_cast<int64_t>(row.audit.size()));
    ins.Bind(13, first_seq + static_cast<int64_t>(row.audit.size()) - 1);
    ins.Bind(14, row.created_at).Bind(15, row.entered_at);
    if (row.columns.partner_id)
      ins.Bind(16, *row.columns.partner_id);
    else
      ins.BindNull(16);
    BindOptional(ins, 17, row.columns.country);
    BindOptional(ins, 18, row.columns.starts_on);
    BindOptional(ins, 19, row.columns.ends_on);
    if (row.columns.amount_usd)
      ins.Bind(20, *row.columns.amount_usd);
    else
      ins.BindNull(20);
    ins.Run();

    int64_t seq = first_seq;
    for (const AuditRow& a : row.audit) {
      store::Stmt& au = audit_;
      au.Bind(1, seq++).Bind(2, a.at).Bind(3, a.actor).Bind(4, row.id).Bind(5, a.action);
      au.Bind(6, a.from).Bind(7, a.to);
      if (a.comment)
        au.Bind(8, a.comment);
      else
        au.BindNull(8);
      au.Bind(9, a.payload).Bind(10, head_).Bind(11, std::string_view(a.hash.data(), 64));
      au.Run();
      head_.assign(a.hash.data(), 64);
    }

    index_.Bind(1, row.id).Bind(2, row.fts_title).Bind(3, row.fts_ref);
    index_.Bind(4, row.fts_partner).Bind(5, row.fts_details);
    index_.Run();
    result->proposals += 1;
    result->audit_entries += static_cast<int64_t>(row.audit.size());
  }

 private:
  static void BindOptional(store::Stmt& st, int i, const std::optional<std::string>& v) {
    if (v)
      st.Bind(i, *v);
    else
      st.BindNull(i);
  }

  store::Stmt proposal_, audit_, index_;
  std::string head_;
};

// The secondary indexes of the two big tables, dropped before a large load and built again
// after it in the same transaction: SQLite builds an index from sorted keys far faster than
// it inserts millions of keys one at a time at random places. The UNIQUE constraints (ref,
// hash) stay, so duplicates are still refused as they are written.
std::vector<std::string> DropSecondaryIndexes(store::Db& db) {
  std::vector<std::pair<std::string, std::string>> found;
  store::Stmt q = db.Prepare(kSelectIndexes);
  while (q.Step()) found.push_back({q.Text(0), q.Text(1)});
  std::vector<std::string> create;
  for (const auto& [name, sql] : found) {
    db.Exec("DROP INDEX \"" + name + "\"");
    create.push_back(sql);
  }
  return create;
}

// The page cache of a load: a quarter of the machine's memory, at most 4 GiB. A load whose
// pages outgrow the cache spills them to the file, syncing the journal before each spill, and
// reads them back; at 300,000 proposals (1.3 GB) a 1 GiB cache made the load twice as long.
// SQLite takes the memory only as pages are used.
int64_t LoadCacheKiB() {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page_size = ::sysconf(_SC_PAGE_SIZE);
  const int64_t quarter = pages > 0 && page_size > 0 ? int64_t{pages} * page_size / 4 / 1024 : 0;
  return std::clamp<int64_t>(quarter, 256 * 1024, 4 * 1024 * 1024);
}

// The connection settings of a bulk load, restored when it ends however it ends.
// - the cache above: the load's pages stay in memory instead of being spilled and read back.
// - foreign_keys off and CHECK constraints ignored: every reference the seeder writes names a
//   row it has just read or written (units, users, workflow versions, partners, the proposal
//   itself) and every JSON text comes from nlohmann::json, so checking each costs a lookup per
//   column and a JSON parse per row for nothing. (The integration test runs
//   foreign_key_check and integrity_check on a seeded database.)
// - two sorter threads, so the indexes built after the load sort on both cores.
// - a rollback journal instead of the WAL when no other connection has the database open:
//   pages appended to the file need no journal, so each is written once instead of twice
//   (to the WAL and again at checkpoint). With the server running the WAL stays.
// synchronous stays FULL: the load is durable when the command says it is done.
class BulkLoadSettings {
 public:
  explicit BulkLoadSettings(store::Db& db) : db_(db) {
    cache_size_ = db_.QueryText("PRAGMA cache_size").value_or("-2000");
    db_.Exec("PRAGMA cache_size = -" + std::to_string(LoadCacheKiB()));
    db_.Exec("PRAGMA foreign_keys = OFF");
    db_.Exec("PRAGMA ignore_check_constraints = ON");
    db_.Exec("PRAGMA threads = 2");
    try {
      exclusive_ = db_.QueryText("PRAGMA journal_mode = DELETE").value_or("") == "delete";
    } catch (const store::DbError&) {
      exclusive_ = false;  // another connection is open: keep the WAL
    }
  }
  ~BulkLoadSettings() {
    try {
      if (exclusive_) db_.QueryText("PRAGMA journal_mode = WAL");
      db_.Exec("PRAGMA threads = 0");
      db_.Exec("PRAGMA ignore_check_constraints = OFF");
      db_.Exec("PRAGMA foreign_keys = ON");
      db_.Exec("PRAGMA cache_size = " + cache_size_);
    } catch (const store::DbError&) {
      // The connection is closed next; the next one opened sets WAL again (store/db.h).
    }
  }
  BulkLoadSettings(const BulkLoadSettings&) = delete;
  BulkLoadSettings& operator=(const BulkLoadSettings&) = delete;
  bool exclusive() const { return exclusive_; }

 private:
  store::Db& db_;
  std::string cache_size_;
  bool exclusive_ = false;
};

Continuation ReadContinuation(store::Db& db) {
  Continuation c;
  store::Stmt q = db.Prepare(kNextIds);
  q.Step();
  c.next_id = q.Int(0) + 1;
  c.seq = q.IsNull(1) ? 0 : q.Int(1);
  c.head = q.IsNull(2) ? std::string(kGenesisHash) : q.Text(2);
  store::Stmt counters = db.Prepare(kSelectCounters);
  while (counters.Step())
    c.counters[{counters.Text(0), static_cast<int>(counters.Int(1))}] = counters.Int(2);
  return c;
}

// Generates `count` rows on a second thread while this one writes them.
void Load(store::Db& db, Seeder& seeder, const Continuation& from, int64_t count,
          BulkSeedResult* result) {
  ChunkQueue queue(4);
  std::exception_ptr failed;
  std::thread producer([&] {
    try {
      for (int64_t done = 0; done < count;) {
        Chunk chunk(static_cast<size_t>(std::min(kChunk, count - done)));
        for (ProposalRow& row : chunk) seeder.Generate(&row);
        done += static_cast<int64_t>(chunk.size());
        if (!queue.Push(std::move(chunk))) break;
      }
    } catch (...) {
      failed = std::current_exception();
    }
    queue.Finish();
  });
  try {
    RowWriter writer(db, from.head);
    int64_t seq = from.seq + 1;
    Chunk chunk;
    while (queue.Pop(&chunk))
      for (const ProposalRow& row : chunk) {
        writer.Write(row, seq, result);
        seq += static_cast<int64_t>(row.audit.size());
      }
  } catch (...) {
    queue.Abandon();
    producer.join();
    throw;
  }
  producer.join();
  if (failed) std::rethrow_exception(failed);
}

}  // namespace

Status SeedProposals(store::Db& db, const service::Workflows& workflows, int64_t count,
                     uint64_t seed, BulkSeedResult* result) {
  EnsureSodium();
  *result = {};
  Seeder seeder(db, workflows, seed);
  if (Status s = seeder.Prepare(); !s.ok()) return s;
  try {
    BulkLoadSettings settings(db);
    store::Txn txn(db);
    const Continuation from = ReadContinuation(db);
    seeder.Continue(from);
    const int64_t existing = from.next_id - 1;
    std::vector<std::string> indexes;
    if (count >= kDeferIndexesFrom && count >= existing) indexes = DropSecondaryIndexes(db);
    Load(db, seeder, from, count, result);
    for (const std::string& sql : indexes) db.Exec(sql);
    store::Stmt save = db.Prepare(kSaveCounter);
    for (const auto& [key, last] : seeder.counters()) {
      save.Bind(1, key.first).Bind(2, key.second).Bind(3, last);
      save.Run();
    }
    txn.Commit();
  } catch (const store::DbError& e) {
    *result = {};
    if (e.primary_code() == SQLITE_FULL) return store::DiskFull();
    throw;
  }
  return Status::Ok();
}

}  // namespace attache::demo
