#include <catch2/catch.hpp>

#include "attache/core/audit_chain.h"

using namespace attache;

namespace {

std::vector<AuditEntry> MakeChain(int n) {
  std::vector<AuditEntry> out;
  std::string prev = kGenesisHash;
  for (int i = 1; i <= n; ++i) {
    AuditEntry e;
    e.seq = i;
    e.at = "2026-11-22T10:00:0" + std::to_string(i % 10) + "Z";
    e.actor = 7;
    if (i % 2) e.on_behalf_of = 3;
    e.proposal = 100 + i % 3;
    e.action = "submit";
    e.from = "draft";
    e.to = "unit_review";
    if (i % 3) e.comment = "Ý kiến " + std::to_string(i);
    e.payload = {{"z", 1}, {"a", "b"}};
    e.prev_hash = prev;
    e.hash = ChainHash(prev, e);
    prev = e.hash;
    out.push_back(e);
  }
  return out;
}

ChainReport Verify(const std::vector<AuditEntry>& entries) {
  ChainVerifier v;
  for (const auto& e : entries)
    if (!v.Add(e)) break;
  return v.report();
}

}  // namespace

TEST_CASE("Canonical bytes are fixed-order compact JSON with sorted payload keys") {
  AuditEntry e;
  e.seq = 1;
  e.at = "2026-01-02T03:04:05Z";
  e.actor = 2;
  e.proposal = 9;
  e.action = "approve";
  e.from = "leader_review";
  e.to = "approved";
  e.payload = {{"b", 2}, {"a", 1}};
  CHECK(CanonicalBytes(e) ==
        R"([1,"2026-01-02T03:04:05Z",2,null,9,"approve","leader_review","approved",null,{"a":1,"b":2}])");
  e.on_behalf_of = 5;
  e.comment = "Đồng ý";
  CHECK(CanonicalBytes(e) ==
        R"([1,"2026-01-02T03:04:05Z",2,5,9,"approve","leader_review","approved","Đồng ý",{"a":1,"b":2}])");
}

TEST_CASE("A sound chain verifies and reports its head") {
  auto chain = MakeChain(10);
  auto r = Verify(chain);
  CHECK(r.ok);
  CHECK(r.entries == 10);
  CHECK(r.head == chain.back().hash);
  CHECK(Verify({}).head == kGenesisHash);
}

TEST_CASE("Every kind of tampering is found and names the entry") {
  SECTION("an edited field") {
    auto chain = MakeChain(10);
    chain[4].comment = "edited";
    auto r = Verify(chain);
    CHECK_FALSE(r.ok);
    CHECK(r.first_bad == 5);
    CHECK_THAT(r.reason, Catch::Contains("edited"));
  }
  SECTION("an edited field with its hash recomputed") {
    auto chain = MakeChain(10);
    chain[4].to = "approved";
    chain[4].hash = ChainHash(chain[4].prev_hash, chain[4]);
    auto r = Verify(chain);
    CHECK(r.first_bad == 6);  // the next entry no longer links to it
  }
  SECTION("a dropped entry") {
    auto chain = MakeChain(10);
    chain.erase(chain.begin() + 3);
    CHECK(Verify(chain).first_bad == 5);
  }
  SECTION("two entries swapped") {
    auto chain = MakeChain(10);
    std::swap(chain[2], chain[3]);
    CHECK(Verify(chain).first_bad == 4);
  }
  SECTION("two entries swapped with their seq renumbered") {
    auto chain = MakeChain(10);
    std::swap(chain[2], chain[3]);
    chain[2].seq = 3;
    chain[3].seq = 4;
    CHECK(Verify(chain).first_bad == 3);
  }
  SECTION("an edited payload") {
    auto chain = MakeChain(3);
    chain[0].payload["a"] = "c";
    CHECK(Verify(chain).first_bad == 1);
  }
}
