#include "attache/mail/mime.h"

#include <sodium.h>

#include <cstdio>
#include <ctime>
#include <vector>

#include "attache/core/hash.h"

namespace attache::mail {
namespace {

constexpr std::string_view kCrlf = "\r\n";
// RFC 5322 2.1.1: lines SHOULD be at most 78 characters; RFC 2045: QP lines at most 76.
constexpr size_t kHeaderLine = 78;
constexpr size_t kQpLine = 76;
// UTF-8 bytes per encoded-word: 39 bytes are 52 base64 characters, a 64-character word, so
// "Subject: " or "From: " and one word fit in 78 characters.
constexpr size_t kWordBytes = 39;

bool IsAtext(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(static_cast<char>(c)) !=
         std::string_view::npos;
}

}  // namespace

std::string Base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  auto at = [&](size_t k) { return static_cast<unsigned char>(bytes[k]); };
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t v = (at(i) << 16) | (at(i + 1) << 8) | at(i + 2);
    for (int s = 18; s >= 0; s -= 6) out.push_back(kAlphabet[(v >> s) & 63]);
  }
  if (size_t rest = bytes.size() - i; rest > 0) {
    uint32_t v = (at(i) << 16) | (rest == 2 ? at(i + 1) << 8 : 0);
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(rest == 2 ? kAlphabet[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

namespace {

// The length of the UTF-8 sequence starting at s[i] when it is well formed (its code point in
// *cp), else 0.
size_t Utf8Length(std::string_view s, size_t i, uint32_t* cp) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  size_t n = 0;
  uint32_t min = 0;
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  uint32_t v = c & (0x7F >> n);  // the lead byte's payload bits
  for (size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    v = (v << 6) | (b(i + k) & 0x3F);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  *cp = v;
  return n;
}

// The words of a cleaned value (runs of spaces collapse: a folded line never holds only
// white space).
std::vector<std::string_view> Words(std::string_view v) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < v.size()) {
    while (i < v.size() && v[i] == ' ') ++i;
    size_t j = v.find(' ', i);
    if (j == std::string_view::npos) j = v.size();
    if (j > i) words.push_back(v.substr(i, j - i));
    i = j;
  }
  return words;
}

std::string Join(const std::vector<std::string_view>& words) {
  std::string out;
  for (auto w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

// UTF-8 "B" encoded-words for `text`, each holding whole characters.
std::vector<std::string> EncodedWords(std::string_view text) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = i;
    uint32_t cp = 0;
    while (j < text.size()) {
      size_t n = Utf8Length(text, j, &cp);
      if (n == 0) n = 1;  // cannot happen after CleanHeaderText
      if (j + n - i > kWordBytes) break;
      j += n;
    }
    words.push_back("=?UTF-8?B?" + Base64(text.substr(i, j - i)) + "?=");
    i = j;
  }
  return words;
}

// Plain printable ASCII that no decoder could take for an encoded-word, in words that fit a
// folded line.
bool IsPlainAscii(std::string_view text) {
  for (unsigned char c : text)
    if (c < 0x20 || c > 0x7E) return false;
  if (text.find("=?") != std::string_view::npos) return false;
  for (auto w : Words(text))
    if (w.size() > kHeaderLine - 12) return false;
  return true;
}

// "Name: t1 t2 ...", folded before a token whenever the line would pass 78 characters.
std::string Fold(std::string_view name, const std::vector<std::string>& tokens) {
  std::string out;
  std::string line = std::string(name) + ":";
  for (const auto& t : tokens) {
    if (line.size() + 1 + t.size() > kHeaderLine && line.size() > name.size() + 1) {
      out += line;
      out += kCrlf;
      line.clear();
    }
    line += ' ';
    line += t;
  }
  out += line;
  out += kCrlf;
  return out;
}

std::vector<std::string> Tokens(const std::vector<std::string_view>& words) {
  return {words.begin(), words.end()};
}

// A display name as a phrase: atoms when it is plain ASCII atext, a quoted-string when it is
// other printable ASCII, encoded-words otherwise.
std::vector<std::string> Phrase(std::string_view cleaned) {
  auto words = Words(cleaned);
  std::string joined = Join(words);
  if (joined.empty()) return {};
  if (!IsPlainAscii(joined)) return EncodedWords(joined);
  bool atoms = true;
  for (unsigned char c : joined) atoms = atoms && (c == ' ' || IsAtext(c));
  if (atoms) return Tokens(words);
  if (joined.size() > kHeaderLine - 12) return EncodedWords(joined);
  std::string quoted = "\"";
  for (char c : joined) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return {quoted + "\""};
}

void AppendQpLine(std::string_view line, std::string* out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  size_t width = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    bool last = i + 1 == line.size();
    bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last);
    size_t need = literal ? 1 : 3;
    // Leave room for the "=" of a soft break unless this is the line's last character.
    if (width + need > (last ? kQpLine : kQpLine - 1)) {
      *out += "=\r\n";
      width = 0;
    }
    if (literal) {
      out->push_back(static_cast<char>(c));
    } else {
      out->push_back('=');
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 15]);
    }
    width += need;
  }
  *out += kCrlf;
}

std::string Domain(std::string_view address) {
  size_t at = address.rfind('@');
  return at == std::string_view::npos ? std::string("localhost")
                                      : std::string(address.substr(at + 1));
}

}  // namespace

