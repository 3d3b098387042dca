// The fields, documents and columns of a workflow definition (workflow_loader_internal.h): each
// field's type, label, options, columns of a people field, bounds and condition; each kind of
// document; which fields fill the proposal list's columns. Also the names of the field types.
#include <algorithm>
#include <map>

#include "workflow_loader_internal.h"

namespace attache::workflow {
namespace loader {
namespace {

const std::map<std::string_view, FieldType>& FieldTypes() {
  static const std::map<std::string_view, FieldType> types = {
      {"text", FieldType::kText},
      {"long_text", FieldType::kLongText},
      {"date", FieldType::kDate},
      {"datetime", FieldType::kDatetime},
      {"number", FieldType::kNumber},
      {"integer", FieldType::kInteger},
      {"boolean", FieldType::kBoolean},
      {"country", FieldType::kCountry},
      {"country_list", FieldType::kCountryList},
      {"partner", FieldType::kPartner},
      {"money", FieldType::kMoney},
      {"enum", FieldType::kEnum},
      {"enum_list", FieldType::kEnumList},
      {"string_list", FieldType::kStringList},
      {"people", FieldType::kPeople}};
  return types;
}

FieldType ReadFieldType(const json& obj, const std::string& path) {
  std::string name = String(obj, path, "type");
  auto it = FieldTypes().find(name);
  if (it == FieldTypes().end()) Fail(Join(path, "type"), "unknown field type " + Quote(name));
  return it->second;
}

std::vector<Option> ReadOptions(const json& obj, const std::string& path) {
  std::vector<Option> options;
  Array(obj, path, "options", true, [&](const json& o, const std::string& at) {
    CheckKeys(o, at, {"value", "label"});
    Option option{Identifier(o, at, "value"), ReadLabel(o.at("label"), Join(at, "label"))};
    for (const auto& seen : options)
      if (seen.value == option.value)
        Fail(Join(at, "value"), "duplicate option " + Quote(option.value));
    options.push_back(std::move(option));
  });
  return options;
}

bool HasOptions(FieldType t) {
  return t == FieldType::kEnum || t == FieldType::kEnumList;
}

void ReadItemFields(const json& obj, const std::string& path, FieldDef* field) {
  Array(obj, path, "item_fields", true, [&](const json& j, const std::string& at) {
    CheckKeys(j, at, {"name", "type", "label"}, {"required", "personal", "options"});
    ItemField item{Identifier(j, at, "name"),
                   ReadFieldType(j, at),
                   ReadLabel(j.at("label"), Join(at, "label")),
                   Bool(j, at, "required"),
                   Bool(j, at, "personal"),
                   {}};
    if (item.type != FieldType::kText && item.type != FieldType::kDate &&
        item.type != FieldType::kCountry && item.type != FieldType::kEnum)
      Fail(Join(at, "type"), "a column of a people field is text, date, country or enum");
    if (item.type == FieldType::kEnum)
      item.options = ReadOptions(j, at);
    else if (j.contains("options"))
      Fail(Join(at, "options"), "only enum columns have options");
    for (const auto& seen : field->item_fields)
      if (seen.name == item.name) Fail(Join(at, "name"), "duplicate column " + Quote(item.name));
    field->item_fields.push_back(std::move(item));
  });
}

}  // namespace

// Fields are read in two passes: names and types first, so that the `when` of any field may
// name any other.
void ReadFields(const json& root, Definition* def) {
  Array(root, "", "fields", true, [&](const json& j, const std::string& at) {
    CheckKeys(j, at, {"name", "type", "label"},
              {"help", "options", "item_fields", "personal", "max_length", "min", "max",
               "required_from", "when"});
    FieldDef f;
    f.name = Identifier(j, at, "name");
    if (def->Field(f.name)) Fail(Join(at, "name"), "duplicate field " + Quote(f.name));
    f.type = ReadFieldType(j, at);
    f.label = ReadLabel(j.at("label"), Join(at, "label"));
    f.help = OptionalLabel(j, at, "help");
    if (HasOptions(f.type))
      f.options = ReadOptions(j, at);
    else if (j.contains("options"))
      Fail(Join(at, "options"), "only enum and enum_list fields have options");
    if (f.type == FieldType::kPeople)
      ReadItemFields(j, at, &f);
    else if (j.contains("item_fields"))
      Fail(Join(at, "item_fields"), "only people fields have item_fields");
    f.personal = Bool(j, at, "personal");
    bool text = f.type == FieldType::kText || f.type == FieldType::kLongText;
    if (j.contains("max_length")) {
      if (!text) Fail(Join(at, "max_length"), "only text fields have max_length");
      f.max_length = static_cast<size_t>(Integer(j, at, "max_length", 1, 1'000'000));
    }
    bool numeric = f.type == FieldType::kNumber || f.type == FieldType::kInteger;
    for (const char* bound : {"min", "max"}) {
      if (!j.contains(bound)) continue;
      if (!numeric) Fail(Join(at, bound), "only number and integer fields have bounds");
      (bound[1] == 'i' ? f.min : f.max) = Number(j, at, bound);
    }
    if (f.min && f.max && *f.min > *f.max) Fail(Join(at, "min"), "min is greater than max");
    f.required_from = OptionalString(j, at, "required_from");
    if (f.type == FieldType::kDate) def->date_fields.insert(f.name);
    def->fields.push_back(std::move(f));
  });
  const json& fields = root.at("fields");
  for (size_t i = 0; i < fields.size(); ++i)
    def->fields[i].when = OptionalExpression(fields[i], Join("/fields", i), "when", *def);
}

void ReadDocuments(const json& root, Definition* def) {
  Array(root, "", "documents", false, [&](const json& j, const std::string& at) {
    CheckKeys(j, at, {"type", "label"}, {"required_from", "when"});
    DocumentDef d{Identifier(j, at, "type"), ReadLabel(j.at("label"), Join(at, "label")),
                  OptionalString(j, at, "required_from"), OptionalExpression(j, at, "when", *def)};
    for (const auto& seen : def->documents)
      if (seen.type == d.type) Fail(Join(at, "type"), "duplicate document type " + Quote(d.type));
    def->documents.push_back(std::move(d));
  });
}

void ReadColumns(const json& root, Definition* def) {
  if (!root.contains("columns")) return;
  const json& c = root.at("columns");
  CheckKeys(c, "/columns", {}, {"partner", "country", "starts_on", "ends_on", "amount_usd"});
  auto column = [&](const char* key, std::initializer_list<FieldType> types, std::string* out) {
    if (!c.contains(key)) return;
    *out = String(c, "/columns", key);
    const FieldDef* f = def->Field(*out);
    if (!f) Fail(Join("/columns", key), "unknown field " + Quote(*out));
    if (std::find(types.begin(), types.end(), f->type) == types.end())
      Fail(Join("/columns", key), "field " + Quote(*out) + " cannot fill this column (type " +
                                      std::string(FieldTypeName(f->type)) + ")");
  };
  column("partner", {FieldType::kPartner}, &def->columns.partner);
  column("country", {FieldType::kCountry, FieldType::kCountryList}, &def->columns.country);
  column("starts_on", {FieldType::kDate}, &def->columns.starts_on);
  column("ends_on", {FieldType::kDate}, &def->columns.ends_on);
  column("amount_usd", {FieldType::kNumber}, &def->columns.amount_usd);
}

}  // namespace loader

std::string_view FieldTypeName(FieldType type) {
  for (const auto& [name, t] : loader::FieldTypes())
    if (t == type) return name;
  return "?";
}

}  // namespace attache::workflow
