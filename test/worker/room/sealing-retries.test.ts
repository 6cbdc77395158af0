// A document that cannot be sealed is tried again with a growing wait, a
// bounded number of times; then it shows "sealing failed" with the reason
// to agents (its view, the event log, the workspace) and waits for an admin.
// Time is moved, never slept: the test rings the object's alarm itself.
import { env } from 'cloudflare:workers';
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { itemRecords } from '../../../connectors/salesforce/writeback/records';
import { saveOrgCertificate } from '../../../worker/src/directory/org-sealing';
import { aheadOfRealClock, frozenClock } from '../../helpers/ahead';
import { agentOnlyDocument, DOWN_TSA, roomOf, sealTimerDue, tsaStub, useTsa } from '../../helpers/sealing';
import { Browser, call, makeOrg, outboxFor, signInToWorkspace, type Org } from '../../helpers/world';

const MIN = 60_000;
/** Each try seals the PDF up to the failing step: seven of them take a while on a busy machine. */
const SLOW = 120_000;
const START = aheadOfRealClock('tue', 10);
const { setNow } = frozenClock(START);

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** Move to the seal timer and ring the alarm: one more try. */
async function nextTry(sessionId: string, itemId: string) {
  const due = await sealTimerDue(sessionId, itemId);
  expect(due).not.toBeNull();
  setNow(due!);
  expect(await runDurableObjectAlarm(roomOf(sessionId))).toBe(true);
  await roomOf(sessionId).idle();
}

const agentDoc = async (org: Org, doc: string) => (await call('GET', doc, { token: org.alice.token })).json;

