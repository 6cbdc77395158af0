// The fake org behind a real HTTP server on 127.0.0.1, for the benchmark and
// for anything that reaches Salesforce over the network (a Worker under
// `wrangler dev`, the sf plugin). Node only: workerd tests use fake.fetch.

import { serveOnLoopback, type Served } from '../node-http.ts';
import { DEFAULT_INSTANCE_URL, type FakeSalesforce } from './fake-salesforce.ts';

/** `url`: the login URL and, unless the fake was given another, its instance_url. */
export type ServedFakeSalesforce = Served;

/** Listens on 127.0.0.1 (a free port unless one is given) and answers every request with fake.fetch. */
export async function serveFakeSalesforce(fake: FakeSalesforce, port = 0): Promise<ServedFakeSalesforce> {
  const served = await serveOnLoopback('fake Salesforce', (request) => fake.fetch(request), port);
  if (fake.instanceUrl === DEFAULT_INSTANCE_URL) fake.instanceUrl = served.url;
  return served;
}
