// Sealing that fails, for the tests of its bounded retries: an org whose
// timestamp authority answers HTTP 500 (a stand-in for fetch, which the
// SessionRoom shares with the test in workerd), a document only the agent
// signs (so the test seals it with one call), and a look at the "seal" timer.
import { env } from 'cloudflare:workers';
import { runInDurableObject } from 'cloudflare:test';
import { expect, vi } from 'vitest';
import { documentForm, makePdf, signatureField } from './pdf';
import { call, startSession, type Org } from './world';

export const DOWN_TSA = 'https://tsa.down.test/tsr';

/** The TSA: down (HTTP 500) until `up()`; every request to it is counted. Everything else goes to the real fetch. */
export function tsaStub() {
  const realFetch = globalThis.fetch;
  const state = { down: true, requests: 0 };
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(DOWN_TSA)) return realFetch(input, init);
    state.requests++;
    return Promise.resolve(new Response('timestamp service unavailable', { status: 500 }));
  });
  return state;
}

export async function useTsa(org: Org, tsaUrl: string | null): Promise<void> {
  const res = await call('PUT', '/api/v1/settings/sealing/tsa', { token: org.admin.token, body: { tsaUrl } });
  expect(res.status, res.text).toBe(200);
}

/** A session with one document only its agent (Alice) signs; the returned call signs it, which seals it. */
export async function agentOnlyDocument(org: Org) {
  const s = await startSession(org.alice, { name: 'Cora Customer', email: `seal-${crypto.randomUUID()}@example.com` });
  const sessionId = s.session.id as string;
  const sent = await call('POST', `/api/v1/sessions/${sessionId}/documents/adhoc`, {
    token: org.alice.token,
    body: documentForm(await makePdf(1), { roles: [{ name: 'Agent' }], fields: [signatureField('agent_sig', 'Agent')] }, { name: 'Loan agreement' }),
  });
  expect(sent.status).toBe(201);
  const itemId = sent.json.item.id as string;
  const doc = `/api/v1/sessions/${sessionId}/documents/${itemId}`;
  const sign = async () => {
    expect((await call('PUT', `${doc}/fields/agent_sig`, { token: org.alice.token, body: { value: { kind: 'typed', text: 'Alice Agent' } } })).status).toBe(200);
    const done = await call('POST', `${doc}/complete`, { token: org.alice.token });
    expect(done.status).toBe(200);
    return done.json;
  };
  return { sessionId, itemId, doc, sign };
}

export const roomOf = (sessionId: string) => env.SESSION_ROOM.get(env.SESSION_ROOM.idFromName(sessionId));

/** When the item's "seal" timer is due, or null when none is set. */
export function sealTimerDue(sessionId: string, itemId: string): Promise<number | null> {
  return runInDurableObject(roomOf(sessionId), (_o, state) => {
    const row = state.storage.sql.exec<{ due_at: number }>('SELECT due_at FROM timers WHERE key = ?', `seal:${itemId}`).toArray()[0];
    return row?.due_at ?? null;
  });
}
