-- Units of the ministry (đơn vị): departments, institutes, the International Cooperation
-- Department itself. A unit may sit under a parent unit.
CREATE TABLE units (
  id        INTEGER PRIMARY KEY,
  code      TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),
  name_vi   TEXT NOT NULL CHECK (length(name_vi) BETWEEN 1 AND 200),
  name_en   TEXT NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
  parent_id INTEGER REFERENCES units(id),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
