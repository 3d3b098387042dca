// The workflow definition loader: the minimal fixture loads, every broken fixture is refused
// naming its file and the JSON path of its fault, and the five real definitions load.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "attache/core/workflow.h"
#include "test_files.h"

namespace fs = std::filesystem;
using namespace attache::workflow;
using attache::Status;

namespace {

using attache::testing::ReadFile;

const fs::path kFixtures = fs::path(ATTACHE_TEST_DIR) / "fixtures/workflows";

}  // namespace

TEST_CASE("The minimal fixture loads with its states in order and its date fields known") {
  Definition def;
  Status s = LoadDefinition(ReadFile(kFixtures / "minimal.json"), "minimal.json", &def);
  REQUIRE(s.ok());
  CHECK(def.kind == "outbound_delegation");
  CHECK(def.ref_prefix == "ĐR");
  REQUIRE(def.states.size() == 9);
  CHECK(def.State("icd_review")->position == 2);
  CHECK(def.State("icd_review")->deadline.at(0).working);
  CHECK(def.State("approved")->deadline.size() == 2);
  CHECK(def.State("approved")->deadline[1].from == DeadlineRule::From::kAfter);
  CHECK(def.date_fields == std::set<std::string>{"depart_on", "return_on"});
  CHECK(def.TransitionsFrom("icd_review").size() == 3);  // forward, return, withdraw
  CHECK(def.Transition("icd_review", "forward")->to.size() == 2);
  CHECK(def.Transition("leader_decision", "forward") == nullptr);
  CHECK(def.Field("members")->item_fields.at(1).personal);
  CHECK(def.warnings.at(0).states == std::vector<std::string>{"draft"});
  // The canonical text does not depend on the file's layout.
  Definition again;
  REQUIRE(LoadDefinition(def.json.dump(2), "x.json", &again).ok());
  CHECK(again.canonical == def.canonical);
}

TEST_CASE("Every broken definition is refused, naming the file and the path of its fault") {
  auto expected = nlohmann::json::parse(ReadFile(kFixtures / "broken/expected.json"));
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(kFixtures / "broken")) {
    std::string name = entry.path().stem().string();
    if (name == "expected") continue;
    ++files;
    INFO(name);
    REQUIRE(expected.contains(name));
    Definition def;
    std::string file = name + ".json";
    Status s = LoadDefinition(ReadFile(entry.path()), file, &def);
    REQUIRE(s.code() == Status::Code::kInvalidArgument);
    CHECK(s.message().rfind(file + ": ", 0) == 0);
    CHECK_THAT(s.message(), Catch::Contains(expected[name].get<std::string>()));
  }
  CHECK(files == expected.size());
  CHECK(files >= 12);
}

TEST_CASE("Hostile definitions are refused without crashing") {
  const char* cases[] = {
      "",
      "null",
      "[]",
      "{}",
      "\"x\"",
      "{\"kind\": 1}",
      R"({"kind":"aid","ref_prefix":"VT","title":{"vi":"a","en":"b"},"initial_state":"a","fields":[],"states":[],"transitions":[]})",
      R"({"kind":"agreement","ref_prefix":"TT-1","title":{"vi":"a","en":"b"},"initial_state":"a","fields":[],"states":[],"transitions":[]})",
  };
  for (const char* text : cases) {
    INFO(text);
    Definition def;
    CHECK(LoadDefinition(text, "hostile.json", &def).code() == Status::Code::kInvalidArgument);
  }
}

TEST_CASE("The five definitions of schema/workflows load, each named after its kind") {
  fs::path dir = fs::path(ATTACHE_SOURCE_DIR) / "schema/workflows";
  std::set<std::string> kinds;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    Definition def;
    Status s = LoadDefinition(ReadFile(entry.path()), entry.path().filename().string(), &def);
    INFO(s.message());
    REQUIRE(s.ok());
    CHECK(def.kind == entry.path().stem().string());
    kinds.insert(def.kind);
    for (const auto& state : def.states)
      for (const auto& rule : state.deadline) CHECK(!rule.source.empty());
  }
  CHECK(kinds == std::set<std::string>(std::begin(kKinds), std::end(kKinds)));
}
