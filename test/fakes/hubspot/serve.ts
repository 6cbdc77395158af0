// The fake HubSpot behind a real HTTP server on 127.0.0.1, for the benchmark
// and for anything that reaches HubSpot over the network (a Worker under
// `wrangler dev` with HUBSPOT_API_BASE pointing here). Node only: workerd
// tests use fake.fetch.
import { serveOnLoopback, type Served } from '../node-http.ts';
import type { FakeHubSpot } from './fake-hubspot.ts';

/** `url` is what HUBSPOT_API_BASE is set to. */
export type ServedFakeHubSpot = Served;

export function serveFakeHubSpot(fake: FakeHubSpot, port = 0): Promise<ServedFakeHubSpot> {
  return serveOnLoopback('fake HubSpot', (request) => fake.fetch(request), port);
}
