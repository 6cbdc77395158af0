// Integrity (issue 16): an item whose completion needs proof (a payment, a
// document request, a signed document, a review, a workflow) cannot be
// completed through the generic status routes, by the customer or the agent.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ITEM_KINDS } from '../../../worker/src/domain/catalogue';
import { needsProof } from '../../../worker/src/domain/item-rules';
import { Browser, call, makeOrg, outboxFor, startSession } from '../../helpers/world';

const stub = (sessionId: string) => env.SESSION_ROOM.get(env.SESSION_ROOM.idFromName(sessionId));

describe('items that need proof', () => {
  it('answer 403 proof_required to the customer and the agent, and stay as they were', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Cora', email: `p-${crypto.randomUUID()}@example.com` });
    const id = s.session.id as string;
    const cora = new Browser();
    await cora.open((await outboxFor(id))[0]!.link);
    const agent = { kind: 'agent' as const, orgId: org.id, agentId: org.alice.id, teamId: org.teamA, admin: false };
    for (const kind of ITEM_KINDS.filter(needsProof)) {
      // Built straight in the room: the public route sends only tasks.
      const added = await stub(id).addItem(agent, { kind, name: `A ${kind}` });
      if (!added.ok) throw new Error(added.message);
      const itemId = added.value.id;
      for (const to of ['completed', 'in_progress', 'approved']) {
        const res = await cora.request('POST', `/room/api/items/${itemId}/status`, { status: to });
        expect(res.status, `${kind} → ${to} by the customer`).toBe(403);
        expect(res.json.error.code).toBe('proof_required');
      }
      const byAgent = await call('POST', `/api/v1/sessions/${id}/items/${itemId}/status`, { token: org.alice.token, body: { status: 'completed' } });
      expect(byAgent.status, `${kind} → completed by the agent`).toBe(403);
      // Opening is still the customer's, cancelling the agent's.
      expect((await cora.request('POST', `/room/api/items/${itemId}/status`, { status: 'opened' })).json.status).toBe('opened');
      const item = (await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token })).json.items.find((i: { id: string }) => i.id === itemId);
      expect(item.status).toBe('opened');
    }
  });

  it('leaves a task to the customer, and refuses app kinds on the generic send route with the field named', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Cora', email: `p-${crypto.randomUUID()}@example.com` });
    const id = s.session.id as string;
    const cora = new Browser();
    await cora.open((await outboxFor(id))[0]!.link);
    const task = await call('POST', `/api/v1/sessions/${id}/items`, { token: org.alice.token, body: { kind: 'task', name: 'Confirm your address' } });
    expect(task.status).toBe(201);
    expect((await cora.request('POST', `/room/api/items/${task.json.id}/status`, { status: 'completed' })).json.status).toBe('completed');
    const payment = await call('POST', `/api/v1/sessions/${id}/items`, { token: org.alice.token, body: { kind: 'payment', name: 'Deposit' } });
    expect(payment.status).toBe(422);
    expect(JSON.stringify(payment.json.error)).toContain('kind');
  });
});
