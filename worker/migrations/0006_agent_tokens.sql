-- Agent tokens that can be taken back (auth/agent-token.ts, agent-auth.ts).

-- An admin can deactivate an agent: every token they hold stops at once and
-- no new one is minted. Tokens carry the generation they were minted in;
-- deactivating moves it on, so reactivating the agent later does not bring
-- back a token minted before (one that may have been the reason).
ALTER TABLE agents ADD COLUMN deactivated_at INTEGER;
ALTER TABLE agents ADD COLUMN token_generation INTEGER NOT NULL DEFAULT 0;

-- Single tokens taken back before their expiry (sign-out revokes the
-- workspace cookie's token). A row is needed only while the token could
-- still be presented: it is purged once `expires_at` (the token's exp,
-- seconds) has passed.
CREATE TABLE revoked_tokens (
  org_id     TEXT NOT NULL,
  jti        TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (org_id, jti)
) WITHOUT ROWID;
CREATE INDEX revoked_tokens_by_expiry ON revoked_tokens (expires_at);
