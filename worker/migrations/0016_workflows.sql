-- Workflows (issue 16): an admin's ordered steps (templates, document
-- requests, payments), each with its roles, sent to a session as one item.
-- Versioned like templates: a new version does not change a workflow already
-- running in a session, which keeps the version it was sent with.
CREATE TABLE workflows (
  id              TEXT PRIMARY KEY,
  org_id          TEXT NOT NULL REFERENCES orgs(id),
  name            TEXT NOT NULL,
  current_version INTEGER NOT NULL,
  created_by      TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  UNIQUE (org_id, name)
);

-- definition_json: {"roles": [{"name", "required"}], "steps": [...]} (contract/workflows.ts).
CREATE TABLE workflow_versions (
  workflow_id     TEXT NOT NULL REFERENCES workflows(id),
  version         INTEGER NOT NULL,
  definition_json TEXT NOT NULL,
  created_by      TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  PRIMARY KEY (workflow_id, version)
);
