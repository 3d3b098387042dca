#include "attache/api/proposal_handlers.h"

#include "attache/api/params.h"

#include <charconv>

#include "attache/api/list_cache.h"
#include "attache/api/proposal_json.h"
#include "attache/core/hash.h"
#include "attache/core/iso_date.h"
#include "attache/core/text.h"
#include "attache/http/json_body.h"
#include "attache/http/problem.h"
#include "attache/http/query.h"
#include "attache/service/consultations.h"
#include "attache/service/policy.h"
#include "attache/service/reports.h"
#include "attache/store/proposal_list.h"
#include "attache/store/units.h"

namespace attache::api {
namespace {

using http::JsonType;
using http::Request;
using http::Response;
using nlohmann::json;

Response NoSuchProposal() {
  return http::Problem(404, "Không tìm thấy hồ sơ / no such proposal");
}

// A refusal of the service as a problem, with the field errors or unmet rules it carries.
Response Refused(const Status& s, const service::Refusal& refusal) {
  Response r = http::ProblemFromStatus(s);
  json errors =
      !refusal.reasons.empty() ? ReasonErrors(refusal.reasons) : FieldErrors(refusal.field_errors);
  if (errors.empty()) return r;
  json body = json::parse(r.body);
  body["errors"] = errors;
  return http::Problem(r.status, body.value("detail", ""), errors);
}

// The proposal as the caller sees it now, with its version as ETag. After a step, `stepped` is
// the row the step wrote: its outcome is the caller's answer even where the step took the
// proposal out of their view (a deputy's decision for a leader, whose turn is then over).
Response ProposalResponse(AppContext& ctx, const service::Principal& p, int64_t id, int status,
                          const store::ProposalRow* stepped = nullptr) {
  auto db = ctx.database.Read();
  store::ProposalRow row;
  if (stepped) {
    row = *stepped;
  } else if (!ctx.proposals.Load(*db, p.user, id, &row).ok()) {
    return NoSuchProposal();
  }
  Response r = http::Json(status, ProposalJson(ctx, *db, p.user, row));
  r.headers.Set("ETag", std::string("\"").append(std::to_string(row.version)).append("\""));
  r.headers.Set("Cache-Control", "no-store");
  return r;
}

// The longest full-text query accepted, in characters.
constexpr size_t kMaxSearchLength = 200;

std::string Today(AppContext& ctx) {
  return FormatIsoDate(std::chrono::year_month_day(ctx.proposals.Today().date));
}


}  // namespace

Status ActAndNotify(AppContext& ctx, store::Db& db, const service::Principal& p,
                    const service::ActRequest& act, store::ProposalRow* row,
                    service::Refusal* refusal) {
  store::ProposalRow before;
  if (ctx.notifier && !store::LoadProposal(db, act.proposal_id, &before).ok())
    return ctx.proposals.Act(db, p.user, act, row, refusal);  // answers NotFound as usual
  Status done = ctx.proposals.Act(db, p.user, act, row, refusal);
  if (!done.ok() || !ctx.notifier) return done;
  const std::string today = FormatIsoDate(std::chrono::year_month_day{ctx.proposals.Today().date});
  return ctx.notifier->OnStep(db, before, *row, p.user.id, act.step.action,
                              act.step.comment.value_or(""), today);
}

Response CreateProposal(AppContext& ctx, Request& request, const service::Principal& p) {
  json body;
  if (auto problem = http::ParseJsonBody(request,
                                         {{"kind", {JsonType::kString, true}},
                                          {"title", {JsonType::kString, true}},
                                          {"fields", {JsonType::kObject, false}},
                                          {"plan_item_id", {JsonType::kInteger, false}}},
                                         &body))
    return *problem;
  service::NewProposalRequest in{body["kind"], body["title"], body.value("fields", json::object()),
                                 std::nullopt};
  if (body.contains("plan_item_id")) in.plan_item_id = body["plan_item_id"].get<int64_t>();
  store::ProposalRow row;
  service::Refusal refusal;
  Status s = ctx.writer.Run(
      [&](store::Db& db) { return ctx.proposals.Create(db, p.user, in, &row, &refusal); });
  if (!s.ok()) {
    return Refused(s, refusal);
  }
  Response r = ProposalResponse(ctx, p, row.id, 201);
  r.headers.Set("Location", "/api/proposals/" + std::to_string(row.id));
  return r;
}

Response GetProposal(AppContext& ctx, Request& request, const service::Principal& p) {
  auto id = IdParam(request);
  if (!id) return NoSuchProposal();
  return ProposalResponse(ctx, p, *id, 200);
}

Response PatchProposal(AppContext& ctx, Request& request, const service::Principal& p) {
  auto id = IdParam(request);
  if (!id) return NoSuchProposal();
  json body;
  if (auto problem = http::ParseJsonBody(
          request, {{"title", {JsonType::kString, false}}, {"fields", {JsonType::kObject, false}}},
          &body))
    return *problem;
  std::string_view match = request.headers.Get("If-Match");
  if (match.size() >= 2 && match.front() == '"' && match.back() == '"')
    match = match.substr(1, match.size() - 2);
  auto version = ParseId(match);
  if (!version)
    return http::Problem(
        428, "Cần gửi If-Match với phiên bản đang sửa / send If-Match with the version you edited");
  std::optional<std::string> title;
  if (body.contains("title")) title = body["title"].get<std::string>();
  store::ProposalRow row;
  service::Refusal refusal;
  Status s = ctx.writer.Run([&](store::Db& db) {
    return ctx.proposals.Edit(db, p.user, *id, *version, title,
                              body.value("fields", json::object()), &row, &refusal);
  });
  if (!s.ok()) return Refused(s, refusal);
  return ProposalResponse(ctx, p, *id, 200);
}

Response ActOnProposal(AppContext& ctx, Request& request, const service::Principal& p) {
  auto id = IdParam(request);
  if (!id) return NoSuchProposal();
  json body;
  if (auto problem = http::ParseJsonBody(request,
                                         {{"action", {JsonType::kString, true}},
                                          {"comment", {JsonType::kString, false}},
                                          {"expected_version", {JsonType::kInteger, true}},
                                          {"fields", {JsonType::kObject, false}}},
                                         &body))
    return *problem;
  service::ActRequest act{*id,
                          body["expected_version"],
                          {body["action"], std::nullopt, body.value("fields", json::object())}};
  if (body.contains("comment")) act.step.comment = body["comment"].get<std::string>();
  store::ProposalRow row;
  service::Refusal refusal;
  Status s = ctx.writer.Run([&](store::Db& db) { return ActAndNotify(ctx, db, p, act, &row, &refusal); });
  if (!s.ok()) return Refused(s, refusal);
  return ProposalResponse(ctx, p, *id, 200, &row);
}

Response ProposalHistory(AppContext& ctx, Request& request, const service::Principal& p) {
  auto id = IdParam(request);
  if (!id) return NoSuchProposal();
  auto db = ctx.database.Read();
  store::ProposalRow row;
  if (!ctx.proposals.Load(*db, p.user, *id, &row).ok()) return NoSuchProposal();
  auto def = ctx.workflows.Version(row.kind, row.workflow_version);
  auto person = [&](std::optional<int64_t> uid) -> json {
    if (!uid) return nullptr;
    auto u = store::FindUser(*db, *uid);
    return {{"id", *uid}, {"display_name", u ? u->display_name : ""}};
  };
  auto label = [&](const std::string& state) -> json {
    const workflow::StateDef* s = def ? def->State(state) : nullptr;
    return s ? LabelJson(s->label) : json(nullptr);
  };
  json out = json::array();
  for (const auto& e : store::ProposalHistory(*db, *id)) {
    const workflow::TransitionDef* t = def ? def->Transition(e.from, e.action) : nullptr;
    out.push_back({{"seq", e.seq},
                   {"at", e.at},
                   {"actor", person(e.actor)},
                   {"on_behalf_of", person(e.on_behalf_of)},
                   {"action", e.action},
                   {"action_label", t ? LabelJson(t->label) : json(nullptr)},
                   {"from", e.from},
                   {"from_label", label(e.from)},
                   {"to", e.to},
                   {"to_label", label(e.to)},
                   {"comment", e.comment ? json(*e.comment) : json(nullptr)},
                   {"payload", e.payload},
                   {"hash", e.hash}});
  }
  return http::Json(200, out);
}

namespace {

// The answer of a list: its JSON text, shared with the list cache when kept there.
Response ListAnswer(std::shared_ptr<const std::string> body) {
  Response r;
  r.headers.Set("Content-Type", "application/json; charset=utf-8");
  r.headers.Set("Cache-Control", "no-store");
  r.shared_body = std::move(body);
  return r;
}

// Reads a list from the database as of `today`: its answer, or a problem when the query is
// refused.
Response ReadProposalList(AppContext& ctx, Request& request, const service::Principal& p,
                          const std::string& today) {
  std::map<std::string, std::string> q;
  if (Status s = http::ParseQuery(request.query, &q); !s.ok())
    return http::Problem(400, s.message());
  // A refused filter, named, in Vietnamese (message) and English (message_en) like every
  // other field error, so the web UI shows it in the user's language.
  auto bad = [](const std::string& field, const std::string& vi, const std::string& en) {
    return http::Problem(422, field + ": " + vi + " / " + en,
                         json::array({{{"field", field},
                                       {"code", "invalid_filter"},
                                       {"message", vi},
                                       {"message_en", en}}}));
  };
  static const std::set<std::string> known = {"kind",  "state",  "unit",    "partner",  "country",
                                              "from",  "to",     "overdue", "awaiting", "sort",
                                              "limit", "cursor", "q",       "format"};
  for (const auto& [name, value] : q)
    if (!known.count(name)) return bad(name, "tham số không được hỗ trợ", "unknown parameter");
  // format=csv: the whole list (up to kListCsvRows) as a file, so no pages.
  const std::string format = q.count("format") ? q["format"] : "json";
  if (format != "json" && format != "csv")
    return bad("format", "chỉ nhận json hoặc csv", "must be json or csv");
  const bool csv = format == "csv";
  for (const char* paging : {"limit", "cursor"})
    if (csv && q.count(paging))
      return bad(paging, "tệp CSV có mọi hồ sơ phù hợp (tối đa 5.000), không phân trang",
                 "the CSV file holds every matching proposal (up to 5,000): it has no pages");
  auto db = ctx.database.Read();
  store::ProposalQuery query;
  if (q.count("kind")) {
    if (!ctx.workflows.Current(q["kind"])) return bad("kind", "loại hồ sơ không tồn tại", "unknown kind");
    query.kind = q["kind"];
  }
  if (q.count("state")) query.state = q["state"];
  if (q.count("country")) {
    if (!workflow::IsCountryCode(q["country"]))
      return bad("country", "phải là mã quốc gia ISO 3166, ví dụ KR", "must be an ISO 3166 code such as KR");
    query.country = q["country"];
  }
  if (q.count("unit")) {
    std::optional<int64_t> unit;
    for (const auto& u : store::ListUnits(*db))
      if (u.code == q["unit"]) unit = u.id;
    if (!unit) return bad("unit", "không có đơn vị mang mã này", "no such unit code");
    query.unit_id = unit;
  }
  if (q.count("partner")) {
    query.partner_id = ParseId(q["partner"]);
    if (!query.partner_id) return bad("partner", "phải là mã số đối tác", "must be a partner id");
  }
  for (const char* name : {"from", "to"}) {
    if (!q.count(name)) continue;
    if (!ParseIsoDate(q[name])) return bad(name, "phải là ngày có thật, dạng YYYY-MM-DD", "must be a real date YYYY-MM-DD");
    (name[0] == 'f' ? query.from : query.to) = q[name];
  }
  if (q.count("overdue")) {
    if (q["overdue"] != "true" && q["overdue"] != "false")
      return bad("overdue", "chỉ nhận true hoặc false", "must be true or false");
    if (q["overdue"] == "true") query.overdue_before = today;
  }
  if (q.count("awaiting")) {
    if (q["awaiting"] != "me") return bad("awaiting", "chỉ nhận giá trị \"me\"", "the only value is \"me\"");
    query.awaiting = ctx.proposals.AwaitingRules(*db, p.user);
  }
  // Full text: ranked by relevance, so no sort and no cursor; the best `limit` matches.
  if (q.count("q")) {
    std::string_view text = TrimAscii(q["q"]);
    if (text.empty()) return bad("q", "không được để trống", "must not be empty");
    if (CodePointCount(text) > kMaxSearchLength)
      return bad("q", "dài quá 200 ký tự", "must be at most 200 characters");
    if (q.count("sort"))
      return bad("sort", "kết quả tìm kiếm xếp theo mức độ phù hợp, không dùng sort cùng q",
                 "search results are ranked by relevance: sort does not apply with q");
    if (q.count("cursor"))
      return bad("cursor", "kết quả tìm kiếm không phân trang, hãy tăng limit hoặc thêm bộ lọc",
                 "search results are not paged: raise limit or add filters");
    query.text = std::string(text);
  }
  static const std::map<std::string, store::ProposalQuery::Sort> sorts = {
      {"updated", store::ProposalQuery::Sort::kUpdated},
      {"created", store::ProposalQuery::Sort::kCreated},
      {"due", store::ProposalQuery::Sort::kDue},
      {"ref", store::ProposalQuery::Sort::kRef}};
  if (q.count("sort")) {
    auto it = sorts.find(q["sort"]);
    if (it == sorts.end()) return bad("sort", "chỉ nhận updated, created, due hoặc ref", "must be updated, created, due or ref");
    query.sort = it->second;
  }
  if (q.count("limit")) {
    auto limit = ParseId(q["limit"]);
    if (!limit || *limit > 200) return bad("limit", "phải từ 1 đến 200", "must be 1 to 200");
    query.limit = static_cast<int>(*limit);
  }
  // The cursor is opaque to clients: hex of "<sort>\n<key>\n<id>".
  if (q.count("cursor")) {
    std::string raw;
    const std::string& hex = q["cursor"];
    bool ok = hex.size() % 2 == 0 && hex.size() <= 512;
    for (size_t i = 0; ok && i < hex.size(); i += 2) {
      int v = 0;
      auto [ptr, ec] = std::from_chars(hex.data() + i, hex.data() + i + 2, v, 16);
      ok = ec == std::errc() && ptr == hex.data() + i + 2;
      raw.push_back(static_cast<char>(v));
    }
    size_t a = raw.find('\n'), b = raw.rfind('\n');
    std::optional<int64_t> after =
        ok && a != b ? ParseId(std::string_view(raw).substr(b + 1)) : std::nullopt;
    if (!after || raw.substr(0, a) != std::to_string(static_cast<int>(query.sort)))
      return bad("cursor", "không phải con trỏ trang của danh sách này", "not a cursor of this list");
    query.after_key = raw.substr(a + 1, b - a - 1);
    query.after_id = after;
  }
  service::LimitToVisible(p.user, ctx.proposals.DeputyStepsOf(*db, p.user), &query);
  if (csv) {
    query.limit = service::kListCsvRows;
    return http::CsvAttachment(service::ProposalListCsv(*db, ctx.workflows, query, today),
                               "ho-so-" + today + ".csv");
  }
  std::string body;
  body.reserve(256 + static_cast<size_t>(query.limit) * 640);
  JsonWriter w(&body);
  w.BeginObject().Key("items").BeginArray();
  SummaryWriter summaries(ctx, today, w);
  std::string last_key;
  int64_t last_id = 0;
  const bool more = store::VisitProposals(*db, query, [&](const store::ProposalListView& row) {
    summaries.Write(row);
    last_key = store::SortKey(row, query.sort);
    last_id = row.id;
  });
  w.EndArray();
  w.Key("next_cursor");
  if (more && last_id != 0 && !query.text) {
    std::string raw = std::to_string(static_cast<int>(query.sort)) + "\n" + last_key + "\n" +
                      std::to_string(last_id);
    w.String(HexEncode(raw));
  } else {
    w.Null();
  }
  w.EndObject();
  return ListAnswer(std::make_shared<const std::string>(std::move(body)));
}

}  // namespace

Response ListProposals(AppContext& ctx, Request& request, const service::Principal& p) {
  const std::string today = Today(ctx);
  if (!ctx.list_cache) return ReadProposalList(ctx, request, p, today);
  // Kept per user (what one may see, and what awaits one, are one's own), per day and per
  // query text; see list_cache.h for why a kept answer is never older than the database.
  const std::string key = std::to_string(p.user.id) + "\n" + today + "\n" + request.query;
  const uint64_t version = ctx.list_cache->Version();
  if (auto kept = ctx.list_cache->Find(key, version)) return ListAnswer(std::move(kept));
  Response r = ReadProposalList(ctx, request, p, today);
  if (r.status == 200 && r.shared_body) ctx.list_cache->Keep(key, version, r.shared_body);
  return r;
}

Response AskOpinion(AppContext& ctx, Request& request, const service::Principal& p) {
  auto id = IdParam(request);
  if (!id) return NoSuchProposal();
  json body;
  if (auto problem = http::ParseJsonBody(request,
                                         {{"body", {JsonType::kString, true}},
                                          {"due_on", {JsonType::kString, true}},
                                          {"note", {JsonType::kString, false}}},
                                         &body))
    return *problem;
  service::AskRequest ask{body["body"], body["due_on"], body.value("note", "")};
  store::ConsultationRow row;
  Status s = ctx.writer.Run([&](store::Db& db) {
    return service::AskOpinion(db, ctx.proposals, p.user, *id, ask, &row);
  });
  if (!s.ok()) return http::ProblemFromStatus(s);
  Response r = http::Json(201, {{"id", row.id},
                                {"proposal_id", row.proposal_id},
                                {"body", row.body},
                                {"note", row.note},
                                {"due_on", row.due_on},
                                {"asked_at", row.asked_at},
                                {"answer", nullptr}});
  r.headers.Set("Location", "/api/consultations/" + std::to_string(row.id));
  return r;
}

Response RecordOpinion(AppContext& ctx, Request& request, const service::Principal& p) {
  auto id = IdParam(request);
  if (!id) return http::Problem(404, "Không tìm thấy / no such consultation");
  json body;
  if (auto problem = http::ParseJsonBody(request,
                                         {{"answer", {JsonType::kString, true}},
                                          {"note", {JsonType::kString, false}},
                                          {"document_id", {JsonType::kInteger, false}}},
                                         &body))
    return *problem;
  service::AnswerRequest answer{body["answer"], body.value("note", ""), std::nullopt};
  if (body.contains("document_id")) answer.document_id = body["document_id"].get<int64_t>();
  store::ConsultationRow row;
  Status s = ctx.writer.Run([&](store::Db& db) {
    return service::RecordAnswer(db, ctx.proposals, p.user, *id, answer, &row);
  });
  if (!s.ok()) return http::ProblemFromStatus(s);
  return http::Json(200,
                    {{"id", row.id},
                     {"proposal_id", row.proposal_id},
                     {"body", row.body},
                     {"due_on", row.due_on},
                     {"answer", *row.answer},
                     {"answer_note", row.answer_note},
                     {"answered_at", *row.answered_at},
                     {"document_id", row.document_id ? json(*row.document_id) : json(nullptr)}});
}

Response ListComments(AppContext& ctx, Request& request, const service::Principal& p) {
  auto id = IdParam(request);
  if (!id) return NoSuchProposal();
  auto db = ctx.database.Read();
  store::ProposalRow row;
  if (!ctx.proposals.Load(*db, p.user, *id, &row).ok()) return NoSuchProposal();
  json out = json::array();
  for (const auto& c : store::CommentsOf(*db, *id))
    out.push_back({{"id", c.id},
                   {"author", {{"id", c.author}, {"display_name", c.author_name}}},
                   {"at", c.at},
                   {"body", c.body}});
  return http::Json(200, out);
}

Response AddComment(AppContext& ctx, Request& request, const service::Principal& p) {
  auto id = IdParam(request);
  if (!id) return NoSuchProposal();
  json body;
  if (auto problem = http::ParseJsonBody(request, {{"body", {JsonType::kString, true}}}, &body))
    return *problem;
  store::CommentRow row;
  Status s = ctx.writer.Run([&](store::Db& db) {
    return service::AddComment(db, ctx.proposals, p.user, *id, body["body"], &row);
  });
  if (!s.ok()) return http::ProblemFromStatus(s);
  return http::Json(201, {{"id", row.id},
                          {"author", {{"id", row.author}, {"display_name", row.author_name}}},
                          {"at", row.at},
                          {"body", row.body}});
}

}  // namespace attache::api