describe('sealing retries', () => {
  it('retries a failing timestamp authority after 1, 2, 4, 8, 16 and 32 minutes, then shows the failure to agents only', async () => {
    const org = await makeOrg();
    const tsa = tsaStub();
    await useTsa(org, DOWN_TSA);
    const { sessionId, itemId, doc, sign } = await agentOnlyDocument(org);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});

    // The first try, when the last role signs.
    const signed = await sign();
    expect(tsa.requests).toBe(1);
    expect(signed.document.sealed).toBeNull();
    expect(signed.document.sealing).toEqual({
      state: 'retrying',
      attempts: 1,
      maxAttempts: 7,
      reason: 'the timestamp authority did not give a timestamp: the timestamp authority https://tsa.down.test answered HTTP 500',
      lastAttemptAt: new Date(START).toISOString(),
      nextAttemptAt: new Date(START + MIN).toISOString(),
    });

    // Each failed try waits twice as long as the one before.
    const waits: number[] = [];
    for (let attempt = 2; attempt <= 7; attempt++) {
      const before = Date.now();
      await nextTry(sessionId, itemId);
      waits.push(Date.now() - before);
      expect(tsa.requests).toBe(attempt);
    }
    expect(waits).toEqual([1 * MIN, 2 * MIN, 4 * MIN, 8 * MIN, 16 * MIN, 32 * MIN]);
    expect(Date.now() - START).toBe(63 * MIN);

    // After the seventh, no timer: Parley has given up.
    const gaveUpAt = Date.now();
    expect(await sealTimerDue(sessionId, itemId)).toBeNull();
    setNow(Date.now() + 24 * 60 * MIN);
    await runDurableObjectAlarm(roomOf(sessionId));
    expect(tsa.requests).toBe(7);

    const failed = await agentDoc(org, doc);
    expect(failed.item.status).not.toBe('completed');
    expect(failed.document.sealing).toMatchObject({ state: 'failed', attempts: 7, maxAttempts: 7, nextAttemptAt: null });
    expect(failed.document.sealing.reason).toContain('answered HTTP 500');

    // One event, for agents: the item and the reason; no stack, no URL path.
    const events = (await call('GET', `/api/v1/sessions/${sessionId}/events`, { token: org.alice.token })).json.events;
    const sealFailed = events.filter((e: any) => e.type === 'document.seal_failed');
    expect(sealFailed).toHaveLength(1);
    expect(sealFailed[0]).toMatchObject({ actor: 'system', audience: 'agents', data: { item: { id: itemId }, attempts: 7 } });
    expect(sealFailed[0].data.reason).toBe(failed.document.sealing.reason);
    expect(sealFailed[0].data.reason).not.toMatch(/\/tsr|at .*\(|Error:/);

    // The CRM: the item's record is written again, its reason saying that sealing failed and why.
    const changes = (await roomOf(sessionId).crmChanges(0))!;
    const crmItem = changes.items.find((i) => i.id === itemId)!;
    expect(crmItem).toMatchObject({ version: sealFailed[0].version, sealFailure: { reason: sealFailed[0].data.reason, attempts: 7, failedAt: gaveUpAt } });
    expect(itemRecords(changes).find((r) => r.External_Id__c === itemId)!.Reason__c).toBe(
      `Sealing failed after 7 tries: ${sealFailed[0].data.reason}. An admin can retry it from the session in Parley.`,
    );

    // Logged: every try, the last marked final.
    const logged = errors.mock.calls.map(([line]) => JSON.parse(String(line))).filter((l) => l.event === 'seal_failed' && l.itemId === itemId);
    expect(logged.map((l) => l.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(logged.map((l) => l.final)).toEqual([false, false, false, false, false, false, true]);
  }, SLOW);

  it('counts a signing failure like a timestamp failure, and a restart mid-backoff keeps the count', async () => {
    const org = await makeOrg();
    const tsa = tsaStub();
    await useTsa(org, DOWN_TSA);
    const { sessionId, itemId, doc, sign } = await agentOnlyDocument(org);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await sign();
    await nextTry(sessionId, itemId);
    expect((await agentDoc(org, doc)).document.sealing.attempts).toBe(2);

    // The org's certificate turns out unusable (not a PKCS#12 file): the next tries fail at signing, and still count.
    await useTsa(org, null);
    await saveOrgCertificate(env, org.id, new TextEncoder().encode('not a certificate'), 'pw');
    await nextTry(sessionId, itemId);
    const third = (await agentDoc(org, doc)).document.sealing;
    expect(third).toMatchObject({ state: 'retrying', attempts: 3 });
    expect(third.reason).toMatch(/^the sealing certificate cannot be used: /);
    expect(await sealTimerDue(sessionId, itemId)).toBe(Date.now() + 4 * MIN);

    // The object is evicted (a deploy, a restart) in the middle of the wait: the count and the timer are in its storage.
    await evictDurableObject(roomOf(sessionId));
    await nextTry(sessionId, itemId);
    expect((await agentDoc(org, doc)).document.sealing).toMatchObject({ state: 'retrying', attempts: 4 });
    expect(await sealTimerDue(sessionId, itemId)).toBe(Date.now() + 8 * MIN);
    expect(tsa.requests).toBe(2);
  }, SLOW);

  it('gives up when the last try never reports back (the Worker stopped in it)', async () => {
    const org = await makeOrg();
    tsaStub();
    await useTsa(org, DOWN_TSA);
    const { sessionId, itemId, doc, sign } = await agentOnlyDocument(org);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await sign();
    for (let attempt = 2; attempt <= 6; attempt++) await nextTry(sessionId, itemId);
    // The seventh try starts, and the object dies before it reports: simulated by counting it in storage as the try does first.
    const due = (await sealTimerDue(sessionId, itemId))!;
    setNow(due);
    await runInDurableObject(roomOf(sessionId), (_o, state) => {
      state.storage.sql.exec('UPDATE seal_attempts SET attempts = 7, last_attempt_at = ? WHERE item_id = ?', due, itemId);
      state.storage.sql.exec('UPDATE timers SET due_at = ? WHERE key = ?', due + 5 * MIN, `seal:${itemId}`);
    });
    await evictDurableObject(roomOf(sessionId));
    await nextTry(sessionId, itemId);
    const failed = (await agentDoc(org, doc)).document.sealing;
    expect(failed).toMatchObject({ state: 'failed', attempts: 7 });
    expect(failed.reason).toContain('answered HTTP 500');
    expect(await sealTimerDue(sessionId, itemId)).toBeNull();
  }, SLOW);

  it('keeps the failure from participants, and shows it in the workspace with a retry button for admins only', async () => {
    const org = await makeOrg();
    tsaStub();
    await useTsa(org, DOWN_TSA);
    const { sessionId, itemId, sign } = await agentOnlyDocument(org);
    const cora = new Browser();
    await cora.open((await outboxFor(sessionId))[0]!.link);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await sign();

    // While it is being retried, the workspace says so.
    const alice = await signInToWorkspace(org.alice);
    const retrying = await alice.get(`/app/sessions/${sessionId}`);
    expect(retrying.text).toContain('Sealing did not work yet (try 1 of 7)');

    for (let attempt = 2; attempt <= 7; attempt++) await nextTry(sessionId, itemId);

    const page = await alice.get(`/app/sessions/${sessionId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Sealing failed after 7 tries');
    expect(page.text).toContain('answered HTTP 500');
    expect(page.text).toContain('An admin can retry it.');
    expect(page.text).not.toContain(`data-reseal="${itemId}"`);
    const admin = await signInToWorkspace(org.admin);
    const adminPage = await admin.get(`/app/sessions/${sessionId}/live`);
    expect(adminPage.text).toContain(`data-reseal="${itemId}"`);
    expect(adminPage.text).toContain('Retry sealing');

    // The customer's view of the same document carries no sealing state, and the event is for agents.
    const customerDoc = await cora.request('GET', `/room/api/documents/${itemId}`);
    expect(customerDoc.status).toBe(200);
    expect(customerDoc.json.document.sealing).toBeNull();
    const events = (await call('GET', `/api/v1/sessions/${sessionId}/events`, { token: org.alice.token })).json.events;
    expect(events.filter((e: any) => e.type === 'document.seal_failed').map((e: any) => e.audience)).toEqual(['agents']);
  }, SLOW);
});
