// An org's HubSpot connection: the portal that installed Parley's app and the
// OAuth tokens write-back uses. The tokens are sealed where D1 keeps them;
// everything else is what admins see on the settings page.
import { openSecret, sealSecret, type SecretStore } from '../auth/secret-box';

export interface HubSpotConnection {
  orgId: string;
  /** HubSpot's hub id, as text: how a signed call from a card finds its org. */
  portalId: string;
  hubDomain: string | null;
  scopes: string[];
  installedByUserId: string | null;
  connectedAt: number;
  lastSyncAt: number | null;
  /** HubSpot refused Parley (uninstalled, revoked): write-back waits for a reconnect. */
  brokenAt: number | null;
  brokenReason: string | null;
  propertiesReadyAt: number | null;
}

export interface HubSpotTokens {
  refreshToken: string;
  accessToken: string | null;
  accessExpiresAt: number | null;
}

type Row = {
  org_id: string;
  portal_id: string;
  hub_domain: string | null;
  scopes: string;
  installed_by_user_id: string | null;
  refresh_token: string;
  access_token: string | null;
  access_expires_at: number | null;
  connected_at: number;
  last_sync_at: number | null;
  broken_at: number | null;
  broken_reason: string | null;
  properties_ready_at: number | null;
};

const refreshContext = (orgId: string) => `hubspot_connections.refresh_token:${orgId}`;
const accessContext = (orgId: string) => `hubspot_connections.access_token:${orgId}`;

const connectionOf = (r: Row): HubSpotConnection => ({
  orgId: r.org_id,
  portalId: r.portal_id,
  hubDomain: r.hub_domain,
  scopes: r.scopes.split(' ').filter(Boolean),
  installedByUserId: r.installed_by_user_id,
  connectedAt: r.connected_at,
  lastSyncAt: r.last_sync_at,
  brokenAt: r.broken_at,
  brokenReason: r.broken_reason,
  propertiesReadyAt: r.properties_ready_at,
});

export async function findHubSpotConnection(db: D1Database, orgId: string): Promise<HubSpotConnection | null> {
  const r = await db.prepare('SELECT * FROM hubspot_connections WHERE org_id = ?').bind(orgId).first<Row>();
  return r ? connectionOf(r) : null;
}

export async function findHubSpotConnectionByPortal(db: D1Database, portalId: string): Promise<HubSpotConnection | null> {
  const r = await db.prepare('SELECT * FROM hubspot_connections WHERE portal_id = ?').bind(portalId).first<Row>();
  return r ? connectionOf(r) : null;
}

/** The connection's tokens, opened; null when the org has no HubSpot connection. */
export async function findHubSpotTokens(env: SecretStore, orgId: string): Promise<HubSpotTokens | null> {
  const r = await env.DB.prepare('SELECT refresh_token, access_token, access_expires_at FROM hubspot_connections WHERE org_id = ?')
    .bind(orgId)
    .first<Pick<Row, 'refresh_token' | 'access_token' | 'access_expires_at'>>();
  if (!r) return null;
  return {
    refreshToken: await openSecret(env, r.refresh_token, refreshContext(orgId)),
    accessToken: r.access_token ? await openSecret(env, r.access_token, accessContext(orgId)) : null,
    accessExpiresAt: r.access_expires_at,
  };
}

export interface NewHubSpotConnection extends HubSpotTokens {
  orgId: string;
  portalId: string;
  hubDomain: string | null;
  scopes: string[];
  installedByUserId: string | null;
}

export type SaveAnswer = { kind: 'saved'; connection: HubSpotConnection; first: boolean } | { kind: 'portal_taken' };

/**
 * Connect, or reconnect after an uninstall or a revoked token (the sync
 * history is kept, the breakage cleared). A portal already connected to
 * another org is refused: one portal's cards must find one org.
 */
