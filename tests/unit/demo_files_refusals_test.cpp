// Broken demo data is refused before anything is seeded, naming the file, the JSON pointer of
// the fault and what is wrong; hostile files (huge, deeply nested) are refused without harm.
#include <catch2/catch.hpp>

#include "demo_files_fixture.h"

namespace attache::testing {
namespace {

using nlohmann::json;

constexpr const char* kOrganisation = "organisation.json";
constexpr const char* kTrips = "proposals/1-outbound_delegation.json";

struct Broken {
  const char* what;
  const char* file;
  std::function<void(json&)> change;
  const char* refusal;  // after "<file>: "
};

TEST_CASE_METHOD(DemoFilesFixture, "Each fault is refused naming its file and JSON pointer") {
  const std::vector<Broken> cases = {
      {"unknown key", kOrganisation, [](json& j) { j["colour"] = "blue"; },
       "/colour: unknown key \"colour\""},
      {"missing key", kOrganisation, [](json& j) { j["units"][2].erase("name_en"); },
       "/units/2: missing key \"name_en\""},
      {"wrong type", kOrganisation, [](json& j) { j["users"][3]["username"] = 7; },
       "/users/3/username: must be a non-empty string"},
      {"not an array", kOrganisation, [](json& j) { j["partners"] = json::object(); },
       "/partners: must be an array"},
      {"duplicate unit", kOrganisation, [](json& j) { j["units"][3]["code"] = "BO"; },
       "/units/3/code: duplicate unit \"BO\""},
      {"parent listed later", kOrganisation, [](json& j) { j["units"][1]["parent"] = "VKHLD"; },
       "/units/1/parent: unknown unit \"VKHLD\" (a parent is listed before its units)"},
      {"duplicate username", kOrganisation, [](json& j) { j["users"][4]["username"] = "lan"; },
       "/users/4/username: duplicate username \"lan\""},
      {"unknown unit", kOrganisation, [](json& j) { j["users"][3]["unit"] = "XYZ"; },
       "/users/3/unit: unknown unit \"XYZ\""},
      {"unknown role", kOrganisation, [](json& j) { j["users"][0]["role"] = "boss"; },
       "/users/0/role: unknown role \"boss\""},
      {"no ICD officer", kOrganisation, [](json& j) { j["users"][2]["role"] = "staff"; },
       "/users: no user has the role \"icd_officer\""},
      {"unknown partner type", kOrganisation, [](json& j) { j["partners"][0]["type"] = "club"; },
       "/partners/0/type: unknown partner type \"club\""},
      {"bad country", kOrganisation, [](json& j) { j["partners"][13]["country"] = "Korea"; },
       "/partners/13/country: \"Korea\" is not a country code (ISO 3166-1 alpha-2)"},
      {"duplicate partner", kOrganisation, [](json& j) { j["partners"][1]["acronym"] = "ILO"; },
       "/partners/1/acronym: duplicate partner \"ILO\" (partners are named by acronym, or by "
       "English name when they have none)"},
      {"plan item of an unknown kind", kOrganisation,
       [](json& j) { j["plan_items"][0]["kind"] = "picnic"; },
       "/plan_items/0/kind: unknown kind \"picnic\""},
      {"plan item of an unknown partner", kOrganisation,
       [](json& j) { j["plan_items"][0]["partner"] = "NASA"; },
       "/plan_items/0/partner: unknown partner \"NASA\""},
      {"plan item entered by nobody", kOrganisation,
       [](json& j) { j["plan_items"][0]["entered_by"] = "ghost"; },
       "/plan_items/0/entered_by: unknown user \"ghost\""},
      {"quarter out of range", kOrganisation, [](json& j) { j["plan_items"][0]["quarter"] = 5; },
       "/plan_items/0/quarter: must be an integer from 1 to 4"},
      {"bad currency", kOrganisation,
       [](json& j) { j["plan_items"][0]["budget"]["currency"] = "dong"; },
       "/plan_items/0/budget/currency: \"dong\" is not a currency code (ISO 4217)"},
      {"negative amount", kOrganisation,
       [](json& j) { j["plan_items"][0]["budget"]["amount"] = -1; },
       "/plan_items/0/budget/amount: must not be negative"},
      {"unknown kind", kTrips, [](json& j) { j["kind"] = "picnic"; },
       "/kind: unknown kind \"picnic\""},
      {"unknown key in a proposal", kTrips, [](json& j) { j["proposals"][2]["colour"] = 1; },
       "/proposals/2/colour: unknown key \"colour\""},
      {"unknown creator", kTrips, [](json& j) { j["proposals"][0]["creator"] = "xyz"; },
       "/proposals/0/creator: unknown user \"xyz\""},
      {"creator not staff", kTrips, [](json& j) { j["proposals"][0]["creator"] = "hung"; },
       "/proposals/0/creator: user \"hung\" does not have the role \"staff\""},
      {"leader not a leader", kTrips, [](json& j) { j["proposals"][0]["leader"] = "mai"; },
       "/proposals/0/leader: user \"mai\" does not have the role \"leader\""},
      {"drafted in the future", kTrips,
       [](json& j) { j["proposals"][0]["drafted_days_ago"] = -1; },
       "/proposals/0/drafted_days_ago: must be an integer from 0 to 3650"},
      {"unknown plan item", kTrips,
       [](json& j) { j["proposals"][1]["plan_item"] = "Không có"; },
       "/proposals/1/plan_item: no plan item \"Không có\" of unit \"VKHLD\""},
      {"unknown field", kTrips, [](json& j) { j["proposals"][0]["fields"]["colour"] = "x"; },
       "/proposals/0/fields/colour: unknown field \"colour\" of outbound_delegation"},
      {"unknown partner in a field", kTrips,
       [](json& j) { j["proposals"][0]["fields"]["inviting_partner"] = "NASA"; },
       "/proposals/0/fields/inviting_partner: unknown partner \"NASA\""},
      {"route not an array", kTrips,
       [](json& j) { j["proposals"][0]["route"] = "submit endorse"; },
       "/proposals/0/route: must be an array"},
      {"malformed step", kTrips, [](json& j) { j["proposals"][0]["route"][0] = "submit+x"; },
       "/proposals/0/route/0: malformed step \"submit+x\": write "
       "name[:user][+days][@field[+|-days]]"},
      {"unknown step", kTrips, [](json& j) { j["proposals"][0]["route"][1] = "fly"; },
       "/proposals/0/route/1: unknown step \"fly\": not an action of outbound_delegation, nor "
       "ask, answer or object"},
      {"two steps in one", kTrips,
       [](json& j) { j["proposals"][0]["route"][1] = "endorse consult"; },
       "/proposals/0/route/1: unknown step \"endorse consult\": not an action of "
       "outbound_delegation, nor ask, answer or object"},
      {"step by nobody", kTrips, [](json& j) { j["proposals"][0]["route"][0] = "submit:ghost"; },
       "/proposals/0/route/0: unknown user \"ghost\""},
      {"step on an unknown date", kTrips,
       [](json& j) { j["proposals"][0]["route"][9] = "depart@leave_on"; },
       "/proposals/0/route/9: unknown date field \"leave_on\" of outbound_delegation"},
      {"step on a field that is no date", kTrips,
       [](json& j) { j["proposals"][0]["route"][9] = "depart@purpose-2"; },
       "/proposals/0/route/9: unknown date field \"purpose\" of outbound_delegation"},
      {"step not a string", kTrips, [](json& j) { j["proposals"][0]["route"][0] = 3; },
       "/proposals/0/route/0: must be a non-empty string"},
  };
  for (const Broken& c : cases) {
    DYNAMIC_SECTION(c.what) {
      Edit(c.file, c.change);
      demo::DemoData d;
      Status s = Load(&d);
      CHECK(s.code() == Status::Code::kInvalidArgument);
      CHECK(s.message() == (demo() / c.file).string() + ": " + c.refusal);
    }
  }
}

TEST_CASE_METHOD(DemoFilesFixture, "A file that is not JSON is refused with its line") {
  Write(kTrips, "{\n  \"kind\": \"outbound_delegation\",\n  \"proposals\": [,]\n}\n");
  demo::DemoData d;
  CHECK(Load(&d).message() ==
        (demo() / kTrips).string() + ": not valid JSON (line 3, column 17)");
}

TEST_CASE_METHOD(DemoFilesFixture, "Missing files") {
  demo::DemoData d;
  SECTION("no organisation is refused") {
    fs::remove(demo() / kOrganisation);
    Status s = Load(&d);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(s.message().rfind((demo() / kOrganisation).string() + ": cannot read", 0) == 0);
  }
  SECTION("no proposals is a demo without proposals") {
    fs::remove_all(demo() / "proposals");
    REQUIRE(Load(&d).ok());
    CHECK(d.proposals.empty());
    CHECK(d.users.size() == 13);
  }
}

TEST_CASE_METHOD(DemoFilesFixture, "Hostile files are refused cleanly") {
  demo::DemoData d;
  SECTION("a 10 MB string") {
    Edit(kOrganisation, [](json& j) { j["partners"][0]["notes"] = std::string(10 << 20, 'a'); });
    CHECK(Load(&d).message() == (demo() / kOrganisation).string() + ": larger than 4 MiB");
  }
  SECTION("arrays nested a hundred thousand deep") {
    const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
    Write(kTrips, R"({"kind": "outbound_delegation", "proposals": [{"title": "x", "fields": )" +
                      deep + "}]}");
    CHECK(Load(&d).message() ==
          (demo() / kTrips).string() + ": nested deeper than 64 levels");
  }
  SECTION("a deep value that passes the parser is still no field") {
    Edit(kTrips, [](json& j) {
      json v = "x";
      for (int i = 0; i < 60; ++i) v = json::array({v});
      j["proposals"][0]["fields"]["purpose"] = v;
      j["proposals"][0]["fields"]["deep"] = v;
    });
    CHECK(Load(&d).message() == (demo() / kTrips).string() +
                                    ": /proposals/0/fields/deep: unknown field \"deep\" of "
                                    "outbound_delegation");
  }
}

}  // namespace
}  // namespace attache::testing
