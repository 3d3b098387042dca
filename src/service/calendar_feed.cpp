#include "attache/service/calendar_feed.h"

#include "attache/core/iso_date.h"
#include "attache/service/accounts.h"
#include "attache/service/policy.h"

namespace attache::service {
namespace {

constexpr std::string_view kReplaceFeed =
    "INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES (?, ?, ?) "
    "ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = "
    "excluded.created_at";
constexpr std::string_view kFeedUser = "SELECT user_id FROM calendar_feeds WHERE token_hash = ?";
constexpr std::string_view kActivities =
    "SELECT p.id, p.ref, p.kind, p.workflow_version, p.state, p.title, p.starts_on, "
    "coalesce(p.ends_on, p.starts_on), p.country, u.name_vi, p.updated_at FROM proposals p "
    "JOIN units u ON u.id = p.unit_id "
    "WHERE p.kind IN ('outbound_delegation', 'inbound_visit', 'conference') AND p.starts_on IS NOT "
    "NULL "
    "AND (? IS NULL OR p.unit_id = ?) ORDER BY p.starts_on, p.id";

// RFC 5545 3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT values.
std::string EscapeText(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == ';' || c == ',')
      out += '\\', out += c;
    else if (c == '\n')
      out += "\\n";
    else if (c != '\r')
      out += c;
  }
  return out;
}

// RFC 5545 3.1: lines longer than 75 octets are folded (CRLF and a space), never inside a
// UTF-8 character.
std::string Fold(const std::string& line) {
  std::string out;
  size_t width = 0;
  for (size_t i = 0; i < line.size();) {
    size_t n = 1;
    unsigned char c = static_cast<unsigned char>(line[i]);
    if (c >= 0xF0)
      n = 4;
    else if (c >= 0xE0)
      n = 3;
    else if (c >= 0xC0)
      n = 2;
    if (width + n > 75) {
      out += "\r\n ";
      width = 1;
    }
    out.append(line, i, n);
    width += n;
    i += n;
  }
  return out + "\r\n";
}

std::string Compact(const std::string& date) {  // 2026-05-04 -> 20260504
  std::string out;
  for (char c : date)
    if (c != '-') out += c;
  return out;
}

std::string StampOf(const std::string& rfc3339) {  // 2026-05-04T01:02:03Z -> 20260504T010203Z
  std::string out;
  for (char c : rfc3339.substr(0, 19))
    if (c != '-' && c != ':') out += c;
  return out + "Z";
}

}  // namespace

Status NewCalendarFeed(store::Db& db, int64_t user_id, const std::string& at, std::string* token) {
  std::string t = NewToken();
  store::Stmt q = db.Prepare(kReplaceFeed);
  q.Bind(1, user_id).Bind(2, TokenHash(t)).Bind(3, at);
  q.Run();
  *token = t;
  return Status::Ok();
}

std::optional<store::User> CalendarFeedUser(store::Db& db, const std::string& token) {
  if (token.empty() || token.size() > 128) return std::nullopt;
  store::Stmt q = db.Prepare(kFeedUser);
  q.Bind(1, TokenHash(token));
  if (!q.Step()) return std::nullopt;
  auto user = store::FindUser(db, q.Int(0));
  if (!user || !user->active) return std::nullopt;
  return user;
}

bool IsScheduledActivity(const workflow::StateDef* s, const std::string& state) {
  if (!s || state == "postponed") return false;
  return s->stage == "approved" || s->stage == "activity" || s->stage == "report" ||
         state == "closed";
}

std::string CalendarFeed(store::Db& db, const Workflows& workflows, const store::User& user,
                         const std::string& now) {
  std::string out =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Attache//Foreign activities//VI\r\n"
      "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n";
  out += Fold("X-WR-CALNAME:" + EscapeText("Hoạt động đối ngoại / Foreign activities"));
  out += "X-WR-TIMEZONE:Asia/Ho_Chi_Minh\r\n";
  store::Stmt q = db.Prepare(kActivities);
  if (SeesAllProposals(user))
    q.BindNull(1).BindNull(2);
  else
    q.Bind(1, user.unit_id).Bind(2, user.unit_id);
  while (q.Step()) {
    auto def = workflows.Version(q.Text(2), static_cast<int>(q.Int(3)));
    const workflow::StateDef* s = def ? def->State(q.Text(4)) : nullptr;
    if (!IsScheduledActivity(s, q.Text(4))) continue;
    auto start = ParseIsoDate(q.Text(6)), end = ParseIsoDate(q.Text(7));
    if (!start || !end || *end < *start) continue;
    // All-day events: DTEND is the day after the last day (RFC 5545 3.6.1).
    std::string after = FormatIsoDate(
        std::chrono::year_month_day(std::chrono::sys_days(*end) + std::chrono::days(1)));
    out += "BEGIN:VEVENT\r\n";
    out += "UID:proposal-" + std::to_string(q.Int(0)) + "@attache\r\n";
    out += "DTSTAMP:" + StampOf(now) + "\r\n";
    out += "LAST-MODIFIED:" + StampOf(q.Text(10)) + "\r\n";
    out += "DTSTART;VALUE=DATE:" + Compact(q.Text(6)) + "\r\n";
    out += "DTEND;VALUE=DATE:" + Compact(after) + "\r\n";
    out += Fold("SUMMARY:" + EscapeText(q.Text(1) + " " + q.Text(5)));
    std::string description = def->title.vi + " — " + q.Text(9) + " — " + s->label.vi;
    out += Fold("DESCRIPTION:" + EscapeText(description));
    if (!q.IsNull(8)) out += "LOCATION:" + EscapeText(q.Text(8)) + "\r\n";
    out += "STATUS:CONFIRMED\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n";
  }
  return out + "END:VCALENDAR\r\n";
}

}  // namespace attache::service
