// Messages in the recipient's language: the invitation, the one-time code and
// the reminder speak the participant's language (Parley's words in it, or the
// admin's where they changed that language), and the admin edits each
// language's texts through the API, which refuses a language Parley does not speak.
import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { aheadOfRealClock, frozenClock } from '../../helpers/ahead';
import { BASE, Browser, call, makeOrg, outboxFor, startSession } from '../../helpers/world';

const MIN = 60_000;
const MONDAY_9 = aheadOfRealClock('mon', 9);
const { advance } = frozenClock(MONDAY_9);
const email = () => `n-${crypto.randomUUID()}@example.com`;
const stub = (sessionId: string) => env.SESSION_ROOM.get(env.SESSION_ROOM.idFromName(sessionId));

describe('invitations', () => {
  it("go in the participant's language: a French email, a Hebrew text message", async () => {
    const org = await makeOrg('Norte');
    const s = await startSession(org.alice, { name: 'Léa', email: email(), language: 'fr' });
    const id = s.session.id as string;
    const [invitation] = await outboxFor(id);
    expect(invitation!.subject).toBe('Alice Agent de Norte vous invite dans un espace sécurisé');
    expect(invitation!.body).toContain('Bonjour Léa,');
    await call('POST', `/api/v1/sessions/${id}/participants`, { token: org.alice.token, body: { roleName: 'Cosigner', contact: { name: 'דנה', phone: '+14155550188', language: 'he' } } });
    const sms = (await outboxFor(id)).find((m) => m.channel === 'sms')!;
    expect(sms.body).toMatch(/^שלום דנה, /);
    expect(sms.body).toContain('בתור Cosigner');
  });

  it("use the admin's words in the language they changed, and Parley's in the others", async () => {
    const org = await makeOrg('Norte');
    const patch = await call('PATCH', '/api/v1/settings/notifications', {
      token: org.admin.token,
      body: { messages: { invitation: { emailSubject: 'Welcome, {customerName}' } }, languages: { es: { invitation: { emailSubject: 'Bienvenida, {customerName}' } } } },
    });
    expect(patch.status).toBe(200);
    expect(patch.json.settings.languages.es.invitation.emailSubject).toBe('Bienvenida, {customerName}');
    expect(patch.json.settings.languages.de.invitation.emailSubject).toBe(patch.json.defaults.languages.de.invitation.emailSubject);
    const subjectFor = async (language?: string) => {
      const s = await startSession(org.alice, { name: 'Ana', email: email(), ...(language ? { language } : {}) });
      return (await outboxFor(s.session.id))[0]!.subject;
    };
    expect(await subjectFor('es')).toBe('Bienvenida, Ana');
    expect(await subjectFor()).toBe('Welcome, Ana');
    expect(await subjectFor('de')).toBe('Alice Agent von Norte lädt Sie in einen sicheren Raum ein');
  });
});

describe("the admin's texts per language", () => {
  it('are read back with the defaults of every language', async () => {
    const org = await makeOrg();
    const res = await call('GET', '/api/v1/settings/notifications', { token: org.alice.token });
    expect(Object.keys(res.json.settings.languages).sort()).toEqual(['de', 'es', 'fr', 'he']);
    expect(res.json.defaults.languages.he.reminder.smsShort).toContain('שלום {customerName}');
  });

  it('refuse a language Parley does not speak with a 422 naming it', async () => {
    const org = await makeOrg();
    const res = await call('PATCH', '/api/v1/settings/notifications', { token: org.admin.token, body: { languages: { pt: { invitation: { emailSubject: 'Olá' } } } } });
    expect(res.status).toBe(422);
    expect(res.json.error.message).toContain('pt: not a language here; use es, fr, de, he');
  });
});

describe('the one-time code', () => {
  it("comes in the participant's German", async () => {
    const org = await makeOrg('Norte');
    expect((await call('PATCH', '/api/v1/settings', { token: org.admin.token, body: { session: { otpRequired: true } } })).status).toBe(200);
    const s = await startSession(org.alice, { name: 'Jonas', email: email(), phone: '+14155550123', language: 'de' });
    const path = new URL((await outboxFor(s.session.id))[0]!.link).pathname;
    expect((await new Browser().request('POST', path, undefined, { Origin: BASE, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
    const code = (await outboxFor(s.session.id)).find((m) => m.kind === 'otp')!;
    expect(code.channel).toBe('sms');
    expect(code.body).toMatch(/^Ihr Code für Norte lautet \d{6}\. Er läuft in 10 Minuten ab\./);
  });
});

describe('reminders', () => {
  it("speak the participant's Spanish", async () => {
    const org = await makeOrg('Norte');
    await call('PATCH', '/api/v1/settings/notifications', { token: org.admin.token, body: { reminders: { offlineMinutes: 60, from: '00:00', to: '23:59', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], channels: ['email'] } } });
    const s = await startSession(org.alice, { name: 'Ana', email: email(), language: 'es' });
    const id = s.session.id as string;
    expect((await call('POST', `/api/v1/sessions/${id}/items`, { token: org.alice.token, body: { kind: 'task', name: 'DNI' } })).status).toBe(201);
    await stub(id).idle();
    advance(61 * MIN);
    await runDurableObjectAlarm(stub(id));
    const reminder = (await outboxFor(id)).find((m) => m.kind === 'reminder')!;
    expect(reminder.subject).toBe('Aún tienes algunas cosas pendientes con Norte');
    expect(reminder.body).toContain('Hola, Ana:');
  });
});
