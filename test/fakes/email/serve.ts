// The fake Resend behind a real HTTP server on 127.0.0.1, for the benchmark
// and for a Worker under `wrangler dev` (EMAIL_API_BASE points at it). Node
// only: workerd tests use fake.fetch. Served, the fake also posts its
// webhooks by itself, each a moment after the email it is about (the delays
// of webhook-events.ts), to `webhookUrl` with the global fetch.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { send, toRequest } from '../node-http.ts';
import type { FakeResend } from './fake-resend.ts';

export interface ServeOptions {
  /** A free port unless given. */
  port?: number;
  /** Where webhooks go (the Worker's Resend webhook route). None: they stay in fake.pendingWebhooks. */
  webhookUrl?: string;
  /** How often due webhooks are looked for. Default 50 ms. */
  webhookPollMs?: number;
}

export interface ServedFakeResend {
  /** http://127.0.0.1:<port>: the apiBase to give the sender. */
  url: string;
  close(): Promise<void>;
}

/** A request left unanswered (timeoutNext) is held at most this long, then its connection is dropped. */
const MAX_HOLD_MS = 120_000;

/** Listens on 127.0.0.1 and answers every request with fake.fetch; posts webhooks as they fall due. */
export async function serveFakeResend(fake: FakeResend, options: ServeOptions = {}): Promise<ServedFakeResend> {
  let origin = '';
  const server = createServer((req, res) => {
    toRequest(req, origin)
      .then((request) => fake.fetch(request))
      .then((response) => send(response, res))
      .catch((error: unknown) => {
        if (error instanceof DOMException && error.name === 'TimeoutError') {
          // A planned stall: say nothing; the client gives up on its own timer.
          const drop = setTimeout(() => res.destroy(), MAX_HOLD_MS);
          res.on('close', () => clearTimeout(drop));
          return;
        }
        res.statusCode = 500;
        res.setHeader('content-type', 'text/plain');
        res.end(`fake Resend failed: ${error instanceof Error ? error.stack : String(error)}`);
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let poller: ReturnType<typeof setInterval> | null = null;
  if (options.webhookUrl) {
    const webhookUrl = options.webhookUrl;
    let busy = false;
    poller = setInterval(() => {
      if (busy || fake.pendingWebhooks.length === 0) return;
      busy = true;
      fake
        .deliverWebhooks((input, init) => fetch(input, init), webhookUrl, { until: fake.options.now() })
        .catch((error: unknown) => console.error('fake Resend: posting webhooks failed', error))
        .finally(() => {
          busy = false;
        });
    }, options.webhookPollMs ?? 50);
    poller.unref();
  }

  return {
    url: origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (poller) clearInterval(poller);
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
