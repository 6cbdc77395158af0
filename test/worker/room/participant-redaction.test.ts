// Participants are sent only what a participant may see: no agent ids, no
// customer or CRM record ids, no one's contact details, invitations, access
// windows or IPs. Proved over every event type (each built in the agents'
// form, redacted, then read by the strict participant schema), and over a
// real session's live frames, its replay and the room's state.
import { describe, expect, it } from 'vitest';
import { AGENTS_ONLY_EVENT_TYPES, EVENT_TYPES, participantEventSchema, sessionEventSchema, type SessionEvent } from '../../../worker/src/contract/events';
import { participantFrameSchema } from '../../../worker/src/contract/frames';
import { redactForParticipants } from '../../../worker/src/room/redact';
import { connect, isEvent, type Live } from '../../helpers/live-socket';
import { Browser, call, makeOrg, outboxFor, startSession } from '../../helpers/world';

const AGENT = 'agt_AAAAAAAAAAAAAAAA';
const OTHER_AGENT = 'agt_BBBBBBBBBBBBBBBB';
const CUSTOMER = 'cus_CCCCCCCCCCCCCCCC';
const SECRETS = [AGENT, OTHER_AGENT, CUSTOMER, 'tem_TTTTTTTTTTTTTTTT', 'CRM-RECORD-0001', 'other@example.org', '+15550100', '203.0.113.9', 'SecretBrowser/1.0'];
/** Keys that only agents' events carry. */
const AGENT_ONLY_KEYS = ['agentId', 'teamId', 'customerId', 'crmRecord', 'email', 'phone', 'inviteChannel', 'access', 'invitedAt', 'inviteCount', 'windowStartedAt', 'ip', 'userAgent', 'channel', 'channels'];

const at = '2026-11-21T11:30:14.108Z';
const session = {
  id: 'ses_SSSSSSSSSSSSSSSS',
  status: 'active',
  agentId: AGENT,
  teamId: 'tem_TTTTTTTTTTTTTTTT',
  customerId: CUSTOMER,
  crmRecord: { system: 'salesforce', objectType: 'Contact', recordId: 'CRM-RECORD-0001' },
  createdAt: at,
  invitedAt: at,
  endedAt: null,
  closedAt: null,
  version: 7,
};
const participant = {
  id: 'par_PPPPPPPPPPPPPPPP',
  primary: false,
  roleName: 'Cosigner',
  name: 'Col',
  online: false,
  lastSeenAt: null,
  enteredAt: at,
  consentedAt: null,
  authStatus: 'none',
  authenticatedAt: null,
  completed: false,
  completedAt: null,
  invitedAt: at,
  inviteCount: 3,
  windowStartedAt: at,
  email: 'other@example.org',
  phone: '+15550100',
  inviteChannel: 'email',
  language: 'fr',
  access: { level: 'full', reason: 'open', until: at },
  deliveries: [{ messageId: 'msg_x_1_email', kind: 'invitation_primary', channel: 'email', status: 'delivered', reason: null, updatedAt: at }],
  assignedBy: null,
};
const item = { id: 'itm_IIIIIIIIIIIIIIII', kind: 'payment', name: 'Deposit', status: 'sent', assignees: [participant.id], threadId: null, reason: null, signers: null, createdAt: at, updatedAt: at };
const message = { id: 'msg_MMMMMMMMMMMMMMMM', threadId: null, author: { kind: 'agent', id: AGENT }, text: 'hello', file: null, createdAt: at };
/** The types participants may be sent: all but the agents-only ones, which never reach a participant's socket. */
const PARTICIPANT_TYPES = EVENT_TYPES.filter((t) => !AGENTS_ONLY_EVENT_TYPES.has(t));
const evidence = { ip: '203.0.113.9', userAgent: 'SecretBrowser/1.0' };

