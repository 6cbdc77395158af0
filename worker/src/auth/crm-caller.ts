// A call from the org's CRM server (a Salesforce Named Credential): the org
// key, and the CRM user it acts for. The user becomes (or is) an agent of
// that org.
import type { Context } from 'hono';
import type { AppEnv } from '../api/context';
import { provisionCrmAgent, type AgentRecord } from '../directory/agents';
import { findCrmKeyHash } from '../directory/crm-connections';
import { emailSchema, personNameSchema } from '../domain/contact';
import { ApiError } from '../errors';
import { remembered, type Remembered } from './remembered';
import { newId } from './crypto';
import { crmKeyMatches, crmKeyOrg } from './crm-key';

/**
 * A call from the org's CRM: `X-Parley-Key` (added by the Named Credential),
 * and the user it acts for in `X-Parley-User` (email), `X-Parley-User-Name`
 * and `X-Parley-Role`. Remembered like tokens, so a burst costs one lookup.
 */
const crmAgents: Remembered<AgentRecord> = new Map();

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
  const email = emailSchema.safeParse(c.req.header('X-Parley-User') ?? '');
  const nameHeader = decodeHeader(c.req.header('X-Parley-User-Name'));
  const role = c.req.header('X-Parley-Role') ?? 'agent';
  // Keyed by the key itself: a replaced key stops working within AGENT_CACHE_MS, like a removed agent.
  return remembered(crmAgents, `${key}|${email.data}|${nameHeader}|${role}`, async (at) => {
    const orgId = crmKeyOrg(key);
    if (!orgId || !(await crmKeyMatches(key, await findCrmKeyHash(c.env.DB, orgId)))) {
      throw new ApiError(401, 'invalid_key', 'X-Parley-Key: the org key is not valid (run `sf parley org connect` again to store a new one)');
    }
    if (!email.success) throw new ApiError(400, 'bad_user', 'X-Parley-User: give the email of the CRM user this call acts for');
    if (role !== 'agent' && role !== 'admin') throw new ApiError(400, 'bad_role', 'X-Parley-Role: must be agent or admin');
    const name = personNameSchema.safeParse(nameHeader ?? email.data);
    const agent = await provisionCrmAgent(c.env.DB, orgId, { email: email.data, name: name.success ? name.data : email.data, role }, newId('agt'), at);
    if (!agent) throw new ApiError(401, 'invalid_key', 'X-Parley-Key: the org key is not valid');
    return agent;
  });
}

