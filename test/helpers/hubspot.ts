// HubSpot test helpers: the Worker's bindings with Parley's HubSpot app
// configured as the fake expects it, and an org connected to a portal of the
// fake HubSpot with tokens the fake issued (as the OAuth install route would
// store them).
import { env } from 'cloudflare:workers';
import type { Env } from '../../worker/src/env';
import { saveHubSpotConnection } from '../../worker/src/directory/hubspot-connections';
import { TEST_APP, type FakeHubSpot } from '../fakes/hubspot/fake-hubspot';
import type { Org } from './world';

export const HUBSPOT_BASE = 'https://api.hubapi.com';

/** The bindings write-back runs with: the test app's client id and secret (a token refresh needs them). */
export function hubspotEnv(base: Env = env): Env {
  return { ...base, HUBSPOT_CLIENT_ID: TEST_APP.clientId, HUBSPOT_CLIENT_SECRET: TEST_APP.clientSecret, HUBSPOT_APP_ID: String(TEST_APP.appId), HUBSPOT_API_BASE: HUBSPOT_BASE };
}

export interface ConnectedPortal {
  portalId: string;
  userId: string;
}

/** Install the app in `portalId` of the fake and store the connection for `org`; Parley's properties not made yet unless `propertiesReady`. */
export async function connectHubSpot(org: Org, fake: FakeHubSpot, opts: { portalId?: string; userId?: string; propertiesReady?: boolean } = {}): Promise<ConnectedPortal> {
  const portalId = opts.portalId ?? String(10_000_000 + Math.floor(Math.random() * 80_000_000));
  const userId = opts.userId ?? '9001';
  const redirectUri = 'https://parley.test/hooks/hubspot/oauth';
  const code = fake.authorize({ portalId, userId, userEmail: 'ada@acme.example', hubDomain: `acme-${portalId}.hubspot.com` }, redirectUri);
  const res = await fake.fetch(`${HUBSPOT_BASE}/oauth/2026-03/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: TEST_APP.clientId, client_secret: TEST_APP.clientSecret, redirect_uri: redirectUri, code }).toString(),
  });
  if (res.status !== 200) throw new Error(`the fake refused the install code: ${res.status} ${await res.text()}`);
  const t = (await res.json()) as { access_token: string; refresh_token: string; expires_in: number; scopes: string[] };
  const at = Date.now();
  const saved = await saveHubSpotConnection(
    hubspotEnv(),
    { orgId: org.id, portalId, hubDomain: `acme-${portalId}.hubspot.com`, scopes: t.scopes, installedByUserId: userId, refreshToken: t.refresh_token, accessToken: t.access_token, accessExpiresAt: at + t.expires_in * 1000 },
    at,
  );
  if (saved.kind !== 'saved') throw new Error(`portal ${portalId} is connected to another org`);
  if (opts.propertiesReady) await env.DB.prepare('UPDATE hubspot_connections SET properties_ready_at = ? WHERE org_id = ?').bind(at, org.id).run();
  return { portalId, userId };
}
