// The customer's room as a customer meets it, on a 360-px phone and on a
// desktop, in English and in Hebrew (right to left): the branded room with
// its one next step and progress, a document from consent to the
// confirmation, and the chat with a photo. Every view is photographed
// (test/e2e/screenshots/customer-*), checked with axe, and checked for
// horizontal overflow — on the phone at 320 px too. The brand colour an
// admin picks is refused below 4.5:1 contrast before any of this is drawn.
import type { Page } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { translatorFor } from '../../worker/src/i18n/catalogue';
import type { Locale } from '../../worker/src/i18n/locales';
import { makePng } from '../helpers/images';
import { call, eventually, expectStatus, invitationLink, newCustomer, postMessage } from './api';
import { VIEWPORTS, WAIT_MS, drawSignature, expectAccessible, followInvitation, shot, useChromium, type Viewport } from './browser';
import { labelledPdf, uploadDocument } from './pdf';

const chromium = useChromium();
const LANGUAGES: readonly Locale[] = ['en', 'he'];
const BRAND = { displayName: 'Harbour Savings', color: '#0B5CAD' };

const FIELDS = [
  { id: 'name', type: 'text', page: 1, rect: { x: 150, y: 200, width: 250, height: 20 }, role: 'Customer', required: true, label: 'Full name' },
  { id: 'sig', type: 'signature', page: 1, rect: { x: 150, y: 120, width: 250, height: 50 }, role: 'Customer', required: true, label: 'Signature' },
];

const admin = () => ({ token: inject('adminToken') });

beforeAll(async () => {
  // Contrast is enforced on save: white text on gold cannot be read.
  const refused = await call('PUT', '/api/v1/settings/branding', { ...admin(), body: { color: '#FFD700' } });
  expect(refused.status).toBe(422);
  expect(JSON.stringify(refused.json)).toMatch(/contrast/i);
  await expectStatus([200], 'PUT', '/api/v1/settings/branding', { ...admin(), body: BRAND });
});

afterAll(async () => {
  await call('PUT', '/api/v1/settings/branding', { ...admin(), body: { displayName: null, color: null } });
});

