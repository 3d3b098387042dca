-- Workflow definitions by version, proposals, and the append-only, hash-chained audit trail.

-- Every distinct content of a kind's definition gets the next version; proposals keep theirs.
CREATE TABLE workflow_versions (
  kind       TEXT NOT NULL,
  version    INTEGER NOT NULL CHECK (version >= 1),
  sha256     TEXT NOT NULL,
  definition TEXT NOT NULL CHECK (json_valid(definition)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  PRIMARY KEY (kind, version),
  UNIQUE (kind, sha256)
) STRICT;

-- Reference numbers (ĐR-2026-0001) are drawn from here and never reused.
CREATE TABLE ref_counters (
  prefix TEXT NOT NULL,
  year   INTEGER NOT NULL,
  last   INTEGER NOT NULL,
  PRIMARY KEY (prefix, year)
) STRICT, WITHOUT ROWID;

CREATE TABLE proposals (
  id               INTEGER PRIMARY KEY,
  kind             TEXT NOT NULL,
  workflow_version INTEGER NOT NULL,
  ref              TEXT NOT NULL UNIQUE,
  title            TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  unit_id          INTEGER NOT NULL REFERENCES units(id),
  created_by       INTEGER NOT NULL REFERENCES users(id),
  state            TEXT NOT NULL,
  state_entered_at TEXT NOT NULL,
  due_on           TEXT,                 -- YYYY-MM-DD: the current step's deadline, if any
  fields           TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(fields)),
  version          INTEGER NOT NULL DEFAULT 1,  -- optimistic locking: +1 on every change
  audit_seq        INTEGER NOT NULL,     -- seq of this proposal's latest audit entry
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  FOREIGN KEY (kind, workflow_version) REFERENCES workflow_versions (kind, version)
) STRICT;
CREATE INDEX proposals_state ON proposals (kind, state);
CREATE INDEX proposals_unit ON proposals (unit_id, updated_at);

-- Append-only: the triggers below refuse UPDATE and DELETE. See core/audit_chain.h for how
-- hash and prev_hash are computed.
CREATE TABLE audit (
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
  hash         TEXT NOT NULL UNIQUE
) STRICT;
CREATE INDEX audit_proposal ON audit (proposal, seq);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
