// JSON text written straight into a string, for answers built on every request from many rows
// (the proposal lists), where building an nlohmann::json first (a std::map per object, a node
// per value) costs more than the query. The text is what nlohmann::json's dump() writes for the
// same values: the same escapes, UTF-8 passed through, and invalid UTF-8 replaced by U+FFFD
// (error_handler_t::replace), so clients see no difference. Keys are written in the order
// given: write them sorted to match nlohmann::json objects.
// Thread-safety: a JsonWriter is used by one thread; it writes only to its string.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace attache {

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(*out) {}

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  // The name of the next member of the object being written: a name of our own (letters,
  // digits, '_'), written as it is, without escapes.
  JsonWriter& Key(std::string_view name);
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // A value that is already JSON text (for instance a dump() kept from an earlier request).
  JsonWriter& Raw(std::string_view json_text);

 private:
  void BeforeValue();
  void Escaped(std::string_view text);

  std::string& out_;
  // Per open object or array, whether no member has been written yet (a byte each: a
  // vector<bool>'s bit access cost more than the rest of writing a key).
  std::vector<char> first_;
  bool after_key_ = false;
};

}  // namespace attache
