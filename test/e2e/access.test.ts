// What the customer sees once the agent has ended the session, as the org's
// "after the session" settings decide: the expired page when access is
// prevented, the room in view-and-download-only mode during limited access.
// Each test sets the org's settings before it starts its session (a new
// session reads them fresh) and puts the defaults back afterwards.
import { labelledPdf, uploadDocument } from './pdf';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { endSession, patchOrgSettings, startSession } from './api';
import { VIEWPORTS, expectAccessible, followInvitation, shot, useChromium } from './browser';

const chromium = useChromium();

// DEFAULT_SETTINGS.afterEnd in worker/src/domain/settings.ts.
const DEFAULT_AFTER_END = { fullAccessHours: 168, limitedAccessHours: 0, preventAccess: false };

afterEach(async () => {
  await patchOrgSettings({ afterEnd: DEFAULT_AFTER_END });
});

describe.each(VIEWPORTS)('after the session ends (%s)', (viewport) => {
  it('opening the link when access after the end is prevented shows the "Session expired" page', async () => {
    const { settings } = await patchOrgSettings({ afterEnd: { preventAccess: true } });
    expect(settings.afterEnd.preventAccess).toBe(true);
    const session = await startSession();
    await endSession(session.sessionId);

    const page = await chromium.open(viewport);
    const res = await followInvitation(page, session.link);
    expect(res?.status()).toBe(410);
    await page.getByRole('heading', { level: 1, name: 'Session expired' }).waitFor();
    await page.getByText('your agent can renew the session').waitFor();
    // No way into the room was handed out.
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain('__Host-parley_room');
    expect(await page.locator('#chat-form').count()).toBe(0);

    await expectAccessible(page);
    await shot(page, 'expired');
  });

  it('limited access after the end: view and download only, with no chat', async () => {
    const { settings } = await patchOrgSettings({ afterEnd: { fullAccessHours: 0, limitedAccessHours: 24, preventAccess: false } });
    expect(settings.afterEnd).toMatchObject({ fullAccessHours: 0, limitedAccessHours: 24, preventAccess: false });
    const session = await startSession();
    // A document sent before the end: it may be downloaded, not signed.
    const sent = await uploadDocument(`/api/v1/sessions/${session.sessionId}/documents/adhoc`, inject('agentToken'), await labelledPdf('Terms'), {
      fields: [{ id: 'sig', type: 'signature', page: 1, rect: { x: 72, y: 100, width: 200, height: 40 }, role: 'Customer', required: true }],
    }, { name: 'Terms' });
    const itemId: string = sent.item.id;
    await endSession(session.sessionId);

    const page = await chromium.open(viewport);
    const res = await followInvitation(page, session.link);
    expect(res?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/room');

    const banner = page.getByRole('status').filter({ hasText: 'view and download' });
    await banner.waitFor();
    // It says why (the session ended), what is still possible, and until when.
    const text = (await banner.textContent()) ?? '';
    expect(text).toMatch(/session has ended/i);
    expect(text).toMatch(/not complete or sign/i);
    expect(text).toMatch(/until \S/);
    expect(await page.locator('#chat-form').count(), 'no chat form in limited access').toBe(0);
    await page.getByText('Chat is not available in this session.').waitFor();

    await expectAccessible(page);
    await shot(page, 'limited-access');

    // The document: shown with the same note, no way to sign, and it downloads.
    await page.locator(`a[href="/room/documents/${itemId}"]`).first().click();
    // Said once, with its end as a local time, never UTC ISO text.
    await page.getByRole('status').filter({ hasText: 'view and download only, until' }).waitFor();
    expect((await page.locator('main').innerText()).match(/view and download only/g)?.length, 'said once').toBe(1);
    expect(await page.locator('#doc-status time').textContent()).not.toMatch(/\d{4}-\d\d-\d\dT/);
    await page.locator('.field[data-field-id="sig"]').waitFor();
    expect(await page.locator('.field[data-field-id="sig"]').isDisabled(), 'the signature field cannot be used').toBe(true);
    // Its words fit the box (made smaller, never cut), and its full label is its title. (any: no DOM types here.)
    expect(await page.locator('.field[data-field-id="sig"]').evaluate((el: any) => el.scrollWidth <= el.clientWidth + 1), 'the field label is not cut').toBe(true);
    expect(await page.getByRole('button', { name: 'Finish and sign' }).isVisible()).toBe(false);
    await page.locator('#doc-more > summary').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download', exact: true }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    await shot(page, 'limited-access-document');
  });
});
