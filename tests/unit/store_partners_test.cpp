#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "attache/core/workflow.h"
#include "attache/store/database.h"
#include "attache/store/partners.h"
#include "attache/store/plan_items.h"
#include "attache/store/proposals.h"
#include "attache/store/units.h"
#include "attache/store/users.h"
#include "test_database.h"

namespace fs = std::filesystem;
using namespace attache::store;
using attache::Status;

namespace {

// A migrated database with two units, one user and a workflow version of every kind.
struct Fixture {
  attache::testing::TempDatabase temp{"partners"};
  fs::path& dir = temp.dir;
  std::unique_ptr<Database>& database = temp.database;

  Fixture() {
    REQUIRE(AddUnit(db(), {0, "CVL", "Cục Việc làm", "Employment", {}}, {}, &cvl).ok());
    REQUIRE(AddUnit(db(), {0, "QLLDNN", "Cục Quản lý lao động ngoài nước", "Overseas", {}}, {},
                    &overseas)
                .ok());
    REQUIRE(AddUser(db(), {0, "mai", "Lê Thị Mai", 0, "CVL", true, {"icd_officer"}}, &user).ok());
    for (std::string_view kind : attache::workflow::kKinds) {
      int v = 0;
      REQUIRE(RegisterWorkflowVersion(db(), std::string(kind), "{}", &v).ok());
    }
  }
  Db& db() { return database->writer(); }

  Partner MakePartner(const std::string& name_vi, const std::string& name_en,
                      const std::string& acronym = "", const std::string& type = "un_agency") {
    Partner p;
    p.type = type;
    p.name_vi = name_vi;
    p.name_en = name_en;
    p.acronym = acronym;
    p.created_by = user;
    p.created_at = "2026-01-05T02:00:00Z";
    return p;
  }

  int64_t AddPartnerOk(const Partner& p) {
    int64_t id = 0;
    REQUIRE(AddPartner(db(), p, &id).ok());
    return id;
  }

  PlanItem MakeItem(int64_t unit, int year, const std::string& title) {
    PlanItem i;
    i.unit_id = unit;
    i.year = year;
    i.kind = "conference";
    i.title = title;
    i.created_by = user;
    i.created_at = "2026-01-05T02:00:00Z";
    return i;
  }

  int64_t AddItemOk(const PlanItem& i) {
    int64_t id = 0;
    REQUIRE(AddPlanItem(db(), i, &id).ok());
    return id;
  }

  int64_t Propose(int64_t unit, const std::string& kind, std::optional<int64_t> partner,
                  std::optional<std::string> starts_on, std::optional<int64_t> plan_item = {},
                  const std::string& at = "2026-02-01T02:00:00Z") {
    NewProposal n;
    n.kind = kind;
    n.workflow_version = 1;
    n.ref_prefix = "T";
    n.title = "Hồ sơ " + kind;
    n.unit_id = unit;
    n.created_by = user;
    n.initial_state = "draft";
    n.columns.partner_id = partner;
    n.columns.starts_on = starts_on;
    n.plan_item_id = plan_item;
    n.at = at;
    ProposalRow row;
    REQUIRE(CreateProposal(db(), n, &row).ok());
    return row.id;
  }

