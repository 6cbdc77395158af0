// A call from the org's CRM server (a Salesforce Named Credential): the org
// key, and the CRM user it acts for. The key acts only for agents its CRM
// made, found by the CRM user id: an account made in Parley (an admin above
// all) is never found by it, whatever email the call names.
import type { Context } from 'hono';
import type { AppEnv } from '../api/context';
import type { AgentRecord } from '../directory/agents';
import { provisionCrmAgent } from '../directory/crm-agents';
import { findCrmKeyHash } from '../directory/crm-connections';
import { orgSecurity } from '../directory/org-security-store';
import { emailSchema, personNameSchema } from '../domain/contact';
import { crmAgentRole } from '../domain/org-security';
import { salesforceUserId } from '../domain/salesforce-user-id';
import { ApiError } from '../errors';
import { forgetRemembered, remembered, type Remembered } from './remembered';
import { newId } from './crypto';
import { crmKeyMatches, crmKeyOrg } from './crm-key';

/**
 * A call from the org's CRM: `X-Parley-Key` (added by the Named Credential),
 * and the user it acts for: `X-Parley-Crm-User` (their Salesforce User Id,
 * what the agent is keyed by), `X-Parley-User` (email, for display and
 * notices), `X-Parley-User-Name` and `X-Parley-Role`. Remembered like
 * tokens, so a burst costs one lookup.
 */
const crmAgents: Remembered<AgentRecord> = new Map();

/**
 * Forget what this isolate remembers of an org's key calls, so the next one
 * reads the directory and the org's settings again (a change to
 * crmMayPromoteAdmins, a deactivated agent); other isolates follow within
 * AGENT_CACHE_MS.
 */
export function forgetCrmCallers(orgId: string): void {
  forgetRemembered(crmAgents, `${orgId}|`);
}

/** Header values are Latin-1 on the wire, so Salesforce sends the user's name percent-encoded (UTF-8). */
function decodeHeader(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

export async function authenticateCrmCall(c: Context<AppEnv>, key: string): Promise<AgentRecord> {
  const crmUser = salesforceUserId(c.req.header('X-Parley-Crm-User') ?? '');
  const email = emailSchema.safeParse(c.req.header('X-Parley-User') ?? '');
  const nameHeader = decodeHeader(c.req.header('X-Parley-User-Name'));
  const asserted = c.req.header('X-Parley-Role') ?? 'agent';
  const orgId = crmKeyOrg(key);
  // Keyed by the key itself: a replaced key stops working within AGENT_CACHE_MS, like a removed agent.
  return remembered(crmAgents, `${orgId}|${key}|${crmUser}|${email.data}|${nameHeader}|${asserted}`, async (at) => {
    if (!orgId || !(await crmKeyMatches(key, await findCrmKeyHash(c.env.DB, orgId)))) {
      throw new ApiError(401, 'invalid_key', 'X-Parley-Key: the org key is not valid (run `sf parley org connect` again to store a new one)');
    }
    if (!crmUser) throw new ApiError(400, 'bad_crm_user', 'X-Parley-Crm-User: give the Salesforce User Id (005…, 15 or 18 characters) of the user this call acts for');
    if (!email.success) throw new ApiError(400, 'bad_user', 'X-Parley-User: give the email of the CRM user this call acts for');
    if (asserted !== 'agent' && asserted !== 'admin') throw new ApiError(400, 'bad_role', 'X-Parley-Role: must be agent or admin');
    const name = personNameSchema.safeParse(nameHeader ?? email.data);
    const role = crmAgentRole(asserted, await orgSecurity(c.env.DB, orgId));
    const user = { system: 'salesforce' as const, userId: crmUser, email: email.data, name: name.success ? name.data : email.data, role };
    const answer = await provisionCrmAgent(c.env.DB, orgId, user, newId('agt'), at);
    if (answer.kind === 'no_org') throw new ApiError(401, 'invalid_key', 'X-Parley-Key: the org key is not valid');
    if (answer.kind === 'deactivated') throw new ApiError(403, 'agent_deactivated', `X-Parley-Crm-User: the agent of this Salesforce user (${crmUser}) was deactivated by an admin of the org`);
    if (answer.kind === 'email_taken') {
      // Refused, not matched and not duplicated: the key must never act as the account that has this email,
      // and a second agent with the same address would be mistaken for it in lists and notices.
      const whose = answer.by === 'parley' ? 'an account made in Parley, which the org key cannot act for' : "another Salesforce user's agent";
      throw new ApiError(
        409,
        'crm_user_conflict',
        `X-Parley-User: ${email.data} is the email of ${whose}; this Salesforce user (${crmUser}) needs an email no other Parley account has`,
      );
    }
    return answer.agent;
  });
}
