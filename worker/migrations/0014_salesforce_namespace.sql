-- The namespace of the org's Parley package (connectors/salesforce/writeback/
-- names.ts): '' when it was deployed from source or an unmanaged package, the
-- managed package's prefix otherwise, which Salesforce puts in front of every
-- custom object and field the write-back writes. Set by `sf parley org connect`.
ALTER TABLE crm_connections ADD COLUMN namespace TEXT NOT NULL DEFAULT '';
