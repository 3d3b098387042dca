// Messages are rendered and then read back with a small independent reader (unfolding,
// RFC 2047 "B" words, quoted-printable), so each check is about what a mail client would see.
#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "attache/mail/mime.h"

using namespace attache::mail;
using attache::Status;

namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

std::string Base64Decode(std::string_view in) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') break;
    size_t v = kAlphabet.find(c);
    REQUIRE(v != std::string::npos);
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return out;
}

// The header block (up to the first empty line), each header unfolded (CRLF before white
// space removed), in order. Every line must end in CRLF and be at most 78 characters.
Headers ReadHeaders(const std::string& message) {
  Headers out;
  size_t pos = 0;
  while (true) {
    size_t end = message.find("\r\n", pos);
    REQUIRE(end != std::string::npos);
    std::string line = message.substr(pos, end - pos);
    pos = end + 2;
    if (line.empty()) break;
    CHECK(line.size() <= 78);
    CHECK(line.find('\n') == std::string::npos);
    CHECK(line.find('\r') == std::string::npos);
    if (line[0] == ' ' || line[0] == '\t') {
      REQUIRE(!out.empty());
      out.back().second += line;
    } else {
      size_t colon = line.find(':');
      REQUIRE(colon != std::string::npos);
      out.emplace_back(line.substr(0, colon), line.substr(colon + 1 + (line[colon + 1] == ' ')));
    }
  }
  return out;
}

std::string Header(const Headers& h, const std::string& name) {
  for (const auto& [n, v] : h)
    if (n == name) return v;
  FAIL("no header " << name);
  return {};
}

// RFC 2047: "=?UTF-8?B?...?=" words decoded, white space between two words dropped.
std::string DecodeWords(const std::string& value) {
  std::string out, pending_space;
  size_t i = 0;
  bool last_was_word = false;
  while (i < value.size()) {
    if (value.compare(i, 10, "=?UTF-8?B?") == 0) {
      size_t end = value.find("?=", i + 10);
      REQUIRE(end != std::string::npos);
      if (!last_was_word) out += pending_space;
      pending_space.clear();
      out += Base64Decode(value.substr(i + 10, end - i - 10));
      i = end + 2;
      last_was_word = true;
    } else if (value[i] == ' ' || value[i] == '\t') {
      pending_space += value[i++];
    } else {
      out += pending_space;
      pending_space.clear();
      out += value[i++];
      last_was_word = false;
    }
  }
  return out + (last_was_word ? "" : pending_space);
}

std::string DecodeQp(std::string_view qp) {
  std::string out;
  for (size_t i = 0; i < qp.size(); ++i) {
    if (qp[i] != '=') {
      out += qp[i];
      continue;
    }
    if (qp.substr(i + 1, 2) == "\r\n") {
      i += 2;
      continue;
    }
    out += static_cast<char>(std::stoi(std::string(qp.substr(i + 1, 2)), nullptr, 16));
    i += 2;
  }
  return out;
}

Message Sample() {
  Message m;
  m.from = {"attache@molisa.gov.vn", "Attaché – Vụ HTQT"};
  m.to = {"lan@molisa.gov.vn", "Nguyễn Thị Lan"};
  m.subject = "Hồ sơ ĐR-2026-0012 chờ anh/chị xử lý / ĐR-2026-0012 awaits your action";
  m.text = "Xin chào\nHello";
  m.html = "<p>Xin chào</p>";
  m.date = std::chrono::system_clock::time_point(
      std::chrono::seconds(1795339800));  // 2026-11-22 09:30 UTC
  m.message_id = "abc.attache@molisa.gov.vn";
  return m;
}

}  // namespace

TEST_CASE("Mail: a Vietnamese subject and names are encoded-words that decode exactly") {
  Message m = Sample();
  std::string rendered = RenderMessage(m);
  Headers h = ReadHeaders(rendered);
  std::string subject = Header(h, "Subject");
  CHECK(subject.find("=?UTF-8?B?") == 0);
  CHECK(DecodeWords(subject) == m.subject);
  CHECK(DecodeWords(Header(h, "From")) == "Attaché – Vụ HTQT <attache@molisa.gov.vn>");
  CHECK(DecodeWords(Header(h, "To")) == "Nguyễn Thị Lan <lan@molisa.gov.vn>");
  CHECK(Header(h, "Date") == "Sun, 22 Nov 2026 09:30:00 +0000");
  CHECK(Header(h, "Message-ID") == "<abc.attache@molisa.gov.vn>");
  CHECK(Header(h, "MIME-Version") == "1.0");
  CHECK(Header(h, "Content-Type").find("multipart/alternative;") == 0);
  // Every line of the whole message is 7-bit and at most 78 characters.
  for (unsigned char c : rendered) CHECK(c < 0x80);

  // A subject of several hundred characters: many words, each line still within 78.
  m.subject.clear();
  for (int i = 0; i < 30; ++i) m.subject += "Đoàn công tác sang Hàn Quốc ";
  m.subject += "cuối 😀 ✓ 𝄞";  // 4-byte characters are never split between words
  h = ReadHeaders(RenderMessage(m));
  CHECK(DecodeWords(Header(h, "Subject")) == m.subject);
}

