-- The HubSpot side of an org: the portal that installed Parley's app, and
-- the OAuth tokens write-back calls HubSpot with (sealed, auth/secret-box.ts).
-- One portal belongs to one org: the portal id is how a signed call from a
-- HubSpot card finds its org.
CREATE TABLE hubspot_connections (
  org_id               TEXT PRIMARY KEY REFERENCES orgs(id),
  portal_id            TEXT NOT NULL UNIQUE,
  hub_domain           TEXT,
  -- Space-separated, as HubSpot granted them.
  scopes               TEXT NOT NULL DEFAULT '',
  installed_by_user_id TEXT,
  refresh_token        TEXT NOT NULL,
  access_token         TEXT,
  access_expires_at    INTEGER,
  connected_at         INTEGER NOT NULL,
  last_sync_at         INTEGER,
  -- HubSpot refused Parley (the app was uninstalled, the refresh token revoked): admins must reconnect.
  broken_at            INTEGER,
  broken_reason        TEXT,
  -- When Parley's properties were found or made on the portal's records.
  properties_ready_at  INTEGER
);

-- Signatures of signed HubSpot requests seen in the last minutes: a request
-- replayed inside its 5-minute window is refused.
CREATE TABLE hubspot_signatures (
  signature TEXT PRIMARY KEY,
  seen_at   INTEGER NOT NULL
);
CREATE INDEX hubspot_signatures_by_age ON hubspot_signatures (seen_at);
