// Full-text search over proposals: the index kept in step by every write, accent- and
// case-insensitive matching (đ included), ranking, filters and visibility combined with the
// text, and user input that is never read as FTS5 syntax.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

#include "attache/store/database.h"
#include "attache/store/partners.h"
#include "attache/store/proposal_list.h"
#include "attache/store/proposal_search.h"
#include "attache/store/proposals.h"
#include "attache/store/units.h"
#include "attache/store/users.h"
#include "test_database.h"

namespace fs = std::filesystem;
using namespace attache::store;
using attache::Status;

namespace {

// A migrated database with two units, a staff member in each, and a workflow version.
struct Fixture {
  attache::testing::TempDatabase temp{"search"};
  fs::path& dir = temp.dir;
  std::unique_ptr<Database>& database = temp.database;

  Fixture() {
    REQUIRE(AddUnit(db(), {0, "CVL", "Cục Việc làm", "Employment", {}}, {}, &cvl).ok());
    REQUIRE(AddUnit(db(), {0, "QLLDNN", "Cục QLLĐNN", "Overseas Labour", {}}, {}, &other).ok());
    REQUIRE(AddUser(db(), {0, "lan", "Nguyễn Thị Lan", 0, "CVL", true, {"staff"}}, &staff).ok());
    int v = 0;
    REQUIRE(RegisterWorkflowVersion(db(), "conference", R"({"kind":"conference"})", &v).ok());
    REQUIRE(RegisterWorkflowVersion(db(), "aid", R"({"kind":"aid"})", &v).ok());
  }
  Db& db() { return database->writer(); }

  ProposalRow Create(const std::string& title, const std::string& words = "",
                     std::optional<int64_t> partner = std::nullopt, int64_t unit = 0,
                     const std::string& kind = "conference") {
    NewProposal n;
    n.kind = kind;
    n.workflow_version = 1;
    n.ref_prefix = kind == "aid" ? "VT" : "HN";
    n.title = title;
    n.unit_id = unit ? unit : cvl;
    n.created_by = staff;
    n.initial_state = "draft";
    n.columns.partner_id = partner;
    n.columns.search_text = words;
    n.at = "2026-03-01T02:00:00Z";
    ProposalRow row;
    REQUIRE(CreateProposal(db(), n, &row).ok());
    return row;
  }

  // The ids found for `text`, best first (limit 50, no other filter unless given).
  std::vector<int64_t> Find(const std::string& text, ProposalQuery q = {}) {
    q.text = text;
    std::vector<int64_t> ids;
    VisitProposals(db(), q, [&](const ProposalListView& row) { ids.push_back(row.id); });
    return ids;
  }

  int64_t cvl = 0, other = 0, staff = 0;
};

using Ids = std::vector<int64_t>;

}  // namespace

TEST_CASE("A user's query becomes quoted FTS5 words, never FTS5 syntax") {
  struct Case {
    std::string query;
    std::optional<std::string> expected;
  };
  const Case cases[] = {
      {"Hội thảo", R"("hoi" "thao")"},
      {"  ĐOÀN   công tác ", R"("doan" "cong" "tac")"},
      {"ĐR-2026-0012", R"("dr" "2026" "0012")"},
      {R"(he said "hello)", R"("he" "said" "hello")"},
      {"NEAR(a b)", R"("near" "a" "b")"},
      {"lao AND dong OR -viec", R"("lao" "and" "dong" "or" "viec")"},
      {"title:ilo*", R"("title" "ilo")"},
      {"^ilo + {x}", R"("ilo" "x")"},
      {"東京 会議", "\"東京\" \"会議\""},
      {"", std::nullopt},
      {"   ", std::nullopt},
      {"\"", std::nullopt},
      {"*", std::nullopt},
      {"-", std::nullopt},
      {"(\"*\")", std::nullopt},
  };
  for (const Case& c : cases) {
    INFO(c.query);
    CHECK(MatchExpression(c.query) == c.expected);
  }
}

TEST_CASE("Search ignores case and Vietnamese diacritics, đ included") {
  Fixture f;
  auto workshop = f.Create("Hội thảo quốc tế về lao động di cư").id;
  auto delegation = f.Create("Đoàn công tác của Cục Việc làm tại Hàn Quốc").id;
  CHECK(f.Find("hoi thao lao dong") == Ids{workshop});
  CHECK(f.Find("HỘI THẢO") == Ids{workshop});
  CHECK(f.Find("doan") == Ids{delegation});
  CHECK(f.Find("ĐOÀN") == Ids{delegation});
  CHECK(f.Find("đoàn công tác") == Ids{delegation});
  CHECK(f.Find("Hàn quoc") == Ids{delegation});
  // Every word must be there.
  CHECK(f.Find("hoi thao han quoc").empty());
  // Words, not substrings.
  CHECK(f.Find("hoi tha").empty());
  // The reference number, by its parts.
  ProposalRow row;
  REQUIRE(LoadProposal(f.db(), workshop, &row).ok());
  CHECK(f.Find(row.ref) == Ids{workshop});
}

