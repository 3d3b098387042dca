#include "attache/api/mail_handlers.h"

#include <charconv>

#include "attache/jobs/mail_sender.h"
#include "attache/core/rfc3339.h"
#include "attache/http/json_body.h"
#include "attache/http/problem.h"
#include "attache/http/query.h"
#include "attache/mail/compose.h"
#include "attache/mail/mime.h"
#include "attache/service/policy.h"
#include "attache/store/outbox.h"

namespace attache::api {
namespace {

using http::JsonType;
using http::Request;
using http::Response;
using nlohmann::json;

constexpr int kMaxLimit = 200;

std::optional<int64_t> PositiveInt(std::string_view s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

Response NotAllowed() {
  return http::Problem(403, "Bạn không có quyền làm việc này / you may not do this");
}

// A field refused, in Vietnamese (message) and English (message_en), like the other lists.
Response FieldProblem(const std::string& field, const std::string& vi, const std::string& en) {
  return http::Problem(422, field + ": " + vi + " / " + en,
                       json::array({{{"field", field}, {"message", vi}, {"message_en", en}}}));
}

Response MailOff() {
  return http::Problem(409,
                       "Thư điện tử đang tắt: máy chủ chưa được cấu hình --smtp-host / "
                       "e-mail is off: the server was started without --smtp-host");
}

json Nullable(const std::optional<std::string>& v) {
  return v ? json(*v) : json(nullptr);
}

json EntryJson(const store::OutboxEntry& e) {
  return {{"id", e.id},
          {"created_at", e.created_at},
          {"kind", e.mail.kind},
          {"user_id", e.mail.user_id ? json(*e.mail.user_id) : json(nullptr)},
          {"to", {{"address", e.mail.to_address}, {"name", e.mail.to_name}}},
          {"subject", e.mail.subject},
          {"status", e.status},
          {"attempts", e.attempts},
          {"next_attempt_at", e.status == "pending" ? json(e.next_attempt_at) : json(nullptr)},
          {"retried_at", Nullable(e.retried_at)},
          {"last_error", Nullable(e.last_error)},
          {"sent_at", Nullable(e.sent_at)},
          {"message_id", Nullable(e.message_id)}};
}

// The test message: who asked for it and when, in both languages, with a link to the page
// it was asked from.
mail::ComposedMail TestMessage(const jobs::MailSender& sender, const std::string& admin,
                               const std::string& at) {
  mail::MailContent c;
  c.subject = {"Thư thử của Attaché", "Attaché test message"};
  c.vi = {{"Quản trị viên " + admin + " đã gửi thư thử này lúc " + at +
           " (giờ UTC) để kiểm tra cấu hình thư điện tử của Attaché."},
          {"Anh/chị nhận được thư này nghĩa là máy chủ thư đã được cấu hình đúng."}};
  c.en = {{"Administrator " + admin + " sent this test message at " + at +
           " (UTC) to check Attaché's e-mail configuration."},
          {"If you received it, the mail server is configured correctly."}};
  c.link = {sender.Link("/admin?tab=mail"),
            {"Mở trang quản trị thư", "Open the e-mail administration"}};
  return mail::Compose(c);
}

}  // namespace

Response ListMail(AppContext& ctx, Request& request, const service::Principal& p) {
  if (!service::CanManageMail(p.user)) return NotAllowed();
  std::map<std::string, std::string> q;
  if (Status s = http::ParseQuery(request.query, &q); !s.ok())
    return http::Problem(400, s.message());
  for (const auto& [name, value] : q)
    if (name != "status" && name != "limit" && name != "cursor")
      return FieldProblem(name, "tham số không được hỗ trợ", "unknown parameter");
  store::MailQuery query;
  if (q.count("status")) {
    const std::string& s = q["status"];
    if (s != "pending" && s != "sent" && s != "failed")
      return FieldProblem("status", "chỉ nhận pending, sent hoặc failed",
                          "must be pending, sent or failed");
    query.status = s;
  }
  if (q.count("limit")) {
    auto limit = PositiveInt(q["limit"]);
    if (!limit || *limit > kMaxLimit)
      return FieldProblem("limit", "phải từ 1 đến 200", "must be 1 to 200");
    query.limit = static_cast<int>(*limit);
  }
  // The cursor is opaque to clients: the id of the last message of the page.
  if (q.count("cursor")) {
    query.before_id = PositiveInt(q["cursor"]);
    if (!query.before_id)
      return FieldProblem("cursor", "không phải con trỏ trang của danh sách này",
                          "not a cursor of this list");
  }
  auto db = ctx.database.Read();
  bool more = false;
  auto entries = store::ListMail(*db, query, &more);
  store::MailCounts counts = store::CountMail(*db);
  json items = json::array();
  for (const auto& e : entries) items.push_back(EntryJson(e));
  json out = {
      {"enabled", ctx.mail != nullptr},
      {"counts", {{"pending", counts.pending}, {"sent", counts.sent}, {"failed", counts.failed}}},
      {"items", items},
      {"next_cursor",
       more && !entries.empty() ? json(std::to_string(entries.back().id)) : json(nullptr)}};
  Response r = http::Json(200, out);
  r.headers.Set("Cache-Control", "no-store");
  return r;
}

Response SendTestMail(AppContext& ctx, Request& request, const service::Principal& p) {
  if (!service::CanManageMail(p.user)) return NotAllowed();
  json body;
  if (auto problem = http::ParseJsonBody(request, {{"to", {JsonType::kString, true}}}, &body))
    return *problem;
  const std::string to = body["to"];
  if (Status s = mail::CheckAddress(to); !s.ok())
    return FieldProblem("to", "không phải địa chỉ thư hợp lệ", "is not a valid e-mail address");
  if (!ctx.mail) return MailOff();
  const std::string now = FormatRfc3339(ctx.clock.Now());
  mail::ComposedMail composed = TestMessage(*ctx.mail, p.user.display_name, now);
  store::OutboxMail m{std::nullopt, to, "", "test", composed.subject, composed.text, composed.html};
  int64_t id = 0;
  if (Status s = ctx.writer.Run([&](store::Db& db) { return store::EnqueueMail(db, m, now, &id); });
      !s.ok())
    return http::ProblemFromStatus(s);
  ctx.mail->Wake();
  auto db = ctx.database.Read();
  return http::Json(202, EntryJson(*store::FindMail(*db, id)));
}

Response RetryMail(AppContext& ctx, Request& request, const service::Principal& p) {
  if (!service::CanManageMail(p.user)) return NotAllowed();
  auto it = request.params.find("id");
  auto id = it == request.params.end() ? std::nullopt : PositiveInt(it->second);
  if (!id) return http::Problem(404, "không có thư này / no such message");
  if (!request.body.empty())
    return FieldProblem("body", "yêu cầu này không có nội dung", "this request takes no body");
  if (!ctx.mail) return MailOff();
  const std::string now = FormatRfc3339Millis(ctx.clock.Now());
  if (Status s = ctx.writer.Run([&](store::Db& db) { return store::RetryMail(db, *id, now); });
      !s.ok())
    return http::ProblemFromStatus(s);
  ctx.mail->Wake();
  auto db = ctx.database.Read();
  return http::Json(200, EntryJson(*store::FindMail(*db, *id)));
}

}  // namespace attache::api
