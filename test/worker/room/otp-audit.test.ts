// How a participant proved themselves goes on the record: a customer who
// entered with a one-time code has "one-time code by SMS at <UTC time>" in
// their document's audit trail (consent, view, signature) and on the sealed
// PDF's certificate page; one who entered with the link alone keeps
// "personal invitation link".
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { sealedDocument } from '../../helpers/sealed-document';
import { BASE, Browser, call, makeOrg, outboxFor, startSession, type Org } from '../../helpers/world';

const SAME_ORIGIN = { Origin: 'https://parley.test', 'Sec-Fetch-Site': 'same-origin' };
const OTP_SMS = /^one-time code by SMS at \d{4}-\d\d-\d\d \d\d:\d\d UTC$/;

/** A customer in their room, having typed the code when the org requires one. */
async function customerInRoom(otpRequired: boolean) {
  const org = await makeOrg();
  await call('PATCH', '/api/v1/settings', { token: org.admin.token, body: { session: { otpRequired } } });
  const s = await startSession(org.alice, { name: 'Cora Customer', email: `cora-${crypto.randomUUID()}@example.com`, phone: '+14155550123' });
  const sessionId = s.session.id as string;
  const path = new URL((await outboxFor(sessionId))[0]!.link).pathname;
  const browser = new Browser();
  if (otpRequired) {
    expect((await browser.request('POST', path, undefined, SAME_ORIGIN)).status).toBe(200);
    const code = /\b(\d{6})\b/.exec((await outboxFor(sessionId)).find((m) => m.kind === 'otp')!.body)![1]!;
    const form = new FormData();
    form.append('code', code);
    expect((await browser.request('POST', `${path}/code`, form, SAME_ORIGIN)).status).toBe(303);
  } else {
    expect((await browser.open(`${BASE}${path}`)).status).toBe(303);
  }
  return { org, sessionId, browser };
}

async function auditAndPdf(org: Org, sessionId: string, itemId: string) {
  const base = `/api/v1/sessions/${sessionId}/documents/${itemId}`;
  const audit = await call('GET', `${base}/audit`, { token: org.alice.token });
  const pdf = await exports.default.fetch(new Request(`${BASE}${base}/pdf`, { headers: { Authorization: `Bearer ${org.alice.token}` } }));
  expect(pdf.status).toBe(200);
  return { entries: audit.json.entries as any[], text: await pdfText(new Uint8Array(await pdf.arrayBuffer())) };
}

/**
 * The text drawn in a PDF, as far as the certificate page needs: every
 * compressed content stream inflated, and the strings of its text operators
 * (hex, as pdf-lib writes them for the standard fonts) decoded and joined.
 */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const latin1 = new TextDecoder('latin1').decode(bytes);
  const out: string[] = [];
  for (const m of latin1.matchAll(/stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    let end = latin1.indexOf('endstream', start);
    if (end < 0) continue;
    // The end-of-line before "endstream" is not part of the data (and inflating it fails).
    while (end > start && (latin1[end - 1] === '\n' || latin1[end - 1] === '\r')) end--;
    try {
      const inflated = await new Response(new Blob([bytes.slice(start, end)]).stream().pipeThrough(new DecompressionStream('deflate'))).arrayBuffer();
      const content = new TextDecoder('latin1').decode(inflated);
      for (const t of content.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) out.push(t[1]!.replace(/../g, (h) => String.fromCharCode(parseInt(h, 16))));
    } catch {
      // Not a deflated stream (an image, the signature): nothing to read.
    }
  }
  return out.join(' ');
}

describe('the authentication method on the record', () => {
  it('is the one-time code, its channel and time, in the audit trail and on the certificate page', async () => {
    const { org, sessionId, browser } = await customerInRoom(true);
    const { itemId } = await sealedDocument(org, { sessionId, browser });
    const { entries, text } = await auditAndPdf(org, sessionId, itemId);
    const byCustomer = entries.filter((e) => e.actor.startsWith('participant:') && e.authMethod);
    expect(byCustomer.map((e) => e.event)).toEqual(expect.arrayContaining(['consented', 'signed']));
    for (const e of byCustomer) expect(e.authMethod, e.event).toMatch(OTP_SMS);
    expect(text).toMatch(/one-time code by SMS at \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(text).not.toContain('personal invitation link');
  });

  it('stays "personal invitation link" for a customer who entered without a code', async () => {
    const { org, sessionId, browser } = await customerInRoom(false);
    const { itemId } = await sealedDocument(org, { sessionId, browser });
    const { entries, text } = await auditAndPdf(org, sessionId, itemId);
    const signed = entries.find((e) => e.event === 'signed' && e.actor.startsWith('participant:'));
    expect(signed.authMethod).toBe('personal invitation link');
    expect(text).toContain('personal invitation link');
    expect(text).not.toContain('one-time code');
  });
});
