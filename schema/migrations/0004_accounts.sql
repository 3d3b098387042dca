-- Credentials, sessions, API tokens, deputies and the security log (issue 4).

-- argon2id hash string (see service/passwords.h); NULL: the user cannot log in with a password.
ALTER TABLE users ADD COLUMN password_hash TEXT;

-- Browser sessions. Only the SHA-256 of the 256-bit token is stored; the CSRF token is not a
-- credential on its own (it is useless without the session cookie).
CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id),
  csrf_token   TEXT NOT NULL,
  created_at   INTEGER NOT NULL,  -- unix seconds
  last_seen_at INTEGER NOT NULL,  -- unix seconds, refreshed at most once a minute
  remote       TEXT NOT NULL DEFAULT ''
) STRICT, WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions (user_id);

-- Tokens for other systems (Authorization: Bearer). Hashes only; revocable.
CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  token_hash   TEXT NOT NULL UNIQUE,
  user_id      INTEGER NOT NULL REFERENCES users(id),
  name         TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL,
  revoked_at   TEXT
) STRICT;

-- A leader authorises a deputy to act for them between two dates (inclusive).
CREATE TABLE authorisations (
  id          INTEGER PRIMARY KEY,
  leader_id   INTEGER NOT NULL REFERENCES users(id),
  deputy_id   INTEGER NOT NULL REFERENCES users(id),
  starts_on   TEXT NOT NULL,
  ends_on     TEXT NOT NULL,
  reason      TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
  created_at  TEXT NOT NULL,
  revoked_at  TEXT,
  CHECK (starts_on <= ends_on),
  CHECK (leader_id <> deputy_id)
) STRICT;
CREATE INDEX authorisations_deputy ON authorisations (deputy_id, starts_on);

-- Every login attempt and other security event, success or failure.
CREATE TABLE security_log (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  event     TEXT NOT NULL,     -- login, logout, token_created, user_disabled, ...
  username  TEXT NOT NULL DEFAULT '',
  user_id   INTEGER,
  remote    TEXT NOT NULL DEFAULT '',
  outcome   TEXT NOT NULL      -- success, bad_credentials, throttled, disabled, ...
) STRICT;
CREATE INDEX security_log_user ON security_log (username, at);
