// A card cannot hold a socket, so while its session is open it asks Parley
// again on a setTimeout chain: every 3 to 5 s (jittered), never after the
// card is gone or the session is over, and twice as slowly after each 429 or
// failure (at least Parley's Retry-After, at most a minute). The clock is
// moved, never waited for.
import { StatusTag, Text } from '@hubspot/ui-extensions';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parley, type Reply } from './support/fake-parley';
import { recorded, type RecordedName } from './support/recorded';
import { CORA, renderCard } from './support/render-card';

const LIST = /^\/sessions\?/;
const SESSION = '/sessions/ses_CUee4JoMb99wEwkm';
const reads = () => parley.callsTo('GET', SESSION).length;

/** Lets fetches answer and React render: promises and I/O only, the faked clock stays where it is. */
async function settle() {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Moves the clock by `ms`, letting what falls due answer. */
async function wait(ms: number) {
  await vi.advanceTimersByTimeAsync(ms);
  await settle();
}

async function openCard(...sessionReplies: (RecordedName | Reply)[]) {
  parley.on('GET', LIST, 'listSessions').on('GET', '/templates', 'listTemplates').on('GET', '/workflows', 'listWorkflows').on('GET', SESSION, ...sessionReplies);
  const r = renderCard({ properties: CORA });
  await settle();
  expect(r.findByTestId(StatusTag, 'session-status').text).toBe('Active');
  expect(reads()).toBe(1);
  return r;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('refreshing an open session', () => {
  it("shows a co-signer's signature at the next refresh: the document's count and their line", async () => {
    const active = recorded('getSessionActive') as any;
    const loan = (view: any) => view.items.find((i: any) => i.name === 'Loan agreement');
    const cora = { ...loan(active).signers[0], done: true, doneAt: '2026-11-21T11:41:00.000Z' };
    const signed = { ...active, items: active.items.map((i: any) => (i === loan(active) ? { ...i, signers: [cora, i.signers[1]] } : i)) };
    const r = await openCard('getSessionActive', { status: 200, body: signed });
    expect(r.findByTestId(Text, 'item-itm_rej85DUHsF1fvVOs-signed').text).toBe('Signed 1/2');
    await wait(5_000);
    expect(reads()).toBe(2);
    expect(r.findByTestId(Text, 'item-itm_rej85DUHsF1fvVOs-signed').text).toBe('Signed 2/2');
    expect(r.findByTestId(Text, 'item-itm_rej85DUHsF1fvVOs-signer-0').text).toBe('✓ Cora Lane (Customer): Signed 21 Nov, 11:41 UTC · Online now');
  });

  it('asks again 3 s after an answer at the earliest', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    await openCard('getSessionActive');
    await wait(2_999);
    expect(reads()).toBe(1);
    await wait(1);
    expect(reads()).toBe(2);
    await wait(3_000);
    expect(reads()).toBe(3);
  });

  it('and 5 s at the latest', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    await openCard('getSessionActive');
    await wait(4_999);
    expect(reads()).toBe(1);
    await wait(1);
    expect(reads()).toBe(2);
  });

  it('stops when the card is gone', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const r = await openCard('getSessionActive');
    await wait(3_000);
    expect(reads()).toBe(2);
    r.leave();
    await settle();
    expect(r.maybeFind(StatusTag)).toBeNull();
    await wait(120_000);
    expect(reads()).toBe(2);
  });

  it('stops when the session is over, and refreshes the record then', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const r = await openCard('getSessionActive', 'endSession');
    await wait(3_000);
    expect(reads()).toBe(2);
    expect(r.findByTestId(StatusTag, 'session-status').text).toBe('Ended');
    expect(r.mocks.actions.refreshObjectProperties.callCount).toBe(1);
    await wait(120_000);
    expect(reads()).toBe(2);
  });

  it("backs off after a 429: twice as long each time, never before Parley's Retry-After, back to normal after an answer", async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    await openCard('getSessionActive', 'rateLimited', 'rateLimited', 'getSessionActive');
    await wait(3_000);
    expect(reads()).toBe(2); // 429 with Retry-After: 8 → 8 s, more than twice 3 s
    await wait(7_999);
    expect(reads()).toBe(2);
    await wait(1);
    expect(reads()).toBe(3); // 429 again → twice 8 s
    await wait(15_999);
    expect(reads()).toBe(3);
    await wait(1);
    expect(reads()).toBe(4); // an answer → 3 s again
    await wait(3_000);
    expect(reads()).toBe(5);
  });

  it('backs off after failures up to a minute, and keeps the last view on the card meanwhile', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const down: Reply = { status: 503, body: { error: { code: 'unavailable', message: 'Parley is restarting' } } };
    const r = await openCard('getSessionActive', down);
    const times: number[] = [];
    let last = reads();
    for (let t = 0; t < 200_000; t += 500) {
      await wait(500);
      if (reads() !== last) {
        last = reads();
        times.push(t + 500);
      }
    }
    const gaps = times.map((t, i) => t - (times[i - 1] ?? 0));
    expect(gaps.slice(0, 6)).toEqual([3_000, 6_000, 12_000, 24_000, 48_000, 60_000]);
    expect(r.findByTestId(StatusTag, 'session-status').text).toBe('Active');
  });

  it('stops asking when Parley refuses for good (the session is gone)', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    await openCard('getSessionActive', { status: 404, body: { error: { code: 'not_found', message: 'session not found' } } });
    await wait(3_000);
    expect(reads()).toBe(2);
    await wait(120_000);
    expect(reads()).toBe(2);
  });

  it('keeps a newer view than an answer that was already on its way', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const older = recorded('getSessionActive');
    older.session.version -= 1;
    older.session.status = 'planned';
    const r = await openCard('getSessionActive', { status: 200, body: older });
    await wait(3_000);
    expect(reads()).toBe(2);
    expect(r.findByTestId(StatusTag, 'session-status').text).toBe('Active');
  });
});