TEST_CASE("The index follows every create, step and edit in the same transaction") {
  Fixture f;
  ProposalRow p = f.Create("Hội thảo về việc làm xanh", "Chủ đề: chuyển đổi năng lượng\nHà Nội");
  CHECK(f.Find("nang luong") == Ids{p.id});

  // A step that brings fields rewrites the field words from the columns it carries.
  StepRecord s;
  s.fields = nlohmann::json{{"topic", "kỹ năng số"}, {"venue", "Đà Nẵng"}};
  s.proposal_id = p.id;
  s.expected_version = p.version;
  s.to_state = "unit_review";
  s.columns.search_text = "Chủ đề: kỹ năng số\nĐà Nẵng";
  s.event.at = "2026-03-02T03:00:00Z";
  s.event.actor = f.staff;
  s.event.action = "submit";
  s.event.from = "draft";
  s.event.to = "unit_review";
  REQUIRE(RecordStep(f.db(), s, &p).ok());
  CHECK(f.Find("nang luong").empty());
  CHECK(f.Find("ky nang so da nang") == Ids{p.id});

  // A step without fields leaves the words as they are.
  StepRecord plain;
  plain.proposal_id = p.id;
  plain.expected_version = p.version;
  plain.to_state = "icd_review";
  plain.columns.search_text = "Không được dùng";
  plain.event.at = "2026-03-02T04:00:00Z";
  plain.event.actor = f.staff;
  plain.event.action = "endorse";
  plain.event.from = "unit_review";
  plain.event.to = "icd_review";
  REQUIRE(RecordStep(f.db(), plain, &p).ok());
  CHECK(f.Find("khong duoc dung").empty());
  CHECK(f.Find("ky nang so da nang") == Ids{p.id});

  // A step that loses its optimistic lock writes nothing, the index included.
  s.columns.search_text = "Tuyệt mật";
  CHECK(RecordStep(f.db(), s, nullptr).code() == Status::Code::kConflict);
  CHECK(f.Find("tuyet mat").empty());

  // An edit of the title alone keeps the field words.
  EventRecord edit;
  edit.proposal_id = p.id;
  edit.title = "Diễn đàn kỹ năng nghề ASEAN";
  edit.event.at = "2026-03-03T01:00:00Z";
  edit.event.actor = f.staff;
  edit.event.action = "edit";
  REQUIRE(RecordEvent(f.db(), edit, &p).ok());
  CHECK(f.Find("hoi thao").empty());
  CHECK(f.Find("dien dan asean") == Ids{p.id});
  CHECK(f.Find("da nang") == Ids{p.id});

  // An edit of the fields replaces their words.
  EventRecord fields;
  fields.proposal_id = p.id;
  fields.fields = nlohmann::json{{"topic", "Lao động nữ di cư"}};
  fields.columns = ListColumns{};
  fields.columns->search_text = "Lao động nữ di cư";
  fields.event = edit.event;
  REQUIRE(RecordEvent(f.db(), fields, &p).ok());
  CHECK(f.Find("da nang").empty());
  CHECK(f.Find("lao dong nu") == Ids{p.id});

  // Events that change neither (a document, an opinion) leave the row as it is.
  EventRecord upload;
  upload.proposal_id = p.id;
  upload.event = edit.event;
  upload.event.action = "upload_document";
  REQUIRE(RecordEvent(f.db(), upload, &p).ok());
  CHECK(f.Find("lao dong nu asean") == Ids{p.id});
  CHECK(UnindexedProposals(f.db()).empty());
}

TEST_CASE("Partners are found by their names, and by their new names once renamed") {
  Fixture f;
  Partner ilo;
  ilo.type = "un_agency";
  ilo.name_vi = "Tổ chức Lao động Quốc tế";
  ilo.name_en = "International Labour Organization";
  ilo.acronym = "ILO";
  ilo.created_by = f.staff;
  ilo.created_at = "2026-01-01T00:00:00Z";
  int64_t partner = 0;
  REQUIRE(AddPartner(f.db(), ilo, &partner).ok());
  auto p = f.Create("Bản ghi nhớ hợp tác giai đoạn 2026–2030", "", partner).id;
  CHECK(f.Find("ilo") == Ids{p});
  CHECK(f.Find("to chuc lao dong quoc te") == Ids{p});
  CHECK(f.Find("international labour") == Ids{p});
  PartnerChange rename;
  rename.acronym = "OIT";
  REQUIRE(UpdatePartner(f.db(), partner, rename).ok());
  CHECK(f.Find("ilo").empty());
  CHECK(f.Find("oit ban ghi nho") == Ids{p});
}