  int64_t cvl = 0, overseas = 0, user = 0;
};

std::vector<std::string> Fields(const std::vector<attache::workflow::FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

}  // namespace

TEST_CASE("CheckPartner names each broken rule by its field") {
  Fixture f;
  const Partner ok = f.MakePartner("Tổ chức Lao động Quốc tế", "International Labour Organization");
  CHECK(CheckPartner(ok).empty());
  struct Case {
    const char* name;
    std::function<void(Partner&)> change;
    const char* field;
  };
  const Case cases[] = {
      {"unknown type", [](Partner& p) { p.type = "company"; }, "type"},
      {"empty name", [](Partner& p) { p.name_vi = ""; }, "name_vi"},
      {"blank name", [](Partner& p) { p.name_en = " \t "; }, "name_en"},
      {"300 characters is the limit",
       [](Partner& p) {
         p.name_vi.clear();
         for (int i = 0; i < 301; ++i) p.name_vi += "ắ";
       },
       "name_vi"},
      {"control character", [](Partner& p) { p.name_en = "a\x01"; }, "name_en"},
      {"long acronym", [](Partner& p) { p.acronym = std::string(33, 'A'); }, "acronym"},
      {"lower-case country", [](Partner& p) { p.country = "kr"; }, "country"},
      {"unassigned country", [](Partner& p) { p.country = "XX"; }, "country"},
      {"long notes", [](Partner& p) { p.notes = std::string(5001, 'x'); }, "notes"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    Partner p = ok;
    c.change(p);
    CHECK(Fields(CheckPartner(p)) == std::vector<std::string>{c.field});
    int64_t id = 0;
    Status s = AddPartner(f.db(), p, &id);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(s.message().rfind(std::string(c.field) + ": ", 0) == 0);
  }
  Partner edge = ok;
  edge.name_vi = std::string(300, 'a');
  edge.acronym = std::string(32, 'A');
  edge.country = "VN";
  edge.notes = "dòng 1\ndòng 2";
  CHECK(CheckPartner(edge).empty());
  CHECK(ListPartners(f.db(), {}).empty());  // nothing refused was stored
}

TEST_CASE("Partners are added, found, edited, and their names stay unique") {
  Fixture f;
  Partner ilo =
      f.MakePartner("Tổ chức Lao động Quốc tế", "International Labour Organization", "ILO");
  const int64_t id = f.AddPartnerOk(ilo);
  auto found = FindPartner(f.db(), id);
  REQUIRE(found);
  CHECK(found->name_vi == ilo.name_vi);
  CHECK(found->acronym == "ILO");
  CHECK_FALSE(found->country);
  CHECK(found->created_by == f.user);
  CHECK(PartnerExists(f.db(), id));
  CHECK_FALSE(PartnerExists(f.db(), id + 1));

  int64_t dup = 0;
  CHECK(
      AddPartner(f.db(), f.MakePartner("Khác", "international labour ORGANIZATION"), &dup).code() ==
      Status::Code::kConflict);
  CHECK(AddPartner(f.db(), f.MakePartner("Tổ chức Lao động Quốc tế", "Other"), &dup).code() ==
        Status::Code::kConflict);

  PartnerChange change;
  change.country = std::optional<std::string>("CH");
  change.notes = "Trụ sở tại Giơ-ne-vơ";
  REQUIRE(UpdatePartner(f.db(), id, change).ok());
  found = FindPartner(f.db(), id);
  CHECK(found->country == "CH");
  CHECK(found->notes == "Trụ sở tại Giơ-ne-vơ");
  CHECK(found->name_en == "International Labour Organization");  // untouched
  // Renaming to itself is no conflict; clearing the country works.
  change = {};
  change.name_en = "International Labour Organization";
  change.country = std::optional<std::string>();
  REQUIRE(UpdatePartner(f.db(), id, change).ok());
  CHECK_FALSE(FindPartner(f.db(), id)->country);

  const int64_t other = f.AddPartnerOk(f.MakePartner("Quỹ Nhi đồng", "UNICEF fund", "UNICEF"));
  change = {};
  change.name_vi = "Tổ chức Lao động Quốc tế";
  CHECK(UpdatePartner(f.db(), other, change).code() == Status::Code::kConflict);
  change.name_vi = "";
  CHECK(UpdatePartner(f.db(), other, change).code() == Status::Code::kInvalidArgument);
  CHECK(UpdatePartner(f.db(), other + 100, {}).code() == Status::Code::kNotFound);
  CHECK(FindPartner(f.db(), other)->name_vi == "Quỹ Nhi đồng");
}

TEST_CASE("ListPartners searches names and acronyms without case or accents, by type") {
  Fixture f;
  f.AddPartnerOk(
      f.MakePartner("Tổ chức Lao động Quốc tế", "International Labour Organization", "ILO"));
  f.AddPartnerOk(f.MakePartner("Ngân hàng Thế giới", "World Bank", "WB", "financial_institution"));
  f.AddPartnerOk(f.MakePartner("Ngân hàng Phát triển châu Á", "Asian Development Bank", "ADB",
                               "financial_institution"));
  f.AddPartnerOk(f.MakePartner("Bộ Việc làm và Lao động Hàn Quốc",
                               "Ministry of Employment and Labor", "MOEL", "government"));
  auto acronyms = [&](const std::string& q, std::optional<std::string> type = {}) {
    std::vector<std::string> out;
    for (const auto& p : ListPartners(f.db(), {q, type})) out.push_back(p.acronym);
    return out;
  };
  using V = std::vector<std::string>;
  // Ordered by Vietnamese name with accents ignored: Bộ, Ngân hàng P..., Ngân hàng T..., Tổ chức.
  CHECK(acronyms("") == V{"MOEL", "ADB", "WB", "ILO"});
  CHECK(acronyms("lao dong") == V{"MOEL", "ILO"});
  CHECK(acronyms("LAO ĐỘNG QUỐC") == V{"ILO"});
  CHECK(acronyms("  bank ") == V{"ADB", "WB"});
  CHECK(acronyms("moel") == V{"MOEL"});
  CHECK(acronyms("ngan hang", "financial_institution") == V{"ADB", "WB"});
  CHECK(acronyms("", "government") == V{"MOEL"});
  CHECK(acronyms("", "ngo").empty());
  CHECK(acronyms("không có").empty());
}

TEST_CASE("A partner's activities: its proposals, newest first, one unit's when asked") {
  Fixture f;
  const int64_t ilo = f.AddPartnerOk(f.MakePartner("Tổ chức Lao động Quốc tế", "ILO org", "ILO"));
  const int64_t wb = f.AddPartnerOk(f.MakePartner("Ngân hàng Thế giới", "World Bank", "WB"));
  const int64_t aid = f.Propose(f.cvl, "aid", ilo, "2025-03-01");
  const int64_t agreement = f.Propose(f.overseas, "agreement", ilo, "2026-01-10");
  const int64_t undated =
      f.Propose(f.cvl, "conference", ilo, std::nullopt, {}, "2024-02-01T01:00:00Z");
  const int64_t same_day = f.Propose(f.cvl, "inbound_visit", ilo, "2025-03-01");
  f.Propose(f.cvl, "aid", wb, "2027-01-01");
  f.Propose(f.cvl, "aid", std::nullopt, "2027-01-01");
  auto ids = [&](std::optional<int64_t> unit) {
    std::vector<int64_t> out;
    for (const auto& a : ListPartnerActivities(f.db(), ilo, unit)) out.push_back(a.id);
    return out;
  };
  using V = std::vector<int64_t>;
  CHECK(ids(std::nullopt) == V{agreement, same_day, aid, undated});
  CHECK(ids(f.cvl) == V{same_day, aid, undated});
  CHECK(ids(f.overseas) == V{agreement});
  auto first = ListPartnerActivities(f.db(), ilo, std::nullopt).front();
  CHECK(first.kind == "agreement");
  CHECK(first.unit_code == "QLLDNN");
  CHECK(first.starts_on == "2026-01-10");
  CHECK(first.state == "draft");
  CHECK(ListPartnerActivities(f.db(), ilo + wb + 10, std::nullopt).empty());
}

TEST_CASE("CheckPlanItem names each broken rule by its field") {
  Fixture f;
  const PlanItem ok = f.MakeItem(f.cvl, 2026, "Hội thảo quốc tế");
  CHECK(CheckPlanItem(ok).empty());
  struct Case {
    const char* name;
    std::function<void(PlanItem&)> change;
    const char* field;
  };
  const Case cases[] = {
      {"year 1800", [](PlanItem& i) { i.year = 1800; }, "year"},
      {"year 2101", [](PlanItem& i) { i.year = 2101; }, "year"},
      {"unknown kind", [](PlanItem& i) { i.kind = "trip"; }, "kind"},
      {"empty title", [](PlanItem& i) { i.title = ""; }, "title"},
      {"long title", [](PlanItem& i) { i.title = std::string(501, 'x'); }, "title"},
      {"control character", [](PlanItem& i) { i.title = "a\nb"; }, "title"},
      {"partner id 0", [](PlanItem& i) { i.partner_id = 0; }, "partner_id"},
      {"bad country", [](PlanItem& i) { i.country = "ZZ"; }, "country"},
      {"quarter 5", [](PlanItem& i) { i.quarter = 5; }, "quarter"},
      {"quarter 0", [](PlanItem& i) { i.quarter = 0; }, "quarter"},
      {"negative budget",
       [](PlanItem& i) {
         i.budget = Money{-1, "VND"};
       },
       "budget.amount"},
      {"infinite budget",
       [](PlanItem& i) {
         i.budget = Money{std::numeric_limits<double>::infinity(), "VND"};
       },
       "budget.amount"},
      {"bad currency",
       [](PlanItem& i) {
         i.budget = Money{1, "usd"};
       },
       "budget.currency"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    PlanItem i = ok;
    c.change(i);
    CHECK(Fields(CheckPlanItem(i)) == std::vector<std::string>{c.field});
    int64_t id = 0;
    Status s = AddPlanItem(f.db(), i, &id);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(s.message().rfind(std::string(c.field) + ": ", 0) == 0);
  }
  PlanItem edge = ok;
  edge.year = 2000;
  edge.quarter = 4;
  edge.budget = Money{0, "USD"};
  edge.title = std::string(500, 'x');
  CHECK(CheckPlanItem(edge).empty());
  CHECK(ListPlanItems(f.db(), 2026, std::nullopt).empty());  // nothing refused was stored
}

TEST_CASE("Plan items are added, listed by year and unit, edited and deleted") {
  Fixture f;
  const int64_t moel =
      f.AddPartnerOk(f.MakePartner("Bộ Việc làm và Lao động Hàn Quốc", "MOEL", "MOEL"));
  PlanItem trip = f.MakeItem(f.cvl, 2026, "Đoàn công tác tại Hàn Quốc");
  trip.kind = "outbound_delegation";
  trip.partner_id = moel;
  trip.country = "KR";
  trip.quarter = 2;
  trip.budget = Money{450'000'000, "VND"};
  const int64_t a = f.AddItemOk(trip);
  PlanItem undated = f.MakeItem(f.cvl, 2026, "Hội thảo");
  const int64_t b = f.AddItemOk(undated);
  PlanItem first_quarter = f.MakeItem(f.cvl, 2026, "Đón đoàn");
  first_quarter.quarter = 1;
  const int64_t c = f.AddItemOk(first_quarter);
  const int64_t d = f.AddItemOk(f.MakeItem(f.overseas, 2026, "Gia hạn MOU"));
  f.AddItemOk(f.MakeItem(f.cvl, 2025, "Năm trước"));

  auto ids = [&](int year, std::optional<int64_t> unit) {
    std::vector<int64_t> out;
    for (const auto& i : ListPlanItems(f.db(), year, unit)) out.push_back(i.id);
    return out;
  };
  using V = std::vector<int64_t>;
  CHECK(ids(2026, std::nullopt) == V{c, a, b, d});  // by unit code, then quarter (none last)
  CHECK(ids(2026, f.cvl) == V{c, a, b});
  CHECK(ids(2026, f.overseas) == V{d});
  CHECK(ids(2025, std::nullopt).size() == 1);
  CHECK(ids(2024, std::nullopt).empty());

  auto item = FindPlanItem(f.db(), a);
  REQUIRE(item);
  CHECK(item->unit_code == "CVL");
  CHECK(item->partner_acronym == "MOEL");
  CHECK(item->partner_name_vi == "Bộ Việc làm và Lao động Hàn Quốc");
  CHECK(item->budget->amount == 450'000'000);
  CHECK(item->budget->currency == "VND");
  CHECK(item->linked_proposals == 0);

  PlanItemChange change;
  change.title = "Đoàn công tác tại Seoul";
  change.budget = std::optional<Money>();
  change.partner_id = std::optional<int64_t>();
  change.quarter = 3;
  REQUIRE(UpdatePlanItem(f.db(), a, change).ok());
  item = FindPlanItem(f.db(), a);
  CHECK(item->title == "Đoàn công tác tại Seoul");
  CHECK_FALSE(item->budget);
  CHECK_FALSE(item->partner_id);
  CHECK(item->partner_acronym.empty());
  CHECK(item->quarter == 3);
  CHECK(item->country == "KR");  // untouched

  change = {};
  change.partner_id = moel + 100;
  Status s = UpdatePlanItem(f.db(), a, change);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(s.message().rfind("partner_id: ", 0) == 0);
  CHECK(UpdatePlanItem(f.db(), a + 100, {}).code() == Status::Code::kNotFound);

  REQUIRE(DeletePlanItem(f.db(), b).ok());
  CHECK_FALSE(FindPlanItem(f.db(), b));
  CHECK(DeletePlanItem(f.db(), b).code() == Status::Code::kNotFound);
}

TEST_CASE(
    "A plan item needs an existing partner and unit, and is kept while a proposal links to it") {
  Fixture f;
  PlanItem i = f.MakeItem(f.cvl, 2026, "Dự án");
  i.partner_id = 42;
  int64_t id = 0;
  Status s = AddPlanItem(f.db(), i, &id);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(s.message().rfind("partner_id: ", 0) == 0);
  i.partner_id.reset();
  i.unit_id = 999;
  s = AddPlanItem(f.db(), i, &id);
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(s.message().rfind("unit_id: ", 0) == 0);

  const int64_t item = f.AddItemOk(f.MakeItem(f.cvl, 2026, "Dự án"));
  f.Propose(f.cvl, "aid", std::nullopt, "2026-05-01", item);
  CHECK(FindPlanItem(f.db(), item)->linked_proposals == 1);
  CHECK(DeletePlanItem(f.db(), item).code() == Status::Code::kConflict);
  CHECK(FindPlanItem(f.db(), item));
}
