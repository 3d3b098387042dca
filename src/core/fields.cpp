#include "attache/core/fields.h"

#include <cmath>

#include "attache/core/iso_date.h"

namespace attache::workflow {
namespace {

using nlohmann::json;

// The officially assigned ISO 3166-1 alpha-2 codes (249), two letters each, in order.
constexpr std::string_view kCountryCodes =
    "ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCDCFCGCHCI"
    "CKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQ"
    "GRGSGTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLCLILKLRLS"
    "LTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPG"
    "PHPKPLPMPNPRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTK"
    "TLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSYEYTZAZMZW";

size_t DefaultMaxLength(FieldType t) {
  return t == FieldType::kLongText ? 20'000 : 500;
}

// Characters, not bytes, so a Vietnamese text is not cut short for its diacritics.
size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// An IANA zone name such as "Asia/Ho_Chi_Minh" or "UTC" (shape only: the zone database is the
// browser's business).
bool IsZoneName(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' ||
          c == '+'))
      return false;
  return s.front() != '/' && s.back() != '/';
}

// "2026-05-04T09:00" or with seconds: a local time, its zone given apart.
bool IsLocalDateTime(std::string_view s) {
  if (s.size() != 16 && s.size() != 19) return false;
  if (!ParseIsoDate(s.substr(0, 10)) || s[10] != 'T' || s[13] != ':') return false;
  auto two = [&](size_t at, int hi) {
    if (!std::isdigit(static_cast<unsigned char>(s[at])) ||
        !std::isdigit(static_cast<unsigned char>(s[at + 1])))
      return false;
    return (s[at] - '0') * 10 + (s[at + 1] - '0') <= hi;
  };
  if (!two(11, 23) || !two(14, 59)) return false;
  return s.size() == 16 || (s[16] == ':' && two(17, 59));
}

class Checker {
 public:
  explicit Checker(std::vector<FieldError>* errors) : errors_(errors) {}

  void Value(const std::string& name, FieldType type, const json& v, const FieldDef* field,
             const std::vector<Option>* options) {
    name_ = &name;
    switch (type) {
      case FieldType::kText:
      case FieldType::kLongText: {
        if (!v.is_string()) return Error(Label("phải là văn bản", "must be text"));
        size_t max = field && field->max_length ? field->max_length : DefaultMaxLength(type);
        if (CodePoints(v.get_ref<const std::string&>()) > max)
          Error(Label("dài quá " + std::to_string(max) + " ký tự",
                      "longer than " + std::to_string(max) + " characters"));
        if (type == FieldType::kText &&
            v.get_ref<const std::string&>().find('\n') != std::string::npos)
          Error(Label("phải nằm trên một dòng", "must be a single line"));
        return;
      }
      case FieldType::kDate:
        if (!v.is_string() || !ParseIsoDate(v.get_ref<const std::string&>()))
          Error(Label("phải là ngày dạng YYYY-MM-DD", "must be a date YYYY-MM-DD"));
        return;
      case FieldType::kDatetime:
        if (!v.is_object() || v.size() != 2 || !v.contains("at") || !v.contains("tz") ||
            !v["at"].is_string() || !v["tz"].is_string() ||
            !IsLocalDateTime(v["at"].get_ref<const std::string&>()) ||
            !IsZoneName(v["tz"].get_ref<const std::string&>()))
          Error(Label("phải có dạng {\"at\": \"YYYY-MM-DDTHH:MM\", \"tz\": \"Asia/Ho_Chi_Minh\"}",
                      "must be {\"at\": \"YYYY-MM-DDTHH:MM\", \"tz\": \"Asia/Ho_Chi_Minh\"}"));
        return;
      case FieldType::kNumber:
      case FieldType::kInteger:
        if (!v.is_number() || (type == FieldType::kInteger && !v.is_number_integer()))
          return Error(type == FieldType::kInteger
                           ? Label("phải là số nguyên", "must be an integer")
                           : Label("phải là số", "must be a number"));
        if (field && field->min && v.get<double>() < *field->min)
          Error(Label("không được nhỏ hơn " + json(*field->min).dump(),
                      "must be at least " + json(*field->min).dump()));
        if (field && field->max && v.get<double>() > *field->max)
          Error(Label("không được lớn hơn " + json(*field->max).dump(),
                      "must be at most " + json(*field->max).dump()));
        return;
      case FieldType::kBoolean:
        if (!v.is_boolean()) Error(Label("phải là đúng hoặc sai", "must be true or false"));
        return;
      case FieldType::kCountry:
        if (!v.is_string() || !IsCountryCode(v.get_ref<const std::string&>()))
          Error(Label("phải là mã quốc gia ISO 3166 (ví dụ KR)",
                      "must be an ISO 3166 country code (e.g. KR)"));
        return;
      case FieldType::kCountryList:
        return List(
            v,
            [&](const json& e) {
              return e.is_string() && IsCountryCode(e.get_ref<const std::string&>());
            },
            Label("phải là danh sách mã quốc gia ISO 3166",
                  "must be a list of ISO 3166 country codes"));
      case FieldType::kPartner:
        if (!v.is_number_integer() || v.get<int64_t>() <= 0)
          Error(Label("phải là mã số đối tác", "must be a partner id"));
        return;
      case FieldType::kMoney: {
        bool ok = v.is_object() && v.size() == 2 && v.contains("amount") &&
                  v.contains("currency") && v["amount"].is_number() &&
                  std::isfinite(v["amount"].get<double>()) && v["amount"].get<double>() >= 0 &&
                  v["currency"].is_string() &&
                  IsCurrencyCode(v["currency"].get_ref<const std::string&>());
        if (!ok)
          Error(
              Label("phải có dạng {\"amount\": số không âm, \"currency\": mã ISO 4217 như \"USD\"}",
                    "must be {\"amount\": a non-negative number, \"currency\": an ISO 4217 code "
                    "like \"USD\"}"));
        return;
      }
      case FieldType::kEnum:
        if (!v.is_string() || !HasOption(*options, v.get_ref<const std::string&>()))
          Error(Label("không phải là một lựa chọn hợp lệ", "is not one of the options"));
        return;
      case FieldType::kEnumList: {
        std::vector<std::string> seen;
        return List(
            v,
            [&](const json& e) {
              if (!e.is_string() || !HasOption(*options, e.get_ref<const std::string&>()))
                return false;
              if (std::find(seen.begin(), seen.end(), e.get<std::string>()) != seen.end())
                return false;
              seen.push_back(e.get<std::string>());
              return true;
            },
            Label("phải là danh sách các lựa chọn hợp lệ, không trùng lặp",
                  "must be a list of distinct options"));
      }
      case FieldType::kStringList:
        return List(
            v,
            [&](const json& e) {
              return e.is_string() && CodePoints(e.get_ref<const std::string&>()) <= 500;
            },
            Label("phải là danh sách văn bản (mỗi mục tối đa 500 ký tự)",
                  "must be a list of texts (500 characters each at most)"));
      case FieldType::kPeople:
        return People(name, v, *field);
    }
  }

