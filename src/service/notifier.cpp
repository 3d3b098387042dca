#include "attache/service/notifier.h"

#include <algorithm>
#include <set>

#include "attache/core/rfc3339.h"
#include "attache/service/policy.h"

namespace attache::service {
namespace {

using nlohmann::json;

constexpr std::string_view kUsersWithRole =
    "SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id "
    "WHERE u.active = 1 AND r.role = ?1 AND (?2 IS NULL OR u.unit_id = ?2) ORDER BY u.id";
constexpr std::string_view kDeputies =
    "SELECT a.deputy_id FROM authorisations a JOIN users u ON u.id = a.deputy_id "
    "WHERE a.leader_id = ? AND a.starts_on <= ?2 AND a.ends_on >= ?2 AND a.revoked_at IS NULL "
    "AND u.active = 1";
constexpr std::string_view kDisplayName = "SELECT display_name FROM users WHERE id = ?";
constexpr std::string_view kSettle =
    "UPDATE notifications SET read_at = ? WHERE proposal_id = ? AND read_at IS NULL "
    "AND kind IN ('turn', 'due_soon', 'overdue', 'escalation')";

void SortUnique(std::vector<int64_t>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

std::string DisplayName(store::Db& db, int64_t user_id) {
  store::Stmt q = db.Prepare(kDisplayName);
  q.Bind(1, user_id);
  return q.Step() ? q.Text(0) : std::string();
}

// The text of a param, or `fallback`.
std::string P(const json& params, const char* key, std::string fallback = "") {
  auto it = params.find(key);
  if (it == params.end()) return fallback;
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
  return fallback;
}

// "DD/MM/YYYY" for a Vietnamese reader, the ISO date for an English one.
std::string ViDate(const std::string& iso) {
  if (iso.size() != 10) return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

}  // namespace

const std::vector<int64_t>& People::WithRole(const std::string& role,
                                             std::optional<int64_t> unit_id) {
  auto [it, added] = by_role_.try_emplace({role, unit_id.value_or(0)});
  if (added) {
    store::Stmt q = db_.Prepare(kUsersWithRole);
    q.Bind(1, role);
    if (unit_id) {
      q.Bind(2, *unit_id);
    } else {
      q.BindNull(2);
    }
    while (q.Step()) it->second.push_back(q.Int(0));
  }
  return it->second;
}

const std::vector<int64_t>& People::DeputiesOf(int64_t user_id) {
  auto [it, added] = deputies_.try_emplace(user_id);
  if (added) {
    store::Stmt q = db_.Prepare(kDeputies);
    q.Bind(1, user_id).Bind(2, date_);
    while (q.Step()) it->second.push_back(q.Int(0));
  }
  return it->second;
}

const std::string& People::Name(int64_t user_id) {
  auto [it, added] = names_.try_emplace(user_id);
  if (added) it->second = DisplayName(db_, user_id);
  return it->second;
}

std::vector<int64_t> AwaitedUsers(People& people, const workflow::Definition& definition,
                                  const store::ProposalRow& row) {
  std::vector<int64_t> users;
  const workflow::StateDef* state = definition.State(row.state);
  if (!state || state->terminal) return users;
  for (const workflow::TransitionDef* t : definition.TransitionsFrom(row.state)) {
    if (t->creator_only) continue;
    for (const std::string& role : t->roles) {
      for (int64_t id : people.WithRole(role, t->own_unit ? std::optional(row.unit_id)
                                                          : std::nullopt)) {
        if (t->not_by_creator && id == row.created_by) continue;
        users.push_back(id);
        // A deputy takes the leader's steps only: told exactly where the policy lets them see
        // and act (policy.h, Proposals::DeputyStepsOf).
        if (role != kLeaderRole) continue;
        for (int64_t deputy : people.DeputiesOf(id))
          if (!(t->not_by_creator && deputy == row.created_by)) users.push_back(deputy);
      }
    }
  }
  SortUnique(&users);
  return users;
}

std::vector<int64_t> HeadsResponsibleFor(People& people, const workflow::Definition& definition,
                                         const store::ProposalRow& row) {
  static const std::set<std::string> kIcdSide = {"icd_officer", "icd_head", "leader", "finance"};
  bool icd = false, unit = false;
  for (const workflow::TransitionDef* t : definition.TransitionsFrom(row.state)) {
    if (t->creator_only) continue;
    for (const std::string& role : t->roles) (kIcdSide.count(role) ? icd : unit) = true;
  }
  std::vector<int64_t> heads;
  if (icd) heads = people.WithRole("icd_head", std::nullopt);
  if (unit || heads.empty()) {
    const auto& unit_heads = people.WithRole("unit_head", row.unit_id);
    heads.insert(heads.end(), unit_heads.begin(), unit_heads.end());
  }
  SortUnique(&heads);
  return heads;
}

NotificationText TextOf(const store::NotificationRow& n) {
  const json& p = n.params;
  const std::string ref = n.proposal_ref.empty() ? P(p, "ref") : n.proposal_ref;
  const std::string title = n.proposal_title.empty() ? P(p, "title") : n.proposal_title;
  const std::string vi_what = "Hồ sơ " + ref + " «" + title + "»";
  const std::string en_what = ref + " “" + title + "”";
  const std::string state_vi = P(p, "state_vi", P(p, "state")), state_en = P(p, "state_en", P(p, "state"));
  const std::string due = P(p, "due_on"), actor = P(p, "actor");
  const std::string comment = P(p, "comment");
  const std::string vi_comment = comment.empty() ? "" : " Ý kiến: " + comment;
  const std::string en_comment = comment.empty() ? "" : " Comment: " + comment;
  const std::string vi_due = due.empty() ? "" : " (hạn " + ViDate(due) + ")";
  const std::string en_due = due.empty() ? "" : " (due " + due + ")";
  const std::string& k = n.kind;
  if (k == "turn")
    return {vi_what + " đang chờ bạn xử lý ở bước “" + state_vi + "”" + vi_due + ". " + actor +
                " vừa chuyển hồ sơ.",
            en_what + " is waiting for you at “" + state_en + "”" + en_due + ", sent on by " +
                actor + "."};
  if (k == "returned")
    return {vi_what + " đã bị " + actor + " trả lại để hoàn thiện." + vi_comment,
            en_what + " was returned for correction by " + actor + "." + en_comment};
  if (k == "rejected")
    return {vi_what + " không được phê duyệt (" + actor + ")." + vi_comment,
            en_what + " was rejected by " + actor + "." + en_comment};
  if (k == "approved")
    return {vi_what + " đã được phê duyệt (" + actor + ").",
            en_what + " was approved by " + actor + "."};
  if (k == "postponed")
    return {vi_what + " đã được hoãn (" + actor + ")." + vi_comment,
            en_what + " was postponed by " + actor + "." + en_comment};
  if (k == "due_soon")
    return {vi_what + " sắp đến hạn ở bước “" + state_vi + "”" + vi_due + ".",
            en_what + " is nearly due at “" + state_en + "”" + en_due + "."};
  if (k == "overdue")
    return {vi_what + " đã quá hạn ở bước “" + state_vi + "”" + vi_due + ".",
            en_what + " is overdue at “" + state_en + "”" + en_due + "."};
  if (k == "escalation")
    return {vi_what + " quá hạn " + P(p, "days") + " ngày làm việc ở bước “" + state_vi + "”" +
                vi_due + ", đang chờ " + P(p, "waiting_for", "xử lý") + ".",
            en_what + " is " + P(p, "days") + " working days overdue at “" + state_en + "”" +
                en_due + ", waiting for " + P(p, "waiting_for", "action") + "."};
  if (k == "report_due")
    return {vi_what + ": hoạt động đã kết thúc ngày " + ViDate(P(p, "ended_on")) +
                "; cần nộp báo cáo kết quả" + vi_due + ".",
            en_what + ": the activity ended on " + P(p, "ended_on") + "; its report is due" +
                en_due + "."};
  if (k == "report_overdue")
    return {vi_what + ": báo cáo kết quả đã quá hạn" + vi_due + ".",
            en_what + ": the report is overdue" + en_due + "."};
  if (k == "consultation_overdue")
    return {vi_what + ": " + P(p, "body") + " chưa trả lời xin ý kiến" + vi_due + ".",
            en_what + ": " + P(p, "body") + " has not answered the request for an opinion" +
                en_due + "."};
  if (k == "aid_not_started")
    return {vi_what + ": khoản viện trợ đã được phê duyệt nhưng chưa triển khai sau 6 tháng" +
                vi_due + "; cần xem xét thu hồi quyết định.",
            en_what + ": approved aid not started within six months" + en_due +
                "; to be considered for revocation."};
  if (k == "agreement_expiring_90" || k == "agreement_expiring_30")
    return {vi_what + " hết hiệu lực ngày " + ViDate(due) + " (còn " + P(p, "days") + " ngày).",
            en_what + " expires on " + due + " (in " + P(p, "days") + " days)."};
  if (k == "authorisation_ending")
    return {"Ủy quyền của " + P(p, "leader") + " cho " + P(p, "deputy") + " kết thúc ngày mai (" +
                ViDate(due) + ").",
            "The authorisation from " + P(p, "leader") + " to " + P(p, "deputy") +
                " ends tomorrow (" + due + ")."};
  return {vi_what + ": có cập nhật.", en_what + ": updated."};
}

Status Notifier::Notify(store::Db& db, std::vector<int64_t> users,
                        store::NotificationRow notice) const {
  SortUnique(&users);
  if (notice.created_at.empty()) notice.created_at = FormatRfc3339(clock_.Now());
  for (int64_t user : users) {
    notice.user_id = user;
    if (Status s = store::AddNotification(db, notice, &notice.id); !s.ok()) return s;
    if (mail_)
      if (Status s = mail_(db, notice); !s.ok()) return s;
  }
  return Status::Ok();
}

Status Notifier::OnStep(store::Db& db, const store::ProposalRow& before,
                        const store::ProposalRow& after, int64_t actor_id,
                        const std::string& action, const std::string& comment,
                        const std::string& date) const {
  auto def = workflows_.Version(after.kind, after.workflow_version);
  if (!def) return Status::Ok();
  const workflow::StateDef* to = def->State(after.state);
  if (!to) return Status::Ok();
  store::NotificationRow notice;
  notice.proposal_id = after.id;
  notice.proposal_ref = after.ref;
  notice.proposal_title = after.title;
  notice.params = {{"action", action},          {"from", before.state},
                   {"state", after.state},      {"state_vi", to->label.vi},
                   {"state_en", to->label.en},  {"actor", DisplayName(db, actor_id)},
                   {"ref", after.ref},          {"title", after.title}};
  if (after.due_on) notice.params["due_on"] = *after.due_on;
  if (!comment.empty()) notice.params["comment"] = comment;

  // The submitter is told of the outcome; their own next turn (a returned dossier) is in it.
  std::string outcome;
  if (after.state == "rejected") {
    outcome = "rejected";
  } else if (after.state == "postponed") {
    outcome = "postponed";
  } else if (to->stage == "drafting" && before.state != after.state &&
             def->State(before.state) && def->State(before.state)->stage != "drafting") {
    outcome = "returned";
  } else if (after.state == "approved" || after.state == "approved_for_signing") {
    outcome = "approved";
  }
  bool submitter_told = !outcome.empty() && after.created_by != actor_id;
  if (submitter_told) {
    notice.kind = outcome;
    if (Status s = Notify(db, {after.created_by}, notice); !s.ok()) return s;
  }
  if (before.state == after.state) return Status::Ok();
  // What said it was someone's turn at the step just left is settled: it no longer waits in
  // anyone's unread list (the notifications stay, read, as the record of what was asked).
  {
    store::Stmt q = db.Prepare(kSettle);
    q.Bind(1, FormatRfc3339(clock_.Now())).Bind(2, after.id);
    q.Run();
  }
  People people(db, date);
  std::vector<int64_t> turn;
  for (int64_t id : AwaitedUsers(people, *def, after))
    if (id != actor_id && !(submitter_told && id == after.created_by)) turn.push_back(id);
  notice.kind = "turn";
  return Notify(db, std::move(turn), notice);
}

}  // namespace attache::service
