// Secrets a local store may still hold in plaintext. openSecret refuses a
// value without the sealed prefix; Parley stored the org's secrets in
// plaintext only on its first day of development, before it was ever
// deployed, so such a value can only be in a local `.wrangler/state` that old.
// `npm start` seals what it finds there (POST /dev/seal-plaintext-secrets,
// before the demo seed reads the org's key) with the Worker's SECRETS_KEY.
// This is never done on reading, nor outside local development: a plaintext
// value found in a real database was written by someone other than Parley,
// and sealing it would make their value the secret.
import { sealSecret, type SecretStore } from '../auth/secret-box';

interface SealedColumn {
  /** table.column, as the sealed value's context names it. */
  name: string;
  /** The rows' org ids and plaintext values. */
  select: string;
  /** Sets the sealed value (?1) where the org (?2) still holds the plaintext (?3). */
  update: string;
}

// Each context is the one its directory module seals and opens with
// (agents.ts, org-sealing.ts, crm-connections.ts: `<table>.<column>:<org id>`);
// the test opens every value through those modules.
const notSealed = (column: string) => `${column} IS NOT NULL AND substr(${column}, 1, 4) <> 'sb1.'`;
const COLUMNS: SealedColumn[] = [
  ...['secret', 'seal_p12', 'seal_p12_password'].map((column) => ({
    name: `orgs.${column}`,
    select: `SELECT id AS org, ${column} AS value FROM orgs WHERE ${notSealed(column)}`,
    update: `UPDATE orgs SET ${column} = ?1 WHERE id = ?2 AND ${column} = ?3`,
  })),
  {
    name: 'crm_connections.private_key',
    select: `SELECT org_id AS org, private_key AS value FROM crm_connections WHERE system = 'salesforce' AND ${notSealed('private_key')}`,
    update: `UPDATE crm_connections SET private_key = ?1 WHERE org_id = ?2 AND system = 'salesforce' AND private_key = ?3`,
  },
];

/** Seal every secret still stored in plaintext; says how many of each column it sealed. */
export async function sealPlaintextSecrets(env: SecretStore): Promise<Record<string, number>> {
  const sealed: Record<string, number> = {};
  for (const col of COLUMNS) {
    const { results } = await env.DB.prepare(col.select).all<{ org: string; value: string }>();
    let count = 0;
    for (const r of results) {
      const value = await sealSecret(env, r.value, `${col.name}:${r.org}`);
      count += (await env.DB.prepare(col.update).bind(value, r.org, r.value).run()).meta.changes;
    }
    sealed[col.name] = count;
  }
  return sealed;
}
