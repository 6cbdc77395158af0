// Starting a session: the address book, reusable sessions and the single
// active session rule, then the SessionRoom does the rest.
import type { Context } from 'hono';
import type { AppEnv } from './context';
import { smsOffProblem, type Contact } from '../domain/contact';
import { effectiveSettings } from '../directory/settings-store';
import { findCustomerByContact, insertCustomer, recordContact } from '../directory/customers';
import { findIndexedSession, indexNewSession, isOpenStatus, releaseActiveLock, releaseAgentLock, takeActiveLock, type SessionIndexRow } from '../directory/session-index';
import { ApiError, unwrap } from '../errors';
import { newId } from '../auth/crypto';
import { now } from '../clock';
import { withOrgPhonePrefix } from './local-phone';
import { sessionRoom } from '../room/address';
import { otpChannelProblem } from '../room/otp';
import { preferredChannel } from '../room/participants';
import { agentActor } from './session-access';

export interface StartInput {
  customer: Contact;
  crmRecord?: { system: 'salesforce' | 'hubspot'; objectType?: string | undefined; recordId: string } | undefined;
  invite: boolean;
}

export async function startSession(c: Context<AppEnv>, given: StartInput) {
  const agent = c.get('agent');
  const db = c.env.DB;
  const settings = await effectiveSettings(db, agent.orgId, agent.teamId);
  // Text messages off: the customer is reached by email only (a phone given is refused as it is).
  const smsOff = settings.session.smsEnabled ? null : smsOffProblem(given.customer);
  if (smsOff) throw ApiError.invalidField(`body.customer.${smsOff.field}`, smsOff.message);
  const input = { ...given, customer: await withOrgPhonePrefix(c, given.customer, 'body.customer.phone') };
  // A customer the one-time code cannot reach could never enter: refused before a session exists (room/otp.ts).
  const noCode = input.invite ? otpChannelProblem({ ...input.customer, channel: preferredChannel(input.customer) }, settings) : null;
  if (noCode) throw new ApiError(422, 'otp_channel_missing', `body.customer: ${noCode}`);
  const at = now();
  const customer = await findCustomerByContact(db, agent.orgId, input.customer);

  // Reusable sessions: the customer's last session with this agent comes back, history and all.
  if (settings.session.reusableSessions && customer?.last_session_id) {
    const previous = await findIndexedSession(db, agent.orgId, customer.last_session_id);
    if (previous && previous.agent_id === agent.id) {
      if (settings.session.singleActiveSession) await lockOrRefuse(c, previous.id);
      await recordContact(db, customer.id, input.customer, at, previous.id);
      const view = unwrap(await sessionRoom(c.env, previous.id).resume(agentActor(agent), input.invite));
      return { reused: true, view };
    }
  }

  const sessionId = newId('ses');
  if (settings.session.singleActiveSession) await lockOrRefuse(c, sessionId);
  try {
    const customerId = customer ? customer.id : newId('cus');
    if (customer) await recordContact(db, customer.id, input.customer, at, sessionId);
    else await insertCustomer(db, { id: customerId, orgId: agent.orgId, ownerAgentId: agent.id, sessionId, at, ...input.customer });
    const crm = input.crmRecord ? { system: input.crmRecord.system, objectType: input.crmRecord.objectType ?? null, recordId: input.crmRecord.recordId } : null;
    await indexNewSession(db, { id: sessionId, orgId: agent.orgId, agentId: agent.id, teamId: agent.teamId, customerId, customerName: input.customer.name, crm, at });
    const view = unwrap(
      await sessionRoom(c.env, sessionId).create({
        sessionId,
        orgId: agent.orgId,
        orgName: agent.orgName,
        agentId: agent.id,
        agentName: agent.name,
        teamId: agent.teamId,
        customerId,
        customer: input.customer,
        crm,
        invite: input.invite,
      }),
    );
    return { reused: false, view };
  } catch (err) {
    if (settings.session.singleActiveSession) await releaseActiveLock(db, sessionId);
    throw err;
  }
}

/** Reopening an ended or closed session (renew) counts against single active session, like a new start. */
export async function lockForReopen(c: Context<AppEnv>, sessionId: string): Promise<void> {
  const agent = c.get('agent');
  const row = await findIndexedSession(c.env.DB, agent.orgId, sessionId);
  if (!row || (row.status !== 'ended' && row.status !== 'closed') || row.agent_id !== agent.id) return;
  const settings = await effectiveSettings(c.env.DB, row.org_id, row.team_id);
  if (settings.session.singleActiveSession) await lockOrRefuse(c, row.id);
}

/**
 * Single active session: take the agent's lock for this session, or say which
 * of their sessions is open. Every open session of the agent counts, whether
 * or not it holds the lock (one started while the setting was off does not).
 */
async function lockOrRefuse(c: Context<AppEnv>, sessionId: string): Promise<void> {
  const agent = c.get('agent');
  const db = c.env.DB;
  // Twice at most: a lock left behind by a session that is over (or was handed to another agent) is released once.
  for (let attempt = 0; attempt < 2; attempt++) {
    const lock = await takeActiveLock(db, agent.orgId, agent.id, sessionId);
    if (lock.taken) return;
    if ('open' in lock) throw refusal(lock.open);
    const held = await findIndexedSession(db, agent.orgId, lock.holder);
    // Another start holds the lock and is still creating its session.
    if (!held) throw new ApiError(409, 'single_active_session', 'single active session is on: another session is being started for you right now');
    if (isOpenStatus(held.status) && held.agent_id === agent.id) throw refusal(held);
    await releaseAgentLock(db, agent.id, lock.holder);
  }
  throw new ApiError(409, 'single_active_session', 'single active session is on: end your current session before starting another');
}

function refusal(open: SessionIndexRow): ApiError {
  return new ApiError(409, 'single_active_session', `single active session is on: end your session with ${open.customer_name} (${open.id}) before starting another`);
}
