#include "attache/http/multipart.h"

#include <optional>

#include "attache/http/path.h"

namespace attache::http {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The value of parameter `name` in "type; a=b; name="v"" (quoted-string unescaped), or nullopt.
std::optional<std::string> Param(std::string_view header, std::string_view name) {
  size_t pos = header.find(';');
  while (pos != std::string_view::npos) {
    std::string_view rest = header.substr(pos + 1);
    size_t eq = rest.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    std::string key = Lower(Trim(rest.substr(0, eq)));
    rest = Trim(rest.substr(eq + 1));
    std::string value;
    size_t consumed = 0;
    if (!rest.empty() && rest.front() == '"') {
      size_t i = 1;
      for (; i < rest.size() && rest[i] != '"'; ++i) {
        if (rest[i] == '\\' && i + 1 < rest.size()) ++i;
        value.push_back(rest[i]);
      }
      consumed = std::min(i + 1, rest.size());
    } else {
      consumed = std::min(rest.find(';'), rest.size());
      value = std::string(Trim(rest.substr(0, consumed)));
    }
    if (key == name) return value;
    size_t next = rest.find(';', consumed);
    if (next == std::string_view::npos) return std::nullopt;
    pos = static_cast<size_t>(rest.data() - header.data()) + next;
  }
  return std::nullopt;
}

}  // namespace

Status MultipartBoundary(std::string_view content_type, std::string* boundary) {
  if (Lower(Trim(content_type.substr(0, content_type.find(';')))) != "multipart/form-data")
    return Status::InvalidArgument("send the file as multipart/form-data");
  auto b = Param(content_type, "boundary");
  if (!b || b->empty() || b->size() > 70)
    return Status::InvalidArgument("multipart/form-data needs a boundary of 1 to 70 characters");
  for (unsigned char c : *b)
    if (c < 0x20 || c > 0x7e) return Status::InvalidArgument("the multipart boundary has bad characters");
  *boundary = *b;
  return Status::Ok();
}

MultipartParser::MultipartParser(std::string boundary, Callbacks callbacks)
    : delimiter_("\r\n--" + boundary), callbacks_(std::move(callbacks)) {
  // The first boundary may come without the CRLF before it: pretend we saw one.
  buffer_ = "\r\n";
}

Status MultipartParser::Fail(std::string message) {
  error_ = Status::InvalidArgument(std::move(message));
  return error_;
}

Status MultipartParser::ParseHeaders(std::string_view block, PartHeaders* out) {
  bool form_data = false;
  while (!block.empty()) {
    size_t eol = block.find("\r\n");
    std::string_view line = block.substr(0, eol);
    block = eol == std::string_view::npos ? std::string_view{} : block.substr(eol + 2);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) return Fail("a multipart part has a malformed header line");
    std::string name = Lower(Trim(line.substr(0, colon)));
    std::string_view value = Trim(line.substr(colon + 1));
    if (name == "content-disposition") {
      if (Lower(Trim(value.substr(0, value.find(';')))) != "form-data")
        return Fail("a multipart part is not form-data");
      form_data = true;
      out->name = Param(value, "name").value_or("");
      if (auto star = Param(value, "filename*")) {
        // RFC 5987: charset'language'percent-encoded
        size_t q = star->find('\'');
        size_t q2 = q == std::string::npos ? q : star->find('\'', q + 1);
        std::string decoded;
        if (q2 == std::string::npos || Lower(star->substr(0, q)) != "utf-8" ||
            !PercentDecode(std::string_view(*star).substr(q2 + 1), &decoded).ok())
          return Fail("a multipart part has a malformed filename*");
        out->filename = decoded;
        out->has_filename = true;
      } else if (auto plain = Param(value, "filename")) {
        out->filename = *plain;
        out->has_filename = true;
      }
    } else if (name == "content-type") {
      out->content_type = std::string(value);
    }
  }
  if (!form_data) return Fail("a multipart part has no Content-Disposition: form-data");
  return Status::Ok();
}

Status MultipartParser::Feed(std::string_view bytes) {
  if (!error_.ok()) return error_;
  buffer_.append(bytes);
  while (true) {
    switch (state_) {
      case State::kPreamble: {
        size_t at = buffer_.find(delimiter_);
        if (at == std::string::npos) {
          // Keep only what could still be the start of the delimiter.
          if (buffer_.size() > delimiter_.size()) buffer_.erase(0, buffer_.size() - delimiter_.size());
          return Status::Ok();
        }
        buffer_.erase(0, at + delimiter_.size());
        state_ = State::kAfterBoundary;
        break;
      }
      case State::kAfterBoundary: {
        if (buffer_.size() < 2) return Status::Ok();
        if (buffer_.compare(0, 2, "--") == 0) {
          state_ = State::kEpilogue;
          buffer_.clear();
          return Status::Ok();
        }
        // Transport padding (spaces, tabs) may follow a boundary before its CRLF.
        size_t eol = buffer_.find("\r\n");
        if (eol == std::string::npos) {
          if (buffer_.size() > 256) return Fail("a multipart boundary line is malformed");
          return Status::Ok();
        }
        if (!Trim(std::string_view(buffer_).substr(0, eol)).empty())
          return Fail("a multipart boundary line is malformed");
        buffer_.erase(0, eol + 2);
        if (++parts_ > kMaxParts) return Fail("too many parts in the multipart body");
        state_ = State::kHeaders;
        break;
      }
      case State::kHeaders: {
        size_t end = buffer_.find("\r\n\r\n");
        if (end == std::string::npos) {
          if (buffer_.size() > kMaxHeaderBytes) return Fail("multipart part headers are too large");
          return Status::Ok();
        }
        if (end > kMaxHeaderBytes) return Fail("multipart part headers are too large");
        PartHeaders headers;
        if (Status s = ParseHeaders(std::string_view(buffer_).substr(0, end), &headers); !s.ok())
          return s;
        buffer_.erase(0, end + 4);
        if (Status s = callbacks_.on_part(headers); !s.ok()) return error_ = s;
        state_ = State::kData;
        break;
      }
      case State::kData: {
        size_t at = buffer_.find(delimiter_);
        if (at == std::string::npos) {
          // Everything but a possible partial delimiter at the end is data.
          if (buffer_.size() > delimiter_.size()) {
            size_t safe = buffer_.size() - delimiter_.size();
            if (Status s = callbacks_.on_data(std::string_view(buffer_).substr(0, safe)); !s.ok())
              return error_ = s;
            buffer_.erase(0, safe);
          }
          return Status::Ok();
        }
        if (at > 0)
          if (Status s = callbacks_.on_data(std::string_view(buffer_).substr(0, at)); !s.ok())
            return error_ = s;
        buffer_.erase(0, at + delimiter_.size());
        state_ = State::kAfterBoundary;
        break;
      }
      case State::kEpilogue:
        buffer_.clear();
        return Status::Ok();
    }
  }
}

Status MultipartParser::Finish() {
  if (!error_.ok()) return error_;
  if (state_ != State::kEpilogue) return Fail("the multipart body ended before its closing boundary");
  return Status::Ok();
}

}  // namespace attache::http
