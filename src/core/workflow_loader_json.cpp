// Reading the values particular to a workflow definition out of its JSON
// (workflow_loader_internal.h): labels and expressions; the generic ones (keys, strings, names,
// numbers, arrays) are core/json_reader.h's. Each refusal is a LoadError naming the JSON
// pointer of the value at fault and what it must be.
#include "workflow_loader_internal.h"

namespace attache::workflow::loader {

Label ReadLabel(const json& j, const std::string& path) {
  CheckKeys(j, path, {"vi", "en"});
  return {String(j, path, "vi"), String(j, path, "en")};
}

std::optional<Label> OptionalLabel(const json& obj, const std::string& path, std::string_view key) {
  if (!obj.contains(key)) return std::nullopt;
  return ReadLabel(obj.at(std::string(key)), Join(path, key));
}

Expression ReadExpression(const json& obj, const std::string& path, std::string_view key,
                          const Definition& def) {
  std::string text = String(obj, path, key);
  Expression e;
  if (Status s = Expression::Parse(text, &e); !s.ok())
    Fail(Join(path, key), "expression does not parse: " + s.message());
  for (const auto& name : e.fields())
    if (!def.Field(name)) Fail(Join(path, key), "expression names unknown field " + Quote(name));
  return e;
}

std::optional<Expression> OptionalExpression(const json& obj, const std::string& path,
                                             std::string_view key, const Definition& def) {
  if (!obj.contains(key)) return std::nullopt;
  return ReadExpression(obj, path, key, def);
}

}  // namespace attache::workflow::loader
