#include "attache/core/json_writer.h"

#include <cstdio>

namespace attache {
namespace {

// How many bytes from `s[i]` (a byte >= 0x80) belong to one UTF-8 sequence (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF); `complete` says whether they form a
// whole character. Like nlohmann::json's decoder, a broken sequence is its lead byte and the
// continuation bytes that could still have followed it: one U+FFFD stands for all of them.
[[gnu::always_inline]] inline size_t Utf8Sequence(std::string_view s, size_t i, bool* complete) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  size_t need = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    need = 1;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 2;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    *complete = false;  // a continuation byte or a byte no sequence starts with
    return 1;
  }
  size_t n = 1;
  for (; n <= need && i + n < s.size(); ++n) {
    unsigned char b = byte(i + n);
    bool ok = n == 1 ? (b >= lo && b <= hi) : (b & 0xC0) == 0x80;
    if (!ok) break;
  }
  *complete = n == need + 1;
  return n;
}

}  // namespace

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_.push_back(',');
    first_.back() = false;
  }
}

JsonWriter& JsonWriter::BeginObject() {
  BeforeValue();
  out_.push_back('{');
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::EndObject() {
  out_.push_back('}');
  first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::BeginArray() {
  BeforeValue();
  out_.push_back('[');
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::EndArray() {
  out_.push_back(']');
  first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::Key(std::string_view name) {
  BeforeValue();
  out_.push_back('"');
  out_.append(name);
  out_.append("\":", 2);
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view value) {
  BeforeValue();
  Escaped(value);
  return *this;
}

JsonWriter& JsonWriter::Int(int64_t value) {
  BeforeValue();
  out_ += std::to_string(value);
  return *this;
}

JsonWriter& JsonWriter::Bool(bool value) {
  BeforeValue();
  out_ += value ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::Null() {
  BeforeValue();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::Raw(std::string_view json_text) {
  BeforeValue();
  out_ += json_text;
  return *this;
}

void JsonWriter::Escaped(std::string_view s) {
  out_.push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    // The run of bytes that go out as they are: printable ASCII but the quote and backslash,
    // and whole well-formed UTF-8 characters.
    size_t j = i;
    while (j < s.size()) {
      unsigned char c = static_cast<unsigned char>(s[j]);
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        ++j;
      } else if (c >= 0x80) {
        bool complete = false;
        size_t n = Utf8Sequence(s, j, &complete);
        if (!complete) break;
        j += n;
      } else {
        break;
      }
    }
    out_.append(s.data() + i, j - i);
    if (j == s.size()) break;
    unsigned char c = static_cast<unsigned char>(s[j]);
    i = j + 1;
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\b': out_ += "\\b"; break;
      case '\f': out_ += "\\f"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      default:
        if (c >= 0x80) {  // a broken sequence: one U+FFFD for its bytes
          bool complete = false;
          i = j + Utf8Sequence(s, j, &complete);
          out_ += "\xEF\xBF\xBD";
        } else {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out_ += buf;
        }
    }
  }
  out_.push_back('"');
}

}  // namespace attache
