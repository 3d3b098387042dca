-- People who use Attaché, each in one unit, with one or more roles (DOMAIN.md).
-- Passwords, sessions and tokens are added by a later migration.
CREATE TABLE users (
  id           INTEGER PRIMARY KEY,
  username     TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) BETWEEN 1 AND 64),
  display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  unit_id      INTEGER NOT NULL REFERENCES units(id),
  active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE TABLE user_roles (
  user_id INTEGER NOT NULL REFERENCES users(id),
  role    TEXT NOT NULL CHECK (role IN ('staff', 'unit_head', 'icd_officer', 'icd_head',
                                        'finance', 'leader', 'admin', 'auditor')),
  PRIMARY KEY (user_id, role)
) STRICT, WITHOUT ROWID;
