#include "attache/service/reports.h"

#include <map>
#include <set>

#include "attache/core/csv.h"
#include "attache/core/iso_date.h"
#include "attache/service/calendar_feed.h"
#include "attache/service/policy.h"
#include "attache/store/partners.h"
#include "attache/store/units.h"

namespace attache::service {
namespace {

using nlohmann::json;

// The proposals a report looks at: visible to the user, with what the rules read.
constexpr std::string_view kReportRows =
    "SELECT p.id, p.kind, p.workflow_version, p.state, p.unit_id, u.code, u.name_vi, u.name_en, "
    "p.partner_id, pa.name_vi, pa.name_en, pa.type, p.country, p.starts_on, "
    // Only the fields the rules of Count read, not the whole of each proposal's fields.
    "json_object('format', json_extract(p.fields, '$.format'), 'signed_on', "
    "json_extract(p.fields, '$.signed_on'), 'in_force_on', json_extract(p.fields, "
    "'$.in_force_on'), 'ended_on', json_extract(p.fields, '$.ended_on'), 'expires_on', "
    "json_extract(p.fields, '$.expires_on'), 'approved_on', json_extract(p.fields, "
    "'$.approved_on'), 'amount_usd', json_extract(p.fields, '$.amount_usd')), "
    "p.plan_item_id, p.due_on, p.ref, p.title, p.ends_on "
    "FROM proposals p JOIN units u ON u.id = p.unit_id LEFT JOIN partners pa ON pa.id = "
    "p.partner_id";
// The annual report reads only proposals that may count in the year (what Count decides
// exactly): activities starting in it, aid approved in it, agreements signed in it or in force
// at its end. ?1 is the year's first day, ?2 its last, ?3 the year as text.
constexpr std::string_view kMayCountInYear =
    " WHERE ((p.kind IN ('outbound_delegation', 'inbound_visit', 'conference') AND p.starts_on "
    "BETWEEN ?1 AND ?2) OR (p.kind = 'aid' AND substr(json_extract(p.fields, '$.approved_on'), 1, "
    "4) = ?3) OR (p.kind = 'agreement' AND (substr(json_extract(p.fields, '$.signed_on'), 1, 4) = "
    "?3 OR (json_extract(p.fields, '$.in_force_on') <= ?2 AND coalesce(json_extract(p.fields, "
    "'$.ended_on'), '9999') > ?2 AND coalesce(json_extract(p.fields, '$.expires_on'), '9999') "
    ">= ?2))))";
// The dashboard's figures, counted by SQL rather than by reading every proposal: per step, per
// unit among the overdue ones, and the agreements whose term ends within the window.
constexpr std::string_view kCountsByState =
    "SELECT kind, workflow_version, state, count(*), coalesce(sum(due_on < ?1), 0) FROM proposals "
    "WHERE (?2 IS NULL OR unit_id = ?2) GROUP BY 1, 2, 3";
// With how many of them have gone up to the heads (an open escalation reminder).
constexpr std::string_view kOverdueByUnit =
    "SELECT p.unit_id, u.code, u.name_vi, u.name_en, p.kind, p.workflow_version, p.state, "
    "count(*), count(r.id) FROM proposals p JOIN units u ON u.id = p.unit_id "
    "LEFT JOIN reminders r ON r.proposal_id = p.id AND r.kind = 'escalation' "
    "AND r.cleared_at IS NULL WHERE p.due_on < ?1 AND (?2 IS NULL OR p.unit_id = ?2) "
    "GROUP BY 1, 5, 6, 7";
constexpr std::string_view kEndingAgreements =
    "SELECT p.id, p.ref, p.title, p.ends_on, p.workflow_version, p.state, p.partner_id, "
    "pa.name_vi, pa.name_en FROM proposals p LEFT JOIN partners pa ON pa.id = p.partner_id "
    "WHERE p.kind = 'agreement' AND p.ends_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR p.unit_id = "
    "?3) ORDER BY p.ends_on, p.id";
// Activities (delegations, visits, conferences) by the month they start in, over a window.
constexpr std::string_view kActivitiesByMonth =
    "SELECT substr(starts_on, 1, 7), kind, workflow_version, state, count(*) FROM proposals "
    "WHERE kind IN ('outbound_delegation', 'inbound_visit', 'conference') AND starts_on BETWEEN "
    "?1 AND ?2 AND (?3 IS NULL OR unit_id = ?3) GROUP BY 1, 2, 3, 4";
constexpr std::string_view kPlanItems =
    "SELECT i.id, i.unit_id, u.code, u.name_vi, u.name_en, i.kind FROM plan_items i "
    "JOIN units u ON u.id = i.unit_id WHERE i.year = ?";
constexpr std::string_view kStepsPerMonth =
    "SELECT substr(a.at, 1, 7), count(*) FROM audit a JOIN proposals p ON p.id = a.proposal "
    "WHERE a.from_state <> a.to_state AND a.at >= ? AND (? IS NULL OR p.unit_id = ?) "
    "GROUP BY 1 ORDER BY 1";

struct Row {
  int64_t id = 0;
  std::string kind;
  int version = 0;
  std::string state;
  int64_t unit_id = 0;
  json unit;
  std::optional<int64_t> partner_id;
  json partner;
  std::string partner_type;
  std::string country;
  std::string starts_on;
  json fields;
  std::optional<int64_t> plan_item_id;
  std::optional<std::string> due_on;
  std::string ref, title, ends_on;
};

// The proposals of `year` the user may see that may count in it (kMayCountInYear).
std::vector<Row> Rows(store::Db& db, const store::User& user, int year) {
  std::string sql(kReportRows);
  sql += kMayCountInYear;
  bool all = SeesAllProposals(user);
  if (!all) sql += " AND p.unit_id = ?4";
  store::Stmt q = db.Prepare(sql);
  std::string y = std::to_string(year);
  q.Bind(1, y + "-01-01").Bind(2, y + "-12-31").Bind(3, y);
  if (!all) q.Bind(4, user.unit_id);
  std::vector<Row> rows;
  while (q.Step()) {
    Row r;
    r.id = q.Int(0);
    r.kind = q.Text(1);
    r.version = static_cast<int>(q.Int(2));
    r.state = q.Text(3);
    r.unit_id = q.Int(4);
    r.unit = {
        {"id", r.unit_id}, {"code", q.Text(5)}, {"name", {{"vi", q.Text(6)}, {"en", q.Text(7)}}}};
    if (!q.IsNull(8)) {
      r.partner_id = q.Int(8);
      r.partner = {{"id", *r.partner_id}, {"name", {{"vi", q.Text(9)}, {"en", q.Text(10)}}}};
      r.partner_type = q.Text(11);
    }
    if (!q.IsNull(12)) r.country = q.Text(12);
    if (!q.IsNull(13)) r.starts_on = q.Text(13);
    r.fields = json::parse(q.Text(14), nullptr, false);
    if (!q.IsNull(15)) r.plan_item_id = q.Int(15);
    if (!q.IsNull(16)) r.due_on = q.Text(16);
    r.ref = q.Text(17);
    r.title = q.Text(18);
    if (!q.IsNull(19)) r.ends_on = q.Text(19);
    rows.push_back(std::move(r));
  }
  return rows;
}

std::string Text(const json& fields, const char* name) {
  if (!fields.is_object()) return "";
  auto it = fields.find(name);
  return it != fields.end() && it->is_string() ? it->get<std::string>() : "";
}

bool InYear(const std::string& date, int year) {
  return date.size() >= 4 && date.compare(0, 4, std::to_string(year)) == 0;
}

// What one proposal contributes to the year's counts.
struct Contribution {
  const char* column = nullptr;  // outbound_delegations, inbound_visits, conferences,
                                 // agreements_signed, aid_approved; null: nothing
  bool in_force_at_year_end = false;
  double usd = 0;
  std::string format;  // conferences
};

Contribution Count(const Row& r, const workflow::Definition* def, int year) {
  Contribution c;
  const workflow::StateDef* s = def ? def->State(r.state) : nullptr;
  std::string stage = s ? s->stage : "";
  bool halted = r.state == "rejected" || r.state == "withdrawn" || r.state == "cancelled";
  if (r.kind == "outbound_delegation" || r.kind == "inbound_visit" || r.kind == "conference") {
    bool held = stage == "activity" || stage == "report" || r.state == "closed";
    if (held && InYear(r.starts_on, year))
      c.column = r.kind == "outbound_delegation" ? "outbound_delegations"
                 : r.kind == "inbound_visit"     ? "inbound_visits"
                                                 : "conferences";
    if (r.kind == "conference") c.format = Text(r.fields, "format");
  } else if (r.kind == "agreement") {
    static const std::set<std::string> signed_states = {"signed",   "awaiting_force", "in_force",
                                                        "expiring", "expired",        "terminated"};
    if (signed_states.count(r.state) && InYear(Text(r.fields, "signed_on"), year))
      c.column = "agreements_signed";
    std::string end = std::to_string(year) + "-12-31";
    std::string from = Text(r.fields, "in_force_on"), ended = Text(r.fields, "ended_on"),
                expires = Text(r.fields, "expires_on");
    c.in_force_at_year_end = signed_states.count(r.state) && !from.empty() && from <= end &&
                             (ended.empty() || ended > end) && (expires.empty() || expires >= end);
  } else if (r.kind == "aid") {
    if (!halted && InYear(Text(r.fields, "approved_on"), year)) {
      c.column = "aid_approved";
      auto it = r.fields.find("amount_usd");
      if (it != r.fields.end() && it->is_number()) c.usd = it->get<double>();
    }
  }
  return c;
}

const char* const kColumns[] = {"outbound_delegations", "inbound_visits", "conferences",
                                "agreements_signed", "aid_approved"};

json EmptyCounts() {
  json j = json::object();
  for (const char* c : kColumns) j[c] = 0;
  j["aid_usd"] = 0.0;
  return j;
}

void Add(json& counts, const Contribution& c) {
  counts[c.column] = counts[c.column].get<int64_t>() + 1;
  counts["aid_usd"] = counts["aid_usd"].get<double>() + c.usd;
}

std::string Number(const json& v) {
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v.get<double>());
  return buf;
}

}  // namespace

