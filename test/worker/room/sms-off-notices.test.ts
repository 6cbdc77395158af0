// Text messages turned off after a customer was invited with a phone too:
// reminders go by email only, whatever channels the notification settings
// name. Time is moved, never slept (as in notices.test.ts).
import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { aheadOfRealClock, frozenClock } from '../../helpers/ahead';
import { call, makeOrg, outboxFor, startSession } from '../../helpers/world';

const H = 60 * 60_000;
const MONDAY_9 = aheadOfRealClock('mon', 9);
const { advance } = frozenClock(MONDAY_9);
const stub = (sessionId: string) => env.SESSION_ROOM.get(env.SESSION_ROOM.idFromName(sessionId));

describe('SMS off and notices', () => {
  it('sends a reminder by email only once the admin turned text messages off', async () => {
    const org = await makeOrg();
    await call('PATCH', '/api/v1/settings/notifications', { token: org.admin.token, body: { reminders: { channels: ['sms', 'email'] } } });
    const s = await startSession(org.alice, { name: 'Cora', email: `cora-${crypto.randomUUID()}@example.com`, phone: '+442079460001' });
    const id = s.session.id as string;
    expect((await call('POST', `/api/v1/sessions/${id}/items`, { token: org.alice.token, body: { kind: 'task', name: 'Photo ID' } })).status).toBe(201);
    expect((await call('PATCH', '/api/v1/settings', { token: org.admin.token, body: { session: { smsEnabled: false } } })).status).toBe(200);
    await stub(id).idle();
    advance(3 * H);
    await runDurableObjectAlarm(stub(id));
    const reminders = (await outboxFor(id)).filter((m) => m.kind === 'reminder');
    expect(reminders.map((m) => m.channel)).toEqual(['email']);
  });
});
