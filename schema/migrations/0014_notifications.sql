-- Deadlines that act (issue 9): what each user is told in the app, the reminders the scheduler
-- has raised (each once), and the e-mail outbox the sender thread drains.

-- A user's e-mail address (none: no e-mail) and how they want e-mail: every change as it
-- happens, one digest a day, or none. In-app notifications are always kept.
ALTER TABLE users ADD COLUMN email TEXT
  CHECK (email IS NULL OR (length(email) BETWEEN 3 AND 254 AND instr(email, '@') > 1
                           AND email NOT GLOB '*[' || char(9, 10, 13, 32) || '<>,;"]*'));
ALTER TABLE users ADD COLUMN email_mode TEXT NOT NULL DEFAULT 'immediate'
  CHECK (email_mode IN ('immediate', 'digest', 'none'));
-- The day (YYYY-MM-DD, ministry time) of the last daily digest queued for the user.
ALTER TABLE users ADD COLUMN digest_on TEXT;

-- One row per finding the scheduler has raised. `key` names the finding and the occasion, e.g.
-- "step_overdue/p42/a1234" (proposal 42, at the step it entered with audit entry 1234), so a
-- finding is raised once per occasion and a later visit to the same step is a new occasion.
-- Cleared (cleared_at) when the occasion is over: the proposal moved on, the consultation was
-- answered, the authorisation changed.
CREATE TABLE reminders (
  id          INTEGER PRIMARY KEY,
  key         TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 200),
  kind        TEXT NOT NULL,
  proposal_id INTEGER REFERENCES proposals(id),
  due_on      TEXT,               -- the date the finding is about, when it has one
  raised_at   TEXT NOT NULL,
  cleared_at  TEXT
) STRICT;
CREATE INDEX reminders_open ON reminders(cleared_at, kind);
CREATE INDEX reminders_by_proposal ON reminders(proposal_id) WHERE proposal_id IS NOT NULL;

-- What a user is told in the app. The text is made when shown, in the reader's language, from
-- kind and params (JSON: state, due date, actor, days...).
CREATE TABLE notifications (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id),
  kind        TEXT NOT NULL,
  proposal_id INTEGER REFERENCES proposals(id),
  reminder_id INTEGER REFERENCES reminders(id),
  params      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(params)),
  created_at  TEXT NOT NULL,
  read_at     TEXT
) STRICT;
CREATE INDEX notifications_by_user ON notifications(user_id, read_at, id);
-- A step settles the unread notices of the step it leaves (service/notifier.cpp).
CREATE INDEX notifications_unread_by_proposal ON notifications(proposal_id) WHERE read_at IS NULL;

-- E-mail waiting to be sent, sent, or given up on. The message is composed when queued, in the
-- same transaction as the change it tells of, so a change and its e-mail are stored together.
-- The sender thread takes pending rows whose next_attempt_at has come, oldest first; before
-- each attempt it counts it and moves next_attempt_at to the retry time, so a crash during a
-- send retries later instead of at once. A temporary failure when the next retry would come
-- more than two days after it was queued (or retried by an administrator, retried_at), or a
-- permanent refusal, ends as failed (visible to administrators, who may retry it).
CREATE TABLE mail_outbox (
  id              INTEGER PRIMARY KEY,
  created_at      TEXT NOT NULL,
  user_id         INTEGER REFERENCES users(id),  -- the recipient, when a user (not a test)
  to_address      TEXT NOT NULL CHECK (length(to_address) BETWEEN 3 AND 254),
  to_name         TEXT NOT NULL DEFAULT '',
  kind            TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),  -- step, digest, test...
  subject         TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 1000),  -- UTF-8; encoded
                                                                              -- (RFC 2047) when sent
  text_body       TEXT NOT NULL,
  html_body       TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,   -- RFC 3339 with milliseconds, so text order is time order
  retried_at      TEXT,            -- the last retry by an administrator
  last_error      TEXT,
  sent_at         TEXT,
  message_id      TEXT             -- set at the first attempt and kept for the retries
) STRICT;
CREATE INDEX mail_outbox_due ON mail_outbox(status, next_attempt_at);
CREATE INDEX mail_outbox_by_status ON mail_outbox(status, id);
