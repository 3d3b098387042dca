// The demo proposals (demo/demo_proposals.h) played: every step of every proposal in the order
// of its time, with a clock set to it; each proposal created by its unit's staff member and
// its steps taken through service::Proposals by the user of the demo its transition's roles
// name, on a working day at office hours. The documents and consultations a step involves are
// demo_documents.cpp's, what a step carries demo_steps.cpp's (demo_player.h).
#include <algorithm>
#include <queue>

#include "attache/core/iso_date.h"
#include "attache/store/partners.h"
#include "demo_player.h"

namespace attache::demo {
namespace play {
namespace {

using nlohmann::json;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

// Days a step typically takes after the one before it.
int TypicalDays(const std::string& name) {
  static const std::map<std::string, int> typical = {{"submit", 3},
                                                     {"resubmit", 2},
                                                     {"endorse", 2},
                                                     {"return", 4},
                                                     {"consult", 3},
                                                     {"send_for_consultation", 3},
                                                     {"start_negotiation", 5},
                                                     {"ask", 0},
                                                     {"answer", 12},
                                                     {"object", 12},
                                                     {"forward", 2},
                                                     {"forward_simplified", 3},
                                                     {"give_opinion", 4},
                                                     {"recommend", 3},
                                                     {"send_back", 2},
                                                     {"approve", 5},
                                                     {"reject", 5},
                                                     {"withdraw", 4},
                                                     {"postpone", 6},
                                                     {"reschedule", 30},
                                                     {"cancel", 10},
                                                     {"record_pm_approval", 20},
                                                     {"record_pm_rejection", 20},
                                                     {"notify_authorities", 3},
                                                     {"file_report", 10},
                                                     {"start", 20},
                                                     {"request_adjustment", 60},
                                                     {"request_extension", 60},
                                                     {"approve_adjustment", 10},
                                                     {"refuse_adjustment", 10},
                                                     {"approve_extension", 10},
                                                     {"refuse_extension", 10},
                                                     {"suspend", 30},
                                                     {"resume", 30},
                                                     {"finish", 30},
                                                     {"close", 20},
                                                     {"sign", 20},
                                                     {"record_report", 7},
                                                     {"enter_into_force", 20},
                                                     {"mark_expiring", 5},
                                                     {"extend", 20},
                                                     {"terminate", 30}};
  auto it = typical.find(name);
  return it == typical.end() ? 7 : it->second;
}

// A relative date "+N" / "-N" (days after `drafted`), or the text unchanged.
std::string RelativeDate(const std::string& text, Date drafted) {
  auto n = RelativeDays(text);
  if (!n) return text;
  size_t end = text.find('T');
  return Iso(drafted + days(*n)) + (end == std::string::npos ? "" : text.substr(end));
}

}  // namespace

Date DayOf(TimePoint t) {
  return std::chrono::floor<days>(t + kVietnam);
}

std::string Iso(Date d) {
  return FormatIsoDate(std::chrono::year_month_day(d));
}

std::optional<Date> DateField(const json& fields, const std::string& name) {
  auto it = fields.find(name);
  if (it == fields.end() || !it->is_string()) return std::nullopt;
  auto ymd = ParseIsoDate(it->get<std::string>());
  if (!ymd) return std::nullopt;
  return Date(*ymd);
}

Status Player::Prepare() {
  for (const DemoUser& d : data_.users) {
    auto u = store::FindUserByName(db_, d.username);
    if (!u)
      return Status::NotFound("Thiếu người dùng mẫu / the demo user is missing: " + d.username);
    if (d.role == "unit_head") unit_heads_.emplace(u->unit_id, d.username);
    if (d.role == "icd_officer" || d.role == "icd_head" || d.role == "finance")
      holders_.emplace(d.role, d.username);
    users_[d.username] = *u;
  }
  icd_officer_ = holders_["icd_officer"];
  for (const store::Partner& p : store::ListPartners(db_, {}))
    partners_[p.acronym.empty() ? p.name_en : p.acronym] = p.id;
  for (size_t i = 0; i < data_.proposals.size(); ++i) {
    Run run;
    run.spec = &data_.proposals[i];
    run.index = i;
    run.drafted = DayOf(now_) - days(data_.proposals[i].drafted_days_ago);
    runs_.push_back(std::move(run));
  }
  return Status::Ok();
}

Status Player::Play(int* created) {
  if (Status s = Prepare(); !s.ok()) return s;
  // Every step of every proposal in the order of its time, so the audit trail reads forward.
  std::priority_queue<Event, std::vector<Event>, std::greater<Event>> queue;
  for (const Run& run : runs_) queue.push({*NextTime(run), run.index});
  while (!queue.empty()) {
    auto [at, i] = queue.top();
    queue.pop();
    Run& run = runs_[i];
    clock_.Set(at);
    run.last = at;
    Status s = run.row.id == 0 ? Create(run) : Take(run, run.spec->route[run.next++]);
    if (!s.ok()) return s;
    if (auto next = NextTime(run)) queue.push({*next, i});
  }
  *created = static_cast<int>(runs_.size());
  return Status::Ok();
}

TimePoint Player::OfficeTime(Date day, size_t salt) const {
  // Between 08:30 and 16:00 in Vietnam.
  return TimePoint(day) - kVietnam + hours(8) + minutes(30 + static_cast<int>(salt * 7919 % 450));
}

std::optional<TimePoint> Player::NextTime(const Run& run) const {
  const bool creating = run.row.id == 0;
  if (!creating && run.next >= run.spec->route.size()) return std::nullopt;
  const size_t salt = run.index * 131 + run.next;
  Date day = run.drafted;
  if (!creating) {
    const DemoStep& m = run.spec->route[run.next];
    day = DayOf(run.last) + days(m.days.value_or(TypicalDays(m.name)));
    if (!m.anchor.empty())
      if (auto d = DateField(run.row.fields, m.anchor)) day = *d + days(m.anchor_shift);
  }
  while (!rules_.calendar.IsWorkingDay(day)) day += days(1);
  TimePoint t = OfficeTime(day, salt);
  if (!creating && t <= run.last) t = run.last + minutes(6 + static_cast<int>(salt % 40));
  // Nothing happens in the future: the steps left are squeezed in before now.
  const size_t left = creating ? run.spec->route.size() + 1 : run.spec->route.size() - run.next;
  const TimePoint latest =
      now_ - minutes(20 * static_cast<int>(left) + static_cast<int>(salt % 90));
  if (t > latest) t = creating ? latest : std::max(run.last + minutes(1), latest);
  return t;
}

Status Player::Fail(const Run& run, const std::string& what, const Status& s) const {
  return Status::InvalidArgument("hồ sơ mẫu / demo proposal \"" + run.spec->title + "\" (" +
                                 run.spec->kind + "), " + what + ": " + s.message());
}

json Player::ResolveFields(const json& fields, const workflow::Definition& def,
                           Date drafted) const {
  json out = fields;
  for (auto it = out.begin(); it != out.end(); ++it) {
    const workflow::FieldDef* f = def.Field(it.key());
    if (!f) continue;
    if (f->type == workflow::FieldType::kDate && it->is_string())
      *it = RelativeDate(it->get<std::string>(), drafted);
    else if (f->type == workflow::FieldType::kDatetime && it->is_object() && it->contains("at"))
      (*it)["at"] = RelativeDate((*it)["at"].get<std::string>(), drafted);
    else if (f->type == workflow::FieldType::kPartner && it->is_string()) {
      auto p = partners_.find(it->get<std::string>());
      if (p != partners_.end()) *it = p->second;  // an unknown one is refused by Create
    }
  }
  return out;
}

Status Player::Create(Run& run) {
  const DemoProposal& spec = *run.spec;
  auto def = rules_.workflows.Current(spec.kind);
  if (!def) return Fail(run, "create", Status::InvalidArgument("unknown kind"));
  service::NewProposalRequest request{spec.kind, spec.title,
                                      ResolveFields(spec.fields, *def, run.drafted), std::nullopt};
  const store::User& creator = users_.at(spec.creator);
  if (!spec.plan_item.empty()) {
    store::Stmt q = db_.Prepare("SELECT id FROM plan_items WHERE title = ? AND unit_id = ?");
    q.Bind(1, spec.plan_item).Bind(2, creator.unit_id);
    if (!q.Step()) return Fail(run, "plan item", Status::NotFound(spec.plan_item));
    request.plan_item_id = q.Int(0);
  }
  service::Refusal refusal;
  Status s = proposals_.Create(db_, creator, request, &run.row, &refusal);
  if (!s.ok()) {
    std::string why = s.message();
    for (const auto& e : refusal.field_errors) why += "; " + e.field + ": " + e.message.en;
    return Fail(run, "create", Status::InvalidArgument(why));
  }
  return Status::Ok();
}

Status Player::Take(Run& run, const DemoStep& move) {
  Status s = move.name == "ask"      ? Ask(run)
             : move.name == "answer" ? Answer(run, false)
             : move.name == "object" ? Answer(run, true)
                                     : Act(run, move);
  if (!s.ok()) return s;
  return store::LoadProposal(db_, run.row.id, &run.row);
}

const store::User* Player::ActorFor(const Run& run, const workflow::TransitionDef& t) const {
  for (const std::string& role : t.roles) {
    std::string name;
    if (role == "staff") name = run.spec->creator;
    if (role == "unit_head") {
      auto it = unit_heads_.find(run.row.unit_id);
      if (it != unit_heads_.end()) name = it->second;
    }
    if (role == "icd_officer" || role == "icd_head" || role == "finance") {
      auto it = holders_.find(role);
      if (it != holders_.end()) name = it->second;
    }
    if (role == "leader") name = run.spec->leader;
    if (!name.empty()) return &users_.at(name);
  }
  return nullptr;
}

Status Player::Act(Run& run, const DemoStep& move) {
  auto def = rules_.workflows.Version(run.row.kind, run.row.workflow_version);
  const workflow::TransitionDef* t = def ? def->Transition(run.row.state, move.name) : nullptr;
  if (!t)
    return Fail(run, move.name, Status::InvalidArgument("no such step from " + run.row.state));
  const store::User* actor = move.user.empty() ? ActorFor(run, *t) : &users_.at(move.user);
  if (!actor) return Fail(run, move.name, Status::NotFound("nobody of the demo may take it"));
  const Date day = DayOf(clock_.Now());
  service::ActRequest request{run.row.id,
                              run.row.version,
                              {move.name, CommentFor(move.name, t->roles.front(), run.index),
                               InputsFor(run, move.name, day)}};
  for (int attempt = 0;; ++attempt) {
    service::Refusal refusal;
    const store::ProposalRow before = run.row;
    Status s = proposals_.Act(db_, *actor, request, &run.row, &refusal);
    // The demo's people are told of its steps as the server would tell them, at the step's time.
    if (s.ok())
      return notifier_.OnStep(db_, before, run.row, actor->id, move.name,
                              request.step.comment.value_or(""),
                              FormatIsoDate(std::chrono::year_month_day{day}));
    // The documents the step needs are uploaded just before it, then the step is taken.
    bool only_documents = !refusal.reasons.empty() && attempt == 0;
    for (const auto& r : refusal.reasons) only_documents &= r.code == "missing_document";
    if (!only_documents) {
      std::string why = s.message();
      for (const auto& r : refusal.reasons) why += "; " + r.code + " " + r.subject;
      return Fail(run, move.name + " from " + run.row.state, Status::InvalidArgument(why));
    }
    for (const auto& r : refusal.reasons)
      if (Status u = Upload(run, r.subject); !u.ok()) return u;
    if (Status l = store::LoadProposal(db_, run.row.id, &run.row); !l.ok()) return l;
    request.expected_version = run.row.version;
  }
}

}  // namespace play

Status SeedDemoProposals(store::Db& db, const DemoData& data, const DemoRules& rules,
                         play::TimePoint now, int* created) {
  play::Player player(db, data, rules, now);
  Status s;
  try {
    s = player.Play(created);
  } catch (...) {
    for (const std::string& sha : player.placed()) rules.files.Remove(sha);
    throw;
  }
  // The caller rolls the rows back; the files this seed stored go with them.
  if (!s.ok())
    for (const std::string& sha : player.placed()) rules.files.Remove(sha);
  return s;
}

}  // namespace attache::demo
