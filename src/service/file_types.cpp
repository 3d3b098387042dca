#include "attache/service/file_types.h"

#include <fstream>
#include <vector>

namespace attache::service {
namespace {

uint32_t Le32(const unsigned char* p) {
  return p[0] | (p[1] << 8) | (p[2] << 16) | (uint32_t(p[3]) << 24);
}
uint16_t Le16(const unsigned char* p) {
  return static_cast<uint16_t>(p[0] | (p[1] << 8));
}

DetectedType Type(FileKind k) {
  switch (k) {
    case FileKind::kPdf:
      return {k, "application/pdf", ".pdf"};
    case FileKind::kDocx:
      return {k, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              ".docx"};
    case FileKind::kXlsx:
      return {k, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"};
    case FileKind::kOdt:
      return {k, "application/vnd.oasis.opendocument.text", ".odt"};
    case FileKind::kPng:
      return {k, "image/png", ".png"};
    case FileKind::kJpeg:
      return {k, "image/jpeg", ".jpg"};
  }
  return {k, "application/octet-stream", ""};
}

// Reads the ZIP central directory and decides DOCX, XLSX or ODT.
Status DetectOffice(std::ifstream& in, uint64_t size, DetectedType* out) {
  constexpr size_t kEocd = 22;
  if (size < kEocd) return Status::InvalidArgument("the archive is truncated");
  size_t tail = static_cast<size_t>(std::min<uint64_t>(size, 65535 + kEocd));
  std::vector<unsigned char> buf(tail);
  in.seekg(static_cast<std::streamoff>(size - tail));
  in.read(reinterpret_cast<char*>(buf.data()), static_cast<std::streamsize>(tail));
  if (!in) return Status::InvalidArgument("the archive cannot be read");
  size_t eocd = std::string::npos;
  for (size_t i = tail - kEocd + 1; i-- > 0;)
    if (Le32(&buf[i]) == 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd == std::string::npos)
    return Status::InvalidArgument("the archive has no central directory");
  uint16_t entries = Le16(&buf[eocd + 10]);
  uint32_t cd_size = Le32(&buf[eocd + 12]);
  uint32_t cd_offset = Le32(&buf[eocd + 16]);
  if (entries == 0xffff || cd_offset == 0xffffffff)
    return Status::InvalidArgument("ZIP64 archives are not accepted");
  if (uint64_t(cd_offset) + cd_size > size || cd_size > 16 * 1024 * 1024)
    return Status::InvalidArgument("the archive's central directory is damaged");
  std::vector<unsigned char> cd(cd_size);
  in.seekg(cd_offset);
  in.read(reinterpret_cast<char*>(cd.data()), cd_size);
  if (!in) return Status::InvalidArgument("the archive's central directory cannot be read");
  bool word = false, xl = false, content_types = false, odt_mimetype = false;
  uint64_t expanded = 0;
  uint32_t first_local_offset = 0xffffffff;
  size_t p = 0;
  for (uint16_t i = 0; i < entries; ++i) {
    if (p + 46 > cd.size() || Le32(&cd[p]) != 0x02014b50)
      return Status::InvalidArgument("the archive's central directory is damaged");
    uint64_t uncompressed = Le32(&cd[p + 24]);
    uint16_t name_len = Le16(&cd[p + 28]), extra_len = Le16(&cd[p + 30]),
             comment_len = Le16(&cd[p + 32]);
    uint32_t local = Le32(&cd[p + 42]);
    if (p + 46 + name_len > cd.size())
      return Status::InvalidArgument("the archive's central directory is damaged");
    std::string_view name(reinterpret_cast<const char*>(&cd[p + 46]), name_len);
    expanded += uncompressed;
    if (name == "[Content_Types].xml") content_types = true;
    if (name == "word/document.xml") word = true;
    if (name == "xl/workbook.xml") xl = true;
    if (name == "mimetype") {
      odt_mimetype = true;
      first_local_offset = local;
    }
    p += 46 + name_len + extra_len + comment_len;
  }
  if (expanded > kMaxExpandedBytes || expanded > kMaxRatio * std::max<uint64_t>(size, 1))
    return Status::InvalidArgument("the archive would expand to " + std::to_string(expanded) +
                                   " bytes: refused as a possible zip bomb");
  if (content_types && word) {
    *out = Type(FileKind::kDocx);
    return Status::Ok();
  }
  if (content_types && xl) {
    *out = Type(FileKind::kXlsx);
    return Status::Ok();
  }
  if (odt_mimetype && first_local_offset == 0) {
    // ODF puts "mimetype" first and stored: its bytes follow the 30-byte local header.
    static constexpr std::string_view kOdt = "application/vnd.oasis.opendocument.text";
    unsigned char local[30];
    in.seekg(0);
    in.read(reinterpret_cast<char*>(local), sizeof local);
    if (in && Le32(local) == 0x04034b50) {
      uint16_t n = Le16(local + 26), extra = Le16(local + 28);
      std::string mimetype(kOdt.size(), '\0');
      in.seekg(30 + n + extra);
      in.read(mimetype.data(), static_cast<std::streamsize>(mimetype.size()));
      if (in && mimetype == kOdt) {
        *out = Type(FileKind::kOdt);
        return Status::Ok();
      }
    }
  }
  return Status::InvalidArgument("the archive is not a DOCX, XLSX or ODT document");
}

}  // namespace

Status DetectFileType(const std::filesystem::path& file, DetectedType* out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::Internal("cannot read the uploaded file");
  std::error_code ec;
  uint64_t size = std::filesystem::file_size(file, ec);
  if (ec || size == 0) return Status::InvalidArgument("the file is empty");
  unsigned char head[8] = {};
  in.read(reinterpret_cast<char*>(head), sizeof head);
  size_t got = static_cast<size_t>(in.gcount());
  in.clear();
  auto starts = [&](std::string_view magic) {
    return got >= magic.size() &&
           std::string_view(reinterpret_cast<char*>(head), magic.size()) == magic;
  };
  if (starts("%PDF-")) {
    *out = Type(FileKind::kPdf);
    return Status::Ok();
  }
  if (starts("\x89PNG\r\n\x1a\n")) {
    *out = Type(FileKind::kPng);
    return Status::Ok();
  }
  if (starts("\xff\xd8\xff")) {
    *out = Type(FileKind::kJpeg);
    return Status::Ok();
  }
  if (starts("PK\x03\x04")) return DetectOffice(in, size, out);
  return Status::InvalidArgument(
      "only PDF, DOCX, XLSX, ODT, PNG and JPEG files are accepted; this file's content is none of "
      "them");
}

}  // namespace attache::service
