-- Idempotency keys (issue 5, API.md "Any POST may carry Idempotency-Key"). A row is written
-- in the same transaction, and the same savepoint, as the effect of the request that first
-- carried the key, together with the answer that request got; a repeat replays that answer.
-- Keys are per user, so nobody can replay another user's answer. Rows older than 24 hours are
-- ignored and purged. A request still in flight has no row: it is marked in the server's
-- memory only, so a crash can never leave a key stuck "in flight".
CREATE TABLE idempotency_keys (
  user_id          INTEGER NOT NULL REFERENCES users(id),
  key              TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
  method           TEXT NOT NULL,
  path             TEXT NOT NULL,    -- the request target, query included
  request_sha256   TEXT NOT NULL,    -- of method, target, Content-Type and body
  status           INTEGER NOT NULL CHECK (status BETWEEN 100 AND 499),
  response_headers TEXT NOT NULL,    -- JSON array of [name, value]
  response_body    TEXT NOT NULL,
  created_at       INTEGER NOT NULL, -- unix seconds
  PRIMARY KEY (user_id, key)
) STRICT;
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
