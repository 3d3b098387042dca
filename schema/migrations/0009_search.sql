-- Full-text search over proposals (GET /api/proposals?q=): one row per proposal, rowid = the
-- proposal's id. The store writes it in the same transaction as the proposal, from the
-- title, the reference number, the partner's names and the text of the fields (personal data
-- left out), each folded by core/text.h's FoldForSearch: lower case, Vietnamese diacritics
-- removed and đ/Đ as d, which unicode61 alone does not do (đ is a letter of its own, not a
-- d with a mark). Queries are folded the same way, so "doan" finds "Đoàn".
-- Proposals that have no row here (written before this migration, or by other tools) are
-- indexed by the server when it starts (service/proposal_search.h), with the definitions
-- that say which fields hold text.
CREATE VIRTUAL TABLE proposals_fts USING fts5(
  title,    -- the proposal's title
  ref,      -- ĐR-2026-0012 is indexed as "dr 2026 0012"
  partner,  -- Vietnamese and English names and acronym of the partner it names
  details,  -- the text values of its fields
  tokenize = 'unicode61 remove_diacritics 2'
);
