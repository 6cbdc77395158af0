-- The language of a link's participant (i18n/locales.ts), so the join and
-- one-time code pages speak it without asking the session's Durable Object
-- (a link is opened before the room is): set at invitation, updated when the
-- customer picks another language in the room. NULL: the browser's.
ALTER TABLE participant_links ADD COLUMN language TEXT;
