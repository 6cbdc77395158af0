// Additional participants, one link per role, re-engage, private sessions.
import { describe, expect, it } from 'vitest';
import { Browser, call, makeOrg, outboxFor, startSession } from '../../helpers/world';

const email = () => `p-${crypto.randomUUID()}@example.com`;

async function sessionWithCosigner() {
  const org = await makeOrg();
  const s = await startSession(org.alice, { name: 'Cora', email: email() });
  const id = s.session.id as string;
  const add = await call('POST', `/api/v1/sessions/${id}/participants`, {
    token: org.alice.token,
    body: { roleName: 'Cosigner', contact: { name: 'Colin', phone: '+44 20 7946 0001' } },
  });
  expect(add.status).toBe(201);
  return { org, id, customerId: s.participants[0].id as string, cosignerId: add.json.id as string };
}

describe('additional participants', () => {
  it('get their own invitation and link, and see only what is theirs to see', async () => {
    const { org, id, cosignerId } = await sessionWithCosigner();
    const sent = await outboxFor(id);
    const cosignerInvite = sent.find((m) => m.participant_id === cosignerId)!;
    expect(cosignerInvite.channel).toBe('sms');
    expect(cosignerInvite.body).toContain('as Cosigner');
    const b = new Browser();
    await b.open(cosignerInvite.link);
    const state = await b.request('GET', '/room/api/state');
    expect(state.json.me).toMatchObject({ id: cosignerId, roleName: 'Cosigner' });
    // The others' status, never their contact details.
    expect(state.json.others).toHaveLength(1);
    expect(state.json.others[0]).toMatchObject({ name: 'Cora', primary: true });
    expect(state.json.others[0].email).toBeUndefined();

    const view = await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token });
    expect(view.json.participants.map((p: any) => p.roleName)).toEqual(['Customer', 'Cosigner']);
    expect(view.json.participants[1]).toMatchObject({ phone: '+442079460001', enteredAt: expect.any(String), authStatus: 'none', consentedAt: null });
  });

  it('one person holding two roles gets two messages with two distinct links', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Cora', email: email() });
    const id = s.session.id;
    const same = { name: 'Dana', email: email() };
    await call('POST', `/api/v1/sessions/${id}/participants`, { token: org.alice.token, body: { roleName: 'CEO', contact: same } });
    await call('POST', `/api/v1/sessions/${id}/participants`, { token: org.alice.token, body: { roleName: 'CTO', contact: same } });
    const toDana = (await outboxFor(id)).filter((m) => m.recipient === same.email);
    expect(toDana).toHaveLength(2);
    expect(toDana[0]!.link).not.toBe(toDana[1]!.link);
  });

  it('re-engage changes the contact, sends a new link and kills the old one, until the participant enters', async () => {
    const { org, id, cosignerId } = await sessionWithCosigner();
    const oldLink = (await outboxFor(id)).find((m) => m.participant_id === cosignerId)!.link;
    const res = await call('PATCH', `/api/v1/sessions/${id}/participants/${cosignerId}`, { token: org.alice.token, body: { email: 'colin@example.org' } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ email: 'colin@example.org', inviteChannel: 'email', inviteCount: 2 });
    const latest = (await outboxFor(id)).find((m) => m.participant_id === cosignerId)!;
    expect(latest).toMatchObject({ channel: 'email', recipient: 'colin@example.org' });

    const stale = await new Browser().open(oldLink);
    expect(stale.status).toBe(410);
    expect(stale.text).toContain('newer invitation');
    await new Browser().open(latest.link);
    const late = await call('PATCH', `/api/v1/sessions/${id}/participants/${cosignerId}`, { token: org.alice.token, body: { name: 'Someone else' } });
    expect(late.status).toBe(409);
    expect(late.json.error.message).toContain('already entered');
  });

  it('refuses an empty re-engage and unknown participants', async () => {
    const { org, id } = await sessionWithCosigner();
    const empty = await call('PATCH', `/api/v1/sessions/${id}/participants/par_0000000000000000`, { token: org.alice.token, body: {} });
    expect(empty.status).toBe(422);
    const unknown = await call('PATCH', `/api/v1/sessions/${id}/participants/par_0000000000000000`, { token: org.alice.token, body: { name: 'X' } });
    expect(unknown.status).toBe(404);
  });
});

describe('private session', () => {
  it('keeps messages and items between the agent and one participant', async () => {
    const { org, id, cosignerId } = await sessionWithCosigner();
    const priv = await call('POST', `/api/v1/sessions/${id}/participants/${cosignerId}/private`, { token: org.alice.token });
    expect(priv.status).toBe(200);
    const threadId = priv.json.threadId;
    // Opening it again gives the same one.
    expect((await call('POST', `/api/v1/sessions/${id}/participants/${cosignerId}/private`, { token: org.alice.token })).json.threadId).toBe(threadId);
    await call('POST', `/api/v1/sessions/${id}/messages`, { token: org.alice.token, body: { text: 'Colin, could you send your ID?', threadId } });
    const item = await call('POST', `/api/v1/sessions/${id}/items`, { token: org.alice.token, body: { kind: 'task', name: 'Colin ID', threadId } });
    expect(item.json.assignees).toEqual([cosignerId]);

    const invites = await outboxFor(id);
    const colin = new Browser();
    await colin.open(invites.find((m) => m.participant_id === cosignerId)!.link);
    const cora = new Browser();
    await cora.open(invites.find((m) => m.participant_id !== cosignerId)!.link);

    const colinState = (await colin.request('GET', '/room/api/state')).json;
    expect(colinState.privateSessionId).toBe(threadId);
    expect(colinState.messages.map((m: any) => m.text)).toContain('Colin, could you send your ID?');
    expect(colinState.items.map((i: any) => i.name)).toContain('Colin ID');
    const coraState = (await cora.request('GET', '/room/api/state')).json;
    expect(coraState.messages.map((m: any) => m.text)).not.toContain('Colin, could you send your ID?');
    expect(coraState.items.map((i: any) => i.name)).not.toContain('Colin ID');
    // Cora cannot act on it or post into it either.
    expect((await cora.request('POST', `/room/api/items/${item.json.id}/status`, { status: 'opened' })).status).toBe(404);
    expect((await cora.request('POST', '/room/api/messages', { text: 'sneaky', threadId })).status).toBe(404);
    expect((await colin.request('POST', '/room/api/messages', { text: 'Sending it now', threadId })).status).toBe(201);
  });
});

describe('participant limit', () => {
  it('refuses a participant beyond the limit with a clear 409, and invites everyone else', async () => {
    const { MAX_PARTICIPANTS } = await import('../../../worker/src/room/participants');
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Many', email: email() }, { invite: false });
    const id = s.session.id;
    for (let i = 1; i < MAX_PARTICIPANTS; i++) {
      const r = await call('POST', `/api/v1/sessions/${id}/participants`, { token: org.alice.token, body: { roleName: 'Signer', contact: { name: `Signer ${i}`, email: `s${i}-${id}@example.com` } } });
      expect(r.status).toBe(201);
    }
    const over = await call('POST', `/api/v1/sessions/${id}/participants`, { token: org.alice.token, body: { roleName: 'Signer', contact: { name: 'One too many', email: email() } } });
    expect(over.status).toBe(409);
    expect(over.json.error.message).toBe(`a session can have at most ${MAX_PARTICIPANTS} participants`);
    expect((await call('POST', `/api/v1/sessions/${id}/invite`, { token: org.alice.token })).status).toBe(200);
    expect(await outboxFor(id)).toHaveLength(MAX_PARTICIPANTS);
  });
});
