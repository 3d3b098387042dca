// What search reads of a proposal's fields: text, lists of text and the non-personal text
// columns of people lists, from the real definitions.
#include <catch2/catch.hpp>
#include <filesystem>

#include "attache/core/workflow.h"
#include "attache/service/proposal_search.h"
#include "test_files.h"

namespace fs = std::filesystem;
using namespace attache;
using nlohmann::json;

namespace {

workflow::Definition Load(const std::string& kind) {
  workflow::Definition def;
  auto path = fs::path(ATTACHE_SOURCE_DIR) / "schema/workflows" / (kind + ".json");
  Status s = workflow::LoadDefinition(testing::ReadFile(path), kind + ".json", &def);
  INFO(s.message());
  REQUIRE(s.ok());
  return def;
}

}  // namespace

TEST_CASE("Search reads the text of fields, never personal data or codes") {
  workflow::Definition visit = Load("inbound_visit");
  json fields = {
      {"visiting_organisation", "Tổ chức Phát triển Nhân lực Quốc tế Nhật Bản"},
      {"visitor_country", "JP"},
      {"purpose", "Trao đổi về chương trình thực tập sinh kỹ năng"},
      {"places_visited", {"Hà Nội", "Bắc Ninh"}},
      {"highest_rank", "director"},
      {"arrive_on", "2026-05-04"},
      {"guests",
       {{{"full_name", "Tanaka Hiroshi"},
         {"nationality", "JP"},
         {"position", "Giám đốc điều hành"},
         {"organisation", "IM Japan"},
         {"passport_no", "TR1234567"}}}},
  };
  std::string text = service::FieldsSearchText(visit, fields);
  for (const char* included :
       {"Nhân lực Quốc tế", "thực tập sinh", "Bắc Ninh", "Giám đốc điều hành", "IM Japan"}) {
    INFO(included);
    CHECK(text.find(included) != std::string::npos);
  }
  for (const char* excluded : {"Tanaka", "TR1234567", "JP", "director", "2026-05-04"}) {
    INFO(excluded);
    CHECK(text.find(excluded) == std::string::npos);
  }
  // Members of an outbound delegation are not personal data: they are found by name.
  workflow::Definition trip = Load("outbound_delegation");
  json members = {{"members",
                   {{{"full_name", "Nguyễn Văn An"},
                     {"position", "Phó Cục trưởng"},
                     {"unit", "Cục Việc làm"},
                     {"role", "head"}}}}};
  CHECK(service::FieldsSearchText(trip, members) ==
        "Nguyễn Văn An\nPhó Cục trưởng\nCục Việc làm\n");
  CHECK(service::FieldsSearchText(trip, json::object()).empty());
}
