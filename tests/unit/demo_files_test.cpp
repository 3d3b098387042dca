// The shipped demo data (schema/demo/) loads, and reads as the demo ministry was written when it
// was C++: a few proposals, steps, partners and plan items checked field by field.
#include <catch2/catch.hpp>

#include "demo_files_fixture.h"

namespace attache::testing {
namespace {

using demo::DemoStep;

TEST_CASE_METHOD(DemoFilesFixture, "The shipped demo data loads") {
  demo::DemoData d;
  REQUIRE(Load(&d).ok());
  CHECK(d.password == "attache-demo-2026");
  CHECK(d.units.size() == 10);
  CHECK(d.users.size() == 13);
  CHECK(d.partners.size() == 26);
  CHECK(d.plan_items.size() == 11);
  CHECK(d.proposals.size() == 107);
  // In the order of the files' names: the five kinds as the ministry lists them.
  CHECK(d.proposals.front().kind == "outbound_delegation");
  CHECK(d.proposals.back().kind == "agreement");
}

TEST_CASE_METHOD(DemoFilesFixture, "The organisation reads field by field") {
  demo::DemoData d;
  REQUIRE(Load(&d).ok());
  CHECK(d.units[0].code == "BO");
  CHECK(d.units[0].parent.empty());
  CHECK(d.units[4].name_vi == "Vụ Kế hoạch – Tài chính");
  CHECK(d.units[4].parent == "BO");
  const demo::DemoUser& lan = d.users[0];
  CHECK((lan.username == "lan" && lan.display_name == "Nguyễn Thị Lan" && lan.unit == "CVL" &&
         lan.role == "staff" && lan.about == "chuyên viên Cục Việc làm / unit staff"));
  CHECK(d.FirstWith("icd_officer")->username == "mai");
  CHECK(d.FirstWith("leader")->username == "thanh");
  CHECK(d.FirstWith("nobody") == nullptr);
  const demo::DemoPartner& moel = d.partners[13];
  CHECK((moel.type == "government" && moel.key() == "MOEL" && moel.country == "KR"));
  const demo::DemoPartner& plan = d.partners[23];
  CHECK((plan.acronym.empty() && plan.key() == "Plan International" && !plan.country));
  const demo::DemoPlanItem& seco = d.plan_items[4];
  CHECK((seco.unit == "CVL" && seco.years_ago == 1 && seco.kind == "aid" &&
         seco.partner == "SECO" && seco.country == "CH" && seco.quarter == 2 &&
         seco.entered_by == "lan"));
  REQUIRE(seco.budget);
  CHECK((seco.budget->amount == 1'200'000 && seco.budget->currency == "USD"));
  const demo::DemoPlanItem& undp = d.plan_items[9];
  CHECK((!undp.country && !undp.quarter && undp.entered_by == "mai"));
  CHECK(!d.plan_items[2].budget);
}

TEST_CASE_METHOD(DemoFilesFixture, "The proposals read field by field") {
  demo::DemoData d;
  REQUIRE(Load(&d).ok());
  const demo::DemoProposal& eps = d.proposals[0];
  CHECK(eps.title == "Đoàn công tác của Cục Việc làm tại Hàn Quốc về chương trình EPS");
  CHECK((eps.creator == "lan" && eps.leader == "thanh" && eps.drafted_days_ago == 1010));
  CHECK(eps.plan_item.empty());
  REQUIRE(eps.route.size() == 12);
  CHECK(eps.route[0] == DemoStep{"submit", "", std::nullopt, "", 0});
  CHECK(eps.route[9] == DemoStep{"depart", "", std::nullopt, "depart_on", 0});
  CHECK(eps.route[11] == DemoStep{"file_report", "", 9, "", 0});
  CHECK(eps.fields["depart_on"] == "+75");
  CHECK(eps.fields["return_on"] == "+83");
  CHECK(eps.fields["inviting_partner"] == "MOEL");
  CHECK(eps.fields["members"].size() == 4);
  CHECK(eps.fields["members"][0]["full_name"] == "Nguyễn Văn Hải");
  // Amounts stay the floating-point numbers they were, so the stored JSON is unchanged.
  CHECK(eps.fields["budget_estimate"]["amount"].is_number_float());
  CHECK(eps.fields["budget_estimate"].dump() == R"({"amount":385000000.0,"currency":"VND"})");

  const demo::DemoProposal& ilo = d.proposals[1];
  CHECK((ilo.creator == "nga" && ilo.leader == "binh"));
  CHECK(ilo.plan_item == "Tham dự Hội nghị Lao động Quốc tế tại Giơ-ne-vơ");

  const demo::DemoProposal& saudi = d.proposals[10];
  CHECK(saudi.title == "Đoàn công tác tại Ả-rập Xê-út về mở rộng thị trường lao động");
  CHECK(saudi.route.back() == DemoStep{"cancel", "quang", 20, "", 0});

  const demo::DemoProposal& visit = d.proposals[23];
  CHECK(visit.kind == "inbound_visit");
  CHECK(visit.route[9] == DemoStep{"notify_authorities", "", std::nullopt, "arrive_on", -4});

  const demo::DemoProposal& drafting = d.proposals[22];
  CHECK(drafting.route.empty());
  CHECK(!drafting.fields.contains("members"));

  const demo::DemoProposal& seasonal = d.proposals.back();
  CHECK(seasonal.title ==
        "Bản ghi nhớ hợp tác với Bộ Việc làm và Lao động Hàn Quốc về lao động thời vụ");
  CHECK(seasonal.route.back() == DemoStep{"enter_into_force", "", 10, "", 0});
  CHECK(seasonal.fields["term_months"] == 48);
}

TEST_CASE("Relative dates are read as days after drafting") {
  CHECK(demo::RelativeDays("+75") == 75);
  CHECK(demo::RelativeDays("-4") == -4);
  CHECK(demo::RelativeDays("+3T09:00") == 3);
  CHECK(!demo::RelativeDays("2026-01-05"));
  CHECK(!demo::RelativeDays("+x"));
  CHECK(!demo::RelativeDays(""));
}

}  // namespace
}  // namespace attache::testing
