// The bilingual e-mails Attaché sends: Vietnamese first, English below, as plain text and as
// simple HTML (escaped text, paragraphs and links; no images, styles or scripts).
//
// Use: fill a MailContent with the Vietnamese and English paragraphs, the link to what the
// message is about, and call Compose; queue the result with store::EnqueueMail. For example a
// step-change mail:
//
//   mail::MailContent c;
//   c.subject = {"Hồ sơ ĐR-2026-0012 chờ anh/chị xử lý", "ĐR-2026-0012 awaits your action"};
//   c.vi = {{"Hồ sơ \"Đoàn công tác sang Hàn Quốc\" đã chuyển sang bước Vụ HTQT xem xét."}};
//   c.en = {{"Proposal \"Đoàn công tác sang Hàn Quốc\" moved to ICD review."}};
//   c.link = {mail::AppLink(public_url, "/proposals/42"), {"Mở hồ sơ", "Open the proposal"}};
//   mail::ComposedMail m = mail::Compose(c);  // m.subject, m.text, m.html
//
// A daily digest gives each paragraph its own link (MailLine::url), one line per proposal.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace attache::mail {

struct BilingualText {
  std::string vi;
  std::string en;
};

// A paragraph; with `url` (absolute http or https) its text is a link to it.
struct MailLine {
  MailLine(std::string text_, std::string url_ = {})
      : text(std::move(text_)), url(std::move(url_)) {}
  MailLine(const char* text_) : text(text_) {}
  std::string text;
  std::string url;
};

struct MailLink {
  std::string url;  // absolute http or https URL; empty: no link
  BilingualText label;
};

struct MailContent {
  BilingualText subject;     // one line each; the subject is "<vi> / <en>"
  std::vector<MailLine> vi;  // the Vietnamese paragraphs, shown first
  std::vector<MailLine> en;  // the same in English, below
  MailLink link;             // the main link (to the proposal), after each language's text
};

struct ComposedMail {
  std::string subject;  // UTF-8, one line
  std::string text;     // text/plain, lines separated by "\n"
  std::string html;     // text/html, a whole small document
};

// Renders `content`. Control characters in the subject become spaces, and each language's part
// is cut (ending in "…") to 480 bytes, so the subject always fits the outbox; every text in the
// HTML is escaped, and a URL that is not http or https is left out (its text stays, unlinked), so
// content taken from users (a proposal's title) can add no markup and no script.
ComposedMail Compose(const MailContent& content);

// The absolute URL of the web UI's page `route` ("/proposals/42"), under the server's public
// base URL ("https://attache.molisa.gov.vn/"): "https://attache.molisa.gov.vn/#/proposals/42".
std::string AppLink(std::string_view public_url, std::string_view route);

// `text` with &, <, >, " and ' escaped for HTML text and attribute values.
std::string EscapeHtml(std::string_view text);

}  // namespace attache::mail
