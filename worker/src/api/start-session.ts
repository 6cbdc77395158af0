// Starting a session: the address book, reusable sessions and the single
// active session rule, then the SessionRoom does the rest.
import type { Context } from 'hono';
import type { AppEnv } from './context';
import type { Contact } from '../domain/contact';
import { effectiveSettings } from '../directory/settings-store';
import { findCustomerByContact, recordContact } from '../directory/customers';
import { findIndexedSession, releaseActiveLock, takeActiveLock } from '../directory/session-index';
import { ApiError, unwrap } from '../errors';
import { newId } from '../auth/crypto';
import { now } from '../clock';
import { withOrgPhonePrefix } from './local-phone';
import { agentActor, roomStub } from './session-access';

export interface StartInput {
  customer: Contact;
  crmRecord?: { system: 'salesforce' | 'hubspot'; objectType?: string | undefined; recordId: string } | undefined;
  invite: boolean;
}

export async function startSession(c: Context<AppEnv>, given: StartInput) {
  const input = { ...given, customer: await withOrgPhonePrefix(c, given.customer, 'body.customer.phone') };
  const agent = c.get('agent');
  const db = c.env.DB;
  const settings = await effectiveSettings(db, agent.orgId, agent.teamId);
  const at = now();
  const customer = await findCustomerByContact(db, agent.orgId, input.customer);

  // Reusable sessions: the customer's last session with this agent comes back, history and all.
  if (settings.session.reusableSessions && customer?.last_session_id) {
    const previous = await findIndexedSession(db, agent.orgId, customer.last_session_id);
    if (previous && previous.agent_id === agent.id) {
      if (settings.session.singleActiveSession) await lockOrRefuse(c, previous.id);
      await recordContact(db, customer.id, input.customer, at, previous.id);
      const view = unwrap(await roomStub(c, previous.id).resume(agentActor(agent), input.invite));
      return { reused: true, view };
    }
  }

  const sessionId = newId('ses');
  if (settings.session.singleActiveSession) await lockOrRefuse(c, sessionId);
  try {
    const customerId = customer ? customer.id : newId('cus');
    if (customer) await recordContact(db, customer.id, input.customer, at, sessionId);
    else {
      await db
        .prepare(
          'INSERT INTO customers (id, org_id, name, email, phone, owner_agent_id, last_session_id, last_contact_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .bind(customerId, agent.orgId, input.customer.name, input.customer.email ?? null, input.customer.phone ?? null, agent.id, sessionId, at, at)
        .run();
    }
    const crm = input.crmRecord ? { system: input.crmRecord.system, objectType: input.crmRecord.objectType ?? null, recordId: input.crmRecord.recordId } : null;
    await db
      .prepare(
        `INSERT INTO sessions (id, org_id, agent_id, team_id, customer_id, customer_name, status, crm_system, crm_object, crm_record_id, version, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'planned', ?, ?, ?, 0, ?, ?)`,
      )
      .bind(sessionId, agent.orgId, agent.id, agent.teamId, customerId, input.customer.name, crm?.system ?? null, crm?.objectType ?? null, crm?.recordId ?? null, at, at)
      .run();
    const view = unwrap(
      await roomStub(c, sessionId).create({
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

/** Single active session: take the agent's lock for this session, or say which session holds it. */
export async function lockOrRefuse(c: Context<AppEnv>, sessionId: string): Promise<void> {
  const agent = c.get('agent');
  const holder = await takeActiveLock(c.env.DB, agent.orgId, agent.id, sessionId);
  if (holder === sessionId) return;
  const held = await findIndexedSession(c.env.DB, agent.orgId, holder);
  if (!held) {
    // Another start holds the lock and is still creating its session.
    throw new ApiError(409, 'single_active_session', 'single active session is on: another session is being started for you right now');
  }
  if (held.status === 'active' || held.status === 'planned') {
    throw new ApiError(409, 'single_active_session', `single active session is on: end your session with ${held.customer_name} (${held.id}) before starting another`);
  }
  // The holder is over but its release was lost: take the lock over.
  await releaseActiveLock(c.env.DB, holder);
  const retry = await takeActiveLock(c.env.DB, agent.orgId, agent.id, sessionId);
  if (retry !== sessionId) throw new ApiError(409, 'single_active_session', 'single active session is on: end your current session before starting another');
}
