-- What HubSpot write-back remembers per org (connectors/hubspot/writeback),
-- so a retried or replayed run writes nothing twice and nothing older.

-- The version guard: what was last written to each linked record, by which
-- session at which version. A write whose stamp is older is skipped.
CREATE TABLE hubspot_record_writes (
  org_id             TEXT NOT NULL REFERENCES orgs(id),
  object_type        TEXT NOT NULL,
  record_id          TEXT NOT NULL,
  session_id         TEXT NOT NULL,
  session_created_at INTEGER,
  version            INTEGER NOT NULL,
  written_at         INTEGER NOT NULL,
  PRIMARY KEY (org_id, object_type, record_id)
);

-- One note per milestone (session started, document completed, session
-- ended), claimed before it is created: note_id once HubSpot made it;
-- lease_until while a run holds the claim; tried_at once a create was sent,
-- after which a run that finds no note_id looks in HubSpot before creating.
CREATE TABLE hubspot_milestone_notes (
  org_id      TEXT NOT NULL REFERENCES orgs(id),
  milestone   TEXT NOT NULL,
  session_id  TEXT NOT NULL,
  note_id     TEXT,
  lease_until INTEGER NOT NULL DEFAULT 0,
  tried_at    INTEGER,
  PRIMARY KEY (org_id, milestone)
);

-- Sealed PDFs uploaded to the portal's Files, by item and content.
CREATE TABLE hubspot_files (
  org_id      TEXT NOT NULL REFERENCES orgs(id),
  item_id     TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  file_id     TEXT NOT NULL,
  uploaded_at INTEGER NOT NULL,
  PRIMARY KEY (org_id, item_id, sha256)
);

-- The HubSpot contacts participants were matched to or created as, by
-- email: notes are associated to them, and a privacy deletion request
-- naming a contact finds the person's email here.
CREATE TABLE hubspot_contacts (
  org_id     TEXT NOT NULL REFERENCES orgs(id),
  contact_id TEXT NOT NULL,
  email      TEXT NOT NULL,
  PRIMARY KEY (org_id, contact_id)
);
CREATE UNIQUE INDEX hubspot_contacts_by_email ON hubspot_contacts (org_id, email);
