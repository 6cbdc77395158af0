// Real delivery in tests: the fake Twilio and the fake Resend standing in for
// the providers (every request to their hosts goes to the fake), the Worker's
// bindings with Parley's service-wide accounts pointing at them, and the
// outbound-messages queue run deterministically (simulated-queue.ts) with
// what the Worker enqueued. Callbacks and webhooks go to the Worker's own app.
import { env } from 'cloudflare:workers';
import { vi } from 'vitest';
import { app } from '../../worker/src/app';
import type { Env } from '../../worker/src/env';
import type { OutboundMessage } from '../../worker/src/notify/messages';
import { MAX_ATTEMPTS } from '../../worker/src/notify/outbox';
import { FakeResend } from '../fakes/email/fake-resend';
import { FakeTwilio } from '../fakes/twilio/fake-twilio';
import { SimulatedQueue } from './simulated-queue';

export const TWILIO_BASE = 'https://api.twilio.test';
export const RESEND_BASE = 'https://api.resend.test';
export const TWILIO_ACCOUNT = { sid: `AC${'1'.repeat(32)}`, token: 'f'.repeat(32) };
export const TWILIO_NUMBER = '+15005550006';
export const RESEND_KEY = 're_parley_test_key_123456';
export const FROM_ADDRESS = 'rooms@parley.example';

export interface Providers {
  twilio: FakeTwilio;
  resend: FakeResend;
  /** The Worker's bindings, with Parley's own provider accounts set. */
  workerEnv: Env;
  queue: SimulatedQueue<OutboundMessage>;
  /** Run the queue until nothing is left (moving its clock through retries). */
  drain(): Promise<void>;
  /** Post every status callback and webhook the fakes have due. */
  report(): Promise<void>;
  /** Send a request to the Worker with these bindings. */
  request(request: Request): Promise<Response>;
}

/**
 * The fake Twilio holds a request it was told to time out (timeoutNext) until
 * the client gives up. Parley's client gives up after 10 s; here the wait is
 * cut short, answering as fetch does when AbortSignal.timeout fires.
 */
const CLIENT_TIMEOUT_MS = 1000;
async function withinClientTimeout(call: (signal: AbortSignal) => Promise<Response>): Promise<Response> {
  const abandon = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abandon.abort();
      reject(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    }, CLIENT_TIMEOUT_MS);
  });
  try {
    return await Promise.race([call(abandon.signal), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

export function useProviders(): Providers {
  const twilio = new FakeTwilio();
  twilio.addAccount(TWILIO_ACCOUNT.sid, TWILIO_ACCOUNT.token);
  const resend = new FakeResend();
  resend.addApiKey(RESEND_KEY);
  const workerEnv: Env = {
    ...env,
    TWILIO_ACCOUNT_SID: TWILIO_ACCOUNT.sid,
    TWILIO_AUTH_TOKEN: TWILIO_ACCOUNT.token,
    TWILIO_FROM_NUMBER: TWILIO_NUMBER,
    TWILIO_API_BASE: TWILIO_BASE,
    EMAIL_API_KEY: RESEND_KEY,
    EMAIL_FROM_ADDRESS: FROM_ADDRESS,
    EMAIL_WEBHOOK_SECRET: resend.webhookSecret,
    EMAIL_API_BASE: RESEND_BASE,
  };
  const queue = new SimulatedQueue<OutboundMessage>('outbound-messages', MAX_ATTEMPTS, 25, workerEnv);
  // What the Worker enqueues (to a queue nobody consumes in tests) is run here instead.
  const sendBatch = env.OUTBOUND_MESSAGES.sendBatch.bind(env.OUTBOUND_MESSAGES);
  vi.spyOn(env.OUTBOUND_MESSAGES, 'sendBatch').mockImplementation(async (messages) => {
    queue.send([...messages].map((m) => m.body));
    return sendBatch(messages);
  });
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    if (url.origin === TWILIO_BASE) return withinClientTimeout((signal) => twilio.fetch(input, { ...init, signal }));
    if (url.origin === RESEND_BASE) return resend.fetch(input, init);
    throw new Error(`test: no network for ${url.origin}`);
  });
  const request = async (r: Request) => app.fetch(r, workerEnv);
  return {
    twilio,
    resend,
    workerEnv,
    queue,
    drain: () => queue.drain(),
    request,
    async report() {
      await twilio.deliverCallbacks(request);
      await resend.deliverWebhooks((input, init) => request(new Request(input, init)), `${env.PUBLIC_URL.replace(/\/$/, '')}/hooks/email`);
    },
  };
}
