// Opinions asked of other bodies about a proposal, and their answers; and comments.
// Thread-safety: functions use the connection they are given, from one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "attache/core/status.h"
#include "attache/store/db.h"

namespace attache::store {

struct ConsultationRow {
  int64_t id = 0;
  int64_t proposal_id = 0;
  std::string body;  // who is asked: "Bộ Ngoại giao", "UBND tỉnh Quảng Ninh", ...
  std::string note;
  std::string due_on;  // YYYY-MM-DD
  int64_t asked_by = 0;
  std::string asked_at;
  std::optional<std::string> answer;  // agree, agree_with_conditions, object
  std::string answer_note;
  std::optional<int64_t> answered_by;
  std::optional<std::string> answered_at;
  std::optional<int64_t> document_id;
};

// InvalidArgument for an empty or over-long body or note.
Status AddConsultation(Db& db, const ConsultationRow& row, int64_t* id);
// Oldest first.
std::vector<ConsultationRow> ConsultationsOf(Db& db, int64_t proposal_id);
std::optional<ConsultationRow> FindConsultation(Db& db, int64_t id);
// Records the answer. Conflict when it is already answered; InvalidArgument when the document
// is not one of the same proposal's.
Status AnswerConsultation(Db& db, int64_t id, const std::string& answer, const std::string& note,
                          int64_t answered_by, const std::string& at,
                          std::optional<int64_t> document_id);

struct CommentRow {
  int64_t id = 0;
  int64_t proposal_id = 0;
  int64_t author = 0;
  std::string author_name;  // filled when read
  std::string at;
  std::string body;
};

// InvalidArgument for an empty body or one over 10,000 characters.
Status AddComment(Db& db, const CommentRow& row, int64_t* id);
// Oldest first.
std::vector<CommentRow> CommentsOf(Db& db, int64_t proposal_id);

}  // namespace attache::store
