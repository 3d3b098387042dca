#include "attache/jobs/notification_mail.h"

#include <map>

#include "attache/core/iso_date.h"
#include "attache/mail/compose.h"
#include "attache/service/notifier.h"
#include "attache/service/policy.h"
#include "attache/store/outbox.h"
#include "attache/store/users.h"

namespace attache::jobs {
namespace {

using nlohmann::json;

struct Recipient {
  int64_t id = 0;
  std::string name, email, mode;
};

std::optional<Recipient> RecipientOf(store::Db& db, int64_t user_id) {
  store::Stmt q = db.Prepare(
      "SELECT id, display_name, email, email_mode FROM users WHERE id = ? AND active = 1 "
      "AND email IS NOT NULL");
  q.Bind(1, user_id);
  if (!q.Step()) return std::nullopt;
  return Recipient{q.Int(0), q.Text(1), q.Text(2), q.Text(3)};
}

// The subject's words for each kind, after the proposal's reference and title.
mail::BilingualText SubjectOf(const std::string& kind) {
  static const std::map<std::string, mail::BilingualText> kSubjects = {
      {"turn", {"chờ anh/chị xử lý", "awaits your action"}},
      {"returned", {"bị trả lại để hoàn thiện", "returned for correction"}},
      {"rejected", {"không được phê duyệt", "rejected"}},
      {"approved", {"đã được phê duyệt", "approved"}},
      {"postponed", {"đã được hoãn", "postponed"}},
      {"due_soon", {"sắp đến hạn", "nearly due"}},
      {"overdue", {"đã quá hạn", "overdue"}},
      {"escalation", {"quá hạn, báo lãnh đạo", "overdue, escalated"}},
      {"report_due", {"đến hạn nộp báo cáo", "report due"}},
      {"report_overdue", {"báo cáo quá hạn", "report overdue"}},
      {"consultation_overdue", {"ý kiến cơ quan liên quan quá hạn", "opinion overdue"}},
      {"aid_not_started", {"viện trợ chưa triển khai sau 6 tháng", "aid not started in six months"}},
      {"agreement_expiring_90", {"thỏa thuận hết hiệu lực trong 90 ngày", "agreement expires within 90 days"}},
      {"agreement_expiring_30", {"thỏa thuận hết hiệu lực trong 30 ngày", "agreement expires within 30 days"}},
      {"authorisation_ending", {"ủy quyền kết thúc ngày mai", "authorisation ends tomorrow"}}};
  auto it = kSubjects.find(kind);
  return it == kSubjects.end() ? mail::BilingualText{"có cập nhật", "updated"} : it->second;
}

Status Enqueue(store::Db& db, const Recipient& to, const std::string& kind,
               const mail::ComposedMail& m, const std::string& now) {
  store::OutboxMail out;
  out.user_id = to.id;
  out.to_address = to.email;
  out.to_name = to.name;
  out.kind = kind;
  out.subject = m.subject;
  out.text_body = m.text;
  out.html_body = m.html;
  Status s = store::EnqueueMail(db, out, now);
  // An address SMTP cannot carry, or a field the outbox refuses, loses the message, not the
  // change it tells of; anything else (a full disk) fails the change as it should.
  return s.code() == Status::Code::kInvalidArgument ? Status::Ok() : s;
}

}  // namespace

std::string NotificationMail::Link(const std::string& route) const {
  return mail::AppLink(public_url_, route);
}

Status NotificationMail::Queue(store::Db& db, const store::NotificationRow& n,
                               const std::string& now) {
  auto to = RecipientOf(db, n.user_id);
  if (!to || to->mode != "immediate") return Status::Ok();
  service::NotificationText text = service::TextOf(n);
  mail::BilingualText words = SubjectOf(n.kind);
  mail::MailContent c;
  std::string about = n.proposal_ref.empty() ? "" : "[" + n.proposal_ref + "] " + n.proposal_title + " — ";
  c.subject = {about + words.vi, about + words.en};
  c.vi = {{text.vi}};
  c.en = {{text.en}};
  if (n.proposal_id) {
    c.link = {Link("/proposals/" + std::to_string(*n.proposal_id)), {"Mở hồ sơ", "Open the proposal"}};
  } else {
    c.link = {Link("/notifications"), {"Xem thông báo", "See the notifications"}};
  }
  Status s = Enqueue(db, *to, "step", mail::Compose(c), now);
  if (s.ok()) queued_ = true;
  return s;
}

bool NotificationMail::DigestsDue(store::Db& db, Date today, int hour) const {
  if (hour < kDigestHour) return false;
  store::Stmt q = db.Prepare(
      "SELECT 1 FROM users WHERE active = 1 AND email IS NOT NULL AND email_mode IN "
      "('immediate', 'digest') AND (digest_on IS NULL OR digest_on < ?) LIMIT 1");
  q.Bind(1, FormatIsoDate(std::chrono::year_month_day{today}));
  return q.Step();
}

Status NotificationMail::QueueDigests(store::Db& db, Date today, int hour, const std::string& now,
                                      int max_users, int* queued) {
  *queued = 0;
  if (hour < kDigestHour) return Status::Ok();
  const std::string day = FormatIsoDate(std::chrono::year_month_day{today});
  std::vector<int64_t> due;
  {
    store::Stmt q = db.Prepare(
        "SELECT id FROM users WHERE active = 1 AND email IS NOT NULL AND email_mode IN "
        "('immediate', 'digest') AND (digest_on IS NULL OR digest_on < ?) ORDER BY id LIMIT ?");
    q.Bind(1, day).Bind(2, max_users);
    while (q.Step()) due.push_back(q.Int(0));
  }
  for (int64_t id : due) {
    {
      store::Stmt mark = db.Prepare("UPDATE users SET digest_on = ? WHERE id = ?");
      mark.Bind(1, day).Bind(2, id);
      mark.Run();
    }
    auto user = store::FindUser(db, id);
    auto to = RecipientOf(db, id);
    if (!user || !to) continue;
    store::ProposalQuery query;
    query.awaiting = proposals_.AwaitingRules(db, *user);
    if (service::IsReadOnly(*user) || query.awaiting->empty()) continue;
    service::LimitToVisible(*user, proposals_.DeputyStepsOf(db, *user), &query);
    query.sort = store::ProposalQuery::Sort::kDue;
    query.limit = 50;
    std::vector<mail::MailLine> vi, en;
    int overdue = 0, count = 0;
    store::VisitProposals(db, query, [&](const store::ProposalListView& p) {
      ++count;
      const bool late = p.due_on && std::string(*p.due_on) < day;
      overdue += late;
      const std::string link = Link("/proposals/" + std::to_string(p.id));
      std::string due = p.due_on ? std::string(*p.due_on) : "";
      std::string vi_due = due.empty() ? "" : (late ? " — QUÁ HẠN từ " : " — hạn ") +
                                                  due.substr(8, 2) + "/" + due.substr(5, 2) + "/" +
                                                  due.substr(0, 4);
      std::string en_due = due.empty() ? "" : (late ? " — OVERDUE since " : " — due ") + due;
      vi.emplace_back(std::string(p.ref) + " " + std::string(p.title) + vi_due, link);
      en.emplace_back(std::string(p.ref) + " " + std::string(p.title) + en_due, link);
    });
    if (count == 0) continue;
    mail::MailContent c;
    c.subject = {"Việc chờ xử lý ngày " + day.substr(8, 2) + "/" + day.substr(5, 2) + ": " +
                     std::to_string(count) + " hồ sơ" +
                     (overdue ? ", " + std::to_string(overdue) + " quá hạn" : ""),
                 "Waiting for you on " + day + ": " + std::to_string(count) + " proposals" +
                     (overdue ? ", " + std::to_string(overdue) + " overdue" : "")};
    vi.insert(vi.begin(), mail::MailLine("Các hồ sơ đang chờ anh/chị xử lý:"));
    en.insert(en.begin(), mail::MailLine("The proposals waiting for your action:"));
    c.vi = std::move(vi);
    c.en = std::move(en);
    c.link = {Link("/work"), {"Mở danh sách việc của tôi", "Open my work list"}};
    Status s = Enqueue(db, *to, "digest", mail::Compose(c), now);
    if (!s.ok()) return s;
    ++*queued;
    queued_ = true;
  }
  return Status::Ok();
}

}  // namespace attache::jobs
