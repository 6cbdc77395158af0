// A client generated from the OpenAPI document (openapi-typescript types,
// openapi-fetch) works against the Worker. Its types are checked by
// test/node/contract/openapi.test.ts.
import { exports } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import { startAndRead } from '../../support/generated-client';
import { makeOrg } from '../../helpers/world';

it('a generated client starts a session and reads it back', async () => {
  const org = await makeOrg();
  const fetchFn = ((input: RequestInfo | URL, init?: RequestInit) => exports.default.fetch(new Request(input, init))) as typeof fetch;
  expect(await startAndRead('https://parley.test', org.alice.token, fetchFn, `gen-${crypto.randomUUID()}@example.com`)).toBe('Gene Rated');
});
