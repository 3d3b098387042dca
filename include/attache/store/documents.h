// The documents of proposals: the repository over `documents`. A row names content stored by
// DocumentFiles (its SHA-256); a new version of a document names the one it replaces, which
// stays as history. Adding a document is audited on its proposal (store::RecordEvent, action
// "upload_document") in the same transaction as the row.
// Thread-safety: functions use the connection they are given, from one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "attache/core/status.h"
#include "attache/store/db.h"

namespace attache::store {

struct DocumentRow {
  int64_t id = 0;
  int64_t proposal_id = 0;
  std::string type;      // one of the proposal definition's document types
  std::string filename;  // the original name, as data (never a path)
  int64_t size = 0;
  std::string sha256;
  std::string content_type;  // detected from the content, never the client's word
  int64_t uploaded_by = 0;
  std::string uploaded_by_name;
  std::string uploaded_at;  // RFC 3339
  std::optional<int64_t> replaces;
  std::optional<int64_t> replaced_by;  // set once a newer version exists

  bool current() const { return !replaced_by; }
};

struct NewDocument {
  int64_t proposal_id = 0;
  std::string type;
  std::string filename;
  int64_t size = 0;
  std::string sha256;
  std::string content_type;
  int64_t uploaded_by = 0;
  std::string uploaded_at;  // RFC 3339 (the clock is the caller's)
  std::optional<int64_t> replaces;
};

// Adds the document and its audit event in one transaction (the event bumps the proposal's
// version). NotFound when there is no such proposal. For `replaces`, with *field set to
// "replaces": InvalidArgument when that document does not exist, belongs to another proposal
// or is of another type; Conflict when it has already been replaced. InvalidArgument (field
// "type" or "filename") for a type of 1 to 64 bytes or a filename of 1 to 255 bytes missed.
Status AddDocument(Db& db, const NewDocument& document, DocumentRow* added,
                   std::string* field = nullptr);

std::optional<DocumentRow> FindDocument(Db& db, int64_t id);

// Every document of the proposal, current ones and replaced ones, newest first.
std::vector<DocumentRow> ListDocuments(Db& db, int64_t proposal_id);

// The types of the proposal's current (not replaced) documents: what the workflow engine
// checks a step's required documents against.
std::set<std::string> CurrentDocumentTypes(Db& db, int64_t proposal_id);

// Whether any document row names this content.
bool IsContentReferenced(Db& db, const std::string& sha256);

}  // namespace attache::store
