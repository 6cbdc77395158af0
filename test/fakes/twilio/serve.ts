// The fake Twilio behind a real HTTP server on 127.0.0.1, for the benchmark
// and for anything that reaches Twilio over the network (a Worker under
// `wrangler dev` with TWILIO_API_BASE pointing here). Node only: workerd
// tests use fake.fetch and fake.deliverCallbacks.
//
// Served, the fake also calls back by itself, as Twilio does: each status
// callback is posted with the global fetch `callbackDelayMs` after the one
// before it for the same message.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { send, toRequest } from '../node-http.ts';
import type { FakeTwilio } from './fake-twilio.ts';

export interface ServedFakeTwilio {
  /** http://127.0.0.1:<port>: the apiBase to give the client. */
  url: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Default: a free port. */
  port?: number;
  /** Between a message's create and its first callback, and between its callbacks. Default 50 ms. */
  callbackDelayMs?: number;
}

/** Listens on 127.0.0.1 and answers every request with fake.fetch; status callbacks go out by themselves. */
export async function serveFakeTwilio(fake: FakeTwilio, options: ServeOptions = {}): Promise<ServedFakeTwilio> {
  let origin = '';
  const server = createServer((req, res) => {
    // A client that gives up (timeoutNext) closes its socket: the fake stops waiting then, as a server would.
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort(new Error('the client closed the connection'));
    });
    toRequest(req, origin)
      .then((request) => fake.fetch(request, { signal: gone.signal }))
      .then((response) => send(response, res))
      .catch((error: unknown) => {
        if (res.destroyed) return; // nobody left to answer
        res.statusCode = 500;
        res.setHeader('content-type', 'text/plain');
        res.end(`fake Twilio failed: ${error instanceof Error ? error.stack : String(error)}`);
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.autoDeliverCallbacks((request) => fetch(request), options.callbackDelayMs ?? 50);
  return {
    url: origin,
    close: () => {
      fake.stopAutoDelivery();
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
