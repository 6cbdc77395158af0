-- Real delivery (notify/): what the provider made of each message, the
-- addresses that must not be messaged again, and each org's own provider
-- accounts.
--
-- outbox.provider_id: the provider's id of the message (Twilio's MessageSid,
--   the email provider's id), how its callbacks find the row.
-- outbox.sender: who it went out as (the number or sender name, the address);
--   an inbound SMS reply is matched by the number it was sent to.
-- outbox.recipient_key: SHA-256 of the channel and address (the address itself
--   stays sealed), how an inbound reply from that number finds its message.
-- outbox.tried_at: when the last try began; a try that got no answer is
--   checked with the provider for messages created since then.
ALTER TABLE outbox ADD COLUMN provider_id TEXT;
ALTER TABLE outbox ADD COLUMN sender TEXT;
ALTER TABLE outbox ADD COLUMN recipient_key TEXT;
ALTER TABLE outbox ADD COLUMN tried_at INTEGER;
CREATE INDEX outbox_by_provider_id ON outbox (provider_id) WHERE provider_id IS NOT NULL;
CREATE INDEX outbox_by_recipient ON outbox (recipient_key, created_at) WHERE recipient_key IS NOT NULL;
-- The cron's sweep for messages whose queue message was lost.
CREATE INDEX outbox_in_flight ON outbox (status, updated_at);

-- Addresses an org must not message: an SMS number that replied STOP, an
-- email address that bounced for good or complained. Keyed like
-- outbox.recipient_key; a START reply removes an opt-out.
CREATE TABLE blocked_addresses (
  org_id      TEXT NOT NULL,
  address_key TEXT NOT NULL,
  channel     TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
  reason      TEXT NOT NULL CHECK (reason IN ('opted_out', 'bounced', 'complained')),
  detail      TEXT,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (org_id, address_key)
);

-- An org's own provider accounts; without one, the service-wide account
-- (TWILIO_*, EMAIL_* secrets) sends for it. Tokens and keys are sealed
-- (auth/secret-box.ts); the account SID is not a secret and finds the org
-- an inbound message or callback is for.
CREATE TABLE messaging_providers (
  org_id                       TEXT PRIMARY KEY,
  twilio_account_sid           TEXT,
  twilio_auth_token            TEXT,
  twilio_from_number           TEXT,
  twilio_messaging_service_sid TEXT,
  email_api_key                TEXT,
  email_from_address           TEXT,
  email_webhook_secret         TEXT,
  updated_at                   INTEGER NOT NULL
);
CREATE INDEX messaging_providers_by_twilio_account ON messaging_providers (twilio_account_sid) WHERE twilio_account_sid IS NOT NULL;