/** Each event type's data in the agents' form, carrying every kind of thing participants must not see. */
const DATA: Record<SessionEvent['type'], unknown> = {
  'session.created': { session },
  'session.invited': { session },
  'session.renewed': { session },
  'session.ended': { session },
  'session.closed': { session, reason: 'inactive' },
  'session.access_limited': { session },
  'session.access_ended': { session },
  'session.reassigned': { session, from: OTHER_AGENT },
  'participant.added': { participant },
  'participant.invited': { participant, channel: 'email' },
  'participant.reengaged': { participant },
  'participant.entered': { participant, ...evidence },
  'participant.access_expired': { participant },
  'participant.completed': { participant },
  'participant.consented': { participant, ...evidence, disclosureSha256: 'ab'.repeat(32) },
  'participant.notified': { participant, kind: 'reminder', channels: ['sms', 'email'] },
  'participant.message_status': { participant, delivery: { messageId: 'msg_x_1_sms', kind: 'invitation_primary', channel: 'sms', status: 'failed', reason: 'Unreachable destination handset (Twilio 30003)', updatedAt: at } },
  'participant.forgotten': { participant },
  'participant.otp_sent': { participant, channel: 'sms', purpose: 'enter' },
  'participant.otp_locked': { participant, until: 1795260680418 },
  'participant.otp_viewed': { participant, channel: 'sms' },
  'participant.authenticated': { participant, method: 'otp_sms', takeover: true, ...evidence },
  'item.created': { item },
  'item.status_changed': { item, from: 'draft' },
  'document.signed': { item, roles: ['Cosigner'] },
  'document.roles_assigned': { item, assigned: ['Cosigner'], skipped: ['Witness'] },
  'document.seal_failed': { item, reason: 'the signing service did not answer', attempts: 5 },
  'request.file_submitted': { item, slotId: 'slt_SSSSSSSSSSSSSSSS' },
  'request.file_accepted': { item, slotId: 'slt_SSSSSSSSSSSSSSSS' },
  'request.file_rejected': { item, slotId: 'slt_SSSSSSSSSSSSSSSS', reason: 'The photo is blurred' },
  'payment.updated': { item, state: 'succeeded' },
  'review.page_turned': { item, page: 2, leader: `participant:${participant.id}` },
  'review.lead_taken': { item, page: 1, leader: 'agent' },
  'review.annotation_added': { item, annotation: { id: 'ann_AAAAAAAAAAAAAAAA', page: 1, kind: 'comment', rect: { x: 0.1, y: 0.2, width: 0.3, height: 0.05 }, text: 'Is this the right date?', by: 'agent', createdAt: '2026-11-18T12:00:00.000Z' } },
  'review.annotation_removed': { item, annotationId: 'ann_AAAAAAAAAAAAAAAA' },
  'message.posted': { message },
  'private_session.opened': { threadId: 'thr_HHHHHHHHHHHHHHHH', participantId: participant.id },
};

function agentEvent(type: SessionEvent['type']): SessionEvent {
  return sessionEventSchema.parse({ version: 8, type, at: 1795260680418, actor: `agent:${AGENT}`, audience: 'all', data: DATA[type] });
}

/** Every key anywhere in a value. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
  return [];
}

/** Nothing only agents may see, as a key or as a value. */
function expectNothingHidden(sent: unknown, secrets: string[]) {
  const text = JSON.stringify(sent);
  for (const secret of secrets) expect(text, `leaks ${secret}`).not.toContain(secret);
  const keys = keysOf(sent);
  for (const key of AGENT_ONLY_KEYS) expect(keys, `carries "${key}"`).not.toContain(key);
}

describe('the participant event schema', () => {
  it('has every event type, and each one redacted keeps nothing only agents may see', () => {
    const types = participantEventSchema.options.map((o) => o.shape.type.value);
    expect([...types].sort()).toEqual([...PARTICIPANT_TYPES].sort());
    for (const type of PARTICIPANT_TYPES) {
      const redacted = redactForParticipants(agentEvent(type));
      expect(participantEventSchema.safeParse(redacted).error?.issues ?? [], type).toEqual([]);
      expectNothingHidden(redacted, SECRETS);
      expect(redacted.actor).toBe('agent');
    }
  });

  it("is strict: the agents' form of any event with something to hide is refused", () => {
    const nothingToHide = new Set(['item.created', 'item.status_changed', 'document.signed', 'document.roles_assigned', 'request.file_submitted', 'request.file_accepted', 'request.file_rejected', 'payment.updated', 'review.page_turned', 'review.lead_taken', 'review.annotation_added', 'review.annotation_removed', 'private_session.opened']);
    for (const type of PARTICIPANT_TYPES) {
      const raw = agentEvent(type);
      // The agent's id is in the actor of every one of them.
      expect(participantEventSchema.safeParse(raw).success, type).toBe(false);
      if (nothingToHide.has(type)) continue;
      expect(participantEventSchema.safeParse({ ...raw, actor: 'agent' }).success, `${type} data`).toBe(false);
    }
  });

  it("keeps a participant's own actions theirs, and an item's previous status", () => {
    const raw = sessionEventSchema.parse({ version: 9, type: 'item.status_changed', at: 1, actor: `participant:${participant.id}`, audience: 'all', data: { item, from: 'draft' } });
    const redacted = redactForParticipants(raw);
    expect(redacted.actor).toBe(`participant:${participant.id}`);
    expect(redacted.data).toEqual({ item, from: 'draft' });
  });
});

