// The document page of the room: served with the document, escaped, behind the room cookie.
import { describe, expect, it } from 'vitest';
import { Browser, call, makeOrg, outboxFor, startSession } from '../../helpers/world';
import { documentForm, makePdf, signatureField, textField } from '../../helpers/pdf';

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
    expect(page.text).toContain('Please fill in your 2 fields, then sign.');
    expect(page.text).not.toContain('pdf.min.mjs'); // loaded by the script, only here
    expect(page.headers.get('Content-Security-Policy')).toContain("worker-src 'self'");
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
});
