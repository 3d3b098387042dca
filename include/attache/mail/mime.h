// Internet messages (RFC 5322 with MIME): what goes between DATA and the final dot.
// A message is multipart/alternative with a text/plain and a text/html part, both UTF-8 and
// quoted-printable, so every line is 7-bit ASCII of at most 76 characters. Header values come
// from users (a proposal's title, a display name): control characters in them are replaced by
// spaces before anything else, so no value can end its header line and start another; what
// is not plain ASCII is written as RFC 2047 encoded-words, and every header line is folded to
// at most 78 characters.
// Thread-safety: pure functions.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "attache/core/status.h"

namespace attache::mail {

// An address with its display name (UTF-8, may be empty): "Nguyễn Văn A" <a@example.vn>.
struct Mailbox {
  std::string address;
  std::string name;
};

struct Message {
  Mailbox from;
  Mailbox to;
  std::string subject;  // UTF-8, one line (line breaks become spaces)
  std::string text;     // UTF-8, lines separated by "\n" (or "\r\n")
  std::string html;     // UTF-8; empty: the message is text/plain alone
  std::chrono::system_clock::time_point date;
  std::string message_id;  // "left@right", without angle brackets (see NewMessageId)
};

// InvalidArgument unless `address` is a plain ASCII addr-spec "local@domain" that SMTP can
// carry without extensions: 3 to 254 characters, a dot-atom local part of at most 64
// (letters, digits and !#$%&'*+-/=?^_`{|}~, dots between), and a domain of dot-separated
// labels of letters, digits and inner hyphens. So no space, quote, angle bracket, comma or
// control character (CR, LF) can reach an SMTP command or a header through an address.
Status CheckAddress(std::string_view address);

// A fresh, globally unique Message-ID for a message sent from `from_address`: random left
// part, the address's domain as right part.
std::string NewMessageId(std::string_view from_address);

// The whole message: headers (Date, From, To, Subject, Message-ID, MIME-Version,
// Content-Type) and the body, every line ending in CRLF. Not dot-stuffed (see DotStuff).
// The addresses must have passed CheckAddress.
std::string RenderMessage(const Message& message);

// `value` with every C0 control character (CR and LF included), DEL and the Unicode line and
// paragraph separators replaced by a space, and bytes that are not UTF-8 replaced by U+FFFD:
// what any header value is reduced to before it is written.
std::string CleanHeaderText(std::string_view value);

// An unstructured header ("Subject: ...") from UTF-8 `value`, cleaned, folded to lines of at
// most 78 characters, ending in CRLF. Plain printable ASCII stays as it is (folded at spaces);
// anything else is written as UTF-8 "B" encoded-words that each hold whole characters.
std::string UnstructuredHeader(std::string_view name, std::string_view value);
// An address header ("From: ...") for one mailbox, folded like UnstructuredHeader: the name as
// a phrase (quoted or encoded as needed), then "<address>".
std::string MailboxHeader(std::string_view name, const Mailbox& mailbox);

// `text` as quoted-printable (RFC 2045): lines end in CRLF and are at most 76 characters, with
// soft breaks ("=" at the end) where a line was longer. Line ends in `text` may be "\n" or
// "\r\n".
std::string QuotedPrintable(std::string_view text);

// The date as RFC 5322 writes it, in UTC: "Sun, 22 Nov 2026 09:30:00 +0000".
std::string FormatMailDate(std::chrono::system_clock::time_point t);

// `bytes` in base64 (RFC 4648, with padding, no line breaks).
std::string Base64(std::string_view bytes);

// `message` (lines ending in CRLF) ready for SMTP DATA: a line that starts with "." gets a
// second one (RFC 5321 4.5.2), and the data ends in CRLF (the caller then sends ".\r\n").
std::string DotStuff(std::string_view message);

}  // namespace attache::mail
