-- A personal calendar feed per user (GET /api/calendar.ics?feed=TOKEN): calendar programs
-- cannot log in, so the feed is reached by a secret token in its address. Only the token's
-- SHA-256 is kept; making a new one replaces the old (a leaked address is revoked that way).
CREATE TABLE calendar_feeds (
  user_id    INTEGER PRIMARY KEY REFERENCES users(id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
) STRICT;
