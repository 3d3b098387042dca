#include "attache/api/document_handlers.h"

#include "attache/api/params.h"

#include <algorithm>
#include <charconv>

#include "attache/api/proposal_json.h"
#include "attache/api/upload_form.h"
#include "attache/core/filename.h"
#include "attache/http/content_disposition.h"
#include "attache/http/problem.h"
#include "attache/http/static_files.h"
#include "attache/service/file_types.h"

namespace attache::api {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

// What an empty or wholly unusable file name becomes (before its extension).
constexpr const char* kFallbackName = "tai-lieu";

Response FieldProblem(int status, const std::string& field, const std::string& message) {
  return http::Problem(status, message, json::array({{{"field", field}, {"message", message}}}));
}

Response NoSuchProposal() {
  return http::Problem(404, "Không có hồ sơ này / no such proposal");
}

}  // namespace

Response UploadDocument(AppContext& ctx, Request& request, const service::Principal& p) {
  auto proposal_id = IdParam(request);
  if (!proposal_id) return NoSuchProposal();
  // Who may upload is decided before the body is read; Attach decides again on the writer.
  std::vector<std::string> types;
  {
    auto db = ctx.database.Read();
    if (Status s = ctx.documents.MayAttach(*db, p.user, *proposal_id, &types); !s.ok())
      return http::ProblemFromStatus(s);
  }
  UploadForm form;
  if (auto problem = ReadUploadForm(request, ctx.documents.files(), ctx.max_upload_bytes, &form))
    return *problem;
  if (std::find(types.begin(), types.end(), form.type) == types.end()) {
    std::string allowed;
    for (const auto& t : types) allowed += (allowed.empty() ? "" : ", ") + t;
    return FieldProblem(422, "type",
                        "Loại tài liệu không có trong quy trình của hồ sơ / not a document type "
                        "of this proposal; allowed: " +
                            allowed);
  }
  service::DetectedType detected;
  if (Status s = service::DetectFileType(form.file->path(), &detected); !s.ok()) {
    if (s.code() != Status::Code::kInvalidArgument) return http::ProblemFromStatus(s);
    return FieldProblem(415, "file",
                        "Chỉ nhận tệp PDF, DOCX, XLSX, ODT, PNG, JPEG / only PDF, DOCX, XLSX, "
                        "ODT, PNG and JPEG files are accepted: " +
                            s.message());
  }
  std::string name = form.filename.empty() ? kFallbackName : form.filename;
  service::AttachRequest attach{*proposal_id,
                                form.type,
                                CleanFilename(WithExtension(name, detected.extension)),
                                form.replaces,
                                detected.content_type,
                                form.file.get()};
  store::DocumentRow added;
  std::string field;
  if (Status s = ctx.documents.Attach(ctx.writer, p.user, attach, &added, &field); !s.ok()) {
    bool named = !field.empty() && (s.code() == Status::Code::kInvalidArgument ||
                                    s.code() == Status::Code::kConflict);
    Response problem = http::ProblemFromStatus(s);
    return named ? FieldProblem(problem.status, field, s.message()) : problem;
  }
  Response r = http::Json(201, DocumentJson(added));
  r.headers.Set("Location", "/api/documents/" + std::to_string(added.id));
  return r;
}

Response ListDocuments(AppContext& ctx, Request& request, const service::Principal& p) {
  auto proposal_id = IdParam(request);
  if (!proposal_id) return NoSuchProposal();
  std::vector<store::DocumentRow> documents;
  auto db = ctx.database.Read();
  if (Status s = ctx.documents.List(*db, p.user, *proposal_id, &documents); !s.ok())
    return http::ProblemFromStatus(s);
  json out = json::array();
  for (const auto& d : documents) out.push_back(DocumentJson(d));
  Response r = http::Json(200, out);
  r.headers.Set("Cache-Control", "private, no-store");
  return r;
}

// The bytes are read whole into the response: http::Response carries its body as a string, so
// a download holds up to the upload limit (25 MiB by default) in memory while it is sent.
Response DownloadDocument(AppContext& ctx, Request& request, const service::Principal& p) {
  auto id = IdParam(request);
  if (!id) return http::Problem(404, "Không có tài liệu này / no such document");
  store::DocumentRow doc;
  {
    auto db = ctx.database.Read();
    if (Status s = ctx.documents.Find(*db, p.user, *id, &doc); !s.ok())
      return http::ProblemFromStatus(s);
  }
  Response r;
  std::string etag = "\"" + doc.sha256 + "\"";
  r.headers.Set("ETag", etag);
  r.headers.Set("Cache-Control", "private, no-store");
  r.headers.Set("X-Content-Type-Options", "nosniff");
  if (http::EtagMatches(request.headers.Get("If-None-Match"), etag)) {
    r.status = 304;
    return r;
  }
  if (Status s = ctx.documents.files().Read(doc.sha256, &r.body); !s.ok())
    return http::ProblemFromStatus(s);
  r.status = 200;
  r.headers.Set("Content-Type", doc.content_type);
  r.headers.Set("Content-Disposition", http::AttachmentDisposition(doc.filename));
  // Opened in a browser tab anyway, the file can run nothing and load nothing.
  r.headers.Set("Content-Security-Policy", "default-src 'none'; sandbox");
  return r;
}

}  // namespace attache::api
