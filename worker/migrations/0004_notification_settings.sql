-- Notification settings (SPEC §7): only what an org's admins changed, as
-- JSON; defaults fill the rest on read (worker/src/domain/notification-settings.ts).
ALTER TABLE orgs ADD COLUMN notifications_json TEXT NOT NULL DEFAULT '{}';
