-- What surrounds a proposal (issue 5): partners and annual plans it links to, its documents,
-- the opinions asked of other bodies, comments, and the columns lists filter on.

-- Foreign partners (DOMAIN.md "Partners").
CREATE TABLE partners (
  id         INTEGER PRIMARY KEY,
  type       TEXT NOT NULL CHECK (type IN ('un_agency', 'financial_institution', 'government',
                                           'ngo', 'regional_body', 'other')),
  name_vi    TEXT NOT NULL CHECK (length(name_vi) BETWEEN 1 AND 300),
  name_en    TEXT NOT NULL CHECK (length(name_en) BETWEEN 1 AND 300),
  acronym    TEXT NOT NULL DEFAULT '' CHECK (length(acronym) <= 32),
  country    TEXT CHECK (country IS NULL OR length(country) = 2),
  notes      TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 5000),
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX partners_name ON partners (name_vi);

-- A unit's annual foreign-affairs plan, one row per planned activity.
CREATE TABLE plan_items (
  id              INTEGER PRIMARY KEY,
  unit_id         INTEGER NOT NULL REFERENCES units(id),
  year            INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  kind            TEXT NOT NULL,
  title           TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  partner_id      INTEGER REFERENCES partners(id),
  country         TEXT CHECK (country IS NULL OR length(country) = 2),
  quarter         INTEGER CHECK (quarter BETWEEN 1 AND 4),
  budget_amount   REAL CHECK (budget_amount IS NULL OR budget_amount >= 0),
  budget_currency TEXT CHECK (budget_currency IS NULL OR length(budget_currency) = 3),
  created_by      INTEGER NOT NULL REFERENCES users(id),
  created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX plan_items_unit_year ON plan_items (unit_id, year);

-- Copied from the proposal's fields on every write (the definition's "columns" say which
-- field fills which), so lists filter and sort on indexed columns, not inside JSON.
ALTER TABLE proposals ADD COLUMN partner_id INTEGER REFERENCES partners(id);
ALTER TABLE proposals ADD COLUMN country TEXT;
ALTER TABLE proposals ADD COLUMN starts_on TEXT;
ALTER TABLE proposals ADD COLUMN ends_on TEXT;
ALTER TABLE proposals ADD COLUMN amount_usd REAL;
ALTER TABLE proposals ADD COLUMN plan_item_id INTEGER REFERENCES plan_items(id);

-- Files attached to a proposal. The bytes live content-addressed under the data folder
-- (documents/ab/abcdef...), never under web/; the original name is data, never a path. A new
-- version of a document names the one it replaces; the old one stays in the history.
CREATE TABLE documents (
  id           INTEGER PRIMARY KEY,
  proposal_id  INTEGER NOT NULL REFERENCES proposals(id),
  type         TEXT NOT NULL CHECK (length(type) BETWEEN 1 AND 64),
  filename     TEXT NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
  size         INTEGER NOT NULL CHECK (size >= 0),
  sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
  content_type TEXT NOT NULL,
  uploaded_by  INTEGER NOT NULL REFERENCES users(id),
  uploaded_at  TEXT NOT NULL,
  replaces_id  INTEGER UNIQUE REFERENCES documents(id)
) STRICT;
CREATE INDEX documents_proposal ON documents (proposal_id, type);

-- Opinions asked of other bodies (Foreign Affairs, Public Security, ...) and their answers.
CREATE TABLE consultations (
  id          INTEGER PRIMARY KEY,
  proposal_id INTEGER NOT NULL REFERENCES proposals(id),
  body        TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 200),
  note        TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 5000),
  due_on      TEXT NOT NULL,
  asked_by    INTEGER NOT NULL REFERENCES users(id),
  asked_at    TEXT NOT NULL,
  answer      TEXT CHECK (answer IN ('agree', 'agree_with_conditions', 'object')),
  answer_note TEXT NOT NULL DEFAULT '' CHECK (length(answer_note) <= 5000),
  answered_by INTEGER REFERENCES users(id),
  answered_at TEXT,
  document_id INTEGER REFERENCES documents(id),
  CHECK ((answer IS NULL) = (answered_at IS NULL))
) STRICT;
CREATE INDEX consultations_proposal ON consultations (proposal_id);

-- Discussion on a proposal, visible to everyone who sees it.
CREATE TABLE comments (
  id          INTEGER PRIMARY KEY,
  proposal_id INTEGER NOT NULL REFERENCES proposals(id),
  author      INTEGER NOT NULL REFERENCES users(id),
  at          TEXT NOT NULL,
  body        TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 10000)
) STRICT;
CREATE INDEX comments_proposal ON comments (proposal_id, id);
