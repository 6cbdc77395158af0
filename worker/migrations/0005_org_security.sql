-- An org's security settings (domain/org-security.ts): which CRM origins may
-- open live sockets, and whether the org key may make CRM users admins.
-- Only what an admin changed is kept; defaults fill the rest on read.
ALTER TABLE orgs ADD COLUMN security_json TEXT NOT NULL DEFAULT '{}';
