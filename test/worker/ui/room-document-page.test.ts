// The document page of the room: served with the document, escaped, behind
// the room cookie, in the customer's language. Consent first (the only thing
// to act on), then one primary button (Next field, then Finish) with Download
// and Decline under "More"; limited access said once, its end a <time>; the
// confirmation after signing; Hebrew right to left.
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { BASE, Browser, call, makeOrg, outboxFor, startSession } from '../../helpers/world';
import { documentForm, makePdf, signatureField, textField } from '../../helpers/pdf';
import { expectNoNamedGenericElements } from '../../helpers/aria';

async function setup() {
  const org = await makeOrg();
  const tpl = await call('POST', '/api/v1/templates', {
    token: org.admin.token,
    body: documentForm(await makePdf(1), { fields: [textField('name', 'Customer', 1, { label: 'Full name' }), signatureField('sig')] }, { name: 'Loan <b>agreement</b>' }),
  });
  const s = await startSession(org.alice, { name: 'Cora', email: `p-${crypto.randomUUID()}@example.com` });
  const cora = new Browser();
  await cora.open((await outboxFor(s.session.id))[0]!.link);
  const item = (await call('POST', `/api/v1/sessions/${s.session.id}/documents`, { token: org.alice.token, body: { templateId: tpl.json.id } })).json.item;
  return { org, cora, item };
}

