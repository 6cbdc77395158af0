// The room's look and its live chat in a real browser: Hebrew right to
// left at 320 px with nothing overflowing, the composer's buttons beside
// Send, my bubble at the inline end (the left, in Hebrew), and the agent's
// typing and reading shown live (a typing frame, a read frame) without a
// reload.
import { describe, expect, it } from 'vitest';
import { call, customerOnline, newCustomer, postMessage, startSession } from './api';
import { WAIT_MS, expectAccessible, followInvitation, shot, useChromium } from './browser';
import { translatorFor } from '../../worker/src/i18n/catalogue';

const chromium = useChromium();

describe('the room in Hebrew on a small phone', () => {
  it('is right to left at 320 px, with no horizontal overflow and the chat laid out as a messenger', async () => {
    // The agent invites her in Hebrew (the browser's own language is the fallback: test/worker/ui/entry-pages.test.ts).
    const session = await startSession({ ...newCustomer('Dana Demo'), language: 'he' });
    const page = await chromium.open('phone');
    await page.setViewportSize({ width: 320, height: 700 });
    // The invitation page speaks her language too: its button in Hebrew.
    expect((await followInvitation(page, session.link, translatorFor('he')('entry.join.button')))?.status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: 'ברוכים הבאים, Dana Demo' }).waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await customerOnline(session.sessionId, session.customerId);

    await postMessage(session.sessionId, 'שלום דנה');
    await page.locator('#messages li.bubble', { hasText: 'שלום דנה' }).waitFor();
    await page.locator('#chat-text').fill('תודה!');
    await page.locator('#chat-text').press('Enter'); // Enter sends
    const mine = page.locator('#messages li.bubble.mine', { hasText: 'תודה!' });
    await mine.waitFor();
    const theirs = page.locator('#messages li.bubble:not(.mine)').first();
    const [mineBox, theirsBox] = [await mine.boundingBox(), await theirs.boundingBox()];
    // Mine at the inline end: the left in Hebrew; theirs at the inline start, the right.
    expect(mineBox!.x).toBeLessThan(theirsBox!.x);

    // Attach, camera and Send on one row.
    const send = await page.locator('#chat-form button[type=submit]').boundingBox();
    const attach = await page.locator('label[for=chat-file]').boundingBox();
    const camera = await page.locator('label[for=chat-camera]').boundingBox();
    for (const box of [attach!, camera!]) expect(Math.abs(box.y + box.height / 2 - (send!.y + send!.height / 2))).toBeLessThan(12);

    const overflow = await page.evaluate(() => {
      const root = (globalThis as any).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    expect(overflow, 'no horizontal overflow at 320 px').toBeLessThanOrEqual(0);
    await expectAccessible(page);
    await shot(page, 'room-look-he-320');
  });

  it('shows the agent typing, then ✓✓ once the agent has read my message, without a reload', async () => {
    const session = await startSession(newCustomer('Dana Demo'));
    const page = await chromium.open('phone');
    expect((await followInvitation(page, session.link))?.status()).toBe(200);
    await customerOnline(session.sessionId, session.customerId);
    await page.locator('#chat-text').fill('Is everything in order?');
    await page.locator('#chat-form').getByRole('button', { name: 'Send' }).click();
    const mine = page.locator('#messages li.bubble.mine', { hasText: 'Is everything in order?' });
    await mine.locator('.receipt:not(.read)').waitFor();

    expect((await call('POST', `/api/v1/sessions/${session.sessionId}/typing`, { body: {} })).status).toBe(200);
    await page.locator('#chat-typing', { hasText: 'is typing…' }).waitFor({ timeout: WAIT_MS });

    expect((await call('POST', `/api/v1/sessions/${session.sessionId}/chat/read`)).status).toBe(200);
    await mine.locator('.receipt.read').waitFor({ timeout: WAIT_MS });
    expect(await mine.locator('.receipt .visually-hidden').textContent()).toBe('Read');
    await shot(page, 'room-look-read');
  });
});
