// Orgs in D1: one customer company each. Its token-signing key is kept
// sealed (agents.ts); the one way to make an org, for the tests, the demo
// seed of `npm start` and anything that onboards an org later.
import type { SecretKeys } from '../auth/secret-box';
import { sealOrgSecret } from './agents';

export interface NewOrg {
  id: string;
  name: string;
  /** The HMAC key its agent tokens are signed with, as it is (stored sealed). */
  secret: string;
  at: number;
}

export async function createOrg(env: SecretKeys & { DB: D1Database }, org: NewOrg): Promise<void> {
  await env.DB.prepare('INSERT INTO orgs (id, name, secret, created_at) VALUES (?, ?, ?, ?)')
    .bind(org.id, org.name, await sealOrgSecret(env, org.id, org.secret), org.at)
    .run();
}

/** The oldest org of that name (the demo seed finds its org again by name). */
export function findOrgByName(db: D1Database, name: string): Promise<{ id: string } | null> {
  return db.prepare('SELECT id FROM orgs WHERE name = ? ORDER BY created_at, id LIMIT 1').bind(name).first<{ id: string }>();
}

export async function findOrgName(db: D1Database, orgId: string): Promise<string | null> {
  return (await db.prepare('SELECT name FROM orgs WHERE id = ?').bind(orgId).first<{ name: string }>())?.name ?? null;
}
