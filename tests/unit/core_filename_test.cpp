#include <catch2/catch.hpp>

#include "attache/core/filename.h"
#include "attache/http/content_disposition.h"

using namespace attache;

TEST_CASE("Uploaded file names are kept as data: no path, no control or bidi characters") {
  struct Case {
    std::string raw;
    std::string clean;
  };
  const std::string rlo = "\xe2\x80\xae";  // U+202E RIGHT-TO-LEFT OVERRIDE
  for (const auto& [raw, clean] : std::vector<Case>{
           {"Thư mời Hội thảo.pdf", "Thư mời Hội thảo.pdf"},
           {"../../etc/passwd", "passwd"},
           {"C:\\Users\\lan\\Desktop\\Báo cáo.docx", "Báo cáo.docx"},
           {"/abs/path/", ""},
           {"..", ""},
           {".bashrc", "bashrc"},
           {"  tên có khoảng trắng.pdf  ", "tên có khoảng trắng.pdf"},
           {"a\tb\nc\rd\x7f"
            "e.pdf",
            "abcde.pdf"},
           {"bad\x01\x1f"
            "name.pdf",
            "badname.pdf"},
           {"c1\xc2\x85"
            "control.pdf",
            "c1control.pdf"},  // U+0085 NEL
           {"invoice" + rlo + "fdp.exe", "invoicefdp.exe"},
           {"latin1 caf\xe9.pdf", "latin1 caf\xef\xbf\xbd.pdf"},  // malformed → U+FFFD
           {"overlong \xc0\xaf.pdf", "overlong \xef\xbf\xbd\xef\xbf\xbd.pdf"},
           {"", ""},
       }) {
    INFO(raw);
    CHECK(CleanFilename(raw) == clean);
  }
}

TEST_CASE("Over-long names are cut on a character boundary, keeping the extension") {
  std::string stem;
  for (int i = 0; i < 100; ++i) stem += "ệ";  // 3 bytes each
  std::string name = CleanFilename(stem + ".docx");
  CHECK(name.size() <= kMaxFilenameBytes);
  CHECK(name.size() == 5 + 250 / 3 * 3);
  CHECK(name.ends_with("ệ.docx"));
  std::string no_extension = CleanFilename(std::string(300, 'a'));
  CHECK(no_extension == std::string(255, 'a'));
  // A very long "extension" is not kept whole.
  CHECK(CleanFilename("a." + std::string(300, 'b')).size() == 255);
}

TEST_CASE("A saved name never claims another type than the content's") {
  CHECK(WithExtension("thư mời.pdf", ".pdf") == "thư mời.pdf");
  CHECK(WithExtension("THU.PDF", ".pdf") == "THU.PDF");
  CHECK(WithExtension("report.exe", ".pdf") == "report.exe.pdf");
  CHECK(WithExtension("page.html", ".png") == "page.html.png");
  CHECK(WithExtension("photo.jpeg", ".jpg") == "photo.jpeg");
  CHECK(WithExtension("photo.JPG", ".jpg") == "photo.JPG");
  CHECK(WithExtension("pdf", ".pdf") == "pdf.pdf");
  CHECK(WithExtension("", ".pdf") == ".pdf");
}

TEST_CASE("ASCII stand-ins for Vietnamese names") {
  CHECK(AsciiFilename("Thư mời Hội thảo.pdf") == "Thu moi Hoi thao.pdf");
  CHECK(AsciiFilename("Đơn đề nghị ĐR-2026.docx") == "Don de nghi DR-2026.docx");
  CHECK(AsciiFilename(
            "Tiếng Việt: ạảãàáâậầấẩẫăặằắẳẵẹẻẽèéêệềếểễịỉĩìíọỏõòóôộồốổỗơợờớởỡụủũùúưựừứửữỵỷỹỳý") ==
        "Tieng Viet: aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyy");
  CHECK(AsciiFilename("ẠẢÃÀÁÂẬẦẤẨẪĂẶẰẮẲẴẸẺẼÈÉÊỆỀẾỂỄỊỈĨÌÍỌỎÕÒÓÔỘỒỐỔỖƠỢỜỚỞỠỤỦŨÙÚƯỰỪỨỬỮỴỶỸỲÝ") ==
        "AAAAAAAAAAAAAAAAAEEEEEEEEEEEIIIIIOOOOOOOOOOOOOOOOOUUUUUUUUUUUYYYYY");
  // Decomposed (NFD) input, as macOS sends it: the combining marks are dropped.
  CHECK(AsciiFilename("Thu\xcc\x9b mo\xcc\x9b\xcc\x80i.pdf") == "Thu moi.pdf");
  CHECK(AsciiFilename("a\"b\\c%d.pdf") == "a_b_c_d.pdf");
  CHECK(AsciiFilename("日本.pdf") == "__.pdf");
}

TEST_CASE("Content-Disposition carries the UTF-8 name intact and an ASCII fallback") {
  CHECK(http::AttachmentDisposition("Thư mời.pdf") ==
        "attachment; filename=\"Thu moi.pdf\"; filename*=UTF-8''Th%C6%B0%20m%E1%BB%9Di.pdf");
  CHECK(http::AttachmentDisposition("a;b\"c'd.pdf") ==
        "attachment; filename=\"a;b_c'd.pdf\"; filename*=UTF-8''a%3Bb%22c%27d.pdf");
  CHECK(http::AttachmentDisposition("Báo cáo (bản 2) 100%.docx") ==
        "attachment; filename=\"Bao cao (ban 2) 100_.docx\"; "
        "filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20%28b%E1%BA%A3n%202%29%20100%25.docx");
}
