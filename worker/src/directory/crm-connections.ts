// An org's Salesforce connection, its org key, and the write-backs that failed.
import { newId } from '../auth/crypto';
import { openSecret, sealSecret, type SecretStore } from '../auth/secret-box';
import type { CrmSystem } from '../crm/messages';

export interface SalesforceConnection {
  orgId: string;
  loginUrl: string;
  instanceUrl: string;
  crmOrgId: string;
  clientId: string;
  username: string;
  /** The namespace of the org's Parley package; '' when it has none (connectors/salesforce/writeback/names.ts). */
  namespace: string;
  /** PKCS#8 PEM, opened from its encrypted form in D1 (auth/secret-box.ts). */
  privateKey: string;
  apiVersion: string | null;
  connectedAt: number;
  lastSyncAt: number | null;
}

type Row = {
  org_id: string;
  login_url: string;
  instance_url: string;
  crm_org_id: string;
  client_id: string;
  username: string;
  namespace: string;
  private_key: string;
  api_version: string | null;
  connected_at: number;
  last_sync_at: number | null;
};

const keyContext = (orgId: string) => `crm_connections.private_key:${orgId}`;

/** The connection as admins see it: everything but the key. */
export type SalesforceConnectionInfo = Omit<SalesforceConnection, 'privateKey'>;

function connectionRow(db: D1Database, orgId: string): Promise<Row | null> {
  return db.prepare(`SELECT * FROM crm_connections WHERE org_id = ? AND system = 'salesforce'`).bind(orgId).first<Row>();
}

const infoOf = (r: Row): SalesforceConnectionInfo => ({
  orgId: r.org_id,
  loginUrl: r.login_url,
  instanceUrl: r.instance_url,
  crmOrgId: r.crm_org_id,
  clientId: r.client_id,
  username: r.username,
  namespace: r.namespace,
  apiVersion: r.api_version,
  connectedAt: r.connected_at,
  lastSyncAt: r.last_sync_at,
});

/** The connection without opening its key: it shows, and reconnecting works, even when the stored key cannot be opened. */
export async function findSalesforceConnectionInfo(db: D1Database, orgId: string): Promise<SalesforceConnectionInfo | null> {
  const r = await connectionRow(db, orgId);
  return r ? infoOf(r) : null;
}

/** The connection with its key opened, to sign in with. */
export async function findSalesforceConnection(env: SecretStore, orgId: string): Promise<SalesforceConnection | null> {
  const r = await connectionRow(env.DB, orgId);
  return r ? { ...infoOf(r), privateKey: await openSecret(env, r.private_key, keyContext(orgId)) } : null;
}

export type NewSalesforceConnection = Omit<SalesforceConnection, 'orgId' | 'apiVersion' | 'connectedAt' | 'lastSyncAt'>;

/** Connect, or reconnect with new details (the sync history is kept). */
export async function saveSalesforceConnection(env: SecretStore, orgId: string, c: NewSalesforceConnection, at: number): Promise<SalesforceConnectionInfo> {
  const sealedKey = await sealSecret(env, c.privateKey, keyContext(orgId));
  await env.DB
    .prepare(
      `INSERT INTO crm_connections (org_id, system, login_url, instance_url, crm_org_id, client_id, username, namespace, private_key, connected_at)
       VALUES (?, 'salesforce', ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (org_id, system) DO UPDATE SET login_url = excluded.login_url, instance_url = excluded.instance_url,
         crm_org_id = excluded.crm_org_id, client_id = excluded.client_id, username = excluded.username, namespace = excluded.namespace,
         private_key = excluded.private_key, api_version = NULL, connected_at = excluded.connected_at`,
    )
    .bind(orgId, c.loginUrl, c.instanceUrl, c.crmOrgId, c.clientId, c.username, c.namespace, sealedKey, at)
    .run();
  return (await findSalesforceConnectionInfo(env.DB, orgId))!;
}

export async function deleteSalesforceConnection(db: D1Database, orgId: string): Promise<boolean> {
  const r = await db.prepare(`DELETE FROM crm_connections WHERE org_id = ? AND system = 'salesforce'`).bind(orgId).run();
  return r.meta.changes > 0;
}

/**
 * What Salesforce told us: the instance (it moves on org splits), the API
 * version (the connection check), and when write-back last synced (`syncedAt`;
 * absent when nothing was written).
 */
export async function recordSalesforceSync(db: D1Database, orgId: string, s: { instanceUrl?: string; apiVersion?: string; syncedAt?: number }): Promise<void> {
  await db
    .prepare(
      `UPDATE crm_connections SET instance_url = COALESCE(?1, instance_url), api_version = COALESCE(?2, api_version),
         last_sync_at = CASE WHEN ?3 IS NULL THEN last_sync_at ELSE MAX(COALESCE(last_sync_at, 0), ?3) END
       WHERE org_id = ?4 AND system = 'salesforce'`,
    )
    .bind(s.instanceUrl ?? null, s.apiVersion ?? null, s.syncedAt ?? null, orgId)
    .run();
}

export async function setCrmKeyHash(db: D1Database, orgId: string, hash: string): Promise<void> {
  await db.prepare('UPDATE orgs SET crm_key_hash = ? WHERE id = ?').bind(hash, orgId).run();
}

export async function findCrmKeyHash(db: D1Database, orgId: string): Promise<string | null> {
  const row = await db.prepare('SELECT crm_key_hash FROM orgs WHERE id = ?').bind(orgId).first<{ crm_key_hash: string | null }>();
  return row?.crm_key_hash ?? null;
}

export interface CrmFailure {
  at: number;
  system: CrmSystem;
  sessionId: string | null;
  record: string | null;
  reason: string;
}

/** Failures kept per org: enough to diagnose, never unbounded. */
const FAILURES_KEPT = 200;

export async function recordCrmFailures(db: D1Database, orgId: string, failures: CrmFailure[]): Promise<void> {
  if (failures.length === 0) return;
  await db.batch([
    ...failures.map((f) =>
      db.prepare(`INSERT INTO crm_failures (id, org_id, system, session_id, record, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?)`).bind(newId('crf'), orgId, f.system, f.sessionId, f.record, f.reason.slice(0, 2000), f.at),
    ),
    db
      .prepare(`DELETE FROM crm_failures WHERE org_id = ? AND id NOT IN (SELECT id FROM crm_failures WHERE org_id = ? ORDER BY at DESC LIMIT ${FAILURES_KEPT})`)
      .bind(orgId, orgId),
  ]);
}

/** The latest failures, of one CRM system or of all. */
export async function recentCrmFailures(db: D1Database, orgId: string, system: CrmSystem | null, limit = 20): Promise<CrmFailure[]> {
  const { results } = await db
    .prepare('SELECT at, system, session_id AS sessionId, record, reason FROM crm_failures WHERE org_id = ?1 AND (?2 IS NULL OR system = ?2) ORDER BY at DESC LIMIT ?3')
    .bind(orgId, system, limit)
    .all<CrmFailure>();
  return results;
}
