// The admin pages in headless Chromium: the org's settings saved with an
// inline range error at its field first, a team's override set and put
// back to inherit, and the templates list with its PDF link; every page
// checked with axe-core and photographed at phone and desktop width. The org
// is shared with the other e2e files: what this file changes it puts back.
import { randomBytes } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { baseUrl, call } from './api';
import { VIEWPORTS, expectAccessible, shot, useChromium } from './browser';

const chromium = useChromium();
const admin = () => inject('adminToken');

let original: { fullAccessHours: number } | null = null;
let templateId = '';

beforeAll(async () => {
  const res = await call('GET', '/api/v1/settings', { token: admin() });
  expect(res.status).toBe(200);
  original = { fullAccessHours: res.json.settings.afterEnd.fullAccessHours };

  // A template with two roles in order, so the templates page has something to show.
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([612, 792]).drawText('Admin e2e agreement', { x: 72, y: 700, size: 14, font });
  const form = new FormData();
  form.append('file', new File([await doc.save()], 'agreement.pdf', { type: 'application/pdf' }));
  form.append('name', `Admin e2e ${randomBytes(3).toString('hex')}`);
  form.append(
    'definition',
    JSON.stringify({
      roles: [{ name: 'Customer' }, { name: 'Guarantor' }],
      signingOrder: 'sequential',
      fields: [
        { id: 'c', type: 'signature', page: 1, rect: { x: 72, y: 100, width: 200, height: 50 }, role: 'Customer', required: true },
        { id: 'g', type: 'signature', page: 1, rect: { x: 320, y: 100, width: 200, height: 50 }, role: 'Guarantor', required: true },
      ],
    }),
  );
  const res2 = await fetch(`${baseUrl()}/api/v1/templates`, { method: 'POST', headers: { Authorization: `Bearer ${admin()}` }, body: form, signal: AbortSignal.timeout(15_000) });
  expect(res2.status, await res2.clone().text()).toBe(201);
  templateId = ((await res2.json()) as { id: string }).id;
});

afterAll(async () => {
  if (original) await call('PATCH', '/api/v1/settings', { token: admin(), body: { afterEnd: original } });
});

async function signInAsAdmin(page: Page) {
  await page.goto(`${baseUrl()}/app/sign-in?token=${encodeURIComponent(inject('adminSignInToken'))}`);
  await page.waitForURL('**/app');
}

describe('org settings', () => {
  it('a full access of 200 hours is refused at its field, naming the 168-hour limit; 24 saves', async () => {
    const page = await chromium.open('desktop');
    await signInAsAdmin(page);
    // The workspace header leads admins here.
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.waitForURL('**/app/admin/settings');

    const hours = page.getByLabel('Full access (hours)');
    await hours.fill('200');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const err = page.locator('#s-afterEnd-fullAccessHours-err');
    await expect.poll(() => err.textContent()).toContain('168');
    expect(await hours.getAttribute('aria-invalid')).toBe('true');
    expect((await hours.getAttribute('aria-describedby'))?.split(' ')).toContain('s-afterEnd-fullAccessHours-err');
    // Focus goes to the field in error, so a keyboard user is right there.
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.id)).toBe('s-afterEnd-fullAccessHours');
    await shot(page, 'admin-settings-error');
    // Nothing was stored.
    expect((await call('GET', '/api/v1/settings', { token: admin() })).json.settings.afterEnd.fullAccessHours).toBe(original!.fullAccessHours);

    await hours.fill('24');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#settings-status').textContent()).toContain('Saved 1 change');
    expect(await err.textContent()).toBe('');
    expect(await hours.getAttribute('aria-invalid')).toBeNull();
    const after = await call('GET', '/api/v1/settings', { token: admin() });
    expect(after.json.settings.afterEnd.fullAccessHours).toBe(24);

    // Saving again with nothing changed sends nothing.
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('#settings-status').textContent()).toContain('Nothing to save');

    // Put the org back for the other e2e files.
    await hours.fill(String(original!.fullAccessHours));
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('#settings-status').textContent()).toContain('Saved 1 change');
    expect((await call('GET', '/api/v1/settings', { token: admin() })).json.settings.afterEnd.fullAccessHours).toBe(original!.fullAccessHours);
  });
});

