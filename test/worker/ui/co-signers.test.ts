// Co-signer status on screen (issue 13): the workspace bubble of a document
// shows its own count and a co-signers window (connected, consent,
// authentication, completed), redrawn by the live fragment when a co-signer
// signs; the customer's room shows the count and the others' status on the
// item card and on the document page, with no contact details.
import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { documentForm, makePdf, signatureField } from '../../helpers/pdf';
import { roomOf } from '../../helpers/sealing';
import { Browser, call, makeOrg, outboxFor, signInToWorkspace, startSession } from '../../helpers/world';

const drawn = { kind: 'drawn', png: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==' };

/** A sent two-signer document (Cora the customer, then Colin the co-signer), both having consented. */
async function setup() {
  const org = await makeOrg();
  const tpl = await call('POST', '/api/v1/templates', {
    token: org.admin.token,
    body: documentForm(await makePdf(1), { roles: [{ name: 'Customer' }, { name: 'Cosigner' }], signingOrder: 'parallel', fields: [signatureField('c'), signatureField('co', 'Cosigner')] }, { name: 'Guarantee' }),
  });
  const coraEmail = `cora-${crypto.randomUUID()}@example.com`;
  const s = await startSession(org.alice, { name: 'Cora <Customer>', email: coraEmail });
  const id = s.session.id as string;
  const cora = new Browser();
  await cora.open((await outboxFor(id))[0]!.link);
  const colinEmail = `colin-${crypto.randomUUID()}@example.org`;
  const co = await call('POST', `/api/v1/sessions/${id}/participants`, { token: org.alice.token, body: { roleName: 'Cosigner', contact: { name: 'Colin', email: colinEmail } } });
  const colin = new Browser();
  await colin.open((await outboxFor(id)).find((m) => m.participant_id === co.json.id)!.link);
  for (const b of [cora, colin]) await b.request('POST', '/room/api/consent');
  const sent = await call('POST', `/api/v1/sessions/${id}/documents`, { token: org.alice.token, body: { templateId: tpl.json.id, roles: { Cosigner: co.json.id } } });
  expect(sent.status, sent.text).toBe(201);
  const sign = async (b: Browser, field: string) => {
    expect((await b.request('PUT', `/room/api/documents/${sent.json.item.id}/fields/${field}`, { value: drawn })).status).toBe(200);
    expect((await b.request('POST', `/room/api/documents/${sent.json.item.id}/complete`)).status).toBe(200);
  };
  return { org, id, cora, colin, coraId: s.participants[0].id as string, colinId: co.json.id as string, itemId: sent.json.item.id as string, coraEmail, colinEmail, sign };
}

/** The part of a page from `start` to the end of the element that holds it (same tag, nesting counted). */
function elementAt(html: string, start: number): string {
  expect(start).toBeGreaterThanOrEqual(0);
  const tag = /^<([a-z]+)/.exec(html.slice(start))![1]!;
  const re = new RegExp(`<${tag}[\\s>]|</${tag}>`, 'g');
  re.lastIndex = start;
  let depth = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[0].startsWith('</') ? -1 : 1;
    if (depth === 0) return html.slice(start, m.index + m[0].length);
  }
  throw new Error(`<${tag}> at ${start} is not closed`);
}

const windowOf = (html: string, itemId: string) => elementAt(html, html.indexOf(`<details class="ws-cosigners" id="item-${itemId}-cosigners"`));
const signerRow = (html: string, itemId: string, index: number) => elementAt(html, html.indexOf(`<li class="ws-cosigner" id="item-${itemId}-signer-${index}"`));

