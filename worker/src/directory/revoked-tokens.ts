// Single agent tokens taken back before they expire (sign-out revokes the
// workspace cookie's token), by the token's id. A row outlives its token only
// until the token's own expiry; the cron purges it after that, so the table
// holds no more than the tokens that could still be presented.

/** Revoke one token until its expiry (seconds); revoking twice is harmless. */
export async function revokeToken(db: D1Database, orgId: string, jti: string, expiresAtS: number): Promise<void> {
  await db.prepare('INSERT INTO revoked_tokens (org_id, jti, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').bind(orgId, jti, expiresAtS).run();
}

/** The SQL test (against an org id and a token id) that a token was revoked: part of the one query authentication makes. */
export const REVOKED_TOKEN_SQL = 'EXISTS (SELECT 1 FROM revoked_tokens r WHERE r.org_id = ? AND r.jti = ?)';

/** Forget revocations of tokens that have expired anyway; how many were dropped. */
export async function purgeRevokedTokens(db: D1Database, nowMs: number): Promise<number> {
  const res = await db.prepare('DELETE FROM revoked_tokens WHERE expires_at <= ?').bind(Math.floor(nowMs / 1000)).run();
  return res.meta.changes ?? 0;
}
