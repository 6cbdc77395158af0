// A long document on a phone: the page reads the file by byte ranges (its
// first and last 64 KB up front, the rest as pages need it), and still draws
// every page, with the customer's fields on the first and the last.
import { describe, expect, inject, it } from 'vitest';
import { startSession } from './api';
import { longPdf, uploadDocument } from './pdf';
import { WAIT_MS, followInvitation, useChromium } from './browser';

const chromium = useChromium();
const PAGES = 5;

describe('a long document on a phone', () => {
  it('draws every page, read by byte ranges, with the fields on the first and the last page', async () => {
    const bytes = await longPdf(PAGES);
    expect(bytes.length).toBeGreaterThan(3 * 65_536);
    const session = await startSession();
    const fields = [
      { id: 'name', type: 'text', page: 1, rect: { x: 150, y: 200, width: 250, height: 20 }, role: 'Customer', required: true, label: 'Full name' },
      { id: 'sig', type: 'signature', page: PAGES, rect: { x: 150, y: 190, width: 250, height: 50 }, role: 'Customer', required: true, label: 'Signature' },
    ];
    const sent = await uploadDocument(`/api/v1/sessions/${session.sessionId}/documents/adhoc`, inject('agentToken'), bytes, { fields }, { name: 'Long agreement' });
    const itemId: string = sent.item.id;

    const page = await chromium.open('phone');
    await followInvitation(page, session.link);
    const ranges: string[] = [];
    page.on('request', (r) => r.url().endsWith(`/documents/${itemId}/original`) && ranges.push(r.headers()['range'] ?? 'whole file'));
    await page.goto(`${new URL(session.link).origin}/room/documents/${itemId}`);
    await page.locator('#pages .page canvas').nth(PAGES - 1).waitFor({ timeout: WAIT_MS });
    expect(await page.locator('#pages .page').count()).toBe(PAGES);
    await page.locator('.field[data-field-id="name"]').waitFor();
    await page.locator('.field[data-field-id="sig"]').waitFor();
    expect(ranges.slice(0, 2).sort()).toEqual(['bytes=-65536', 'bytes=0-65535']);
    expect(ranges).not.toContain('whole file');
  });
});
