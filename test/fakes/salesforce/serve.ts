// The fake org behind a real HTTP server on 127.0.0.1, for the benchmark and
// for anything that reaches Salesforce over the network (a Worker under
// `wrangler dev`, the sf plugin). Node only: workerd tests use fake.fetch.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { send, toRequest } from '../node-http.ts';
import { DEFAULT_INSTANCE_URL, type FakeSalesforce } from './fake-salesforce.ts';

export interface ServedFakeSalesforce {
  /** http://127.0.0.1:<port>: the login URL and, unless the fake was given another, its instance_url. */
  url: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 (a free port unless one is given) and answers every request with fake.fetch. */
export async function serveFakeSalesforce(fake: FakeSalesforce, port = 0): Promise<ServedFakeSalesforce> {
  let origin = '';
  const server = createServer((req, res) => {
    toRequest(req, origin)
      .then((request) => fake.fetch(request))
      .then((response) => send(response, res))
      .catch((error: unknown) => {
        res.statusCode = 500;
        res.setHeader('content-type', 'text/plain');
        res.end(`fake Salesforce failed: ${error instanceof Error ? error.stack : String(error)}`);
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (fake.instanceUrl === DEFAULT_INSTANCE_URL) fake.instanceUrl = origin;
  return {
    url: origin,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