json AnnualReport(store::Db& db, const Workflows& workflows, const store::User& user, int year) {
  json totals = EmptyCounts();
  totals["agreements_in_force"] = 0;
  totals["conferences_by_format"] = {{"in_person", 0}, {"online", 0}, {"hybrid", 0}};
  std::map<int64_t, json> by_unit, by_partner;
  std::map<std::string, json> by_country, by_donor_type;
  // Plan against actual, per (unit, kind).
  std::map<std::pair<int64_t, std::string>, json> plan;
  auto plan_row = [&](int64_t unit_id, const json& unit, const std::string& kind) -> json& {
    json& p = plan[{unit_id, kind}];
    if (p.is_null())
      p = {{"unit", unit}, {"kind", kind}, {"planned", 0}, {"carried_out", 0}, {"outside_plan", 0}};
    return p;
  };
  std::map<int64_t, bool> carried_out;  // plan item → a counted proposal carries it out

  for (const Row& r : Rows(db, user, year)) {
    auto def = workflows.Version(r.kind, r.version);
    Contribution c = Count(r, def.get(), year);
    if (c.in_force_at_year_end)
      totals["agreements_in_force"] = totals["agreements_in_force"].get<int>() + 1;
    if (!c.column) continue;
    Add(totals, c);
    if (r.kind == "conference" && totals["conferences_by_format"].contains(c.format))
      totals["conferences_by_format"][c.format] =
          totals["conferences_by_format"][c.format].get<int>() + 1;
    json& u = by_unit[r.unit_id];
    if (u.is_null()) u = {{"unit", r.unit}, {"counts", EmptyCounts()}};
    Add(u["counts"], c);
    if (r.partner_id) {
      json& p = by_partner[*r.partner_id];
      if (p.is_null()) p = {{"partner", r.partner}, {"counts", EmptyCounts()}};
      Add(p["counts"], c);
    }
    if (!r.country.empty()) {
      json& k = by_country[r.country];
      if (k.is_null()) k = {{"country", r.country}, {"counts", EmptyCounts()}};
      Add(k["counts"], c);
    }
    if (r.kind == "aid") {
      std::string type = r.partner_type.empty() ? "unknown" : r.partner_type;
      json& d = by_donor_type[type];
      if (d.is_null()) d = {{"type", type}, {"count", 0}, {"usd", 0.0}};
      d["count"] = d["count"].get<int>() + 1;
      d["usd"] = d["usd"].get<double>() + c.usd;
    }
    if (r.plan_item_id)
      carried_out[*r.plan_item_id] = true;
    else
      plan_row(r.unit_id, r.unit, r.kind)["outside_plan"] =
          plan_row(r.unit_id, r.unit, r.kind)["outside_plan"].get<int>() + 1;
  }
  store::Stmt items = db.Prepare(kPlanItems);
  items.Bind(1, year);
  bool all = SeesAllProposals(user);
  while (items.Step()) {
    int64_t unit_id = items.Int(1);
    if (!all && unit_id != user.unit_id) continue;
    json unit = {{"id", unit_id},
                 {"code", items.Text(2)},
                 {"name", {{"vi", items.Text(3)}, {"en", items.Text(4)}}}};
    json& p = plan_row(unit_id, unit, items.Text(5));
    p["planned"] = p["planned"].get<int>() + 1;
    if (carried_out.count(items.Int(0))) p["carried_out"] = p["carried_out"].get<int>() + 1;
  }
  auto values = [](auto& map) {
    json out = json::array();
    for (auto& [key, value] : map) out.push_back(std::move(value));
    return out;
  };
  return {{"year", year},
          {"totals", totals},
          {"by_unit", values(by_unit)},
          {"by_partner", values(by_partner)},
          {"by_country", values(by_country)},
          {"aid_by_donor_type", values(by_donor_type)},
          {"plan_vs_actual", values(plan)}};
}