describe('team settings', () => {
  it('a new team inherits the org; an override is saved, then put back to inherit', async () => {
    const page = await chromium.open('desktop');
    await signInAsAdmin(page);
    await page.goto(`${baseUrl()}/app/admin/teams`);
    const name = `Night shift ${randomBytes(3).toString('hex')}`;
    await page.getByLabel('Team name').fill(name);
    await page.getByRole('button', { name: 'Create team' }).click();
    await page.waitForURL('**/app/admin/teams/tem_*/settings');
    const teamId = new URL(page.url()).pathname.split('/')[4]!;
    await page.getByRole('heading', { level: 1, name: `Settings for the team ${name}` }).waitFor();

    const org = (await call('GET', '/api/v1/settings', { token: admin() })).json.settings;
    const inherit = page.getByLabel(/Customers may chat: Inherit from org/);
    await expect.poll(() => page.locator('label[for="s-session-customerChat-inherit"]').textContent()).toContain(`Inherit from org (currently: ${org.session.customerChat ? 'on' : 'off'})`);
    await expect.poll(() => page.locator('label[for="s-afterEnd-fullAccessHours-inherit"]').textContent()).toContain(`(currently: ${org.afterEnd.fullAccessHours} hours)`);
    expect(await inherit.isChecked()).toBe(true);
    const chat = page.locator('#s-session-customerChat');
    expect(await chat.isDisabled()).toBe(true);

    // Override: chat off for this team.
    await inherit.uncheck();
    expect(await chat.isDisabled()).toBe(false);
    await chat.setChecked(!org.session.customerChat);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('#settings-status').textContent()).toContain('Saved 1 change');
    let team = (await call('GET', `/api/v1/teams/${teamId}/settings`, { token: admin() })).json;
    expect(team.overrides.session.customerChat).toBe(!org.session.customerChat);
    expect(team.overrides.afterEnd.fullAccessHours).toBe('inherit');

    // An out-of-range override is refused at its field, as for the org.
    await page.getByLabel(/Limited access \(hours\): Inherit from org/).uncheck();
    await page.getByLabel('Limited access (hours)', { exact: true }).fill('500');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('#s-afterEnd-limitedAccessHours-err').textContent()).toContain('168');
    await page.getByLabel(/Limited access \(hours\): Inherit from org/).check();

    // Back to inherit.
    await inherit.check();
    expect(await chat.isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('#settings-status').textContent()).toContain('Saved 1 change');
    team = (await call('GET', `/api/v1/teams/${teamId}/settings`, { token: admin() })).json;
    expect(team.overrides.session.customerChat).toBe('inherit');
    expect(team.overrides.afterEnd.limitedAccessHours).toBe('inherit');
    expect(team.effective.session.customerChat).toBe(org.session.customerChat);
    // The inherited control shows the org's value again.
    expect(await chat.isChecked()).toBe(org.session.customerChat);
  });
});

describe.each(VIEWPORTS)('every admin page (%s)', (viewport) => {
  it('is accessible and photographed; the templates list shows roles, order and the PDF', async () => {
    const page = await chromium.open(viewport);
    await signInAsAdmin(page);

    await page.goto(`${baseUrl()}/app/admin/settings`);
    await page.getByRole('heading', { level: 2, name: 'During a session' }).waitFor();
    await expectAccessible(page);
    await shot(page, 'admin-settings');

    await page.goto(`${baseUrl()}/app/admin/teams`);
    await page.getByRole('heading', { level: 1, name: 'Teams' }).waitFor();
    await expectAccessible(page);
    await shot(page, 'admin-teams');

    await page.locator('#teams a').first().click();
    await page.waitForURL('**/app/admin/teams/tem_*/settings');
    await expectAccessible(page);
    await shot(page, 'admin-team-settings');

    await page.goto(`${baseUrl()}/app/admin/templates`);
    const card = page.locator(`[data-template="${templateId}"]`);
    await card.waitFor();
    const row = card.locator('tr[data-version="1"]');
    expect(await row.textContent()).toMatch(/Customer.*Guarantor.*Sequential.*2 on 1 page/);
    expect(await page.getByRole('link', { name: 'New template' }).getAttribute('href')).toBe('/app/templates/new');
    await expectAccessible(page);
    await shot(page, 'admin-templates');

    const href = (await row.getByRole('link', { name: /View PDF/ }).getAttribute('href'))!;
    const pdf = await page.request.get(`${baseUrl()}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('an agent', () => {
  it('gets the admins-only page', async () => {
    const page = await chromium.open('phone');
    await page.goto(`${baseUrl()}/app/sign-in?token=${encodeURIComponent(inject('agentSignInToken'))}`);
    await page.waitForURL('**/app');
    expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    const res = await page.goto(`${baseUrl()}/app/admin/settings`);
    expect(res?.status()).toBe(403);
    await page.getByRole('heading', { level: 1, name: 'Admins only' }).waitFor();
    await expectAccessible(page);
    await shot(page, 'admin-forbidden');
  });
});
