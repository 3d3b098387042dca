// Sample values for the fields of a workflow definition, shared by the tests generated from
// the definitions: a well-formed value of each type, and other values worth trying when a
// test searches for data that satisfies, or breaks, a condition.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "attache/core/iso_date.h"
#include "attache/core/workflow.h"

namespace attache::testing {

using nlohmann::json;
using workflow::FieldDef;
using workflow::FieldType;
using workflow::Option;

// The day the generated tests run on: a Monday.
inline const Date kSampleToday = Date(*ParseIsoDate("2026-03-02"));

inline std::string Day(int offset) {
  return attache::FormatIsoDate(
      std::chrono::year_month_day(kSampleToday + std::chrono::days(offset)));
}

inline json Sample(FieldType type, const std::vector<Option>& options, const FieldDef* f) {
  switch (type) {
    case FieldType::kText:
      return "Mẫu thử";
    case FieldType::kLongText:
      return "Nội dung mẫu thử dài";
    case FieldType::kDate:
      return Day(120);
    case FieldType::kDatetime:
      return {{"at", Day(120) + "T09:00"}, {"tz", "Asia/Ho_Chi_Minh"}};
    case FieldType::kNumber:
    case FieldType::kInteger:
      return f && f->min ? std::max(*f->min, 1.0) : 1000.0;
    case FieldType::kBoolean:
      return false;
    case FieldType::kCountry:
      return "KR";
    case FieldType::kCountryList:
      return {"KR"};
    case FieldType::kPartner:
      return 1;
    case FieldType::kMoney:
      return {{"amount", 1000}, {"currency", "USD"}};
    case FieldType::kEnum:
      return options.at(0).value;
    case FieldType::kEnumList:
      return {options.at(0).value};
    case FieldType::kStringList:
      return {"Mẫu"};
    case FieldType::kPeople: {
      json person = json::object();
      for (const auto& c : f->item_fields) person[c.name] = Sample(c.type, c.options, nullptr);
      return json::array({person});
    }
  }
  return nullptr;
}

inline json SampleValue(const FieldDef& f) {
  json v = Sample(f.type, f.options, &f);
  if (f.type == FieldType::kInteger) v = static_cast<int64_t>(v.get<double>());
  return v;
}

// Other values worth trying for a field when searching for a proposal that satisfies, or
// breaks, a condition.
inline std::vector<json> Alternatives(const FieldDef& f) {
  std::vector<json> out = {nullptr};
  switch (f.type) {
    case FieldType::kBoolean:
      out.push_back(true);
      out.push_back(false);
      break;
    case FieldType::kEnum:
      for (const auto& o : f.options) out.push_back(o.value);
      break;
    case FieldType::kEnumList: {
      json all = json::array();
      for (const auto& o : f.options) out.push_back({o.value}), all.push_back(o.value);
      out.push_back(all);
      break;
    }
    case FieldType::kNumber:
    case FieldType::kInteger:
      for (double v : {0.0, 1.0, 5.0, 50000.0, 150000.0, 250000.0, 1e9})
        if ((!f.min || v >= *f.min) && (!f.max || v <= *f.max))
          out.push_back(f.type == FieldType::kInteger ? json(static_cast<int64_t>(v)) : json(v));
      break;
    case FieldType::kDate:
      for (int d : {-400, -200, -30, 0, 3, 10, 25, 45, 200, 400}) out.push_back(Day(d));
      break;
    case FieldType::kMoney:
      for (double a : {0.0, 100000.0, 1e7}) out.push_back({{"amount", a}, {"currency", "USD"}});
      break;
    case FieldType::kPeople: {
      json many = json::array();
      for (int i = 0; i < 6; ++i) many.push_back(SampleValue(f)[0]);
      out.push_back(many);
      break;
    }
    case FieldType::kStringList:
      out.push_back({"a", "b", "c"});
      break;
    default:
      out.push_back(SampleValue(f));
      break;
  }
  return out;
}

}  // namespace attache::testing
