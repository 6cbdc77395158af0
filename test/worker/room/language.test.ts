// The participant's language (room/language.ts): given with the contact by
// the agent (a new session, an added participant), refused when Parley does
// not speak it, kept from the browser at the first press of the join button
// when none was given, and changed by the customer from the room — by the
// script (PUT /room/api/language) or the plain form (POST /room/language),
// which goes back to a page of the room and nowhere else.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { backPath } from '../../../worker/src/ui/language-routes';
import { BASE, Browser, call, makeOrg, outboxFor, startSession } from '../../helpers/world';

const email = () => `lang-${crypto.randomUUID()}@example.com`;
const SAME_SITE = { Origin: BASE, 'Sec-Fetch-Site': 'same-origin' };

async function session(customer: Record<string, unknown> = {}) {
  const org = await makeOrg();
  const s = await startSession(org.alice, { name: 'Carla', email: email(), ...customer });
  const id = s.session.id as string;
  return { org, id, customerId: s.participants[0].id as string, link: (await outboxFor(id))[0]!.link as string };
}

const agentView = async (org: Awaited<ReturnType<typeof makeOrg>>, id: string) => (await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token })).json;

describe('the language given at invitation', () => {
  it("is stored with the customer, and both the agent and the customer's room see it", async () => {
    const { org, id, link } = await session({ language: 'es' });
    expect((await agentView(org, id)).participants[0].language).toBe('es');
    const b = new Browser();
    await b.open(link);
    expect((await b.request('GET', '/room/api/state')).json.me.language).toBe('es');
  });

  it('is stored for an added participant', async () => {
    const { org, id } = await session();
    const add = await call('POST', `/api/v1/sessions/${id}/participants`, { token: org.alice.token, body: { roleName: 'Cosigner', contact: { name: 'Dana', email: email(), language: 'he' } } });
    expect(add.status).toBe(201);
    expect(add.json.language).toBe('he');
  });

  it('a language Parley does not speak is refused, naming the field and the languages', async () => {
    const org = await makeOrg();
    const res = await call('POST', '/api/v1/sessions', { token: org.alice.token, body: { customer: { name: 'Carla', email: email(), language: 'pt' } } });
    expect(res.status).toBe(422);
    expect(res.json.error.message).toContain('customer.language: must be one of en, es, fr, de, he');
    const bad = await call('POST', `/api/v1/sessions/${(await startSession(org.alice, { name: 'X', email: email() })).session.id}/participants`, {
      token: org.alice.token,
      body: { roleName: 'Cosigner', contact: { name: 'Dana', email: email(), language: 'es-MX' } },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.error.message).toContain('contact.language: must be one of en, es, fr, de, he');
  });

  it("none given: the browser's language at the first press is kept", async () => {
    const { org, id, link } = await session();
    expect((await agentView(org, id)).participants[0].language).toBeNull();
    const path = new URL(link).pathname;
    const b = new Browser();
    await b.request('GET', path);
    expect((await b.request('POST', path, undefined, { ...SAME_SITE, 'Accept-Language': 'fr-CA,fr;q=0.9,en;q=0.5' })).status).toBe(303);
    expect((await agentView(org, id)).participants[0].language).toBe('fr');
  });

  it('a language given is not replaced by the browser\'s', async () => {
    const { org, id, link } = await session({ language: 'de' });
    const path = new URL(link).pathname;
    expect((await new Browser().request('POST', path, undefined, { ...SAME_SITE, 'Accept-Language': 'fr' })).status).toBe(303);
    expect((await agentView(org, id)).participants[0].language).toBe('de');
  });
});

describe('the customer switches', () => {
  it('by script: PUT /room/api/language stores it for the room, the agent and the link', async () => {
    const { org, id, customerId, link } = await session({ language: 'en' });
    const b = new Browser();
    await b.open(link);
    const res = await b.request('PUT', '/room/api/language', { language: 'he' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ language: 'he' });
    expect((await b.request('GET', '/room/api/state')).json.me.language).toBe('he');
    expect((await agentView(org, id)).participants[0].language).toBe('he');
    const { results } = await env.DB.prepare('SELECT DISTINCT language FROM participant_links WHERE participant_id = ?').bind(customerId).all<{ language: string }>();
    expect(results.map((r) => r.language)).toEqual(['he']);
  });

  it('by script: an unknown language is a 422 naming the field', async () => {
    const { link } = await session();
    const b = new Browser();
    await b.open(link);
    const res = await b.request('PUT', '/room/api/language', { language: 'xx' });
    expect(res.status).toBe(422);
    expect(res.json.error.message).toContain('language: must be one of en, es, fr, de, he');
  });

  it('by form: stores it and goes back (303) to the page it came from', async () => {
    const { org, id, link } = await session();
    const b = new Browser();
    await b.open(link);
    const form = new FormData();
    form.append('language', 'es');
    form.append('back', '/room/documents/itm_abc?x=1');
    const res = await b.request('POST', '/room/language', form, SAME_SITE);
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/room/documents/itm_abc?x=1');
    expect((await agentView(org, id)).participants[0].language).toBe('es');
    const room = await b.request('GET', '/room');
    expect(room.text).toContain('<html lang="es" dir="ltr">');
  });

  it('by form: a back address off the room goes to /room; an unknown language or another site is refused', async () => {
    const { link } = await session();
    const b = new Browser();
    await b.open(link);
    const post = (fields: Record<string, string>, headers = SAME_SITE) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      return b.request('POST', '/room/language', form, headers);
    };
    expect((await post({ language: 'fr', back: 'https://evil.example/room' })).headers.get('Location')).toBe('/room');
    expect((await post({ language: 'fr', back: '//evil.example/room' })).headers.get('Location')).toBe('/room');
    const bad = await post({ language: 'klingon', back: '/room' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Please choose one of the languages in the list.');
    expect((await post({ language: 'fr', back: '/room' }, { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
  });
});

describe('backPath', () => {
  it('keeps a path of the room on this site, and sends anything else to /room', () => {
    expect(backPath('/room')).toBe('/room');
    expect(backPath('/room/documents/itm_1')).toBe('/room/documents/itm_1');
    expect(backPath('/room?tab=chat')).toBe('/room?tab=chat');
    for (const bad of [undefined, '', 'room', '/app/admin', '//evil.example/room', '/\\evil.example', 'https://evil.example/room', '/room/../app', '/roomy', '/room/join/abc', '/room/api/state', '/room/language', '/room x']) {
      expect(backPath(bad), String(bad)).toBe('/room');
    }
  });
});