/** Nothing wider than the window: no sideways scrolling, in either direction. */
async function expectNoOverflow(page: Page, width?: number) {
  if (width) await page.setViewportSize({ width, height: 740 });
  // The overflow, and the elements that stick out (named, so a failure says where to look).
  const { overflow, culprits } = await page.evaluate(() => {
    const d = (globalThis as any).document;
    const w = d.documentElement.clientWidth;
    const out = [...d.querySelectorAll('body *')]
      .map((e: any) => ({ e, r: e.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && (r.right > w + 1 || r.left < -1))
      .slice(0, 8)
      .map(({ e, r }) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className && typeof e.className === 'string' ? `.${e.className.split(' ').join('.')}` : ''} [${Math.round(r.left)}..${Math.round(r.right)}]`);
    return { overflow: d.documentElement.scrollWidth - w, culprits: out };
  });
  expect(overflow, `horizontal overflow at ${width ?? 'the viewport'} px on ${page.url()}: ${culprits.join(', ')}`).toBeLessThanOrEqual(0);
}

/** Screenshots, axe, and no overflow; on a phone at 320 px as well. */
async function check(page: Page, viewport: Viewport, name: string) {
  await shot(page, name);
  await expectAccessible(page);
  await expectNoOverflow(page);
  if (viewport === 'phone') {
    await expectNoOverflow(page, 320);
    await page.setViewportSize({ width: 360, height: 740 });
  }
}

describe.each(LANGUAGES)('the customer room in %s', (language) => {
  const t = translatorFor(language);

  describe.each(VIEWPORTS)('on a %s', (viewport) => {
    it('the branded room, a document from consent to confirmation, and the chat with a photo', async () => {
      const customer = { ...newCustomer(language === 'he' ? 'Dana Levi' : 'Dana Demo'), language };
      const started = await expectStatus<{ session: { id: string } }>([201], 'POST', '/api/v1/sessions', { body: { customer } });
      const sessionId = started.session.id;
      const docName = `Acceptance agreement ${randomBytes(2).toString('hex')}`;
      const doc = await uploadDocument(`/api/v1/sessions/${sessionId}/documents/adhoc`, inject('agentToken'), await labelledPdf(docName), { fields: FIELDS }, { name: docName });
      await postMessage(sessionId, 'Hello! Your agreement is ready to sign.');

      const page = await chromium.open(viewport);
      await followInvitation(page, await invitationLink(sessionId), t('entry.join.button'));
      await page.waitForURL('**/room');

      // Who and what: the brand, in the customer's language and direction, one next step, progress.
      expect(await page.locator('html').getAttribute('lang')).toBe(language);
      expect(await page.locator('html').getAttribute('dir')).toBe(language === 'he' ? 'rtl' : 'ltr');
      expect(await page.title()).toContain(BRAND.displayName);
      await page.locator('#next-step').getByText(t('room.next.sign', { name: docName })).waitFor();
      await page.locator('#progress-text').getByText(t.count('room.progress', 0, { total: 1 })).waitFor();
      await page.locator('#messages').getByText('Your agreement is ready to sign').waitFor();
      await check(page, viewport, `customer-room-${language}`);

      // The chat: a photo from the attach button, shown inline as a bubble of mine.
      await page.locator('#chat-file').setInputFiles({ name: 'id-front.png', mimeType: 'image/png', buffer: Buffer.from(await makePng(320, 200)) });
      await page.locator('#chat-text').fill(language === 'he' ? 'הנה התמונה' : 'Here is the photo');
      await page.locator('#chat-form button[type="submit"]').click();
      await page.locator('#messages img').first().waitFor({ timeout: WAIT_MS });
      await eventually('the photo in the agent’s chat', async () => {
        const view = await call('GET', `/api/v1/sessions/${sessionId}`);
        return view.json.messages.some((m: { file: { type: string } | null }) => m.file?.type === 'image/png');
      });
      await page.locator('#messages img').first().scrollIntoViewIfNeeded();
      await check(page, viewport, `customer-chat-${language}`);

      // The document: only the consent is actionable until it is given.
      await page.locator('#next-step a.button').click();
      await page.waitForURL(`**/room/documents/${doc.item.id}`);
      await page.locator('.field.mine').first().waitFor({ timeout: WAIT_MS });
      expect(await page.locator('#finish').isHidden()).toBe(true);
      await check(page, viewport, `customer-document-consent-${language}`);
      await page.locator('#consent-accept').click();
      await page.locator('#consent').waitFor({ state: 'hidden' });

      await page.locator('.field[data-field-id="name"]').click();
      await page.locator('#field-value').fill(language === 'he' ? 'דנה לוי' : 'Dana Demo');
      await page.locator('#field-save').click();
      await page.locator('.field[data-field-id="name"].filled').waitFor();
      await page.locator('.field[data-field-id="sig"]').click();
      await drawSignature(page);
      await page.locator('#field-save').click();
      // Drawn shows as drawn: the overlay holds the image of the stroke.
      await page.locator('.field[data-field-id="sig"].filled img').waitFor();
      await page.locator('#finish').click();

      // The confirmation, with what happens next; then the room shows the document done.
      await page.locator('#done').waitFor({ state: 'visible', timeout: WAIT_MS });
      await page.locator('#done-h').getByText(t('document.done.heading', { document: docName })).waitFor();
      await check(page, viewport, `customer-document-done-${language}`);
      await page.locator('#done-back').click();
      await page.waitForURL('**/room');
      await page.locator('#progress-text').getByText(t.count('room.progress', 1, { total: 1 })).waitFor();
      await check(page, viewport, `customer-room-done-${language}`);
    });
  });
});