TEST_CASE("Mail: CR, LF and other controls in a header value never start a header") {
  const std::vector<std::string> titles = {"Hội thảo\r\nBcc: x@y.example",
                                           "Hội thảo\nBcc: x@y.example",
                                           "Seminar\r\nBcc: x@y.example",
                                           "Seminar\rBcc: x@y.example",
                                           "Seminar\r\n\r\n<html>body",
                                           std::string("Nul\0Bcc: a@b.c", 15),
                                           "Next\xC2\x85"
                                           "Bcc: x@y.example",
                                           "Sep\xE2\x80\xA8"
                                           "Bcc: x@y.example",
                                           "Bad \xFF\xFE utf-8"};
  for (const auto& title : titles) {
    Message m = Sample();
    m.subject = title;
    m.to.name = title;
    m.from.name = title;
    Headers h = ReadHeaders(RenderMessage(m));
    std::vector<std::string> names;
    for (const auto& [n, v] : h) names.push_back(n);
    CHECK(names == std::vector<std::string>{"Date", "From", "To", "Subject", "Message-ID",
                                            "Auto-Submitted", "MIME-Version", "Content-Type"});
    std::string subject = DecodeWords(Header(h, "Subject"));
    CHECK(subject.find('\r') == std::string::npos);
    CHECK(subject.find('\n') == std::string::npos);
    if (title.find("Bcc") != std::string::npos)
      CHECK(subject.find("Bcc: ") != std::string::npos);  // kept, as the subject's text
    CHECK(DecodeWords(Header(h, "To")).ends_with("<lan@molisa.gov.vn>"));
  }
  CHECK(CleanHeaderText("a\r\nb\tc\x7f"
                        "d") == "a  b c d");
  CHECK(CleanHeaderText("x\xFFy") == "x\xEF\xBF\xBDy");
}

TEST_CASE("Mail: plain ASCII headers fold at spaces and unfold to the same text") {
  Message m = Sample();
  m.subject = "";
  for (int i = 0; i < 25; ++i) m.subject += "proposal " + std::to_string(i) + " ";
  m.subject += "end";
  m.from.name = "Attache";
  m.to.name = "Smith, John \"JS\"";
  Headers h = ReadHeaders(RenderMessage(m));
  std::string subject = Header(h, "Subject");
  CHECK(subject.find("=?") == std::string::npos);
  CHECK(subject == m.subject);
  CHECK(Header(h, "From") == "Attache <attache@molisa.gov.vn>");
  CHECK(Header(h, "To") == "\"Smith, John \\\"JS\\\"\" <lan@molisa.gov.vn>");

  // A word too long for a line, or text that looks like an encoded-word, is encoded.
  m.subject = "see https://example.org/" + std::string(120, 'a');
  subject = Header(ReadHeaders(RenderMessage(m)), "Subject");
  CHECK(subject.find("=?UTF-8?B?") == 0);
  CHECK(DecodeWords(subject) == m.subject);
  m.subject = "=?UTF-8?B?SGk=?= literally";
  CHECK(DecodeWords(Header(ReadHeaders(RenderMessage(m)), "Subject")) == m.subject);
  // No name: the bare address.
  m.to.name = "";
  CHECK(Header(ReadHeaders(RenderMessage(m)), "To") == "lan@molisa.gov.vn");
}

