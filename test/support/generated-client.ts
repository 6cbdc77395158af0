// One call made the way an integrator makes it: types generated from
// /api/openapi.json by openapi-typescript, requests through openapi-fetch.
// test/node/contract/openapi.test.ts compiles this file strictly against
// freshly generated types ("parley-openapi" is mapped to them there); the
// main typecheck includes it too, with the module untyped by
// test/types/parley-openapi.d.ts. test/worker/contract/generated-client.test.ts
// runs it against the Worker.
import createClient from 'openapi-fetch';
import type { paths } from 'parley-openapi';

/** Start a session for a customer, then read it back: the customer's name as the session shows it. */
export async function startAndRead(baseUrl: string, token: string, fetchFn: typeof fetch, email: string): Promise<string> {
  const client = createClient<paths>({ baseUrl, fetch: fetchFn, headers: { Authorization: `Bearer ${token}` } });
  const started = await client.POST('/api/v1/sessions', { body: { customer: { name: 'Gene Rated', email }, invite: false } });
  if (!started.data) throw new Error(`starting failed: ${JSON.stringify(started.error)}`);
  const sessionId: string = started.data.session.id;
  const read = await client.GET('/api/v1/sessions/{sessionId}', { params: { path: { sessionId } } });
  if (!read.data) throw new Error(`reading failed: ${JSON.stringify(read.error)}`);
  const customer = read.data.participants.find((p: { primary: boolean; name: string }) => p.primary);
  return customer ? customer.name : '';
}
