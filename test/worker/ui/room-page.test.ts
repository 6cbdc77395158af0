// The customer's room page (ui/room-page.tsx) as the server draws it: the
// org and the agent at the top, one next step with its progress, every item
// in the customer's words, the people without an empty heading, the chat as
// bubbles with a composer, Hebrew right to left, and an ended session that
// says so instead of "online".
import { describe, expect, it } from 'vitest';
import { connect } from '../../helpers/live-socket';
import { documentForm, makePdf, signatureField } from '../../helpers/pdf';
import { Browser, call, makeOrg, outboxFor, startSession } from '../../helpers/world';

const email = () => `rp-${crypto.randomUUID()}@example.com`;
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

async function room() {
  const org = await makeOrg();
  const s = await startSession(org.alice, { name: 'Cora', email: email() });
  const id = s.session.id as string;
  const cora = new Browser();
  await cora.open((await outboxFor(id))[0]!.link);
  return { org, id, cora };
}

/** A one-signer document for Cora, and a document request. */
async function withItems(org: Awaited<ReturnType<typeof makeOrg>>, id: string) {
  const tpl = await call('POST', '/api/v1/templates', { token: org.admin.token, body: documentForm(await makePdf(1), { roles: [{ name: 'Customer' }], fields: [signatureField('c')] }, { name: 'Acceptance agreement' }) });
  const doc = await call('POST', `/api/v1/sessions/${id}/documents`, { token: org.alice.token, body: { templateId: tpl.json.id } });
  expect(doc.status).toBe(201);
  const request = await call('POST', `/api/v1/sessions/${id}/items`, { token: org.alice.token, body: { kind: 'task', name: 'ID card' } });
  return { docId: doc.json.item.id as string, requestId: request.json.id as string };
}

/** The element with this id on a page, from its opening tag to its first closing tag of that kind. */
function part(html: string, id: string, tag: string): string {
  const start = html.lastIndexOf(`<${tag}`, html.indexOf(`id="${id}"`));
  expect(start, `#${id} on the page`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf(`</${tag}>`, start) + tag.length + 3);
}

