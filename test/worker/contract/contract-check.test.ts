// The check every API test's answers go through (test/helpers/contract-check.ts)
// must itself catch a drift, or it proves nothing.
import { describe, expect, it } from 'vitest';
import { checkAnswer, declaredRoute } from '../../helpers/contract-check';
import { call, makeOrg, startSession } from '../../helpers/world';

describe('the contract check on API answers', () => {
  it('finds the declared route, a literal path segment before a parameter', () => {
    expect(declaredRoute('POST', '/api/v1/sessions/ses_0123456789abcdef/documents/adhoc')?.path).toBe('/api/v1/sessions/{sessionId}/documents/adhoc');
    expect(declaredRoute('GET', '/api/v1/sessions/ses_0123456789abcdef/documents/itm_0123456789abcdef')?.path).toBe('/api/v1/sessions/{sessionId}/documents/{itemId}');
    expect(declaredRoute('GET', '/room')).toBeUndefined();
  });

  it('passes a real answer and rejects one that drifted from its schema', async () => {
    const org = await makeOrg();
    const started = await startSession(org.alice, { name: 'Cora', email: `c-${crypto.randomUUID()}@example.com` });
    const path = `/api/v1/sessions/${started.session.id}`;
    const real = await call('GET', path, { token: org.alice.token });
    expect(() => checkAnswer('GET', path, 200, real.json)).not.toThrow();
    const drifted = structuredClone(real.json);
    drifted.participants[0].online = 'yes';
    expect(() => checkAnswer('GET', path, 200, drifted)).toThrow(/participants\.0\.online/);
    const { items: _gone, ...missing } = real.json;
    expect(() => checkAnswer('GET', path, 200, missing)).toThrow(/items/);
  });

  it('rejects a success the route does not declare, and an error not in the error shape', () => {
    expect(() => checkAnswer('GET', '/api/v1/me', 201, {})).toThrow(/does not declare/);
    expect(() => checkAnswer('GET', '/api/v1/me', 500, { message: 'oops' })).toThrow(/error shape/);
    expect(() => checkAnswer('GET', '/api/v1/me', 500, { error: { code: 'internal', message: 'oops' } })).not.toThrow();
  });
});