TEST_CASE("A title match ranks before a match in the partner or the fields only") {
  Fixture f;
  // Other proposals, so the words searched are rare enough to weigh (bm25's IDF).
  for (const char* title : {"Đoàn công tác tại Hàn Quốc", "Bản ghi nhớ với ILO", "Đón đoàn JICA",
                            "Dự án của Plan International", "Hội nghị SLOM ASEAN"})
    f.Create(title, "Nội dung khác");
  Partner iom;
  iom.type = "un_agency";
  iom.name_vi = "Tổ chức Di cư Quốc tế";
  iom.name_en = "International Organization for Migration";
  iom.acronym = "IOM";
  iom.created_by = f.staff;
  iom.created_at = "2026-01-01T00:00:00Z";
  int64_t partner = 0;
  REQUIRE(AddPartner(f.db(), iom, &partner).ok());
  auto field_only = f.Create("Dự án hỗ trợ kỹ thuật",
                             "Tiểu hợp phần: di cư an toàn\n"
                             "Địa bàn: Nghệ An, Hà Tĩnh, Thanh Hóa");
  auto by_partner = f.Create("Dự án hỗ trợ người lao động trở về", "", partner);
  auto in_title = f.Create("Hội thảo quốc tế về di cư lao động");
  CHECK(f.Find("di cu") == Ids{in_title.id, by_partner.id, field_only.id});
}

TEST_CASE("Text combines with the other filters and with the caller's unit") {
  Fixture f;
  auto mine = f.Create("Hội thảo về an sinh xã hội").id;
  auto theirs = f.Create("Hội thảo về an sinh xã hội cho lao động di cư", "", {}, f.other).id;
  auto aid = f.Create("Dự án an sinh xã hội của UNDP", "", {}, 0, "aid").id;
  CHECK(f.Find("an sinh xa hoi").size() == 3);
  ProposalQuery q;
  q.visible_unit = f.cvl;
  CHECK(f.Find("an sinh xa hoi", q) == Ids{mine, aid});
  // A deputy's view: their unit's, and another unit's where a rule of the leader's steps
  // matches (kind, version, state, unit and creator limits).
  ProposalQuery deputy = q;
  deputy.also_visible = {{"conference", 1, {"draft"}, f.other, std::nullopt}};
  CHECK(f.Find("an sinh xa hoi", deputy) == Ids{mine, aid, theirs});  // ranked
  deputy.also_visible = {{"conference", 1, {"draft"}, std::nullopt, f.staff}};  // not theirs
  CHECK(f.Find("an sinh xa hoi", deputy) == Ids{mine, aid});
  deputy.also_visible = {{"conference", 2, {"draft"}, std::nullopt, std::nullopt},
                         {"conference", 1, {"icd_review"}, std::nullopt, std::nullopt}};
  CHECK(f.Find("an sinh xa hoi", deputy) == Ids{mine, aid});
  deputy.also_visible = {{"aid", 1, {"draft"}, std::nullopt, std::nullopt},
                         {"conference", 1, {"draft", "icd_review"}, std::nullopt, std::nullopt}};
  CHECK(f.Find("an sinh xa hoi", deputy) == Ids{mine, aid, theirs});  // ranked
  q.kind = "conference";
  CHECK(f.Find("an sinh", q) == Ids{mine});
  ProposalQuery other_unit;
  other_unit.unit_id = f.other;
  CHECK(f.Find("an sinh", other_unit) == Ids{theirs});
  ProposalQuery limited;
  limited.limit = 2;
  limited.text = "an sinh";
  int rows = 0;
  const bool more = VisitProposals(f.db(), limited, [&](const ProposalListView&) { ++rows; });
  CHECK(rows == 2);
  CHECK(more);
}

TEST_CASE("Hostile queries never fail: they find plain words or nothing") {
  Fixture f;
  auto p = f.Create("Hội nghị \"NEAR\" và AND OR (đặc biệt) - * ^ title:x");
  const char* hostile[] = {"\"",
                           "*",
                           "NEAR(",
                           "-",
                           "AND OR",
                           "\"unclosed",
                           "a OR",
                           "(",
                           ")",
                           "NOT",
                           "title:x",
                           "^",
                           "{title ref}: x",
                           "x NEAR/2 y",
                           "\xff\xfe",
                           "'; DROP TABLE proposals; --",
                           "\"\"\"\"",
                           "%",
                           "_",
                           "\\"};
  for (const char* q : hostile) {
    INFO(q);
    CHECK_NOTHROW(f.Find(q));
  }
  CHECK(f.Find("NEAR(") == Ids{p.id});
  CHECK(f.Find("AND OR") == Ids{p.id});
  CHECK(f.Find("title:x") == Ids{p.id});
  CHECK(f.Find("*").empty());
  CHECK(f.Find(std::string(400, 'a') + " " + std::string(300, '"')).empty());
  REQUIRE(LoadProposal(f.db(), p.id, &p).ok());  // the table is still there
}

TEST_CASE("Proposals without an index row are listed for indexing") {
  Fixture f;
  auto a = f.Create("Đoàn vào của IM Japan").id;
  auto b = f.Create("Đoàn ra tại Nhật Bản").id;
  f.db().Prepare("DELETE FROM proposals_fts WHERE rowid = ?").Bind(1, b).Run();
  CHECK(UnindexedProposals(f.db()) == Ids{b});
  CHECK(f.Find("doan") == Ids{a});
  IndexProposal(f.db(), b, "");
  CHECK(UnindexedProposals(f.db()).empty());
  CHECK(f.Find("doan nhat ban") == Ids{b});
}
