-- The directory: small, org-scoped, and (for sessions) only a derived index.
-- Every table carries org_id and every query filters on it.

CREATE TABLE orgs (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  -- HMAC key for this org's agent tokens (and, from the CRM, its request secret).
  secret        TEXT NOT NULL,
  -- Only the settings an admin changed; defaults fill the rest on read.
  settings_json TEXT NOT NULL DEFAULT '{}',
  created_at    INTEGER NOT NULL
);

CREATE TABLE teams (
  id            TEXT PRIMARY KEY,
  org_id        TEXT NOT NULL REFERENCES orgs(id),
  name          TEXT NOT NULL,
  -- Overrides only; a setting absent here is "inherit".
  settings_json TEXT NOT NULL DEFAULT '{}',
  created_at    INTEGER NOT NULL,
  UNIQUE (org_id, name)
);

CREATE TABLE agents (
  id         TEXT PRIMARY KEY,
  org_id     TEXT NOT NULL REFERENCES orgs(id),
  team_id    TEXT REFERENCES teams(id),
  email      TEXT NOT NULL,
  name       TEXT NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('agent', 'admin')),
  created_at INTEGER NOT NULL,
  UNIQUE (org_id, email)
);
CREATE INDEX agents_by_team ON agents (org_id, team_id);

-- The address book: customers an agent has contacted.
CREATE TABLE customers (
  id              TEXT PRIMARY KEY,
  org_id          TEXT NOT NULL REFERENCES orgs(id),
  name            TEXT NOT NULL,
  email           TEXT,
  phone           TEXT,
  owner_agent_id  TEXT NOT NULL REFERENCES agents(id),
  last_session_id TEXT,
  last_contact_at INTEGER NOT NULL,
  created_at      INTEGER NOT NULL
);
CREATE UNIQUE INDEX customers_by_email ON customers (org_id, email) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX customers_by_phone ON customers (org_id, phone) WHERE phone IS NOT NULL;
CREATE INDEX customers_by_owner ON customers (org_id, owner_agent_id);

-- Index of sessions for lists and search. The SessionRoom is the source of truth;
-- it refreshes this row (only ever forward in version).
CREATE TABLE sessions (
  id             TEXT PRIMARY KEY,
  org_id         TEXT NOT NULL REFERENCES orgs(id),
  agent_id       TEXT NOT NULL REFERENCES agents(id),
  team_id        TEXT,
  customer_id    TEXT NOT NULL REFERENCES customers(id),
  customer_name  TEXT NOT NULL,
  status         TEXT NOT NULL,
  crm_system     TEXT,
  crm_object     TEXT,
  crm_record_id  TEXT,
  version        INTEGER NOT NULL DEFAULT 0,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);
CREATE INDEX sessions_by_agent ON sessions (org_id, agent_id, updated_at);
CREATE INDEX sessions_by_team ON sessions (org_id, team_id, updated_at);
CREATE INDEX sessions_by_record ON sessions (org_id, crm_system, crm_record_id);
CREATE INDEX sessions_by_customer ON sessions (org_id, customer_id, updated_at);
-- Single active session is enforced here, atomically: at most one open
-- session per agent among those started under that setting.
CREATE TABLE active_session_locks (
  agent_id   TEXT PRIMARY KEY,
  org_id     TEXT NOT NULL,
  session_id TEXT NOT NULL
);

-- Participant links: only SHA-256 hashes of the link token and short code.
CREATE TABLE participant_links (
  hash           TEXT PRIMARY KEY,
  org_id         TEXT NOT NULL,
  session_id     TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  revoked_at     INTEGER
);
CREATE INDEX participant_links_by_participant ON participant_links (session_id, participant_id);

-- Every message Parley sends, with its delivery status. A sender plugs in
-- behind the outbound-messages queue; nothing is sent that is not here first.
CREATE TABLE outbox (
  id             TEXT PRIMARY KEY,
  org_id         TEXT NOT NULL,
  session_id     TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  kind           TEXT NOT NULL,
  channel        TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
  recipient      TEXT NOT NULL,
  subject        TEXT,
  body           TEXT NOT NULL,
  link           TEXT NOT NULL,
  status         TEXT NOT NULL,
  attempts       INTEGER NOT NULL DEFAULT 0,
  last_error     TEXT,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);
CREATE INDEX outbox_by_session ON outbox (org_id, session_id, created_at);
CREATE INDEX outbox_recent ON outbox (created_at);