describe('the room page', () => {
  it('shows the org in the title and header, and the agent by name with initials and presence', async () => {
    const { cora } = await room();
    const page = await cora.request('GET', '/room');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>Acme · Secure room</title>');
    expect(page.text).toContain('<span class="room-org">Acme</span>');
    expect(page.text).toContain('href="/assets/room.css"');
    expect(page.text).toMatch(/<span class="avatar" aria-hidden="true">[A-Z]{1,2}<\/span>/);
    expect(part(page.text, 'agent-status', 'span')).toMatch(/Offline/);
    expect(page.text).toContain('action="/room/language"');
  });

  it("carries the org's brand: its display name in the title, its theme after Parley's styles, its support contact in the footer", async () => {
    const { org, cora } = await room();
    const set = await call('PUT', '/api/v1/settings/branding', { token: org.admin.token, body: { displayName: 'Acme Loans', color: '#0B5CAD', supportEmail: 'help@acme.example', supportPhone: '+1 415 555 0100' } });
    expect(set.status).toBe(200);
    const page = (await cora.request('GET', '/room')).text;
    expect(page).toContain('<title>Acme Loans · Secure room</title>');
    expect(page).toMatch(/<link rel="stylesheet" href="\/assets\/parley.css"\/><link rel="stylesheet" href="\/assets\/room.css"\/><link rel="stylesheet" href="[^"]+"\/>/);
    const footer = part(page, 'support', 'footer');
    expect(footer).toContain('<a href="mailto:help@acme.example">help@acme.example</a>');
    expect(footer).toContain('<a href="tel:+14155550100" dir="ltr">+14155550100</a>'); // stored in E.164
  });

  it('puts the first thing waiting for the customer up front, with "0 of 2 done" and statuses in their words', async () => {
    const { org, id, cora } = await room();
    const { docId } = await withItems(org, id);
    const page = await cora.request('GET', '/room');
    const next = part(page.text, 'next-step', 'section');
    expect(next).toContain('Review and sign: Acceptance agreement');
    expect(next).toContain(`<a class="button primary" href="/room/documents/${docId}">Review and sign</a>`);
    expect(next).toContain('<p id="progress-text">0 of 2 done</p>');
    expect(next).toContain('<progress id="progress-bar" max="2" value="0"');
    const items = part(page.text, 'items', 'ul');
    expect(items).toContain('Waiting for you');
    expect(items).not.toMatch(/>(Sent|Opened|In progress)</);
  });

  it('ticks what is done and counts it; with nothing left it says "All done"', async () => {
    const { org, id, cora } = await room();
    const { requestId } = await withItems(org, id);
    // The document is cancelled (not counted), the request completed by the customer.
    const items = (await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token })).json.items as { id: string; kind: string }[];
    const docId = items.find((i) => i.kind === 'template_document')!.id;
    expect((await call('POST', `/api/v1/sessions/${id}/items/${docId}/status`, { token: org.alice.token, body: { status: 'cancelled' } })).status).toBe(200);
    expect((await cora.request('POST', `/room/api/items/${requestId}/status`, { status: 'completed' })).status).toBe(200);
    const page = await cora.request('GET', '/room');
    const next = part(page.text, 'next-step', 'section');
    expect(next).toContain('All done');
    expect(next).toContain('1 of 1 done');
    const list = part(page.text, 'items', 'ul');
    expect(list).toMatch(/<li class="card item done" data-status="done"><span class="tick" aria-hidden="true">✓<\/span>/);
    expect(list).toContain('Cancelled');
  });

  it('with nothing in the room yet, says the agent will add it, and draws no item list', async () => {
    const { cora } = await room();
    const page = await cora.request('GET', '/room');
    expect(part(page.text, 'next-step', 'section')).toContain('Nothing to do yet — your agent will add it here');
    expect(page.text).toContain('<section aria-labelledby="items-h" hidden="" id="items-section">');
  });

  it('never draws an empty "Others in this room": alone, it says "Only you and your agent."', async () => {
    const { org, id, cora } = await room();
    let people = part((await cora.request('GET', '/room')).text, 'people', 'section');
    expect(people).toContain('<h2 id="people-h" hidden="">');
    expect(people).toContain('<p id="people-alone" class="muted">Only you and your agent.</p>');
    await call('POST', `/api/v1/sessions/${id}/participants`, { token: org.alice.token, body: { roleName: 'Co-signer', contact: { name: 'Colin', email: email() } } });
    people = part((await cora.request('GET', '/room')).text, 'people', 'section');
    expect(people).toContain('<h2 id="people-h">Others in this room</h2>');
    expect(people).toContain('<p id="people-alone" class="muted" hidden="">');
    expect(people).toContain('Colin (Co-signer) — offline');
  });

  it('says the agent is online while their socket is open, and "The session has ended" once it ended', async () => {
    const { org, id, cora } = await room();
    const agent = await connect(`/api/v1/sessions/${id}/ws?token=${org.alice.token}`, {});
    await agent.next((f) => f.type === 'hello');
    expect(part((await cora.request('GET', '/room')).text, 'agent-status', 'span')).toContain('Online now');
    expect((await call('POST', `/api/v1/sessions/${id}/end`, { token: org.alice.token })).status).toBe(200);
    const page = await cora.request('GET', '/room');
    expect(page.status).toBe(200);
    expect(part(page.text, 'agent-status', 'span')).toContain('The session has ended');
    expect(page.text).toContain('<span id="agent-presence" class="presence" aria-hidden="true">');
    agent.ws.close();
  });

  it('draws the chat as bubbles: mine at the end with "Sent", the agent\'s by name, images inline', async () => {
    const { org, id, cora } = await room();
    await call('POST', `/api/v1/sessions/${id}/messages`, { token: org.alice.token, body: { text: 'Welcome, Cora' } });
    await cora.request('POST', '/room/api/messages', { text: 'Thanks!' });
    const upload = new FormData();
    upload.append('file', new File([Uint8Array.from(atob(PNG), (ch) => ch.charCodeAt(0))], 'id.png'));
    expect((await cora.request('POST', '/room/api/attachments', upload)).status).toBe(201);
    const chat = part((await cora.request('GET', '/room')).text, 'messages', 'ul');
    expect(chat).toMatch(/<li class="bubble" data-id="msg_[^"]+"><span class="who">[^<]+<\/span><span class="text" dir="auto">Welcome, Cora<\/span>/);
    expect(chat).toMatch(/<li class="bubble mine" data-id="msg_[^"]+"><span class="text" dir="auto">Thanks!<\/span><span class="meta"><time datetime="[^"]+" data-format="time">/);
    expect(chat).toContain('<span class="visually-hidden">Sent</span>');
    expect(chat).toMatch(/<img src="\/room\/api\/files\/fil_[^"]+" alt="Photo: id.png" loading="lazy"/);
    // The preview's source is the room's own file route (CSP img-src 'self'), typed as the image it is.
    const image = await cora.request('GET', /src="(\/room\/api\/files\/fil_[^"]+)"/.exec(chat)![1]!);
    expect(image.status).toBe(200);
    expect(image.headers.get('Content-Type')).toBe('image/png');
    const page = (await cora.request('GET', '/room')).text;
    expect(page).toContain('<textarea id="chat-text" rows="1" maxlength="4000" placeholder="Write a message…"');
    expect(page).toContain('<input id="chat-camera" class="visually-hidden" type="file" accept="image/*" capture="environment"/>');
  });

  it('speaks Hebrew right to left, in Hebrew', async () => {
    const { org, id, cora } = await room();
    await withItems(org, id);
    const page = await cora.request('GET', '/room', undefined, { 'Accept-Language': 'he-IL,he;q=0.9' });
    expect(page.text).toContain('<html lang="he" dir="rtl">');
    expect(page.text).toContain('עיון וחתימה: Acceptance agreement');
    expect(page.text).toContain('0 מתוך 2 הושלמו');
    expect(page.text).toContain('ממתין לך');
    expect(page.text).toContain('"locale":"he"');
    expect(page.text).not.toContain('Review and sign');
  });

  it('in limited access, gives the date as a <time>, never UTC ISO text', async () => {
    const { org, id, cora } = await room();
    expect((await call('PATCH', '/api/v1/settings', { token: org.admin.token, body: { afterEnd: { fullAccessHours: 0, limitedAccessHours: 24 } } })).status).toBe(200);
    await call('POST', `/api/v1/sessions/${id}/end`, { token: org.alice.token });
    expect((await cora.request('GET', '/room/api/state')).json.access.level).toBe('limited');
    const banner = part((await cora.request('GET', '/room')).text, 'limited', 'p');
    expect(banner).toMatch(/<time datetime="\d{4}-\d\d-\d\dT/);
    expect(banner).not.toMatch(/>\d{4}-\d\d-\d\dT/);
  });
});
