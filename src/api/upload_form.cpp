#include "attache/api/upload_form.h"

#include <charconv>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "attache/core/filename.h"
#include "attache/http/multipart.h"
#include "attache/http/problem.h"

namespace attache::api {
namespace {

using http::Response;
using nlohmann::json;

constexpr size_t kPiece = 64 * 1024;

Response FieldProblem(int status, const std::string& field, const std::string& message) {
  return http::Problem(status, message, json::array({{{"field", field}, {"message", message}}}));
}

bool IsMultipartFormData(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  return http::EqualsIgnoreCase(type, "multipart/form-data");
}

// The state of one form being read: which part is open, what has been seen, and the first
// refusal the callbacks met (the parser then stops).
class FormReader {
 public:
  FormReader(const store::DocumentFiles& files, uint64_t max_file_bytes, UploadForm* out)
      : files_(files), max_file_bytes_(max_file_bytes), out_(out) {}

  Status OnPart(const http::PartHeaders& h) {
    part_ = h.name;
    if (h.name != "type" && h.name != "file" && h.name != "replaces")
      return Refuse(FieldProblem(422, h.name.empty() ? "(unnamed)" : h.name,
                                 "Trường không được nhận / unknown field: only type, file and "
                                 "replaces are accepted"));
    if (!seen_.insert(h.name).second)
      return Refuse(FieldProblem(422, h.name, "Trường bị gửi hai lần / the field was sent twice"));
    if (h.name == "file") {
      if (!h.has_filename)
        return Refuse(FieldProblem(422, "file",
                                   "Trường file phải là một tệp / the file field must be a file "
                                   "(a part with a filename)"));
      if (Status s = files_.Stage(&out_->file); !s.ok())
        return Refuse(http::Problem(503, s.message()));
      out_->filename = CleanFilename(h.filename);
    } else if (h.has_filename) {
      return Refuse(FieldProblem(422, h.name,
                                 "Trường " + h.name + " phải là văn bản, không phải tệp / the " +
                                     h.name + " field must be text, not a file"));
    }
    return Status::Ok();
  }

  Status OnData(std::string_view data) {
    if (part_ == "file") {
      if (out_->file->size() + data.size() > max_file_bytes_)
        return Refuse(FieldProblem(413, "file",
                                   "Tệp quá lớn: tối đa " + std::to_string(max_file_bytes_) +
                                       " byte / the file is too large: at most " +
                                       std::to_string(max_file_bytes_) + " bytes"));
      if (Status s = out_->file->Append(data); !s.ok())
        return Refuse(
            http::Problem(s.code() == Status::Code::kUnavailable ? 503 : 500, s.message()));
      return Status::Ok();
    }
    std::string& text = part_ == "type" ? out_->type : replaces_;
    if (text.size() + data.size() > kMaxUploadTextField)
      return Refuse(FieldProblem(422, part_, "Giá trị quá dài / the value is too long"));
    text.append(data);
    return Status::Ok();
  }

  // After the whole body parsed: every required field present and well formed.
  std::optional<Response> Check() {
    json errors = json::array();
    if (!seen_.count("type") || out_->type.empty())
      errors.push_back(
          {{"field", "type"}, {"message", "Thiếu loại tài liệu / the document type is missing"}});
    if (!seen_.count("file"))
      errors.push_back({{"field", "file"}, {"message", "Thiếu tệp / the file is missing"}});
    else if (out_->file->size() == 0)
      errors.push_back({{"field", "file"}, {"message", "Tệp rỗng / the file is empty"}});
    if (seen_.count("replaces")) {
      int64_t id = 0;
      auto [p, ec] = std::from_chars(replaces_.data(), replaces_.data() + replaces_.size(), id);
      if (ec != std::errc() || p != replaces_.data() + replaces_.size() || id <= 0)
        errors.push_back({{"field", "replaces"},
                          {"message", "Phải là mã số của một tài liệu / must be a document id"}});
      else
        out_->replaces = id;
    }
    if (!errors.empty())
      return http::Problem(422, "Biểu mẫu tải lên chưa đúng / the upload form is incomplete",
                           errors);
    if (Status s = out_->file->Finish(); !s.ok())
      return http::Problem(s.code() == Status::Code::kUnavailable ? 503 : 500, s.message());
    return std::nullopt;
  }

  // What to answer when the parser stopped: the callbacks' refusal, or the parser's own. A
  // body cut short names the last field begun (the upload most likely broke off inside it).
  Response Failed(const Status& parser_status, bool at_end) const {
    if (refusal_) return *refusal_;
    std::string message =
        "Nội dung multipart không hợp lệ / malformed multipart body: " + parser_status.message();
    if (at_end && !part_.empty()) {
      message += " (the last field begun is '" + part_ + "')";
      return FieldProblem(400, part_, message);
    }
    return FieldProblem(400, "body", message);
  }

 private:
  Status Refuse(Response problem) {
    refusal_ = std::move(problem);
    return Status::InvalidArgument("refused");
  }

  const store::DocumentFiles& files_;
  const uint64_t max_file_bytes_;
  UploadForm* out_;
  std::string part_;
  std::set<std::string> seen_;
  std::string replaces_;
  std::optional<Response> refusal_;
};

}  // namespace

std::optional<Response> ReadUploadForm(const http::Request& request,
                                       const store::DocumentFiles& files, uint64_t max_file_bytes,
                                       UploadForm* out) {
  *out = UploadForm{};
  std::string_view content_type = request.headers.Get("Content-Type");
  if (!IsMultipartFormData(content_type))
    return FieldProblem(415, "Content-Type",
                        "Hãy gửi tệp dạng multipart/form-data / send the file as "
                        "multipart/form-data");
  std::string boundary;
  if (Status s = http::MultipartBoundary(content_type, &boundary); !s.ok())
    return FieldProblem(
        400, "Content-Type",
        "Thiếu hoặc sai ranh giới multipart / bad multipart boundary: " + s.message());

  FormReader reader(files, max_file_bytes, out);
  http::MultipartParser parser(boundary,
                               {[&reader](const http::PartHeaders& h) { return reader.OnPart(h); },
                                [&reader](std::string_view d) { return reader.OnData(d); }});
  auto fail = [&](const Status& s, bool at_end = false) {
    Response problem = reader.Failed(s, at_end);
    out->file.reset();  // removes the staged file
    return problem;
  };
  if (!request.body_file.empty()) {
    std::ifstream in(request.body_file, std::ios::binary);
    if (!in) return http::Problem(503, "cannot read the stored upload");
    std::vector<char> piece(kPiece);
    while (in) {
      in.read(piece.data(), static_cast<std::streamsize>(piece.size()));
      size_t got = static_cast<size_t>(in.gcount());
      if (got == 0) break;
      if (Status s = parser.Feed({piece.data(), got}); !s.ok()) return fail(s);
    }
  } else {
    std::string_view body = request.body;
    for (size_t at = 0; at < body.size(); at += kPiece)
      if (Status s = parser.Feed(body.substr(at, kPiece)); !s.ok()) return fail(s);
  }
  if (Status s = parser.Finish(); !s.ok()) return fail(s, true);
  if (auto problem = reader.Check()) {
    out->file.reset();
    return problem;
  }
  return std::nullopt;
}

}  // namespace attache::api
