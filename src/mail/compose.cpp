#include "attache/mail/compose.h"

#include <cctype>

#include "attache/mail/mime.h"

namespace attache::mail {
namespace {

// Each language's part of the subject is cut to this many bytes (a proposal's title may have
// 500 characters), so "<vi> / <en>" stays under the outbox's 1,000 bytes.
constexpr size_t kSubjectPartBytes = 480;

constexpr std::string_view kFooterVi = "Thư tự động của Attaché, xin đừng trả lời thư này.";
constexpr std::string_view kFooterEn = "An automatic message from Attaché; please do not reply.";

// An http or https URL with no space, control character or quote that could leave an
// attribute or a text line; anything else is not linked.
bool IsWebUrl(std::string_view url) {
  auto starts = [&](std::string_view p) {
    if (url.size() <= p.size()) return false;
    for (size_t i = 0; i < p.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(url[i])) != p[i]) return false;
    return true;
  };
  if (!starts("http://") && !starts("https://")) return false;
  for (unsigned char c : url)
    if (c <= 0x20 || c == 0x7F || c == '"' || c == '<' || c == '>' || c == '\\') return false;
  return true;
}

// Paragraph text: line breaks kept, other control characters made spaces.
std::string CleanText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '\r') continue;
    out += (c != '\n' && (u < 0x20 || u == 0x7F)) ? ' ' : c;
  }
  return out;
}

void TextBlock(const std::vector<MailLine>& lines, const MailLink& link, std::string_view label,
               std::string* out) {
  for (const auto& line : lines) {
    *out += CleanText(line.text);
    if (IsWebUrl(line.url)) *out += "\n" + line.url;
    *out += "\n\n";
  }
  if (IsWebUrl(link.url)) *out += CleanText(label) + ": " + link.url + "\n\n";
}

std::string HtmlParagraphText(std::string_view text) {
  std::string escaped = EscapeHtml(CleanText(text));
  std::string out;
  for (char c : escaped) {
    if (c == '\n')
      out += "<br>\n";
    else
      out += c;
  }
  return out;
}

void HtmlBlock(std::string_view lang, const std::vector<MailLine>& lines, const MailLink& link,
               std::string_view label, std::string* out) {
  *out += "<div lang=\"" + std::string(lang) + "\">\n";
  for (const auto& line : lines) {
    std::string text = HtmlParagraphText(line.text);
    if (IsWebUrl(line.url))
      *out += "<p><a href=\"" + EscapeHtml(line.url) + "\">" + text + "</a></p>\n";
    else
      *out += "<p>" + text + "</p>\n";
  }
  if (IsWebUrl(link.url))
    *out +=
        "<p><a href=\"" + EscapeHtml(link.url) + "\">" + HtmlParagraphText(label) + "</a></p>\n";
  *out += "</div>\n";
}

// `text` cut at a character boundary to at most `max` bytes, ending in "…" when cut.
std::string Shorten(std::string text, size_t max) {
  if (text.size() <= max) return text;
  size_t end = max - 3;  // room for "…"
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text + "…";
}

}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string AppLink(std::string_view public_url, std::string_view route) {
  std::string out(public_url);
  if (out.empty() || out.back() != '/') out += '/';
  out += '#';
  if (route.empty() || route.front() != '/') out += '/';
  out += route;
  return out;
}

ComposedMail Compose(const MailContent& c) {
  ComposedMail m;
  std::string vi = Shorten(CleanHeaderText(c.subject.vi), kSubjectPartBytes);
  std::string en = Shorten(CleanHeaderText(c.subject.en), kSubjectPartBytes);
  m.subject = vi.empty() ? en : en.empty() ? vi : vi + " / " + en;

  TextBlock(c.vi, c.link, c.link.label.vi, &m.text);
  m.text += "----------------------------------------\n\n";
  TextBlock(c.en, c.link, c.link.label.en, &m.text);
  m.text += "-- \n" + std::string(kFooterVi) + "\n" + std::string(kFooterEn) + "\n";

  m.html = "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
           EscapeHtml(m.subject) + "</title>\n</head>\n<body>\n";
  HtmlBlock("vi", c.vi, c.link, c.link.label.vi, &m.html);
  m.html += "<hr>\n";
  HtmlBlock("en", c.en, c.link, c.link.label.en, &m.html);
  m.html += "<hr>\n<p><small><span lang=\"vi\">" + EscapeHtml(kFooterVi) +
            "</span><br>\n<span lang=\"en\">" + EscapeHtml(kFooterEn) + "</span></small></p>\n";
  m.html += "</body>\n</html>\n";
  return m;
}

}  // namespace attache::mail