std::string AnnualReportCsv(const json& report) {
  std::string out =
      "\xEF\xBB\xBF";  // UTF-8 byte-order mark: spreadsheet programs then read Vietnamese
  const std::string header =
      "Đoàn ra / Delegations out,Đoàn vào / Visits in,Hội nghị / Conferences,"
      "Thỏa thuận đã ký / Agreements signed,Viện trợ phê duyệt / Aid approved,Viện trợ (USD) / Aid "
      "(USD)\r\n";
  auto counts = [](const json& c) {
    std::string line;
    for (const char* col : kColumns) line += "," + Number(c[col]);
    return line + "," + Number(c["aid_usd"]) + "\r\n";
  };
  out += "Năm / Year," + std::to_string(report["year"].get<int>()) + "\r\n\r\n";
  out += "Tổng hợp / Totals," + header;
  out += "Toàn Bộ / Ministry" + counts(report["totals"]);
  out += "\r\nĐơn vị / Unit," + header;
  for (const auto& u : report["by_unit"])
    out += CsvCell(u["unit"]["name"]["vi"].get<std::string>()) + counts(u["counts"]);
  out += "\r\nĐối tác / Partner," + header;
  for (const auto& p : report["by_partner"])
    out += CsvCell(p["partner"]["name"]["vi"].get<std::string>()) + counts(p["counts"]);
  out += "\r\nQuốc gia / Country," + header;
  for (const auto& k : report["by_country"])
    out += CsvCell(k["country"].get<std::string>()) + counts(k["counts"]);
  out += "\r\nLoại nhà tài trợ / Donor type,Số dự án / Projects,USD\r\n";
  for (const auto& d : report["aid_by_donor_type"])
    out += CsvCell(d["type"].get<std::string>()) + "," + Number(d["count"]) + "," +
           Number(d["usd"]) + "\r\n";
  out +=
      "\r\nĐơn vị / Unit,Loại / Kind,Kế hoạch / Planned,Đã thực hiện / Carried out,Ngoài kế hoạch "
      "/ Outside plan\r\n";
  for (const auto& p : report["plan_vs_actual"])
    out += CsvCell(p["unit"]["name"]["vi"].get<std::string>()) + "," +
           CsvCell(p["kind"].get<std::string>()) + "," + Number(p["planned"]) + "," +
           Number(p["carried_out"]) + "," + Number(p["outside_plan"]) + "\r\n";
  return out;
}

