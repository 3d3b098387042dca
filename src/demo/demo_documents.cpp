// The documents and consultations of the demo proposals (demo_player.h): the documents a step
// needs, uploaded just before it as small real PDFs naming their type (one stored content per
// kind and type), and the opinions ICD asks of the bodies concerned and records as they come
// back.
#include <algorithm>
#include <memory>

#include "attache/core/rfc3339.h"
#include "attache/core/text.h"
#include "attache/service/consultations.h"
#include "attache/service/file_types.h"
#include "demo_player.h"

namespace attache::demo::play {
namespace {

using nlohmann::json;
using std::chrono::days;

std::string PdfText(const std::string& text) {
  std::string out;
  for (char c : FoldForSearch(text)) {
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x80) out += c;
  }
  return out;
}

// A one-page PDF naming the document: real bytes that the upload check accepts and that any
// viewer opens. Vietnamese marks are folded away (the base-14 fonts have no glyphs for them).
std::string DemoPdf(const std::vector<std::string>& lines) {
  std::string content = "BT /F1 13 Tf 64 770 Td 18 TL";
  for (const std::string& line : lines) content += " (" + PdfText(line) + ") Tj T*";
  content += " ET";
  const std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> "
      ">> /Contents 5 0 R >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream"};
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t offset : offsets) {
    std::string n = std::to_string(offset);
    pdf += std::string(10 - n.size(), '0') + n + " 00000 n \n";
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// Documents ICD keeps (the rest are the unit's to upload).
bool IcdDocument(const std::string& type) {
  return type == "signed_copy" || type == "mofa_report" || type == "pm_decision" ||
         type == "extension_document";
}

// The bodies ICD asks, by kind (DOMAIN.md).
std::vector<std::string> BodiesFor(const std::string& kind, const json& fields) {
  if (kind == "outbound_delegation") return {"Bộ Ngoại giao"};
  if (kind == "inbound_visit") return {"Bộ Công an", "Bộ Ngoại giao"};
  if (kind == "conference") return {"Bộ Ngoại giao", "Bộ Công an"};
  if (kind == "aid") {
    std::vector<std::string> bodies = {"Bộ Tài chính", "Bộ Công an", "Bộ Ngoại giao"};
    if (fields.value("aid_type", "") == "ngo_aid")
      bodies.push_back("Liên hiệp các tổ chức hữu nghị Việt Nam");
    return bodies;
  }
  return {"Bộ Ngoại giao", "Bộ Tư pháp", "Bộ Công an"};
}

}  // namespace

Status Player::StoreContent(const std::string& kind, const workflow::DocumentDef& doc,
                            store::NewDocument* out) {
  const std::string key = kind + "/" + doc.type;
  if (auto it = stored_.find(key); it != stored_.end()) {
    *out = it->second;
    return Status::Ok();
  }
  auto def = rules_.workflows.Current(kind);
  std::unique_ptr<store::StagedFile> staged;
  if (Status s = rules_.files.Stage(&staged); !s.ok()) return s;
  std::string bytes = DemoPdf(
      {"Attache - tai lieu mau / demo document", def->title.vi + " / " + def->title.en,
       doc.label.vi + " / " + doc.label.en, "Khong co gia tri phap ly / not a legal document"});
  if (Status s = staged->Append(bytes); !s.ok()) return s;
  if (Status s = staged->Finish(); !s.ok()) return s;
  service::DetectedType type;
  if (Status s = service::DetectFileType(staged->path(), &type); !s.ok()) return s;
  bool created = false;
  if (Status s = rules_.files.Place(*staged, &created); !s.ok()) return s;
  if (created) placed_.push_back(staged->sha256());
  store::NewDocument content;
  content.size = static_cast<int64_t>(staged->size());
  content.sha256 = staged->sha256();
  content.content_type = type.content_type;
  stored_[key] = content;
  *out = content;
  return Status::Ok();
}

Status Player::Upload(Run& run, const std::string& type) {
  auto def = rules_.workflows.Version(run.row.kind, run.row.workflow_version);
  auto doc = std::find_if(def->documents.begin(), def->documents.end(),
                          [&](const workflow::DocumentDef& d) { return d.type == type; });
  if (doc == def->documents.end())
    return Fail(run, "upload", Status::NotFound("no document type " + type));
  const store::User& uploader = IcdDocument(type) ? Icd() : users_.at(run.spec->creator);
  if (Status s = documents_.MayAttach(db_, uploader, run.row.id); !s.ok())
    return Fail(run, "upload " + type, s);
  store::NewDocument d;
  if (Status s = StoreContent(run.row.kind, *doc, &d); !s.ok())
    return Fail(run, "store " + type, s);
  d.proposal_id = run.row.id;
  d.type = type;
  d.filename = doc->label.vi + " - " + run.row.ref + ".pdf";
  d.uploaded_by = uploader.id;
  d.uploaded_at = FormatRfc3339(clock_.Now());
  if (Status s = store::AddDocument(db_, d, nullptr); !s.ok())
    return Fail(run, "upload " + type, s);
  return Status::Ok();
}

Status Player::Ask(Run& run) {
  const Date day = DayOf(clock_.Now());
  Date due = day + days(10);
  if (run.row.kind == "conference") due = day + days(15);
  if (run.row.kind == "aid") due = day + days(20);
  if (run.row.kind == "agreement")
    due = rules_.calendar.AddWorkingDays(day, run.row.fields.value("urgent", false) ? 3 : 7);
  for (const std::string& body : BodiesFor(run.row.kind, run.row.fields)) {
    service::AskRequest ask{
        body, Iso(due),
        "Đề nghị Quý Cơ quan cho ý kiến về đề xuất " + run.row.ref + " (" + run.row.title + ")."};
    store::ConsultationRow row;
    if (Status s = service::AskOpinion(db_, proposals_, Icd(), run.row.id, ask, &row); !s.ok())
      return Fail(run, "ask " + body, s);
  }
  return Status::Ok();
}

Status Player::Answer(Run& run, bool last_objects) {
  std::vector<store::ConsultationRow> open;
  for (const auto& c : store::ConsultationsOf(db_, run.row.id))
    if (!c.answer) open.push_back(c);
  for (size_t i = 0; i < open.size(); ++i) {
    service::AnswerRequest answer{"agree", "Thống nhất với nội dung đề xuất.", std::nullopt};
    if (last_objects && i + 1 == open.size())
      answer = {"object",
                "Chưa đồng ý: đề nghị làm rõ cơ chế trao đổi thông tin và trách nhiệm của các bên "
                "theo pháp luật Việt Nam.",
                std::nullopt};
    else if ((run.index + i) % 4 == 1)
      answer = {"agree_with_conditions",
                "Đồng ý, đề nghị không cam kết các nội dung ngoài thẩm quyền của Bộ.",
                std::nullopt};
    store::ConsultationRow row;
    if (Status s = service::RecordAnswer(db_, proposals_, Icd(), open[i].id, answer, &row); !s.ok())
      return Fail(run, "answer " + open[i].body, s);
  }
  return Status::Ok();
}

}  // namespace attache::demo::play
