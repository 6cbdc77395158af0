// Asking a timestamp authority: https only (plain http only to this machine,
// where the tests' fake TSA runs), an answer of at most 64 KB, and 10 seconds
// for the whole exchange — a slow or endless TSA cannot hold or fill a seal.
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadSignerIdentity } from '../../../worker/src/documents/signer-identity';
import { fetchTimestamp, TimestampError } from '../../../worker/src/documents/timestamp';
import { fakeTsa } from '../../fixtures/fake-tsa';

const data = new TextEncoder().encode('the signature value');

async function authority() {
  const p12 = Uint8Array.from(atob(env.SEAL_P12!), (c) => c.charCodeAt(0));
  return fakeTsa(await loadSignerIdentity(p12, env.SEAL_P12_PASSWORD!));
}

/** A fetch that records whether it was called and answers with `body` (a stream, so no Content-Length). */
function answering(body: () => ReadableStream<Uint8Array> | Uint8Array, headers: Record<string, string> = {}) {
  const calls: string[] = [];
  const fn = (async (url: RequestInfo | URL) => {
    calls.push(String(url));
    return new Response(body(), { headers: { 'Content-Type': 'application/timestamp-reply', ...headers } });
  }) as typeof fetch;
  return { fn, calls };
}

/** A body that sends `chunks` chunks of `size` bytes, then ends. */
const chunked = (chunks: number, size: number) => {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ < chunks) controller.enqueue(new Uint8Array(size));
      else controller.close();
    },
  });
};

afterEach(() => {
  vi.useRealTimers();
});

describe('fetchTimestamp', () => {
  it('stamps over https, and over plain http to 127.0.0.1 (the fake TSA of tests and local development)', async () => {
    const tsa = await authority();
    expect((await fetchTimestamp('https://tsa.test/rfc3161', data, { fetch: tsa.fetch })).token.length).toBeGreaterThan(100);
    expect((await fetchTimestamp('http://127.0.0.1:9999/tsa', data, { fetch: tsa.fetch })).token.length).toBeGreaterThan(100);
    expect(tsa.seen).toHaveLength(2);
  });

  it('refuses a plain http TSA elsewhere, or another scheme, before sending anything', async () => {
    const tsa = answering(() => new Uint8Array(0));
    await expect(fetchTimestamp('http://tsa.example/rfc3161', data, { fetch: tsa.fn })).rejects.toThrow('the timestamp authority URL http://tsa.example/rfc3161 must be an https URL');
    await expect(fetchTimestamp('ftp://tsa.example', data, { fetch: tsa.fn })).rejects.toThrow(TimestampError);
    await expect(fetchTimestamp('not a url', data, { fetch: tsa.fn })).rejects.toThrow(/must be an https URL/);
    expect(tsa.calls).toEqual([]);
  });

  it('reads at most 64 KB of an answer: one byte more is refused, without reading on', async () => {
    // 65 chunks of 1 KB: refused at the 65th; an endless body would be refused the same way.
    const over = answering(() => chunked(65, 1024));
    await expect(fetchTimestamp('https://tsa.test', data, { fetch: over.fn })).rejects.toThrow('the timestamp authority https://tsa.test answered more than 64 KB');
    let pulled = 0;
    const endless = answering(
      () =>
        new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled++;
            controller.enqueue(new Uint8Array(4096));
          },
        }),
    );
    await expect(fetchTimestamp('https://tsa.test', data, { fetch: endless.fn })).rejects.toThrow(/answered more than 64 KB/);
    expect(pulled).toBeLessThan(20);
    // A declared length over the cap is refused before the body is read.
    const declared = answering(() => new Uint8Array(64 * 1024 + 1), { 'Content-Length': String(64 * 1024 + 1) });
    await expect(fetchTimestamp('https://tsa.test', data, { fetch: declared.fn })).rejects.toThrow('answered more than 64 KB (65537 bytes)');
    // Exactly 64 KB is read whole (and is then no timestamp answer: zeros).
    const exact = answering(() => chunked(64, 1024));
    const read = await fetchTimestamp('https://tsa.test', data, { fetch: exact.fn }).catch((err: Error) => err);
    expect(read).toBeInstanceOf(TimestampError);
    expect((read as Error).message).not.toMatch(/more than 64 KB/);
  });

  it('gives the TSA 10 seconds in all: no answer, or a body that never ends, fails the stamp then', async () => {
    vi.useFakeTimers();
    const silent = (async (_url: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))))) as typeof fetch;
    const pending = fetchTimestamp('https://tsa.test', data, { fetch: silent });
    const outcome = pending.then(
      () => 'stamped',
      (err: Error) => err.message,
    );
    await vi.advanceTimersByTimeAsync(9_999);
    expect(await Promise.race([outcome, Promise.resolve('still waiting')])).toBe('still waiting');
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toBe('the timestamp authority https://tsa.test did not answer within 10 s');

    // Headers at once, then a body that trickles for ever.
    const trickle = answering(() => new ReadableStream<Uint8Array>({ pull: () => new Promise(() => undefined) }));
    const slowBody = fetchTimestamp('https://tsa.test', data, { fetch: trickle.fn }).then(
      () => 'stamped',
      (err: Error) => err.message,
    );
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await slowBody).toBe('the timestamp authority https://tsa.test did not answer within 10 s');
  });
});
