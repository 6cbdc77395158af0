// A call from a HubSpot card or settings page (hubspot.fetch): once its
// signature holds, HubSpot vouches for the query parameters it appended —
// portalId, the HubSpot portal, which maps to the Parley org that installed
// the app; userId, the HubSpot user, whose Parley agent is found by that id
// (never by email alone) and made on their first call, as for Salesforce.
import type { Context } from 'hono';
import type { AppEnv } from '../api/context';
import type { AgentRecord } from '../directory/agents';
import { provisionCrmAgent } from '../directory/crm-agents';
import { findHubSpotConnectionByPortal } from '../directory/hubspot-connections';
import { emailSchema } from '../domain/contact';
import { ApiError } from '../errors';
import { newId } from './crypto';
import { verifyHubSpotRequest } from './hubspot-request';
import { forgetRemembered, remembered, type Remembered } from './remembered';

/** Agents of HubSpot users, by portal and user: a card refreshing every few seconds costs no directory write. */
const hubspotAgents: Remembered<AgentRecord> = new Map();

export function forgetHubSpotCallers(portalId?: string): void {
  forgetRemembered(hubspotAgents, portalId === undefined ? '' : `${portalId}|`);
}

const NUMERIC_ID = /^\d{1,20}$/;

export async function authenticateHubSpotCall(c: Context<AppEnv>): Promise<AgentRecord> {
  await verifyHubSpotRequest(c);
  const portalId = c.req.query('portalId') ?? '';
  const userId = c.req.query('userId') ?? '';
  const email = emailSchema.safeParse(c.req.query('userEmail') ?? '');
  if (!NUMERIC_ID.test(portalId)) throw new ApiError(400, 'bad_portal', 'portalId: HubSpot appends the portal id to every signed call; this one has none');
  if (!NUMERIC_ID.test(userId)) throw new ApiError(400, 'bad_crm_user', 'userId: HubSpot appends the user id to every signed call; this one has none');
  if (!email.success) throw new ApiError(400, 'bad_user', 'userEmail: HubSpot appends the user email to every signed call; this one has none that is valid');
  return remembered(hubspotAgents, `${portalId}|${userId}|${email.data}`, async (at) => {
    const connection = await findHubSpotConnectionByPortal(c.env.DB, portalId);
    // 403, not 401: HubSpot proved who it is; this portal is simply not Parley's (and HubSpot's shared addresses must not count as failed sign-ins).
    if (!connection) {
      throw new ApiError(403, 'hubspot_not_connected', `HubSpot portal ${portalId} is not connected to Parley: an admin of the portal installs Parley's app from its settings page (or the install link an admin of Parley gives them)`);
    }
    // The installer is the connection's admin; everyone else keeps the role Parley gave them (an agent at first).
    const role = connection.installedByUserId === userId ? 'admin' : null;
    const answer = await provisionCrmAgent(c.env.DB, connection.orgId, { system: 'hubspot', userId, email: email.data, name: email.data, role }, newId('agt'), at);
    if (answer.kind === 'no_org') throw new ApiError(403, 'hubspot_not_connected', `HubSpot portal ${portalId} is connected to no Parley org`);
    if (answer.kind === 'deactivated') throw new ApiError(403, 'agent_deactivated', `the agent of this HubSpot user (${userId}) was deactivated by an admin of the org`);
    if (answer.kind === 'email_taken') {
      const whose = answer.by === 'parley' ? 'an account made in Parley' : "another CRM user's agent";
      throw new ApiError(409, 'crm_user_conflict', `userEmail: ${email.data} is the email of ${whose}; this HubSpot user (${userId}) needs an email no other Parley account has`);
    }
    return answer.agent;
  });
}