describe('the workspace', () => {
  it("shows the document's own count in its bubble and a co-signers window; the live fragment changes when a co-signer signs", async () => {
    const t = await setup();
    const b = await signInToWorkspace(t.org.alice);
    const page = await b.get(`/app/sessions/${t.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<span class="ws-count" id="item-${t.itemId}-count" data-signed="0/2">0/2<span class="ws-sr"> signed</span></span>`);
    // The aside's count is the session's, and says so.
    expect(page.text).toMatch(/Session participants <span class="ws-count">0\/2<\/span>\s*<span class="ws-sr"> completed everything in this session<\/span>/);

    const before = windowOf(page.text, t.itemId);
    expect(before).toContain(`<summary id="item-${t.itemId}-cosigners-toggle">Co-signers (0/2 signed)<span class="ws-sr"> of Guarantee</span></summary>`);
    const cora = signerRow(before, t.itemId, 0);
    expect(cora).toContain('<strong>Cora &lt;Customer&gt;</strong> <span class="muted">(Customer)</span>');
    expect(cora).toContain(`data-presence-for="${t.coraId}"`); // the presence frames keep it current
    expect(cora).toMatch(/<dt>Consent<\/dt><dd>Given <time datetime="[^"]+">/);
    expect(cora).toMatch(/<dt>Authentication<\/dt><dd>Invitation link, <time/);
    expect(cora).toContain('<dt>Completed</dt><dd>Not yet</dd>');
    const colin = signerRow(before, t.itemId, 1);
    expect(colin).toContain('<strong>Colin</strong> <span class="muted">(Cosigner)</span>');
    expect(colin).toContain(`data-presence-for="${t.colinId}"`);

    // Colin proves himself with a code sent by SMS (room/otp.ts records it so): the method and the time.
    const otpAt = Date.UTC(2026, 10, 21, 9, 30);
    await runInDurableObject(roomOf(t.id), (_o, state) => void state.storage.sql.exec("UPDATE participants SET auth_status = 'otp_sms', authenticated_at = ? WHERE id = ?", otpAt, t.colinId));
    await t.sign(t.colin, 'co');
    const live = await b.get(`/app/sessions/${t.id}/live`);
    expect(live.status).toBe(200);
    expect(live.text).toContain(`data-signed="1/2">1/2<span class="ws-sr"> signed</span>`);
    const after = windowOf(live.text, t.itemId);
    expect(after).not.toBe(before);
    expect(after).toContain('Co-signers (1/2 signed)');
    expect(signerRow(after, t.itemId, 0)).toContain('<dt>Completed</dt><dd>Not yet</dd>');
    expect(signerRow(after, t.itemId, 1)).toContain('<dt>Authentication</dt><dd>One-time code by SMS, <time datetime="2026-11-21T09:30:00.000Z">2026-11-21 09:30 UTC</time></dd>');
    expect(signerRow(after, t.itemId, 1)).toMatch(/<dt>Completed<\/dt><dd><span aria-hidden="true">✓ <\/span>Yes, <time datetime="[^"]+">/);

    await t.sign(t.cora, 'c');
    expect((await b.get(`/app/sessions/${t.id}/live`)).text).toContain('data-signed="2/2"');
  });

  it('shows no count or window for an item that is not a document', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Pat', email: `p-${crypto.randomUUID()}@example.com` });
    const item = await call('POST', `/api/v1/sessions/${s.session.id}/items`, { token: org.alice.token, body: { kind: 'task', name: 'Deposit' } });
    const page = await (await signInToWorkspace(org.alice)).get(`/app/sessions/${s.session.id}`);
    expect(page.text).toContain(`id="item-${item.json.id}"`);
    expect(page.text).not.toContain(`item-${item.json.id}-count`);
    expect(page.text).not.toContain('ws-cosigners');
  });
});

describe('the room', () => {
  it("shows each participant the document's count and the other signers' status, never their contact details", async () => {
    const t = await setup();
    await t.sign(t.colin, 'co');

    const room = await t.cora.request('GET', '/room');
    expect(room.text).toContain('<span class="count">1 of 2 signed</span>');
    const list = elementAt(room.text, room.text.indexOf('<ul class="plain signers" aria-label="Signers of Guarantee"'));
    expect(list).toContain('You (Customer): not signed yet');
    // The signing moment is a <time> (UTC with the zone named; the page's script shows it in the customer's own zone), never raw ISO text.
    expect(list).toMatch(/<span class="presence" aria-hidden="true"><\/span><span aria-hidden="true">✓ <\/span>Colin \(Cosigner\): offline, signed <time datetime="\d{4}-\d\d-\d\dT[^"]+">[^<]*UTC<\/time>/);

    const page = await t.colin.request('GET', `/room/documents/${t.itemId}`);
    expect(page.text).toContain('Signers · <span id="signers-count">1 of 2 signed</span>');
    const section = elementAt(page.text, page.text.indexOf('<details id="doc-signers"'));
    expect(section).toContain('Cora &lt;Customer&gt; (Customer): offline, not signed yet');
    expect(section).toMatch(/You \(Cosigner\): signed <time datetime="\d{4}-/);

    for (const html of [room.text, page.text]) {
      expect(html).not.toContain(t.colinEmail);
    }
    expect(page.text).not.toContain(t.coraEmail);
  });
});
