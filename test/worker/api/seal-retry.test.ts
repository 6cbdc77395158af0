// POST /api/v1/sessions/{sessionId}/items/{itemId}/seal: an admin tries
// again a document whose sealing failed. The count starts over and the
// document is sealed now; only a failed one, and only by an admin.
import { runDurableObjectAlarm } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { aheadOfRealClock, frozenClock } from '../../helpers/ahead';
import { agentOnlyDocument, DOWN_TSA, roomOf, sealTimerDue, tsaStub, useTsa } from '../../helpers/sealing';
import { call, makeOrg, type Org } from '../../helpers/world';

const MIN = 60_000;
/** Each try seals the PDF up to the failing step: seven of them take a while on a busy machine. */
const SLOW = 120_000;
const START = aheadOfRealClock('wed', 10);
const { setNow } = frozenClock(START);

beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** A document whose seven tries all failed on the TSA. */
async function failedDocument(org: Org) {
  const tsa = tsaStub();
  await useTsa(org, DOWN_TSA);
  const d = await agentOnlyDocument(org);
  await d.sign();
  for (let attempt = 2; attempt <= 7; attempt++) {
    setNow((await sealTimerDue(d.sessionId, d.itemId))!);
    expect(await runDurableObjectAlarm(roomOf(d.sessionId))).toBe(true);
  }
  await roomOf(d.sessionId).idle();
  expect((await call('GET', d.doc, { token: org.alice.token })).json.document.sealing.state).toBe('failed');
  return { ...d, tsa, retry: `/api/v1/sessions/${d.sessionId}/items/${d.itemId}/seal` };
}

describe('retrying a failed seal', () => {
  it('is for admins: an agent gets 403, another org 404', async () => {
    const org = await makeOrg();
    const { retry, tsa } = await failedDocument(org);
    const byAgent = await call('POST', retry, { token: org.alice.token });
    expect(byAgent.status).toBe(403);
    expect(byAgent.json.error).toMatchObject({ code: 'admin_only', message: 'only an admin can do this' });
    const other = await makeOrg('Other');
    expect((await call('POST', retry, { token: other.admin.token })).status).toBe(404);
    expect(tsa.requests).toBe(7);
  }, SLOW);

  it('seals now once the cause is fixed: the normal sealed path runs and the failure is gone', async () => {
    const org = await makeOrg();
    const { sessionId, itemId, doc, retry } = await failedDocument(org);
    await useTsa(org, null); // the admin fixes the cause: no timestamp authority
    const res = await call('POST', retry, { token: org.admin.token });
    expect(res.status).toBe(200);
    expect(res.json.item).toMatchObject({ id: itemId, status: 'completed' });
    expect(res.json.document.sealed.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(res.json.document.sealing).toBeNull();
    expect(await sealTimerDue(sessionId, itemId)).toBeNull();
    const events = (await call('GET', `/api/v1/sessions/${sessionId}/events`, { token: org.alice.token })).json.events;
    expect(events.at(-1)).toMatchObject({ type: 'item.status_changed', data: { item: { id: itemId, status: 'completed' } } });
    expect((await call('GET', doc, { token: org.alice.token })).json.document.sealing).toBeNull();
    // The CRM's item record loses the failure: completed, no reason.
    const crmItem = (await roomOf(sessionId).crmChanges(0))!.items.find((i) => i.id === itemId)!;
    expect(crmItem).toMatchObject({ status: 'completed', sealFailure: null, reason: null });

    // Sealed now: nothing left to retry.
    const again = await call('POST', retry, { token: org.admin.token });
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: 'already_sealed', message: 'this document is already sealed' });
  }, SLOW);

  it('starts the count over: a retry that fails again waits 1 minute, then 2, as the first time', async () => {
    const org = await makeOrg();
    const { sessionId, itemId, retry, tsa } = await failedDocument(org);
    const res = await call('POST', retry, { token: org.admin.token });
    expect(res.status).toBe(200);
    expect(tsa.requests).toBe(8);
    expect(res.json.document.sealing).toMatchObject({ state: 'retrying', attempts: 1, maxAttempts: 7, nextAttemptAt: new Date(Date.now() + MIN).toISOString() });
    expect(await sealTimerDue(sessionId, itemId)).toBe(Date.now() + 1 * MIN);
    setNow(Date.now() + MIN);
    await runDurableObjectAlarm(roomOf(sessionId));
    expect(tsa.requests).toBe(9);
    expect(await sealTimerDue(sessionId, itemId)).toBe(Date.now() + 2 * MIN);
  }, SLOW);

  it('answers 409 naming the state when the sealing has not failed', async () => {
    const org = await makeOrg();
    tsaStub();
    await useTsa(org, DOWN_TSA);
    const { itemId, sessionId, sign } = await agentOnlyDocument(org);
    const retry = `/api/v1/sessions/${sessionId}/items/${itemId}/seal`;

    // Not signed yet: nothing to seal.
    const early = await call('POST', retry, { token: org.admin.token });
    expect(early.status).toBe(409);
    expect(early.json.error).toMatchObject({ code: 'seal_not_failed', message: 'sealing has not failed: the document is not signed by everyone yet' });

    // Being retried: the admin is told when the next try is.
    await sign();
    const during = await call('POST', retry, { token: org.admin.token });
    expect(during.status).toBe(409);
    expect(during.json.error).toMatchObject({
      code: 'seal_not_failed',
      message: `sealing has not failed: it is being retried (1 of 7 tries made, the next at ${new Date(START + MIN).toISOString()})`,
    });

    // Not a document, or no such item.
    const plain = await call('POST', `/api/v1/sessions/${sessionId}/items`, { token: org.alice.token, body: { kind: 'task', name: 'Deposit' } });
    expect((await call('POST', `/api/v1/sessions/${sessionId}/items/${plain.json.id}/seal`, { token: org.admin.token })).status).toBe(404);
    expect((await call('POST', `/api/v1/sessions/${sessionId}/items/itm_0000000000000000/seal`, { token: org.admin.token })).status).toBe(404);
  }, SLOW);
});
