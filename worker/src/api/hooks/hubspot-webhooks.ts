// HubSpot's webhooks for Parley's app (connectors/hubspot/app/src/app/webhooks):
// a contact deleted, or a privacy deletion asked for, makes Parley forget
// that person in the portal's org; an uninstall stops write-back until an
// admin installs the app again. Signed like every call from HubSpot
// (auth/hubspot-request.ts); HubSpot delivers again whatever is not answered
// 2xx, so every event is safe to handle twice.
import { Hono } from 'hono';
import { forgetHubSpotToken } from '../../../../connectors/hubspot/oauth/tokens';
import { z } from 'zod';
import { forgetHubSpotCallers } from '../../auth/hubspot-caller';
import { verifyHubSpotRequest } from '../../auth/hubspot-request';
import { now } from '../../clock';
import { findHubSpotConnectionByPortal, markHubSpotBroken } from '../../directory/hubspot-connections';
import { forgetHubSpotContact, hubspotContactEmail } from '../../directory/hubspot-contacts';
import { ApiError } from '../../errors';
import { forgetPerson } from '../../privacy/forget-person';
import type { AppEnv } from '../context';
import { webhookBody } from '../body-limits';

export const hubspotWebhooks = new Hono<AppEnv>();
hubspotWebhooks.use('/hooks/hubspot/webhooks', webhookBody);

/** HubSpot sends events in batches of up to 100, each naming its portal. */
const eventsSchema = z
  .array(
    z
      .object({
        portalId: z.coerce.string(),
        subscriptionType: z.string(),
        objectId: z.coerce.string().optional(),
        objectTypeId: z.string().optional(),
        eventId: z.coerce.string().optional(),
      })
      .passthrough(),
  )
  .max(1000);

type HubSpotEvent = z.infer<typeof eventsSchema>[number];

/** The legacy contact events, the hub's privacy event, and the 2025.2 generic object deletion of a contact (object type 0-1). */
export function isContactDeletion(e: HubSpotEvent): boolean {
  return e.subscriptionType === 'contact.deletion' || e.subscriptionType === 'contact.privacyDeletion' || (e.subscriptionType === 'object.deletion' && e.objectTypeId === '0-1');
}

export const isUninstall = (e: HubSpotEvent) => e.subscriptionType === 'app.uninstall';

hubspotWebhooks.post('/hooks/hubspot/webhooks', async (c) => {
  const raw = await verifyHubSpotRequest(c);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ApiError(400, 'bad_request', 'body: not valid JSON');
  }
  const events = eventsSchema.safeParse(parsed);
  if (!events.success) throw new ApiError(400, 'bad_request', `body: must be HubSpot's array of webhook events (${events.error.issues[0]?.message ?? 'unexpected shape'})`);

  const at = now();
  let forgotten = 0;
  let ignored = 0;
  for (const e of events.data) {
    const connection = await findHubSpotConnectionByPortal(c.env.DB, e.portalId);
    // A portal that is not (or no longer) connected has nothing of its people in Parley to forget.
    if (!connection) {
      ignored++;
      continue;
    }
    if (isUninstall(e)) {
      await markHubSpotBroken(c.env.DB, connection.orgId, 'the app was uninstalled from the HubSpot portal; install it again to resume write-back', at);
      forgetHubSpotToken(connection.orgId);
      forgetHubSpotCallers(connection.portalId);
      continue;
    }
    if (isContactDeletion(e) && e.objectId) {
      const email = await hubspotContactEmail(c.env.DB, connection.orgId, e.objectId);
      await forgetPerson(c.env, connection.orgId, { email, crm: { system: 'hubspot', objectType: 'contacts', recordId: e.objectId } }, at);
      await forgetHubSpotContact(c.env.DB, connection.orgId, e.objectId);
      forgotten++;
      continue;
    }
    ignored++;
  }
  return c.json({ received: events.data.length, forgotten, ignored }, 200);
});