describe("a real session as a participant's socket, replay and room state show it", () => {
  it('never carries agent, customer or CRM ids, nor the other participant\'s contact details, invitations or window', async () => {
    const org = await makeOrg();
    await call('PATCH', '/api/v1/settings', { token: org.admin.token, body: { session: { searchSpace: 'team' } } });
    const started = await startSession(org.bob, { name: 'Cora', email: `r-${crypto.randomUUID()}@example.com` }, { crmRecord: { system: 'salesforce', objectType: 'Contact', recordId: '003REDACTIONTEST1' } });
    const id = started.session.id as string;
    const customerId = started.session.customerId as string;
    const cora = new Browser();
    await cora.open((await outboxFor(id))[0]!.link);
    const customer = await connect('/room/api/ws', { Cookie: cora.cookie! });
    const agent = await connect(`/api/v1/sessions/${id}/ws?token=${org.bob.token}`);

    const colEmail = `col-${crypto.randomUUID()}@example.org`;
    const col = await call('POST', `/api/v1/sessions/${id}/participants`, { token: org.bob.token, body: { roleName: 'Cosigner', contact: { name: 'Col', email: colEmail } } });
    const colPhone = '+14155550199';
    expect((await call('PATCH', `/api/v1/sessions/${id}/participants/${col.json.id}`, { token: org.bob.token, body: { phone: colPhone } })).status).toBe(200);
    await cora.request('POST', '/room/api/consent');
    const item = await call('POST', `/api/v1/sessions/${id}/items`, { token: org.bob.token, body: { kind: 'task', name: 'Deposit' } });
    await cora.request('POST', `/room/api/items/${item.json.id}/status`, { status: 'in_progress' });
    await call('POST', `/api/v1/sessions/${id}/messages`, { token: org.bob.token, body: { text: 'from the agent' } });
    await cora.request('POST', '/room/api/messages', { text: 'from the customer' });
    expect((await call('POST', `/api/v1/customers/${customerId}/takeover`, { token: org.alice.token })).status).toBe(200);
    await call('POST', `/api/v1/sessions/${id}/end`, { token: org.alice.token });
    await call('POST', `/api/v1/sessions/${id}/renew`, { token: org.alice.token });
    const last = await agent.next(isEvent('session.renewed'));
    await customer.next(isEvent('session.renewed'));

    const seen = (live: Live) => live.frames.filter((f) => f.type === 'event').map((f) => f.event.type);
    const replay = await connect('/room/api/ws?after=0', { Cookie: cora.cookie! });
    await replay.next((f) => f.type === 'event' && f.event.version === last.event.version);
    const state = (await cora.request('GET', '/room/api/state')).json;

    const secrets = [org.id, org.alice.id, org.bob.id, org.teamA, customerId, '003REDACTIONTEST1', colEmail, colPhone];
    for (const live of [customer, replay]) {
      for (const frame of live.frames) expect(participantFrameSchema.safeParse(frame).error?.issues ?? [], JSON.stringify(frame).slice(0, 200)).toEqual([]);
      expectNothingHidden(live.frames, secrets);
    }
    // Their own contact details and access are theirs to see; nobody else's.
    expect(state.me.email).toMatch(/^r-/);
    const { me: _me, access: _access, ...shared } = state;
    expectNothingHidden(shared, secrets);
    expect(state.messages.find((m: any) => m.text === 'from the agent').author).toEqual({ kind: 'agent' });
    // The session did happen as agents see it: these are the events the customer was sent, redacted.
    for (const type of ['session.created', 'participant.added', 'participant.invited', 'participant.reengaged', 'participant.consented', 'item.created', 'item.status_changed', 'message.posted', 'session.reassigned', 'session.ended', 'session.renewed']) {
      expect(seen(replay), type).toContain(type);
    }
    expect(JSON.stringify(agent.frames)).toContain(org.bob.id);
    expect(JSON.stringify(agent.frames)).toContain('003REDACTIONTEST1');
  });
});
