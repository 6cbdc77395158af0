-- Document templates: an admin's PDF with fields, roles and signing order.
-- Versioned: a sent document keeps the version it was sent with.
CREATE TABLE templates (
  id              TEXT PRIMARY KEY,
  org_id          TEXT NOT NULL REFERENCES orgs(id),
  name            TEXT NOT NULL,
  current_version INTEGER NOT NULL,
  created_by      TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  archived_at     INTEGER,
  UNIQUE (org_id, name)
);

CREATE TABLE template_versions (
  template_id  TEXT NOT NULL REFERENCES templates(id),
  version      INTEGER NOT NULL,
  pdf_key      TEXT NOT NULL,
  pdf_sha256   TEXT NOT NULL,
  page_count   INTEGER NOT NULL,
  pages_json   TEXT NOT NULL,
  fields_json  TEXT NOT NULL,
  roles_json   TEXT NOT NULL,
  signing_order TEXT NOT NULL CHECK (signing_order IN ('parallel', 'sequential')),
  created_by   TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (template_id, version)
);

-- The consent-to-do-business-electronically text an org shows before the first signature (NULL: Parley's default).
ALTER TABLE orgs ADD COLUMN esign_disclosure TEXT;

-- Every document this Parley sealed, by the SHA-256 of the sealed file: the
-- public verify endpoint answers from here.
CREATE TABLE sealed_documents (
  sha256     TEXT PRIMARY KEY,
  org_id     TEXT NOT NULL,
  session_id TEXT NOT NULL,
  item_id    TEXT NOT NULL,
  name       TEXT NOT NULL,
  sealed_at  INTEGER NOT NULL
);

-- An org's own sealing certificate (PKCS#12, base64, with its password) and
-- RFC 3161 timestamp authority; without them, Parley seals with its own.
ALTER TABLE orgs ADD COLUMN seal_p12 TEXT;
ALTER TABLE orgs ADD COLUMN seal_p12_password TEXT;
ALTER TABLE orgs ADD COLUMN tsa_url TEXT;

-- The local outbox page lists one session's messages without knowing its org.
CREATE INDEX outbox_by_session_only ON outbox (session_id, created_at);