 private:
  static bool HasOption(const std::vector<Option>& options, std::string_view value) {
    for (const auto& o : options)
      if (o.value == value) return true;
    return false;
  }

  template <class Pred>
  void List(const json& v, Pred ok, Label message) {
    if (!v.is_array() || v.size() > 1000) return Error(std::move(message));
    for (const auto& e : v)
      if (!ok(e)) return Error(std::move(message));
  }

  void People(const std::string& name, const json& v, const FieldDef& field) {
    if (!v.is_array() || v.size() > 1000)
      return Error(Label("phải là danh sách người (tối đa 1000)",
                         "must be a list of people (1000 at most)"));
    for (size_t i = 0; i < v.size(); ++i) {
      std::string row = name + "[" + std::to_string(i) + "]";
      const json& p = v[i];
      if (!p.is_object()) {
        name_ = &row;
        Error(Label("phải là một đối tượng", "must be an object"));
        continue;
      }
      for (auto it = p.begin(); it != p.end(); ++it) {
        bool known = false;
        for (const auto& c : field.item_fields) known = known || c.name == it.key();
        if (!known) {
          std::string cell = row + "." + it.key();
          name_ = &cell;
          Error(Label("không có cột này", "no such column"));
        }
      }
      for (const auto& c : field.item_fields) {
        std::string cell = row + "." + c.name;
        auto it = p.find(c.name);
        if (it == p.end() || !IsPresent(*it)) {
          if (c.required) {
            name_ = &cell;
            Error(Label("bắt buộc", "is required"));
          }
          continue;
        }
        Value(cell, c.type, *it, nullptr, &c.options);
      }
    }
  }

  void Error(Label message) { errors_->push_back({*name_, std::move(message)}); }

  std::vector<FieldError>* errors_;
  const std::string* name_ = nullptr;
};

}  // namespace

bool IsPresent(const json& v) {
  if (v.is_null()) return false;
  if (v.is_string()) return !v.get_ref<const std::string&>().empty();
  if (v.is_array() || v.is_object()) return !v.empty();
  return true;
}

bool IsCountryCode(std::string_view code) {
  if (code.size() != 2) return false;
  for (size_t i = 0; i < kCountryCodes.size(); i += 2)
    if (kCountryCodes.substr(i, 2) == code) return true;
  return false;
}

bool IsCurrencyCode(std::string_view code) {
  return code.size() == 3 &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::vector<FieldError> ValidateFieldValues(const Definition& definition, const json& values) {
  std::vector<FieldError> errors;
  if (!values.is_object()) {
    errors.push_back({"fields", Label("phải là một đối tượng", "must be an object")});
    return errors;
  }
  Checker checker(&errors);
  for (auto it = values.begin(); it != values.end(); ++it) {
    const FieldDef* f = definition.Field(it.key());
    if (!f) {
      errors.push_back({it.key(), Label("không có trường này trong loại hồ sơ",
                                        "no such field in this kind of proposal")});
      continue;
    }
    if (it->is_null()) continue;
    checker.Value(f->name, f->type, *it, f, &f->options);
  }
  return errors;
}

}  // namespace attache::workflow