describe('the room document page', () => {
  it('is linked from the room and shows the document, escaped, with its script and pdf.js left for later', async () => {
    const { cora, item } = await setup();
    const room = await cora.request('GET', '/room');
    expect(room.text).toContain(`href="/room/documents/${item.id}"`);
    const page = await cora.request('GET', `/room/documents/${item.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Loan &lt;b&gt;agreement&lt;/b&gt;');
    expect(page.text).toContain(`data-item-id="${item.id}"`);
    expect(page.text).toContain('src="/assets/room-document.js"');
    expect(page.text).toContain('Read and accept the terms below to start.');
    // pdf.js is fetched while this page loads, and on no other room page.
    expect(page.text).toContain('<link rel="modulepreload" href="/vendor/pdfjs/pdf.min.mjs"/>');
    expect(room.text).not.toContain('pdf.min.mjs');
    expect(page.headers.get('Content-Security-Policy')).toContain("worker-src 'self'");
    expectNoNamedGenericElements(page.text);
  });

  it('answers unknown documents, other sessions and missing cookies with clear pages', async () => {
    const { cora, item } = await setup();
    expect((await cora.request('GET', '/room/documents/itm_0000000000000000')).status).toBe(404);
    expect((await cora.request('GET', '/room/documents/nonsense')).status).toBe(404);
    expect((await new Browser().request('GET', `/room/documents/${item.id}`)).status).toBe(401);
    const other = await setup();
    expect((await other.cora.request('GET', `/room/documents/${item.id}`)).status).toBe(404);
  });

  it('serves the original PDF inline for rendering, without counting it as a download', async () => {
    const { org, cora, item } = await setup();
    const pdf = await cora.request('GET', `/room/api/documents/${item.id}/original`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('Content-Type')).toBe('application/pdf');
    expect(pdf.headers.get('Content-Disposition')).toBe('inline');
    const sessionId = (await call('GET', '/api/v1/sessions', { token: org.alice.token })).json.sessions[0].id;
    const audit = await call('GET', `/api/v1/sessions/${sessionId}/documents/${item.id}/audit`, { token: org.alice.token });
    expect(audit.json.entries.map((e: any) => e.event)).not.toContain('downloaded');
  });

  it('serves the original by byte ranges, so the page reads the parts it draws first', async () => {
    const { cora, item } = await setup();
    const path = `/room/api/documents/${item.id}/original`;
    const get = (headers: Record<string, string> = {}) => exports.default.fetch(new Request(BASE + path, { headers: { Cookie: cora.cookie!, ...headers } }));
    const whole = new Uint8Array(await (await get()).arrayBuffer());
    const size = whole.length;
    const ranged = async (range: string) => {
      const res = await get({ Range: range });
      return { status: res.status, contentRange: res.headers.get('Content-Range'), acceptRanges: res.headers.get('Accept-Ranges'), bytes: new Uint8Array(await res.arrayBuffer()) };
    };

    const head = await ranged('bytes=0-99');
    expect(head).toMatchObject({ status: 206, contentRange: `bytes 0-99/${size}`, acceptRanges: 'bytes' });
    expect(head.bytes).toEqual(whole.subarray(0, 100));
    const tail = await ranged('bytes=-50');
    expect(tail).toMatchObject({ status: 206, contentRange: `bytes ${size - 50}-${size - 1}/${size}` });
    expect(tail.bytes).toEqual(whole.subarray(size - 50));
    const rest = await ranged(`bytes=${size - 10}-`);
    expect(rest.bytes).toEqual(whole.subarray(size - 10));
    // Past the end: 416 with the size; several ranges: the whole file (the RFC allows either).
    expect(await ranged(`bytes=${size}-`)).toMatchObject({ status: 416, contentRange: `bytes */${size}` });
    const several = await ranged('bytes=0-1,5-6');
    expect(several.status).toBe(200);
    expect(several.bytes).toEqual(whole);
    // A download answers whole: a range there would cost a download's work (audit, flattening) each time.
    const download = await exports.default.fetch(new Request(`${BASE}/room/api/documents/${item.id}/pdf`, { headers: { Cookie: cora.cookie!, Range: 'bytes=0-99' } }));
    expect(download.status).toBe(200);
    expect(download.headers.get('Accept-Ranges')).toBeNull();
  });

  it('before consent offers only the consent: no Next field, no Finish; Download and Decline are under "More"', async () => {
    const { cora, item } = await setup();
    const page = (await cora.request('GET', `/room/documents/${item.id}`)).text;
    expect(tag(page, 'section', 'consent')).not.toMatch(/\shidden/);
    expect(page).toContain('I agree to do business electronically');
    expect(tag(page, 'button', 'next-field')).toMatch(/\shidden/);
    expect(tag(page, 'button', 'finish')).toMatch(/\shidden/);
    const more = page.slice(page.indexOf('<details class="doc-more" id="doc-more">'), page.indexOf('</details>', page.indexOf('id="doc-more"')));
    expect(more).toContain('<summary>More</summary>');
    expect(more).toContain(`<a id="download" href="/room/api/documents/${item.id}/pdf" download="">Download</a>`);
    expect(more).toContain('id="decline"');
    // The signers are one line that opens, so the first page starts near the top.
    expect(page).toMatch(/<details id="doc-signers" class="signers-section"><summary id="signers-h">Signers · <span id="signers-count">0 of 1 signed<\/span><\/summary>/);
  });

  it('after consent: one primary button, "Next field" while required fields remain, "Finish and sign" once they are filled', async () => {
    const { cora, item } = await setup();
    await cora.request('POST', '/room/api/consent');
    let page = (await cora.request('GET', `/room/documents/${item.id}`)).text;
    expect(tag(page, 'section', 'consent')).toMatch(/\shidden/);
    expect(tag(page, 'button', 'next-field')).not.toMatch(/\shidden/);
    expect(tag(page, 'button', 'finish')).toMatch(/\shidden/);
    expect(page).toContain('2 required fields left.');
    expect((await cora.request('PUT', `/room/api/documents/${item.id}/fields/name`, { value: { kind: 'text', text: 'Cora' } })).status).toBe(200);
    expect((await cora.request('PUT', `/room/api/documents/${item.id}/fields/sig`, { value: { kind: 'typed', text: 'Cora' } })).status).toBe(200);
    page = (await cora.request('GET', `/room/documents/${item.id}`)).text;
    expect(tag(page, 'button', 'next-field')).toMatch(/\shidden/);
    expect(tag(page, 'button', 'finish')).not.toMatch(/\shidden/);
    expect(page).toContain('Finish and sign');
  });

  it('after signing: a confirmation with what happens next and a download labelled as not yet signed by everyone, then the signed copy', async () => {
    const { org, cora, item } = await setup();
    await cora.request('POST', '/room/api/consent');
    await cora.request('PUT', `/room/api/documents/${item.id}/fields/name`, { value: { kind: 'text', text: 'Cora' } });
    await cora.request('PUT', `/room/api/documents/${item.id}/fields/sig`, { value: { kind: 'typed', text: 'Cora' } });
    expect((await cora.request('POST', `/room/api/documents/${item.id}/complete`)).status).toBe(200);
    const page = (await cora.request('GET', `/room/documents/${item.id}`)).text;
    const done = tag(page, 'section', 'done');
    expect(done).not.toMatch(/\shidden/);
    expect(page).toContain('You signed Loan &lt;b&gt;agreement&lt;/b&gt;');
    expect(page).toContain('What happens next');
    expect(page).toContain('href="/room" class="button primary" id="done-back">Back to your room</a>');
    // The only signer: sealing follows at once in tests, so the copy is either being prepared or ready.
    expect(page).toMatch(/Your signed copy is (being prepared|ready)/);
    expect(tag(page, 'button', 'decline')).toMatch(/\shidden/);
    void org;
  });

  it('in limited access says "view and download only" once, with its end as a <time>, never UTC ISO text', async () => {
    const { org, cora, item } = await setup();
    // After the end: no full access, a day of view and download.
    expect((await call('PATCH', '/api/v1/settings', { token: org.admin.token, body: { afterEnd: { fullAccessHours: 0, limitedAccessHours: 24, preventAccess: false } } })).status).toBe(200);
    const sessionId = (await call('GET', '/api/v1/sessions', { token: org.alice.token })).json.sessions[0].id;
    expect((await call('POST', `/api/v1/sessions/${sessionId}/end`, { token: org.alice.token })).status).toBe(200);
    const res = await cora.request('GET', `/room/documents/${item.id}`);
    expect(res.status).toBe(200);
    const page = res.text;
    // Said once on the page (the texts embedded for its script aside).
    expect(body(page).match(/view and download only/g)?.length).toBe(1);
    expect(page).not.toContain('class="banner"');
    expect(page).toMatch(/<p id="doc-status" role="status" tabindex="-1">This session has ended: view and download only, until <time datetime="\d{4}-\d\d-\d\dT[\d:.]+Z">[^<]+UTC<\/time>\.<\/p>/);
    expect(body(page).replace(/datetime="[^"]*"/g, '')).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
    expect(tag(page, 'section', 'consent')).toMatch(/\shidden/);
    expect(tag(page, 'button', 'finish')).toMatch(/\shidden/);
    expect(tag(page, 'button', 'decline')).toMatch(/\shidden/);
  });

  it("speaks the customer's language: Hebrew right to left, with the document's texts embedded for its script", async () => {
    const { cora, item } = await setup();
    const page = (await cora.request('GET', `/room/documents/${item.id}`, undefined, { 'Accept-Language': 'he' })).text;
    expect(page).toContain('<html lang="he" dir="rtl">');
    expect(page).toContain('<title>Loan &lt;b&gt;agreement&lt;/b&gt; · Acme</title>');
    expect(page).toContain('אני מסכים/ה לבצע את ההליך באופן אלקטרוני');
    expect(page).toContain('חזרה לחדר שלך');
    expect(page).toContain('"document.next_field":"השדה הבא"');
    expect(page).toContain(`<input type="hidden" name="back" value="/room/documents/${item.id}"/>`);
    expect(page).not.toContain('I agree to do business electronically');
  });
});

/** The opening tag of the element with this id. */
function tag(html: string, name: string, id: string): string {
  const start = html.indexOf(`<${name} id="${id}"`);
  expect(start, `<${name} id="${id}">`).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('>', start) + 1);
}

/** The page without the texts embedded for its script. */
const body = (html: string) => html.slice(html.indexOf('<body'));
