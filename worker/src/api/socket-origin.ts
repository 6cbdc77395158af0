// Where a live socket may be opened from. No CORS applies to WebSockets: any
// page may open one to Parley, and the browser sends the user's cookies with
// it. Without this check an attacker's page could open a signed-in
// customer's or agent's socket and read the session live (cross-site
// WebSocket hijacking). Browsers always send Origin on a WebSocket upgrade, and
// a page cannot change it.
//
// - Parley's own origin (PUBLIC_URL's, or the one this request was addressed
//   to: the same server, as with localhost and 127.0.0.1 in development) may
//   open either socket.
// - The CRM origins an org's admin allowed (org-security.ts crmOrigins) may
//   open that org's agent sockets: a CRM panel opens one with a live token.
//   The customer's room is only ever served by Parley, so the room socket
//   takes Parley's own origin only.
// - No Origin at all is no browser: a script or server (the sf plugin) that
//   holds a token it sends itself (Authorization or ?token=, or the org key).
//   Nothing rides along that it did not choose to send, so that is allowed.
//   A cookie is what a browser sends by itself, so a cookie-signed upgrade
//   must come with the Origin of a page allowed to use it.
import type { Context } from 'hono';
import { remembered, type Remembered } from '../auth/remembered';
import { orgSecurity } from '../directory/org-security-store';
import { ApiError } from '../errors';
import type { AppEnv } from './context';

/** How the socket's caller proved who they are: a cookie the browser sends by itself, or a credential the caller sent. */
export type SocketCredential = 'cookie' | 'sent';

/** An org's CRM origins, read at most every few seconds per isolate (remembered.ts): an upgrade burst costs one read. */
const crmOriginsOf: Remembered<readonly string[]> = new Map();

/** Throws a 403 naming the origin when this upgrade may not come from where it comes. */
export async function checkSocketOrigin(c: Context<AppEnv>, credential: SocketCredential, orgId: string | null): Promise<void> {
  const origin = c.req.header('Origin');
  const parley = new URL(c.env.PUBLIC_URL).origin;
  if (origin === undefined) {
    if (credential === 'sent') return;
    throw new ApiError(403, 'origin_required', `a live connection signed in by cookie must come from a page on Parley (${parley}); this request sent no Origin header`);
  }
  if (origin === parley || origin === new URL(c.req.url).origin) return;
  if (orgId !== null) {
    const crm = await remembered(crmOriginsOf, orgId, async () => (await orgSecurity(c.env.DB, orgId)).crmOrigins);
    if (crm.includes(origin)) return;
    throw new ApiError(
      403,
      'origin_not_allowed',
      `a live connection from ${origin} is not allowed: only Parley (${parley}) and the CRM origins an admin listed (crmOrigins in /api/v1/settings/security) may open one`,
    );
  }
  throw new ApiError(403, 'origin_not_allowed', `a live connection from ${origin} is not allowed: the room's live connection opens only from Parley (${parley})`);
}
