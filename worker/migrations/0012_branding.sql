-- The org's branding (domain/branding.ts): display name, colour, support
-- contact and the logo's record (its bytes are in R2, under brand/<org>/logo/).
-- Only what an admin set is kept; an org with none shows its own name.
ALTER TABLE orgs ADD COLUMN brand_json TEXT NOT NULL DEFAULT '{}';
