#include "attache/service/proposal_search.h"

#include "attache/service/proposals.h"
#include "attache/store/proposal_search.h"
#include "attache/store/proposals.h"

namespace attache::service {
namespace {

using nlohmann::json;
using workflow::FieldType;

void AddLine(const json& value, std::string* out) {
  if (!value.is_string() || value.get_ref<const std::string&>().empty()) return;
  out->append(value.get_ref<const std::string&>()).push_back('\n');
}

}  // namespace

std::string FieldsSearchText(const workflow::Definition& def, const json& fields) {
  std::string out;
  if (!fields.is_object()) return out;
  for (const workflow::FieldDef& f : def.fields) {
    auto it = fields.find(f.name);
    if (it == fields.end() || f.personal) continue;
    switch (f.type) {
      case FieldType::kText:
      case FieldType::kLongText:
        AddLine(*it, &out);
        break;
      case FieldType::kStringList:
        if (it->is_array())
          for (const json& v : *it) AddLine(v, &out);
        break;
      case FieldType::kPeople:
        if (!it->is_array()) break;
        for (const json& person : *it) {
          if (!person.is_object()) continue;
          for (const workflow::ItemField& c : f.item_fields)
            if (c.type == FieldType::kText && !c.personal && person.contains(c.name))
              AddLine(person[c.name], &out);
        }
        break;
      default:
        break;
    }
  }
  return out;
}

Status IndexUnindexedProposals(store::Db& db, const Workflows& workflows, int* indexed) {
  if (indexed) *indexed = 0;
  if (store::SearchIndexComplete(db)) return Status::Ok();  // the usual start: milliseconds
  store::Txn txn(db);
  for (int64_t id : store::UnindexedProposals(db)) {
    store::ProposalRow row;
    if (!store::LoadProposal(db, id, &row).ok()) continue;
    auto def = workflows.Version(row.kind, row.workflow_version);
    if (!def)
      return Status::Corruption("proposal " + row.ref + ": no workflow " + row.kind + " version " +
                                std::to_string(row.workflow_version));
    store::IndexProposal(db, id, FieldsSearchText(*def, row.fields));
    if (indexed) ++*indexed;
  }
  txn.Commit();
  return Status::Ok();
}

}  // namespace attache::service
