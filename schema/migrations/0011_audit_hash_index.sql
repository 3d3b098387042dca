-- The audit trail's `hash UNIQUE` (0003) was a column constraint, which SQLite keeps as an
-- unnamed index that can never be dropped. The same constraint as a named unique index lets a
-- bulk load (`attache seed`, app/bulk_seed.h) drop it, write millions of entries, and build it
-- once from sorted keys inside the same transaction, instead of inserting every random hash
-- at a random place in the index (most of the load's time at 1,000,000 proposals).
-- The table is rebuilt with the same columns and rows; the triggers and indexes are made again.
CREATE TABLE audit_rebuilt (
  seq          INTEGER PRIMARY KEY,
  at           TEXT NOT NULL,
  actor        INTEGER NOT NULL REFERENCES users(id),
  on_behalf_of INTEGER REFERENCES users(id),
  proposal     INTEGER NOT NULL REFERENCES proposals(id),
  action       TEXT NOT NULL,
  from_state   TEXT NOT NULL,
  to_state     TEXT NOT NULL,
  comment      TEXT,
  payload      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL
) STRICT;
INSERT INTO audit_rebuilt
  SELECT seq, at, actor, on_behalf_of, proposal, action, from_state, to_state, comment, payload,
         prev_hash, hash
  FROM audit ORDER BY seq;
-- Dropping the table drops its indexes and triggers; its rows fire no trigger as it goes.
DROP TABLE audit;
ALTER TABLE audit_rebuilt RENAME TO audit;
CREATE UNIQUE INDEX audit_hash ON audit (hash);
CREATE INDEX audit_proposal ON audit (proposal, seq);
CREATE INDEX audit_at ON audit (at, from_state, to_state, proposal);

-- Append-only, as before.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