std::string ProposalListCsv(store::Db& db, const Workflows& workflows,
                            const store::ProposalQuery& query, const std::string& today) {
  struct Item {
    std::string ref, title, kind, state, country, starts_on, ends_on, due_on, updated_on;
    int version = 0;
    int64_t unit_id = 0;
    std::optional<int64_t> partner_id;
  };
  std::vector<Item> items;  // read first: the visit may not use the connection
  store::VisitProposals(db, query, [&](const store::ProposalListView& p) {
    items.push_back({std::string(p.ref), std::string(p.title), std::string(p.kind),
                     std::string(p.state), std::string(p.country.value_or("")),
                     std::string(p.starts_on.value_or("")), std::string(p.ends_on.value_or("")),
                     std::string(p.due_on.value_or("")), std::string(p.updated_at.substr(0, 10)),
                     p.workflow_version, p.unit_id, p.partner_id});
  });
  std::map<int64_t, std::string> units, partners;
  for (const store::Unit& u : store::ListUnits(db)) units[u.id] = u.code;
  std::string out = "\xEF\xBB\xBF";  // UTF-8 byte-order mark, as the annual report
  out += CsvRow({"Số hồ sơ / Reference", "Tên hồ sơ / Title", "Loại / Kind",
                 "Bước hiện tại / Current step", "Đơn vị / Unit", "Đối tác / Partner",
                 "Quốc gia / Country", "Từ ngày / From", "Đến ngày / Until", "Hạn xử lý / Due",
                 "Quá hạn / Overdue", "Cập nhật / Updated"});
  for (const Item& i : items) {
    auto def = workflows.Version(i.kind, i.version);
    const workflow::StateDef* state = def ? def->State(i.state) : nullptr;
    std::string partner;
    if (i.partner_id) {
      auto [it, added] = partners.try_emplace(*i.partner_id);
      if (added)
        if (auto found = store::FindPartner(db, *i.partner_id)) it->second = found->name_vi;
      partner = it->second;
    }
    const bool overdue = !i.due_on.empty() && i.due_on < today;
    out += CsvRow({i.ref, i.title, def ? def->title.vi : i.kind, state ? state->label.vi : i.state,
                   units[i.unit_id], partner, i.country, i.starts_on, i.ends_on, i.due_on,
                   overdue ? "có" : "không", i.updated_on});
  }
  return out;
}

