// Private to the demo proposals (demo/demo_proposals.h), shared by their three parts:
// demo_proposals.cpp plays the proposals' routes in the order of their steps' times, creating
// each proposal and taking its steps through the real service; demo_documents.cpp stores the
// documents a step needs and asks and answers the consultations; demo_steps.cpp writes what a
// step carries (its comment, its inputs). Not a public header.
// Thread-safety: a Player is used by one thread.
#pragma once

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "attache/core/calendar.h"
#include "attache/core/clock.h"
#include "attache/demo/demo_proposals.h"
#include "attache/service/documents.h"
#include "attache/service/notifier.h"
#include "attache/service/proposals.h"
#include "attache/store/documents.h"
#include "attache/store/proposals.h"
#include "attache/store/users.h"

namespace attache::demo::play {

using TimePoint = std::chrono::system_clock::time_point;

inline constexpr std::chrono::hours kVietnam{7};  // UTC+7 all year

// The day (in Vietnam) of a time; a day as ISO 8601 text; the date in a date field, if any.
Date DayOf(TimePoint t);
std::string Iso(Date d);
std::optional<Date> DateField(const nlohmann::json& fields, const std::string& name);

// The reason or note a step carries; `who` is the first role of the transition
// (demo_steps.cpp).
std::optional<std::string> CommentFor(const std::string& action, const std::string& who,
                                      size_t variant);

// One demo proposal being played: its steps, where it is, and when it last moved.
struct Run {
  const DemoProposal* spec = nullptr;
  size_t index = 0;
  size_t next = 0;  // spec->route[next] is the next step; before creation, row.id is 0
  store::ProposalRow row;
  Date drafted{};
  TimePoint last{};
};

class Player {
 public:
  Player(store::Db& db, const DemoData& data, const DemoRules& rules, TimePoint now)
      : db_(db),
        data_(data),
        rules_(rules),
        now_(now),
        clock_(now),
        proposals_(rules.workflows, rules.calendar, clock_),
        documents_(proposals_, rules.files, clock_),
        notifier_(rules.workflows, clock_) {}

  Status Play(int* created);
  // The content this player stored; removed again by the caller when the seed fails.
  const std::vector<std::string>& placed() const { return placed_; }

 private:
  using Event = std::pair<TimePoint, size_t>;  // when, which run

  // demo_proposals.cpp: the run, creating and taking steps.
  Status Prepare();
  Status Create(Run& run);
  Status Take(Run& run, const DemoStep& step);
  Status Act(Run& run, const DemoStep& step);
  nlohmann::json ResolveFields(const nlohmann::json& fields, const workflow::Definition& def,
                               Date drafted) const;
  std::optional<TimePoint> NextTime(const Run& run) const;
  TimePoint OfficeTime(Date day, size_t salt) const;
  const store::User* ActorFor(const Run& run, const workflow::TransitionDef& t) const;
  Status Fail(const Run& run, const std::string& what, const Status& s) const;
  // demo_documents.cpp: the documents a step needs, and the opinions ICD asks for.
  Status Ask(Run& run);
  Status Answer(Run& run, bool last_objects);
  Status Upload(Run& run, const std::string& type);
  Status StoreContent(const std::string& kind, const workflow::DocumentDef& doc,
                      store::NewDocument* out);
  // demo_steps.cpp: what a step carries.
  nlohmann::json InputsFor(const Run& run, const std::string& action, Date day);
  std::string DecisionNumber(Date day, const std::string& kind);
  // The ICD officer of the demo, who enters what ICD does.
  const store::User& Icd() const { return users_.at(icd_officer_); }

  store::Db& db_;
  const DemoData& data_;
  const DemoRules& rules_;
  const TimePoint now_;
  ManualClock clock_;
  service::Proposals proposals_;
  service::Documents documents_;
  service::Notifier notifier_;
  std::vector<Run> runs_;
  std::map<std::string, store::User> users_;    // by username
  std::map<int64_t, std::string> unit_heads_;   // unit id -> username
  std::map<std::string, std::string> holders_;  // ICD and finance roles -> username
  std::string icd_officer_;
  std::map<std::string, int64_t> partners_;           // acronym or English name -> id
  std::map<std::string, store::NewDocument> stored_;  // kind/type -> content
  std::vector<std::string> placed_;
  int decisions_ = 0;
};

}  // namespace attache::demo::play
