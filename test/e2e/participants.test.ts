// Several participants in real browsers, as issue 13 checks it, with the
// org requiring a one-time code to enter:
// - the agent sends a two-signer template (customer + a mandatory
//   co-signer given in the participant list); each signer opens their own
//   link in their own browser, types the code the outbox holds for them and
//   signs; the agent's session page (never reloaded) counts 0/2 → 1/2 → 2/2
//   on the document; the sealed PDF's certificate names both signers and
//   how each was authenticated;
// - the customer assigns an optional role in the Assign step, and that
//   person signs from their own link;
// - with single device access, a new device takes the room over with a code
//   and the old one is shut out.
import type { Page } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pdfText } from '../support/pdf-text';
import { labelledPdf, uploadDocument } from './pdf';
import { agentView, baseUrl, call, eventually, patchOrgSettings } from './api';
import { WAIT_MS, drawSignature, expectAccessible, followInvitation, shot, useChromium } from './browser';

const chromium = useChromium();

beforeAll(async () => {
  const { settings } = await patchOrgSettings({ session: { otpRequired: true } });
  expect(settings.session.otpRequired).toBe(true);
});
afterAll(async () => {
  await patchOrgSettings({ session: { otpRequired: false, singleDeviceAccess: false } });
});

/** Someone no earlier test has met, with both channels: the invitation goes by email, the code by SMS. */
function person(name: string) {
  const tag = randomBytes(5).toString('hex');
  return { name, email: `${name.split(' ')[0]!.toLowerCase()}.${tag}@example.com`, phone: `+1415555${String(parseInt(tag.slice(0, 4), 16) % 10000).padStart(4, '0')}` };
}

interface OutboxMessage {
  participant_id: string;
  kind: string;
  channel: string;
  body: string | null;
  link: string | null;
}

async function outbox(sessionId: string): Promise<OutboxMessage[]> {
  const res = await fetch(`${baseUrl()}/dev/outbox.json?session=${encodeURIComponent(sessionId)}`, { signal: AbortSignal.timeout(10_000) });
  return ((await res.json()) as { messages: OutboxMessage[] }).messages;
}

/** A participant's newest invitation link, as the outbox holds it. */
const invitationOf = (sessionId: string, participantId: string) =>
  eventually(`an invitation for ${participantId}`, async () => (await outbox(sessionId)).find((m) => m.participant_id === participantId && m.kind.startsWith('invitation') && m.link)?.link);

/** The 6 digits of a participant's newest one-time code message (newest first in the outbox). */
const codeOf = (sessionId: string, participantId: string) =>
  eventually(`a one-time code for ${participantId}`, async () => {
    const m = (await outbox(sessionId)).find((x) => x.participant_id === participantId && x.kind === 'otp');
    return m?.body ? /\b(\d{6})\b/.exec(m.body)?.[1] : undefined;
  });

/** Opens a link on a fresh phone, presses the button, types the code from the outbox: the room. */
async function enterWithCode(sessionId: string, participantId: string, link: string, page?: Page): Promise<Page> {
  const p = page ?? (await chromium.open('phone'));
  await followInvitation(p, link);
  await p.getByRole('heading', { level: 1, name: 'Enter your code' }).waitFor();
  const code = await codeOf(sessionId, participantId);
  await p.locator('#otp-code').fill(code);
  await Promise.all([p.waitForURL(`${baseUrl()}/room`), p.getByRole('button', { name: 'Continue' }).click()]);
  return p;
}

/** Opens a document from the room (unless open already), consents, draws the signature and finishes. */
async function signDocument(page: Page, itemId: string) {
  if (!page.url().endsWith(`/room/documents/${itemId}`)) {
    await page.locator(`a[href="/room/documents/${itemId}"]`).first().click();
    await page.waitForURL(`**/room/documents/${itemId}`);
  }
  await page.getByRole('button', { name: 'I agree to do business electronically' }).click();
  await page.locator('.field.mine[data-field-id]').first().click();
  await drawSignature(page);
  await page.locator('#field-save').click();
  await page.locator('.field.mine.filled').first().waitFor();
  await page.getByRole('button', { name: 'Finish and sign' }).click();
}

