-- The CRM side of an org: how Parley signs in to its Salesforce (JWT bearer
-- flow with the org's connected app) and how that Salesforce signs its calls
-- to Parley (the org key, held in a Salesforce External Credential).

-- Only the key's hash is kept: the key itself is shown once, to `sf parley org connect`.
ALTER TABLE orgs ADD COLUMN crm_key_hash TEXT;

CREATE TABLE crm_connections (
  org_id        TEXT NOT NULL REFERENCES orgs(id),
  system        TEXT NOT NULL CHECK (system IN ('salesforce')),
  login_url     TEXT NOT NULL,
  instance_url  TEXT NOT NULL,
  crm_org_id    TEXT NOT NULL,
  client_id     TEXT NOT NULL,
  username      TEXT NOT NULL,
  -- PKCS#8 PEM of the connected app's certificate key; signs the JWT assertions.
  private_key   TEXT NOT NULL,
  api_version   TEXT,
  connected_at  INTEGER NOT NULL,
  last_sync_at  INTEGER,
  PRIMARY KEY (org_id, system)
);

-- Write-backs that could not be made: after the last retry, or refused by
-- Salesforce for good (a validation rule, a missing field). Shown to admins.
CREATE TABLE crm_failures (
  id          TEXT PRIMARY KEY,
  org_id      TEXT NOT NULL REFERENCES orgs(id),
  system      TEXT NOT NULL,
  session_id  TEXT,
  record      TEXT,
  reason      TEXT NOT NULL,
  at          INTEGER NOT NULL
);
CREATE INDEX crm_failures_by_org ON crm_failures (org_id, at);
