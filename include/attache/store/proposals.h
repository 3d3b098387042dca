// Proposals and their audit trail: the one place that writes them. Every change of a proposal
// and its audit entry commit in one BEGIN IMMEDIATE transaction; a change carries the version
// it was decided on (optimistic locking), so of many concurrent attempts exactly one wins.
// Thread-safety: functions use the connection they are given, from one thread at a time;
// several threads with their own connections may call them concurrently.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "attache/core/audit_chain.h"
#include "attache/core/status.h"
#include "attache/store/audit_anchors.h"
#include "attache/store/db.h"

namespace attache::store {

struct ProposalRow {
  int64_t id = 0;
  std::string kind;
  int workflow_version = 0;
  std::string ref;  // e.g. ĐR-2026-0001
  std::string title;
  int64_t unit_id = 0;
  int64_t created_by = 0;
  std::string state;
  std::string state_entered_at;       // RFC 3339
  std::optional<std::string> due_on;  // YYYY-MM-DD
  nlohmann::json fields = nlohmann::json::object();
  int64_t version = 0;
  int64_t audit_seq = 0;
  std::string created_at;
  std::string updated_at;
  std::optional<int64_t> plan_item_id;  // the unit's plan item it carries out
};

// The columns lists filter and sort on, copied from the fields at every write (which field
// fills which is the workflow definition's "columns").
struct ListColumns {
  std::optional<int64_t> partner_id;
  std::optional<std::string> country;    // ISO 3166 alpha-2 (the first, for a list)
  std::optional<std::string> starts_on;  // YYYY-MM-DD
  std::optional<std::string> ends_on;
  std::optional<double> amount_usd;
  // The words of the fields for full-text search (service::FieldsSearchText: text values,
  // personal data left out); the store folds and indexes them (store/proposal_search.h).
  std::string search_text;
};

struct NewProposal {
  std::string kind;
  int workflow_version = 0;
  std::string ref_prefix;  // "ĐR"; the number is drawn per prefix and year, never reused
  std::string title;
  int64_t unit_id = 0;
  int64_t created_by = 0;
  std::string initial_state;
  std::optional<std::string> due_on;
  nlohmann::json fields = nlohmann::json::object();
  ListColumns columns;
  std::optional<int64_t> plan_item_id;
  std::string at;  // RFC 3339 time of creation (the clock is the caller's)
};

// Creates the proposal with version 1, its "create" audit entry and its full-text index row.
// InvalidArgument for a title that is empty or longer than 500 characters, or an unknown workflow
// version.
Status CreateProposal(Db& db, const NewProposal& proposal, ProposalRow* created);

// NotFound when there is no such proposal.
Status LoadProposal(Db& db, int64_t id, ProposalRow* out);

// One step of a proposal, as decided by the engine on version `expected_version`.
struct StepRecord {
  int64_t proposal_id = 0;
  int64_t expected_version = 0;
  std::string to_state;
  std::optional<std::string> due_on;
  std::optional<nlohmann::json> fields;  // the new fields, when the step changes them
  ListColumns columns;                   // from the fields after the step
  AuditEntry event;  // actor, on_behalf_of, action, from, to, comment, payload, at
};

// Applies the step and appends its audit entry in one transaction; a step that brings fields
// also rewrites the list columns and the full-text index row (from `columns`). Conflict when the
// proposal's version is no longer `expected_version` or its state is no longer event.from
// (nothing is written); NotFound when there is no such proposal.
Status RecordStep(Db& db, const StepRecord& step, ProposalRow* after);

// Something recorded on a proposal that does not move it to another state: an edit of its
// title or fields, a document attached, an opinion asked or answered. It is audited like a
// step (from and to are the current state) and bumps the version, because it can change what
// may be done next; the state's clock and deadline are left as they are.
struct EventRecord {
  int64_t proposal_id = 0;
  std::optional<int64_t> expected_version;  // none: whatever the version is now
  std::optional<std::string> title;
  std::optional<nlohmann::json> fields;
  std::optional<ListColumns> columns;  // with fields
  AuditEntry event;  // actor, on_behalf_of, action, comment, payload, at (from/to are filled)
};

// Appends the event in one transaction; when it changes the title or fields, the full-text
// index row is rewritten in it too (the field words from `columns`, or kept when no `columns`
// are given). Conflict when `expected_version` is given and stale;
// NotFound when there is no such proposal; InvalidArgument for a bad title.
Status RecordEvent(Db& db, const EventRecord& record, ProposalRow* after);

// The audit entries of one proposal, oldest first.
std::vector<AuditEntry> ProposalHistory(Db& db, int64_t proposal_id);

// Walks the whole audit chain in seq order and then checks it against the proposals: every
// proposal's audit_seq must be its latest entry and that entry's to_state its state (so a
// truncated tail or a change written without its entry is found). Reads in one snapshot.
// With `anchors`, also checks that each anchored entry is still there with the anchored hash.
ChainReport VerifyAudit(Db& db, const std::vector<AuditAnchor>& anchors = {});

// Registers a workflow definition's canonical text for `kind`: the same content (by SHA-256)
// returns its existing version; new content gets the next version number.
Status RegisterWorkflowVersion(Db& db, const std::string& kind, const std::string& definition,
                               int* version);

// The stored definition text of kind/version. NotFound when absent.
Status LoadWorkflowVersion(Db& db, const std::string& kind, int version, std::string* definition);

}  // namespace attache::store
