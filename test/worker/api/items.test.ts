// Items: the status machine through the API and the room, assignees, completion.
import { describe, expect, it } from 'vitest';
import { Browser, call, makeOrg, outboxFor, startSession } from '../../helpers/world';

async function setup() {
  const org = await makeOrg();
  const s = await startSession(org.alice, { name: 'Cora', email: `i-${crypto.randomUUID()}@example.com` });
  const id = s.session.id as string;
  const b = new Browser();
  await b.open((await outboxFor(id))[0]!.link);
  return { org, id, b, customerId: s.participants[0].id as string };
}

describe('items', () => {
  it('move along the status machine; illegal moves get 409 with what is possible', async () => {
    const { org, id, b, customerId } = await setup();
    const item = await call('POST', `/api/v1/sessions/${id}/items`, { token: org.alice.token, body: { kind: 'task', name: 'Pay slip' } });
    expect(item.status).toBe(201);
    expect(item.json).toMatchObject({ status: 'sent', assignees: [customerId], kind: 'task' });
    const itemId = item.json.id;

    expect((await b.request('POST', `/room/api/items/${itemId}/status`, { status: 'opened' })).json.status).toBe('opened');
    expect((await b.request('POST', `/room/api/items/${itemId}/status`, { status: 'in_progress' })).json.status).toBe('in_progress');
    const reject = await call('POST', `/api/v1/sessions/${id}/items/${itemId}/status`, { token: org.alice.token, body: { status: 'rejected' } });
    expect(reject.status).toBe(422);
    expect(reject.json.error.message).toContain('reason');
    const rejected = await call('POST', `/api/v1/sessions/${id}/items/${itemId}/status`, { token: org.alice.token, body: { status: 'rejected', reason: 'The photo is blurred' } });
    expect(rejected.json).toMatchObject({ status: 'rejected', reason: 'The photo is blurred' });

    const illegal = await b.request('POST', `/room/api/items/${itemId}/status`, { status: 'completed' });
    expect(illegal.status).toBe(409);
    expect(illegal.json.error.message).toBe('an item that is rejected cannot become completed (it can become: sent, cancelled)');
    const customerCancel = await b.request('POST', `/room/api/items/${itemId}/status`, { status: 'cancelled' });
    expect(customerCancel.status).toBe(409);
    expect(customerCancel.json.error.message).toContain('participant cannot');
  });

  it('marks a participant completed when all their items are done, and counts it', async () => {
    const { org, id, b, customerId } = await setup();
    const one = await call('POST', `/api/v1/sessions/${id}/items`, { token: org.alice.token, body: { kind: 'task', name: 'Deposit' } });
    const two = await call('POST', `/api/v1/sessions/${id}/items`, { token: org.alice.token, body: { kind: 'task', name: 'Fee' } });
    await b.request('POST', `/room/api/items/${one.json.id}/status`, { status: 'completed' });
    let view = (await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token })).json;
    expect(view.participants[0].completed).toBe(false);
    await b.request('POST', `/room/api/items/${two.json.id}/status`, { status: 'declined', reason: 'Too expensive' });
    view = (await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token })).json;
    expect(view.participants[0].completed).toBe(true); // nothing left waiting for them

    // A declined item is final; the agent sends a revised one.
    expect((await call('POST', `/api/v1/sessions/${id}/items/${two.json.id}/status`, { token: org.alice.token, body: { status: 'cancelled' } })).status).toBe(409);
    const three = await call('POST', `/api/v1/sessions/${id}/items`, { token: org.alice.token, body: { kind: 'task', name: 'Fee, revised' } });
    const four = await call('POST', `/api/v1/sessions/${id}/items`, { token: org.alice.token, body: { kind: 'task', name: 'Not needed after all' } });
    await call('POST', `/api/v1/sessions/${id}/items/${four.json.id}/status`, { token: org.alice.token, body: { status: 'cancelled' } });
    view = (await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token })).json;
    expect(view.participants[0].completed).toBe(false); // the revised fee waits for them
    await b.request('POST', `/room/api/items/${three.json.id}/status`, { status: 'completed' });
    view = (await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token })).json;
    expect(view.participants.find((p: any) => p.id === customerId).completed).toBe(true);
    const events = (await call('GET', `/api/v1/sessions/${id}/events`, { token: org.alice.token })).json.events;
    expect(events.filter((e: any) => e.type === 'participant.completed').at(-1).data.participant.completed).toBe(true);
  });

  it('refuses items for unknown assignees and unknown kinds', async () => {
    const { org, id } = await setup();
    const unknown = await call('POST', `/api/v1/sessions/${id}/items`, { token: org.alice.token, body: { kind: 'task', name: 'x', assigneeIds: ['par_0000000000000000'] } });
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.message).toContain('assigneeIds');
    const kind = await call('POST', `/api/v1/sessions/${id}/items`, { token: org.alice.token, body: { kind: 'teleport', name: 'x' } });
    expect(kind.status).toBe(422);
    expect(kind.json.error.issues[0].field).toBe('body.kind');
  });

  it('only the assignee may act on an item', async () => {
    const { org, id } = await setup();
    const add = await call('POST', `/api/v1/sessions/${id}/participants`, { token: org.alice.token, body: { roleName: 'Cosigner', contact: { name: 'Col', email: 'col@example.org' } } });
    const item = await call('POST', `/api/v1/sessions/${id}/items`, { token: org.alice.token, body: { kind: 'task', name: 'Cosigner fee', assigneeIds: [add.json.id] } });
    const cora = new Browser();
    await cora.open((await outboxFor(id)).find((m) => m.participant_id !== add.json.id)!.link);
    const res = await cora.request('POST', `/room/api/items/${item.json.id}/status`, { status: 'opened' });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('not_assignee');
  });
});