json Dashboard(store::Db& db, const Workflows& workflows, const store::User& user,
               const std::string& today) {
  std::map<std::tuple<std::string, int, std::string>, std::pair<int, int>>
      pending;  // count, overdue
  std::map<int64_t, json> overdue_by_unit;
  json expiring = json::array();
  int pending_agreements = 0;
  auto in_90_days = [&] {
    auto t = ParseIsoDate(today);
    return t ? FormatIsoDate(
                   std::chrono::year_month_day(std::chrono::sys_days(*t) + std::chrono::days(90)))
             : today;
  }();
  const bool all = SeesAllProposals(user);
  auto bind_unit = [&](store::Stmt& q, int index) {
    if (all)
      q.BindNull(index);
    else
      q.Bind(index, user.unit_id);
  };
  auto state_of = [&](const std::string& kind, int version,
                      const std::string& state) -> const workflow::StateDef* {
    auto def = workflows.Version(kind, version);
    return def ? def->State(state) : nullptr;
  };
  store::Stmt counts = db.Prepare(kCountsByState);
  counts.Bind(1, today);
  bind_unit(counts, 2);
  while (counts.Step()) {
    std::string kind = counts.Text(0), state = counts.Text(2);
    int version = static_cast<int>(counts.Int(1));
    const workflow::StateDef* s = state_of(kind, version, state);
    if (!s || s->terminal) continue;
    auto& p = pending[{kind, version, state}];
    p.first += static_cast<int>(counts.Int(3));
    p.second += static_cast<int>(counts.Int(4));
    if (kind == "agreement" && s->stage == "pending")
      pending_agreements += static_cast<int>(counts.Int(3));
  }
  store::Stmt overdue = db.Prepare(kOverdueByUnit);
  overdue.Bind(1, today);
  bind_unit(overdue, 2);
  while (overdue.Step()) {
    const workflow::StateDef* s =
        state_of(overdue.Text(4), static_cast<int>(overdue.Int(5)), overdue.Text(6));
    if (!s || s->terminal) continue;
    json& u = overdue_by_unit[overdue.Int(0)];
    if (u.is_null())
      u = {{"unit",
            {{"id", overdue.Int(0)},
             {"code", overdue.Text(1)},
             {"name", {{"vi", overdue.Text(2)}, {"en", overdue.Text(3)}}}}},
           {"count", 0},
           {"escalated", 0}};
    u["count"] = u["count"].get<int>() + static_cast<int>(overdue.Int(7));
    u["escalated"] = u["escalated"].get<int>() + static_cast<int>(overdue.Int(8));
  }
  store::Stmt ending = db.Prepare(kEndingAgreements);
  ending.Bind(1, today).Bind(2, in_90_days);
  bind_unit(ending, 3);
  while (ending.Step()) {
    const workflow::StateDef* s =
        state_of("agreement", static_cast<int>(ending.Int(4)), ending.Text(5));
    if (!s || s->terminal || s->stage != "in_force") continue;
    json partner = nullptr;
    if (!ending.IsNull(6))
      partner = {{"id", ending.Int(6)}, {"name", {{"vi", ending.Text(7)}, {"en", ending.Text(8)}}}};
    expiring.push_back({{"id", ending.Int(0)},
                        {"ref", ending.Text(1)},
                        {"title", ending.Text(2)},
                        {"expires_on", ending.Text(3)},
                        {"partner", partner}});
  }
  // Several versions of a kind share their states' names: merged per (kind, state).
  std::map<std::pair<std::string, std::string>, json> merged;
  for (const auto& [key, counts] : pending) {
    const auto& [kind, version, state] = key;
    json& m = merged[{kind, state}];
    if (m.is_null()) {
      auto def = workflows.Version(kind, version);
      const workflow::StateDef* s = def->State(state);
      m = {{"kind", kind},
           {"state", state},
           {"state_label", {{"vi", s->label.vi}, {"en", s->label.en}}},
           {"stage", s->stage},
           {"position", s->position},
           {"count", 0},
           {"overdue", 0}};
    }
    m["count"] = m["count"].get<int>() + counts.first;
    m["overdue"] = m["overdue"].get<int>() + counts.second;
  }
  json pending_out = json::array();
  for (auto& [key, value] : merged) pending_out.push_back(std::move(value));
  std::sort(pending_out.begin(), pending_out.end(), [](const json& a, const json& b) {
    return std::make_pair(a["kind"].get<std::string>(), a["position"].get<size_t>()) <
           std::make_pair(b["kind"].get<std::string>(), b["position"].get<size_t>());
  });
  json overdue_out = json::array();
  for (auto& [id, value] : overdue_by_unit) overdue_out.push_back(std::move(value));
  std::sort(overdue_out.begin(), overdue_out.end(), [](const json& a, const json& b) {
    return a["count"].get<int>() > b["count"].get<int>();
  });
  std::sort(expiring.begin(), expiring.end(), [](const json& a, const json& b) {
    return a["expires_on"].get<std::string>() < b["expires_on"].get<std::string>();
  });
  // Steps taken per month, over the last twelve months.
  json months = json::array();
  store::Stmt q = db.Prepare(kStepsPerMonth);
  std::string since =
      std::to_string(std::stoi(today.substr(0, 4)) - 1) + today.substr(4, 3) + "-01";
  q.Bind(1, since);
  if (SeesAllProposals(user))
    q.BindNull(2).BindNull(3);
  else
    q.Bind(2, user.unit_id).Bind(3, user.unit_id);
  while (q.Step()) months.push_back({{"month", q.Text(0)}, {"steps", q.Int(1)}});
  // Scheduled activities by the month they start in, over the same twelve months and those
  // ahead to the end of this one (IsScheduledActivity, as the calendar shows them).
  std::map<std::pair<std::string, std::string>, int64_t> activities;
  store::Stmt a = db.Prepare(kActivitiesByMonth);
  a.Bind(1, since).Bind(2, today.substr(0, 7) + "-31");
  bind_unit(a, 3);
  while (a.Step()) {
    if (!IsScheduledActivity(state_of(a.Text(1), static_cast<int>(a.Int(2)), a.Text(3)),
                             a.Text(3)))
      continue;
    activities[{a.Text(0), a.Text(1)}] += a.Int(4);
  }
  json activities_out = json::array();
  for (const auto& [key, count] : activities)
    activities_out.push_back({{"month", key.first}, {"kind", key.second}, {"count", count}});
  return {{"today", today},
          {"pending", pending_out},
          {"overdue_by_unit", overdue_out},
          {"steps_by_month", months},
          {"activities_by_month", activities_out},
          {"agreements", {{"pending", pending_agreements}, {"expiring_90_days", expiring}}}};
}

}  // namespace attache::service
