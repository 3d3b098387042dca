#include "attache/service/reminders.h"

#include <algorithm>
#include <set>
#include <unordered_set>

#include "attache/core/iso_date.h"
#include "attache/store/notifications.h"
#include "attache/store/proposals.h"

namespace attache::service {
namespace {

using nlohmann::json;

std::string Iso(Date d) { return FormatIsoDate(std::chrono::year_month_day{d}); }

std::optional<Date> ParseDay(std::string_view text) {
  auto ymd = ParseIsoDate(text);
  if (!ymd) return std::nullopt;
  return Date{*ymd};
}

std::string Occasion(std::string_view kind, int64_t proposal, std::string_view what) {
  return std::string(kind) + "/p" + std::to_string(proposal) + "/" + std::string(what);
}

void Append(std::vector<int64_t>* to, const std::vector<int64_t>& more) {
  to->insert(to->end(), more.begin(), more.end());
}

// Proposals whose step deadline is on or before `last`: the index on coalesce(due_on, ...).
constexpr std::string_view kDueBy =
    "SELECT id, kind, workflow_version, state, state_entered_at, due_on FROM proposals "
    "WHERE coalesce(due_on, '9999-12-31') <= ? ORDER BY coalesce(due_on, '9999-12-31'), id";
// Activities whose end date has passed, of the kinds given (proposals_kind_ends).
constexpr std::string_view kEndedOfKind =
    "SELECT id, workflow_version, state, state_entered_at, ends_on, fields FROM proposals "
    "WHERE kind = ? AND ends_on < ?";
constexpr std::string_view kExpiringOfKind =
    "SELECT id, workflow_version, state, ends_on FROM proposals "
    "WHERE kind = 'agreement' AND ends_on >= ? AND ends_on <= ?";
constexpr std::string_view kLateConsultations =
    "SELECT c.id, c.proposal_id, c.body, c.due_on, c.asked_by, p.kind, p.workflow_version, "
    "p.state FROM consultations c JOIN proposals p ON p.id = c.proposal_id "
    "WHERE c.answer IS NULL AND c.due_on < ?";
constexpr std::string_view kEndingAuthorisations =
    "SELECT a.id, a.leader_id, a.deputy_id, a.ends_on, l.display_name, d.display_name "
    "FROM authorisations a JOIN users l ON l.id = a.leader_id JOIN users d ON d.id = a.deputy_id "
    "WHERE a.ends_on = ? AND a.revoked_at IS NULL";
constexpr std::string_view kKnown = "SELECT 1 FROM reminders WHERE key = ?";

}  // namespace

std::vector<Finding> Reminders::Find(store::Db& db, Date today) const {
  std::vector<Finding> out;
  const std::string today_text = Iso(today);

  // Step deadlines.
  const Date soon = calendar_.AddWorkingDays(today, policy_.due_soon_working_days);
  {
    store::Stmt q = db.Prepare(kDueBy);
    q.Bind(1, Iso(soon));
    while (q.Step()) {
      const int64_t id = q.Int(0);
      auto def = workflows_.Version(q.Text(1), static_cast<int>(q.Int(2)));
      const std::string state_id = q.Text(3);
      const workflow::StateDef* state = def ? def->State(state_id) : nullptr;
      auto due = ParseDay(q.View(5));
      if (!state || state->terminal || !due) continue;
      const std::string due_text = q.Text(5);
      const std::string visit = state_id + "@" + q.Text(4);
      json params = {{"state", state_id}, {"state_vi", state->label.vi},
                     {"state_en", state->label.en}, {"due_on", due_text}};
      auto add = [&](std::string kind, std::string key, json p = {}) {
        Finding f{std::move(key), std::move(kind), id, due_text, params};
        if (!p.is_null()) f.params.update(p);
        out.push_back(std::move(f));
      };
      if (*due >= today) {
        add("due_soon", Occasion("due_soon", id, visit));
        continue;
      }
      if (state->stage == "report") {
        add("report_overdue", Occasion("report_overdue", id, due_text));
      } else if (def->kind == "aid" && state_id == "approved") {
        add("aid_not_started", Occasion("aid_not_started", id, visit));
      } else {
        add("overdue", Occasion("overdue", id, visit));
      }
      const int late = calendar_.WorkingDaysBetween(*due, today);
      if (late >= policy_.escalate_after_working_days && state->stage != "report")
        add("escalation", Occasion("escalation", id, visit), {{"days", late}});
    }
  }

  // Activities that have ended: their report is due, and overdue after the report step's rule.
  for (const auto& [key, def] : workflows_.All()) {
    if (key.second != workflows_.CurrentVersion(key.first)) continue;  // once per kind
    const workflow::StateDef* report = nullptr;
    for (const auto& s : def->states)
      if (s.stage == "report") report = &s;
    if (!report) continue;
    const workflow::DeadlineRule* rule = nullptr;
    for (const auto& r : report->deadline)
      if (r.from == workflow::DeadlineRule::From::kAfter && !r.working) rule = &r;
    store::Stmt q = db.Prepare(kEndedOfKind);
    q.Bind(1, key.first).Bind(2, today_text);
    while (q.Step()) {
      const int64_t id = q.Int(0);
      auto version = workflows_.Version(key.first, static_cast<int>(q.Int(1)));
      const workflow::StateDef* state = version ? version->State(q.View(2)) : nullptr;
      if (!state || state->stage != "activity") continue;
      std::string ended = q.Text(4);
      std::optional<std::string> report_due;
      if (rule) {
        json fields = json::parse(q.View(5), nullptr, false);
        if (fields.is_object() && fields.contains(rule->field) && fields[rule->field].is_string())
          ended = fields[rule->field].get<std::string>();
        if (auto end = ParseDay(ended)) report_due = Iso(*end + std::chrono::days(rule->days));
      }
      json params = {{"ended_on", ended}, {"state", std::string(q.View(2))},
                     {"state_vi", state->label.vi}, {"state_en", state->label.en}};
      if (report_due) params["due_on"] = *report_due;
      out.push_back({Occasion("report_due", id, ended), "report_due", id, report_due, params});
      if (report_due && *report_due < today_text)
        out.push_back({Occasion("report_overdue", id, *report_due), "report_overdue", id,
                       report_due, params});
    }
  }

  // Agreements in force that expire within 90 days.
  {
    store::Stmt q = db.Prepare(kExpiringOfKind);
    q.Bind(1, today_text).Bind(2, Iso(today + std::chrono::days(90)));
    while (q.Step()) {
      const int64_t id = q.Int(0);
      auto def = workflows_.Version("agreement", static_cast<int>(q.Int(1)));
      const workflow::StateDef* state = def ? def->State(q.View(2)) : nullptr;
      auto expires = ParseDay(q.View(3));
      if (!state || state->stage != "in_force" || !expires) continue;
      const int days = static_cast<int>((*expires - today).count());
      const std::string kind = days <= 30 ? "agreement_expiring_30" : "agreement_expiring_90";
      const std::string expires_text = q.Text(3);
      out.push_back({Occasion(kind, id, expires_text), kind, id, expires_text,
                     {{"due_on", expires_text}, {"days", days}}});
    }
  }

  // Opinions not given by their due date, while the proposal is still open.
  {
    store::Stmt q = db.Prepare(kLateConsultations);
    q.Bind(1, today_text);
    while (q.Step()) {
      auto def = workflows_.Version(q.Text(5), static_cast<int>(q.Int(6)));
      const workflow::StateDef* state = def ? def->State(q.View(7)) : nullptr;
      if (!state || state->terminal) continue;
      const int64_t proposal = q.Int(1);
      out.push_back({Occasion("consultation_overdue", proposal, "c" + std::to_string(q.Int(0))),
                     "consultation_overdue", proposal, q.Text(3),
                     {{"body", q.Text(2)}, {"due_on", q.Text(3)}, {"asked_by", q.Int(4)}}});
    }
  }

  // Deputies whose authorisation ends tomorrow.
  {
    store::Stmt q = db.Prepare(kEndingAuthorisations);
    q.Bind(1, Iso(today + std::chrono::days(1)));
    while (q.Step()) {
      out.push_back({"authorisation_ending/a" + std::to_string(q.Int(0)) + "/" + q.Text(3),
                     "authorisation_ending", std::nullopt, q.Text(3),
                     {{"due_on", q.Text(3)}, {"leader_id", q.Int(1)}, {"deputy_id", q.Int(2)},
                      {"leader", q.Text(4)}, {"deputy", q.Text(5)}}});
    }
  }
  return out;
}

std::vector<int64_t> Reminders::PeopleFor(People& people, const Finding& f,
                                          const store::ProposalRow* row) const {
  std::vector<int64_t> out;
  if (f.kind == "authorisation_ending") {
    out = {f.params.value("leader_id", int64_t{0}), f.params.value("deputy_id", int64_t{0})};
    return out;
  }
  if (!row) return out;
  auto def = workflows_.Version(row->kind, row->workflow_version);
  if (!def) return out;
  auto unit_heads = [&] { return people.WithRole("unit_head", row->unit_id); };
  if (f.kind == "due_soon" || f.kind == "overdue") {
    out = AwaitedUsers(people, *def, *row);
  } else if (f.kind == "escalation") {
    out = HeadsResponsibleFor(people, *def, *row);
  } else if (f.kind == "report_due" || f.kind == "report_overdue") {
    out = {row->created_by};
    Append(&out, unit_heads());
  } else if (f.kind == "consultation_overdue") {
    out = {f.params.value("asked_by", int64_t{0})};
    Append(&out, people.WithRole("icd_head", std::nullopt));
  } else if (f.kind == "aid_not_started") {
    out = {row->created_by};
    Append(&out, unit_heads());
    Append(&out, people.WithRole("icd_head", std::nullopt));
  } else if (f.kind == "agreement_expiring_90" || f.kind == "agreement_expiring_30") {
    out = {row->created_by};
    Append(&out, unit_heads());
    Append(&out, people.WithRole("icd_officer", std::nullopt));
  }
  return out;
}

std::vector<Finding> Reminders::Fresh(store::Db& db, const std::vector<Finding>& findings,
                                      bool* stale) const {
  std::unordered_set<std::string> holding;
  for (const Finding& f : findings) holding.insert(f.key);
  *stale = false;
  for (const store::ReminderRow& open : store::OpenReminders(db))
    if (!holding.count(open.key)) *stale = true;
  std::vector<Finding> fresh;
  store::Stmt known = db.Prepare(kKnown);
  for (const Finding& f : findings) {
    known.Bind(1, f.key);
    if (!known.Step()) fresh.push_back(f);
    known.Reset();
  }
  return fresh;
}

Status Reminders::Apply(store::Db& db, const std::vector<Finding>* holding,
                        std::span<const Finding> fresh, Date today, const std::string& now,
                        SweepResult* result) const {
  SweepResult r;
  if (holding) {
    std::unordered_set<std::string> keys;
    for (const Finding& f : *holding) keys.insert(f.key);
    for (const store::ReminderRow& open : store::OpenReminders(db))
      if (!keys.count(open.key)) {
        store::ClearReminder(db, open.id, now);
        ++r.cleared;
      }
  }
  People people(db, Iso(today));
  for (const Finding& f : fresh) {
    store::ReminderRow row{0, f.key, f.kind, f.proposal_id, f.due_on, now, std::nullopt};
    int64_t reminder_id = 0;
    if (!store::RaiseReminder(db, row, &reminder_id)) continue;  // raised meanwhile
    ++r.raised;
    store::NotificationRow notice;
    notice.kind = f.kind;
    notice.proposal_id = f.proposal_id;
    notice.reminder_id = reminder_id;
    notice.params = f.params;
    notice.created_at = now;
    store::ProposalRow proposal;
    const bool loaded = f.proposal_id && store::LoadProposal(db, *f.proposal_id, &proposal).ok();
    if (loaded) {
      notice.proposal_ref = proposal.ref;
      notice.proposal_title = proposal.title;
      notice.params["ref"] = proposal.ref;
      notice.params["title"] = proposal.title;
      if (f.kind == "escalation")
        if (auto def = workflows_.Version(proposal.kind, proposal.workflow_version)) {
          std::string who;
          for (int64_t id : AwaitedUsers(people, *def, proposal))
            who += (who.empty() ? "" : ", ") + people.Name(id);
          if (!who.empty()) notice.params["waiting_for"] = who;
        }
    }
    std::vector<int64_t> users = PeopleFor(people, f, loaded ? &proposal : nullptr);
    users.erase(std::remove(users.begin(), users.end(), int64_t{0}), users.end());
    std::sort(users.begin(), users.end());
    users.erase(std::unique(users.begin(), users.end()), users.end());
    r.notifications += static_cast<int>(users.size());
    if (Status s = notifier_.Notify(db, users, notice); !s.ok()) return s;
  }
  if (result) *result = r;
  return Status::Ok();
}

}  // namespace attache::service
