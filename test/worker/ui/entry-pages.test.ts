// The pages around the room in the customer's language: the join page and the
// code page speak the language of the link's participant (the link row
// carries it), else the browser's; the notices too; Hebrew is right to left.
import { describe, expect, it } from 'vitest';
import { BASE, Browser, call, makeOrg, outboxFor, startSession } from '../../helpers/world';

const SAME_SITE = { Origin: BASE, 'Sec-Fetch-Site': 'same-origin' };
const email = () => `entry-${crypto.randomUUID()}@example.com`;

async function linkFor(customer: Record<string, unknown>, session?: Record<string, unknown>) {
  const org = await makeOrg('Norte');
  if (session) expect((await call('PATCH', '/api/v1/settings', { token: org.admin.token, body: { session } })).status).toBe(200);
  const s = await startSession(org.alice, { name: 'Carla', email: email(), ...customer });
  const sessionId = s.session.id as string;
  return Object.assign(new URL((await outboxFor(sessionId)).find((m) => m.kind !== 'otp')!.link).pathname, { sessionId });
}

/** A six-digit code that is not the one just sent. */
async function wrongCode(sessionId: string): Promise<string> {
  const sent = (await outboxFor(sessionId)).find((m) => m.kind === 'otp')!;
  const code = /\d{6}/.exec(sent.body)![0];
  return code === '000000' ? '111111' : '000000';
}

describe('the join page', () => {
  it("speaks the participant's Spanish whatever the browser says", async () => {
    const path = await linkFor({ language: 'es' });
    const page = await new Browser().request('GET', path, undefined, { 'Accept-Language': 'de' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="es" dir="ltr">');
    expect(page.text).toContain('<h1>Norte te invita a una sala segura</h1>');
    expect(page.text).toContain('<button type="submit">Abrir mi sala segura</button>');
  });

  it('is right to left in Hebrew', async () => {
    const path = await linkFor({ language: 'he' });
    const page = await new Browser().request('GET', path);
    expect(page.text).toContain('<html lang="he" dir="rtl">');
    expect(page.text).toContain('Norte מזמינים אותך לחדר מאובטח');
    expect(page.text).toContain('פתיחת החדר המאובטח שלי');
  });

  it("without a language of the participant's, speaks the browser's", async () => {
    const path = await linkFor({});
    const page = await new Browser().request('GET', path, undefined, { 'Accept-Language': 'fr-FR,fr;q=0.9' });
    expect(page.text).toContain('<html lang="fr" dir="ltr">');
    expect(page.text).toContain('Ouvrir mon espace sécurisé');
  });
});

describe('the code page', () => {
  it("asks for the code in the participant's language, and says a wrong code in it", async () => {
    const path = await linkFor({ language: 'es', phone: '+14155550123' }, { otpRequired: true });
    const b = new Browser();
    const page = await b.request('POST', path, undefined, SAME_SITE);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="es" dir="ltr">');
    expect(page.text).toContain('<h1>Escribe tu código</h1>');
    expect(page.text).toContain('Escribe el código de 6 cifras que enviamos por SMS a <strong dir="ltr">•••• 0123</strong>. Caduca en 10 minutos.');
    const form = new FormData();
    form.append('code', '12');
    const wrong = await b.request('POST', `${path}/code`, form, SAME_SITE);
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('<p id="otp-error" class="error" role="alert">Escribe las 6 cifras del código que te enviamos.</p>');
  });

  it('counts the tries left in Hebrew, right to left', async () => {
    const path = await linkFor({ language: 'he', phone: '+14155550123' }, { otpRequired: true });
    const b = new Browser();
    await b.request('POST', path, undefined, SAME_SITE);
    const form = new FormData();
    form.append('code', await wrongCode(path.sessionId));
    const wrong = await b.request('POST', `${path}/code`, form, SAME_SITE);
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('<html lang="he" dir="rtl">');
    expect(wrong.text).toContain('הקוד הזה לא נכון. נותרו 4 ניסיונות');
  });
});

describe('the notices', () => {
  it("a link that is not valid says so in the browser's language", async () => {
    const page = await new Browser().request('GET', '/room/join/not-a-token', undefined, { 'Accept-Language': 'he' });
    expect(page.status).toBe(404);
    expect(page.text).toContain('<html lang="he" dir="rtl">');
    expect(page.text).toContain('<h1>הקישור לא תקין</h1>');
  });

  it('the room without its cookie asks for the invitation, in Spanish', async () => {
    const page = await new Browser().request('GET', '/room', undefined, { 'Accept-Language': 'es-MX' });
    expect(page.status).toBe(401);
    expect(page.text).toContain('<h1>Abre tu invitación</h1>');
  });

  it("a planned session's invitation, sent later, keeps the participant's German", async () => {
    const org = await makeOrg('Norte');
    const s = await startSession(org.alice, { name: 'Carla', email: email(), language: 'de' }, { invite: false });
    expect(s.session.status).toBe('planned');
    const invited = await call('POST', `/api/v1/sessions/${s.session.id}/invite`, { token: org.alice.token });
    expect(invited.status).toBe(200);
    const path = new URL((await outboxFor(s.session.id))[0]!.link).pathname;
    const page = await new Browser().request('GET', path, undefined, { 'Accept-Language': 'en' });
    expect(page.text).toContain('<html lang="de" dir="ltr">');
    expect(page.text).toContain('Meinen sicheren Raum öffnen');
  });
});