async function template(name: string, roles: { name: string; required?: boolean }[]): Promise<string> {
  const fields = roles.map((r, i) => ({ id: `sig_${i}`, type: 'signature', page: 1, rect: { x: 72 + i * 170, y: 120, width: 160, height: 50 }, role: r.name, required: true, label: `${r.name} signature` }));
  const definition = { roles, signingOrder: 'parallel', fields };
  return (await uploadDocument('/api/v1/templates', inject('adminToken'), await labelledPdf(name, []), definition, { name })).id;
}

describe('several participants with a one-time code to enter', () => {
  it('two signers from their own links, each with a code; the agent counts 0/2 → 1/2 → 2/2 live; the certificate names both and how', async () => {
    const templateId = await template(`Guarantee ${randomBytes(3).toString('hex')}`, [{ name: 'Customer' }, { name: 'Cosigner' }]);
    const customer = person('Dana Demo');
    const cosigner = person('Colin Cosigner');

    // A contact with one channel is refused, naming who lacks the second.
    const refused = await call('POST', '/api/v1/sessions', { body: { customer: { name: customer.name, email: customer.email } } });
    expect(refused.status).toBe(422);
    expect(refused.json.error.message).toContain('needs a phone number for the one-time code');

    const started = await call('POST', '/api/v1/sessions', { body: { customer } });
    expect(started.status, started.text).toBe(201);
    const sessionId: string = started.json.session.id;
    const customerId: string = started.json.participants[0].id;
    const sent = await call('POST', `/api/v1/sessions/${sessionId}/documents`, { body: { templateId, roles: { Cosigner: { contact: cosigner } } } });
    expect(sent.status, sent.text).toBe(201);
    const itemId: string = sent.json.item.id;
    const cosignerId = (await agentView(sessionId)).participants.find((p) => p.roleName === 'Cosigner')!.id;

    // The agent watches the session page, never reloaded.
    const agent = await chromium.open('desktop');
    await agent.goto(`${baseUrl()}/app/sign-in?token=${encodeURIComponent(inject('agentSignInToken'))}`);
    await agent.waitForURL(`${baseUrl()}/app`);
    await agent.goto(`${baseUrl()}/app/sessions/${sessionId}`);
    await agent.locator('#ws-conn').getByText('Live updates: on').waitFor();
    const count = agent.locator(`#item-${itemId}-count`);
    expect(await count.getAttribute('data-signed')).toBe('0/2');

    const dana = await enterWithCode(sessionId, customerId, await invitationOf(sessionId, customerId));
    await expectAccessible(dana);
    await signDocument(dana, itemId);
    await agent.locator(`#item-${itemId}-count[data-signed="1/2"]`).waitFor({ timeout: WAIT_MS });
    await shot(agent, 'workspace-cosigners-1of2');

    const colin = await enterWithCode(sessionId, cosignerId, await invitationOf(sessionId, cosignerId));
    await signDocument(colin, itemId);
    await colin.locator('#doc-status').getByText('Everyone has signed').waitFor({ timeout: WAIT_MS });
    await agent.locator(`#item-${itemId}-count[data-signed="2/2"]`).waitFor({ timeout: WAIT_MS });
    await shot(colin, 'document-cosigner-completed');

    const pdf = await fetch(`${baseUrl()}/api/v1/sessions/${sessionId}/documents/${itemId}/pdf`, { headers: { Authorization: `Bearer ${inject('agentToken')}` }, signal: AbortSignal.timeout(15_000) });
    expect(pdf.status).toBe(200);
    const text = (await pdfText(new Uint8Array(await pdf.arrayBuffer()))).replace(/\s+/g, ' ');
    expect(text).toContain(customer.name);
    expect(text).toContain(cosigner.name);
    expect(text.match(/one-time code by SMS/g)?.length ?? 0, text).toBeGreaterThanOrEqual(2);
  });

  it('the customer assigns an optional role in the Assign step, and that person signs', async () => {
    const templateId = await template(`Lease ${randomBytes(3).toString('hex')}`, [{ name: 'Customer' }, { name: 'Witness', required: false }]);
    const customer = person('Erin Example');
    const witness = person('Wade Witness');
    const started = await call('POST', '/api/v1/sessions', { body: { customer } });
    const sessionId: string = started.json.session.id;
    const customerId: string = started.json.participants[0].id;
    const sent = await call('POST', `/api/v1/sessions/${sessionId}/documents`, { body: { templateId, roles: { Witness: { assign: 'customer' } } } });
    expect(sent.status, sent.text).toBe(201);
    const itemId: string = sent.json.item.id;

    const erin = await enterWithCode(sessionId, customerId, await invitationOf(sessionId, customerId));
    await erin.locator(`a[href="/room/documents/${itemId}"]`).first().click();
    await erin.waitForURL(`**/room/documents/${itemId}`);
    await erin.locator('#assign-h').waitFor();
    await expectAccessible(erin);
    await shot(erin, 'assign-step');
    await erin.locator('#assign-0-name').fill(witness.name);
    await erin.locator('#assign-0-email').fill(witness.email);
    await erin.locator('#assign-0-phone').fill(witness.phone);
    await Promise.all([erin.waitForEvent('load'), erin.locator('#assign-form button[type="submit"]').click()]);
    await erin.locator('#assign').waitFor({ state: 'hidden' });

    const witnessId = await eventually('the witness as a participant', async () => (await agentView(sessionId)).participants.find((p) => p.roleName === 'Witness' && p.assignedBy === customerId)?.id);
    await signDocument(erin, itemId);
    const wade = await enterWithCode(sessionId, witnessId, await invitationOf(sessionId, witnessId));
    await signDocument(wade, itemId);
    await wade.locator('#doc-status').getByText('Everyone has signed').waitFor({ timeout: WAIT_MS });
    const item = await eventually('the completed document', async () => (await agentView(sessionId)).items.find((i) => i.id === itemId && i.status === 'completed'));
    expect(item.signers?.map((s) => [s.role, s.done])).toEqual([
      ['Customer', true],
      ['Witness', true],
    ]);
  });

  it('single device access: a new device takes over with a code; the old one is shut out', async () => {
    await patchOrgSettings({ session: { singleDeviceAccess: true } });
    const customer = person('Fay Phone');
    const started = await call('POST', '/api/v1/sessions', { body: { customer } });
    const sessionId: string = started.json.session.id;
    const customerId: string = started.json.participants[0].id;
    const link = await invitationOf(sessionId, customerId);

    const first = await enterWithCode(sessionId, customerId, link);
    await first.getByRole('heading', { level: 1 }).first().waitFor();

    // Wait out the 30 s between two codes for one person rather than share one code between devices.
    const second = await chromium.open('phone');
    await followInvitation(second, link);
    await second.getByRole('heading', { level: 1, name: 'Enter your code' }).waitFor();
    const previous = await codeOf(sessionId, customerId);
    const fresh = await eventually('a new code for the new device', async () => {
      const code = await codeOf(sessionId, customerId);
      if (code !== previous) return code;
      await second.getByRole('button', { name: /new code/i }).click();
      return undefined;
    }, { timeoutMs: 45_000, intervalMs: 5_000 });
    await second.locator('#otp-code').fill(fresh);
    await Promise.all([second.waitForURL(`${baseUrl()}/room`), second.getByRole('button', { name: 'Continue' }).click()]);

    // The first device's room no longer opens.
    const again = await first.goto(`${baseUrl()}/room`);
    expect(again?.status()).toBe(401);
  });
});