export async function saveHubSpotConnection(env: SecretStore, c: NewHubSpotConnection, at: number): Promise<SaveAnswer> {
  const holder = await findHubSpotConnectionByPortal(env.DB, c.portalId);
  if (holder && holder.orgId !== c.orgId) return { kind: 'portal_taken' };
  const before = await findHubSpotConnection(env.DB, c.orgId);
  const refresh = await sealSecret(env, c.refreshToken, refreshContext(c.orgId));
  const access = c.accessToken ? await sealSecret(env, c.accessToken, accessContext(c.orgId)) : null;
  await env.DB.prepare(
    `INSERT INTO hubspot_connections (org_id, portal_id, hub_domain, scopes, installed_by_user_id, refresh_token, access_token, access_expires_at, connected_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (org_id) DO UPDATE SET portal_id = excluded.portal_id, hub_domain = excluded.hub_domain, scopes = excluded.scopes,
       installed_by_user_id = excluded.installed_by_user_id, refresh_token = excluded.refresh_token, access_token = excluded.access_token,
       access_expires_at = excluded.access_expires_at, connected_at = excluded.connected_at, broken_at = NULL, broken_reason = NULL,
       properties_ready_at = CASE WHEN hubspot_connections.portal_id = excluded.portal_id THEN hubspot_connections.properties_ready_at END`,
  )
    .bind(c.orgId, c.portalId, c.hubDomain, c.scopes.join(' '), c.installedByUserId, refresh, access, c.accessExpiresAt, at)
    .run();
  // A different portal is a different HubSpot: what was synced to the old one says nothing of the new one.
  const first = !before || before.portalId !== c.portalId;
  return { kind: 'saved', connection: (await findHubSpotConnection(env.DB, c.orgId))!, first };
}

/** A refreshed access token (and the refresh token, when HubSpot rotated it). */
export async function storeHubSpotAccessToken(env: SecretStore, orgId: string, t: { accessToken: string; accessExpiresAt: number; refreshToken?: string }): Promise<void> {
  const access = await sealSecret(env, t.accessToken, accessContext(orgId));
  const refresh = t.refreshToken ? await sealSecret(env, t.refreshToken, refreshContext(orgId)) : null;
  await env.DB.prepare('UPDATE hubspot_connections SET access_token = ?1, access_expires_at = ?2, refresh_token = COALESCE(?3, refresh_token) WHERE org_id = ?4')
    .bind(access, t.accessExpiresAt, refresh, orgId)
    .run();
}

/** HubSpot refused Parley for good: the tokens are dropped from use and admins see why until they reconnect. */
export async function markHubSpotBroken(db: D1Database, orgId: string, reason: string, at: number): Promise<void> {
  await db
    .prepare('UPDATE hubspot_connections SET broken_at = COALESCE(broken_at, ?1), broken_reason = ?2, access_token = NULL, access_expires_at = NULL WHERE org_id = ?3')
    .bind(at, reason.slice(0, 500), orgId)
    .run();
}

/** Write-back reached HubSpot and its run is over (`syncedAt`), or Parley's properties are in place (`propertiesReadyAt`). */
export async function recordHubSpotSync(db: D1Database, orgId: string, s: { syncedAt?: number; propertiesReadyAt?: number }): Promise<void> {
  await db
    .prepare(
      `UPDATE hubspot_connections SET
         last_sync_at = CASE WHEN ?1 IS NULL THEN last_sync_at ELSE MAX(COALESCE(last_sync_at, 0), ?1) END,
         properties_ready_at = COALESCE(?2, properties_ready_at)
       WHERE org_id = ?3`,
    )
    .bind(s.syncedAt ?? null, s.propertiesReadyAt ?? null, orgId)
    .run();
}

export async function deleteHubSpotConnection(db: D1Database, orgId: string): Promise<boolean> {
  const r = await db.prepare('DELETE FROM hubspot_connections WHERE org_id = ?').bind(orgId).run();
  return r.meta.changes > 0;
}