TEST_CASE("Mail: quoted-printable keeps lines within 76 and decodes to the text") {
  std::string text =
      "Xin chào anh/chị,\n\n" + std::string(200, 'x') + "\nA = B  \n.\n..two dots\n" +
      "Tiếng Việt có dấu: Đoàn công tác sang Hàn Quốc, Hội nghị quốc tế về lao động.\n";
  std::string qp = QuotedPrintable(text);
  size_t pos = 0;
  while (pos < qp.size()) {
    size_t end = qp.find("\r\n", pos);
    REQUIRE(end != std::string::npos);
    CHECK(end - pos <= 76);
    std::string line = qp.substr(pos, end - pos);
    if (!line.empty()) CHECK(line.back() != ' ');  // trailing white space is encoded
    pos = end + 2;
  }
  std::string expected = text;
  size_t at = 0;
  while ((at = expected.find('\n', at)) != std::string::npos) {
    expected.replace(at, 1, "\r\n");
    at += 2;
  }
  CHECK(DecodeQp(qp) == expected);
  CHECK(QuotedPrintable("a=b") == "a=3Db\r\n");
  CHECK(QuotedPrintable("tab\t") == "tab=09\r\n");
  CHECK(QuotedPrintable("") == "\r\n");
  // "=_" never occurs in quoted-printable, which is why the boundary starts with it.
  CHECK(QuotedPrintable("=_attache_ x").find("=_") == std::string::npos);
}

TEST_CASE("Mail: both parts are there and the boundary occurs only as a boundary") {
  Message m = Sample();
  m.text = "--=_attache_ in the text\n.\n";
  m.html = "<p>--=_attache_</p>";
  std::string rendered = RenderMessage(m);
  std::string type = Header(ReadHeaders(rendered), "Content-Type");
  size_t b = type.find("boundary=\"");
  REQUIRE(b != std::string::npos);
  std::string boundary = type.substr(b + 10, type.size() - b - 11);
  size_t count = 0;
  for (size_t at = rendered.find(boundary); at != std::string::npos;
       at = rendered.find(boundary, at + 1))
    ++count;
  CHECK(count == 4);  // in Content-Type, before each part, and the closing one
  CHECK(rendered.find("\r\n--" + boundary + "--\r\n") != std::string::npos);
  CHECK(rendered.find("Content-Type: text/plain; charset=UTF-8") != std::string::npos);
  CHECK(rendered.find("Content-Type: text/html; charset=UTF-8") != std::string::npos);

  m.html.clear();  // text only: no multipart
  rendered = RenderMessage(m);
  CHECK(Header(ReadHeaders(rendered), "Content-Type") == "text/plain; charset=UTF-8");
}

TEST_CASE("Mail: dot-stuffing for DATA") {
  CHECK(DotStuff("a\r\n.\r\nb\r\n") == "a\r\n..\r\nb\r\n");
  CHECK(DotStuff(".start\r\n..two\r\n") == "..start\r\n...two\r\n");
  CHECK(DotStuff("no end") == "no end\r\n");
  CHECK(DotStuff("a.b\r\n") == "a.b\r\n");
  // A rendered message whose text has a lone dot line: stuffed, so it cannot end DATA.
  Message m = Sample();
  m.text = "line\n.\nafter";
  std::string data = DotStuff(RenderMessage(m));
  CHECK(data.find("\r\n.\r\n") == std::string::npos);
  CHECK(data.find("\r\n..\r\n") != std::string::npos);
}

TEST_CASE("Mail: addresses an envelope and a header can carry") {
  for (const char* ok : {"a@b.c", "lan@molisa.gov.vn", "first.last+tag@sub.example-domain.org",
                         "x@localhost", "o'brien@example.ie"})
    CHECK(CheckAddress(ok).ok());
  for (const char* bad : {"",
                          "a@",
                          "@b.c",
                          "ab",
                          "a@@b.c",
                          "a b@c.d",
                          "a@b.c\r\nRCPT TO:<x@y.z>",
                          "a@b.c>",
                          "<a@b.c>",
                          "a,b@c.d",
                          "\"a\"@b.c",
                          ".a@b.c",
                          "a.@b.c",
                          "a..b@c.d",
                          "a@-b.c",
                          "a@b-.c",
                          "a@b..c",
                          "a@[127.0.0.1]",
                          "nguyễn@b.c",
                          "a@b.c\n"})
    CHECK(CheckAddress(bad).code() == Status::Code::kInvalidArgument);
  CHECK(!CheckAddress(std::string(65, 'a') + "@b.c").ok());
  CHECK(!CheckAddress("a@" + std::string(250, 'b') + ".c").ok());
  std::string id = NewMessageId("attache@molisa.gov.vn");
  CHECK(id.ends_with(".attache@molisa.gov.vn"));
  CHECK(id != NewMessageId("attache@molisa.gov.vn"));
}
