// The API for an org's portal, with the access token OAuth holds for it
// (oauth/tokens.ts). When HubSpot refuses that token (401) before its
// expiry, the token is refreshed once: a token revoked
// early is replaced, and an uninstalled app shows at once, because HubSpot
// then refuses the refresh token too (tokens.ts marks the connection broken).
import type { Env } from '../../../worker/src/env';
import { hubspotAccessToken, hubspotApiBase } from '../oauth/tokens';
import { HubSpotApi } from './hubspot-api';

export async function openHubSpotApi(env: Env, connection: { orgId: string; portalId: string }, now: () => number): Promise<HubSpotApi> {
  const token = await hubspotAccessToken(env, connection.orgId, now);
  return new HubSpotApi(token, hubspotApiBase(env), connection.portalId, now, (refused) => hubspotAccessToken(env, connection.orgId, now, refused));
}
