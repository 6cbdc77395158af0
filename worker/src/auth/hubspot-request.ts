// Is this request from HubSpot? Checked before anything in it is trusted —
// its query parameters (portalId, userId) above all: the signature, keyed
// with Parley's app secret, over the URI HubSpot called, the raw body and the
// time; then the replay cache. The URI is the public one (PUBLIC_URL): HubSpot
// signs the https address it called, whatever proxy stands in between.
import type { Context } from 'hono';
import type { AppEnv } from '../api/context';
import { now } from '../clock';
import { firstSightOfSignature } from '../directory/hubspot-signatures';
import { ApiError } from '../errors';
import { checkHubSpotSignature } from './hubspot-signature';

/** HubSpot sends at most 1 MB; a larger body is not HubSpot's. */
const MAX_BODY_BYTES = 1024 * 1024;

export const SIGNATURE_HEADER = 'X-HubSpot-Signature-v3';

/** The URI as HubSpot called it: Parley's public origin, then the path and query exactly as received. */
function publicUri(c: Context<AppEnv>): string {
  const received = new URL(c.req.url);
  return `${new URL(c.env.PUBLIC_URL).origin}${received.pathname}${received.search}`;
}

/** Verified, and not seen before: the raw body, read from a copy so the route can still read the request. */
export async function verifyHubSpotRequest(c: Context<AppEnv>): Promise<string> {
  const secret = c.env.HUBSPOT_CLIENT_SECRET;
  if (!secret) throw new ApiError(401, 'hubspot_not_configured', "this Parley has no HubSpot app configured (HUBSPOT_CLIENT_SECRET), so it cannot check HubSpot's signature");
  if (Number(c.req.header('Content-Length') ?? '0') > MAX_BODY_BYTES) throw new ApiError(413, 'body_too_large', `the request body is over ${MAX_BODY_BYTES} bytes`);
  const body = c.req.raw.body ? await c.req.raw.clone().text() : '';
  const signature = c.req.header(SIGNATURE_HEADER);
  const at = now();
  const check = await checkHubSpotSignature(secret, { method: c.req.method, uri: publicUri(c), body, timestamp: c.req.header('X-HubSpot-Request-Timestamp'), signature }, at);
  if (!check.ok) {
    const why = {
      missing: `${SIGNATURE_HEADER} and X-HubSpot-Request-Timestamp are both required`,
      stale: 'X-HubSpot-Request-Timestamp is more than 5 minutes from now: the request is too old (or its clock is wrong)',
      mismatch: `${SIGNATURE_HEADER} does not match the request: it was not signed by Parley's HubSpot app, or it was changed on the way`,
    }[check.reason];
    throw new ApiError(401, 'invalid_hubspot_signature', why);
  }
  if (!(await firstSightOfSignature(c.env.DB, signature!, at))) throw new ApiError(401, 'replayed_request', 'this signed request was already received: HubSpot signs every request afresh');
  return body;
}
