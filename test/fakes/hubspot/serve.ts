// The fake HubSpot behind a real HTTP server on 127.0.0.1, for the benchmark
// and for anything that reaches HubSpot over the network (a Worker under
// `wrangler dev` with HUBSPOT_API_BASE pointing here). Node only: workerd
// tests use fake.fetch.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { send, toRequest } from '../node-http.ts';
import type { FakeHubSpot } from './fake-hubspot.ts';

export interface ServedFakeHubSpot {
  /** http://127.0.0.1:<port>: what HUBSPOT_API_BASE is set to. */
  url: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 (a free port unless one is given) and answers every request with fake.fetch. */
export async function serveFakeHubSpot(fake: FakeHubSpot, port = 0): Promise<ServedFakeHubSpot> {
  let origin = '';
  const server = createServer((req, res) => {
    toRequest(req, origin)
      .then((request) => fake.fetch(request))
      .then((response) => send(response, res))
      .catch((error: unknown) => {
        res.statusCode = 500;
        res.setHeader('content-type', 'text/plain');
        res.end(`fake HubSpot failed: ${error instanceof Error ? error.stack : String(error)}`);
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
