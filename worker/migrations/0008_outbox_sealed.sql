-- The outbox keeps no room link or message text in plaintext. What a delivery
-- needs (recipient, subject, text, link) is one value sealed under
-- SECRETS_KEY, bound to its row (notify/outbox-content.ts), in `sealed`; it is
-- cleared (NULL) once the message is delivered or has expired, and the rest of
-- the row stays as the message's delivery record.
--
-- The table is rebuilt without the plaintext columns. SQL cannot seal, so the
-- rows already there keep their record but not their text: a delivered one
-- stays 'sent'; one not yet delivered becomes 'expired', saying why (its link
-- still works: the participant can be invited again for a fresh message).
CREATE TABLE outbox_sealed (
  id             TEXT PRIMARY KEY,
  org_id         TEXT NOT NULL,
  session_id     TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  kind           TEXT NOT NULL,
  channel        TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
  sealed         TEXT,
  status         TEXT NOT NULL,
  attempts       INTEGER NOT NULL DEFAULT 0,
  last_error     TEXT,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);

INSERT INTO outbox_sealed (id, org_id, session_id, participant_id, kind, channel, sealed, status, attempts, last_error, created_at, updated_at)
SELECT id, org_id, session_id, participant_id, kind, channel, NULL,
       CASE status WHEN 'sent' THEN 'sent' ELSE 'expired' END,
       attempts,
       CASE status WHEN 'sent' THEN last_error ELSE 'cleared when the outbox was sealed: its text was kept in plaintext' END,
       created_at, updated_at
FROM outbox;

DROP TABLE outbox;
ALTER TABLE outbox_sealed RENAME TO outbox;

CREATE INDEX outbox_by_session ON outbox (org_id, session_id, created_at);
CREATE INDEX outbox_recent ON outbox (created_at);
-- The cron's expiry looks only at rows that still hold a message.
CREATE INDEX outbox_unexpired ON outbox (created_at) WHERE sealed IS NOT NULL;
