// Where HubSpot sends an admin back after installing Parley's app:
// /hooks/hubspot/oauth?code=…&state=…. The code is exchanged for the
// portal's tokens (stored sealed), HubSpot is asked which portal and user
// installed it, Parley's properties are made on the portal's records, and a
// first connection queues the sessions already linked to HubSpot records.
//
// With `state` (the install link on Parley's settings, bound to an org for an
// hour) the portal joins that org. Without it (an install from HubSpot's
// marketplace) a reinstall finds the portal's org again, and a portal new to
// Parley gets an org of its own, whose admin is the user who installed it.
import { Hono, type Context } from 'hono';
import * as install from '../../../../connectors/hubspot/oauth/install-url';
import * as oauth from '../../../../connectors/hubspot/oauth/tokens';
import { newId, randomBytes, toHex } from '../../auth/crypto';
import { forgetHubSpotCallers } from '../../auth/hubspot-caller';
import { now } from '../../clock';
import { queueResync } from '../../crm/resync';
import { findHubSpotConnectionByPortal, recordHubSpotSync, saveHubSpotConnection } from '../../directory/hubspot-connections';
import { createOrg } from '../../directory/orgs';
import { logWarning, reasonOf } from '../../log';
import { NoticePage } from '../../ui/layout';
import type { AppEnv } from '../context';

export const hubspotOAuth = new Hono<AppEnv>();

type Status = 200 | 400 | 409 | 502;

function notice(c: Context<AppEnv>, status: Status, title: string, message: string, detail?: string) {
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  return c.html(<NoticePage title={title} message={message} detail={detail} />, status);
}

const START_AGAIN = "Start again from Parley's settings page in HubSpot, or from the install link in Parley.";

hubspotOAuth.get('/hooks/hubspot/oauth', async (c) => {
  const { code, state, error, error_description: errorDescription } = c.req.query();
  if (error) return notice(c, 400, 'Parley was not installed', `HubSpot said: ${errorDescription ?? error}.`, START_AGAIN);
  if (!code) return notice(c, 400, 'Parley was not installed', 'This page needs the code HubSpot adds when it sends you back after the install; it has none.', START_AGAIN);

  const at = now();
  const bound = state ? await install.openInstallState(c.env, state, at) : null;
  if (state && !bound) return notice(c, 400, 'This install link has expired', 'Install links work for an hour, and only for the Parley org that made them.', START_AGAIN);

  let grant;
  let info;
  try {
    grant = await oauth.exchangeCode(c.env, code, install.redirectUri(c.env), at);
    info = await oauth.introspect(c.env, grant.accessToken);
  } catch (err) {
    if (err instanceof oauth.HubSpotAuthError) return notice(c, 400, 'HubSpot refused the install', reasonOf(err), START_AGAIN);
    if (err instanceof oauth.HubSpotUnavailableError) return notice(c, 502, 'HubSpot did not answer', reasonOf(err), 'Nothing was changed. Try the install again in a minute.');
    throw err;
  }

  let orgId = bound?.orgId ?? (await findHubSpotConnectionByPortal(c.env.DB, info.portalId))?.orgId;
  if (!orgId) {
    orgId = newId('org');
    await createOrg(c.env, { id: orgId, name: info.hubDomain ?? `HubSpot portal ${info.portalId}`, secret: toHex(randomBytes(32)), at });
  }
  const saved = await saveHubSpotConnection(
    c.env,
    {
      orgId,
      portalId: info.portalId,
      hubDomain: info.hubDomain,
      scopes: info.scopes,
      installedByUserId: info.userId,
      refreshToken: grant.refreshToken,
      accessToken: grant.accessToken,
      accessExpiresAt: grant.expiresAt,
    },
    at,
  );
  if (saved.kind === 'portal_taken') {
    return notice(c, 409, 'This portal is connected to another Parley org', `HubSpot portal ${info.portalId} already writes to another Parley org; one portal serves one org.`, 'An admin of that org can disconnect it from its HubSpot settings page first.');
  }
  oauth.forgetHubSpotToken(orgId);
  forgetHubSpotCallers(info.portalId);

  // The properties are made now so admins can build on them at once; write-back makes them later if HubSpot is busy now.
  try {
    // Loaded here only: write-back carries HubSpot's client library, which no other request needs.
    const { ensureParleyProperties } = await import('../../../../connectors/hubspot/writeback/properties');
    await ensureParleyProperties(c.env, orgId, now);
    await recordHubSpotSync(c.env.DB, orgId, { propertiesReadyAt: now() });
  } catch (err) {
    logWarning('hubspot_properties_deferred', { orgId, reason: reasonOf(err) });
  }
  const resync = saved.first ? await queueResync(c.env, orgId, 'hubspot') : null;
  const where = info.hubDomain ?? `portal ${info.portalId}`;
  return notice(
    c,
    200,
    'Parley is connected to HubSpot',
    `Parley now writes session updates to ${where}.${resync?.queued ? ` ${resync.queued} earlier session${resync.queued === 1 ? ' is' : 's are'} being written now.` : ''}`,
    'You can close this tab and open Parley from any contact, company, deal or ticket.',
  );
});