Status CheckAddress(std::string_view a) {
  auto bad = [&](const char* why) {
    return Status::InvalidArgument(
        std::string("địa chỉ thư không hợp lệ / not a valid e-mail address: ") + why);
  };
  if (a.size() < 3 || a.size() > 254) return bad("3 to 254 characters");
  size_t at = a.find('@');
  if (at == std::string_view::npos || a.find('@', at + 1) != std::string_view::npos)
    return bad("exactly one @");
  std::string_view local = a.substr(0, at), domain = a.substr(at + 1);
  if (local.empty() || local.size() > 64) return bad("the part before @ has 1 to 64 characters");
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos)
    return bad("dots only between characters");
  for (unsigned char c : local)
    if (c != '.' && !IsAtext(c)) return bad("letters, digits and !#$%&'*+-/=?^_`{|}~ before @");
  if (domain.empty() || domain.size() > 253) return bad("a domain after @");
  size_t start = 0;
  while (start <= domain.size()) {
    size_t end = domain.find('.', start);
    if (end == std::string_view::npos) end = domain.size();
    std::string_view label = domain.substr(start, end - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
      return bad("domain labels of 1 to 63 characters, no hyphen at either end");
    for (unsigned char c : label)
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
        return bad("letters, digits and hyphens in the domain");
    start = end + 1;
  }
  return Status::Ok();
}

std::string NewMessageId(std::string_view from_address) {
  EnsureSodium();
  unsigned char random[16];
  randombytes_buf(random, sizeof random);
  return HexEncode(std::string_view(reinterpret_cast<const char*>(random), sizeof random)) +
         ".attache@" + Domain(from_address);
}

std::string CleanHeaderText(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (size_t i = 0; i < v.size();) {
    uint32_t cp = 0;
    size_t n = Utf8Length(v, i, &cp);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    bool control =
        cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029;
    if (control)
      out += ' ';
    else
      out.append(v.substr(i, n));
    i += n;
  }
  return out;
}

std::string UnstructuredHeader(std::string_view name, std::string_view value) {
  std::string cleaned = Join(Words(CleanHeaderText(value)));
  if (IsPlainAscii(cleaned)) return Fold(name, Tokens(Words(cleaned)));
  return Fold(name, EncodedWords(cleaned));
}

std::string MailboxHeader(std::string_view name, const Mailbox& mailbox) {
  std::vector<std::string> tokens = Phrase(CleanHeaderText(mailbox.name));
  std::string address = CleanHeaderText(mailbox.address);
  tokens.push_back(tokens.empty() ? address : "<" + address + ">");
  return Fold(name, tokens);
}

std::string QuotedPrintable(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 3 / 2 + 16);
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    AppendQpLine(line, &out);
    start = end + 1;
  }
  if (out.empty()) out = kCrlf;
  return out;
}

std::string FormatMailDate(std::chrono::system_clock::time_point t) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[48];
  int n = std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                        tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                        tm.tm_sec);
  return std::string(buf, static_cast<size_t>(n));
}

std::string RenderMessage(const Message& m) {
  std::string id;
  for (char c : CleanHeaderText(m.message_id))
    if (c != ' ' && c != '<' && c != '>') id += c;
  std::string out;
  out.reserve(m.text.size() * 2 + m.html.size() * 2 + 1024);
  out += "Date: " + FormatMailDate(m.date) + "\r\n";
  out += MailboxHeader("From", m.from);
  out += MailboxHeader("To", m.to);
  out += UnstructuredHeader("Subject", m.subject);
  out += "Message-ID: <" + id + ">\r\n";
  // RFC 3834: an automatic message, so that vacation responders do not answer it.
  out += "Auto-Submitted: auto-generated\r\n";
  out += "MIME-Version: 1.0\r\n";
  constexpr std::string_view kTextPart =
      "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: "
      "quoted-printable\r\n\r\n";
  if (m.html.empty()) {
    out += kTextPart;
    out += QuotedPrintable(m.text);
    return out;
  }
  // "=_" never occurs in quoted-printable text ("=" is always followed by hex digits or the
  // line end), so this boundary cannot occur inside either part.
  const std::string boundary = "=_attache_" + Sha256Hex(id + "\n" + m.subject).substr(0, 32);
  out += "Content-Type: multipart/alternative;\r\n boundary=\"" + boundary + "\"\r\n\r\n";
  out += "This is a multi-part message in MIME format.\r\n";
  out += "--" + boundary + "\r\n";
  out += kTextPart;
  out += QuotedPrintable(m.text);
  out += "--" + boundary + "\r\n";
  out +=
      "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: "
      "quoted-printable\r\n\r\n";
  out += QuotedPrintable(m.html);
  out += "--" + boundary + "--\r\n";
  return out;
}

std::string DotStuff(std::string_view message) {
  std::string out;
  out.reserve(message.size() + 64);
  bool line_start = true;
  for (char c : message) {
    if (line_start && c == '.') out += '.';
    out += c;
    line_start = c == '\n';
  }
  if (!out.ends_with("\r\n")) {
    if (!out.empty() && out.back() == '\r') out.pop_back();
    out += "\r\n";
  }
  return out;
}

}  // namespace attache::mail
