// Placing fields on a PDF in a real browser. The agent signs in with the
// workspace link, opens "new ad hoc document" for a session, chooses a PDF,
// drags a signature and a text field onto page 1 with the mouse, moves and
// resizes nothing else, sends, and lands back on the session page; the API
// then holds an adhoc_document whose fields lie inside the page where they
// were dropped. On a phone the keyboard path is used (add to the page's
// centre, arrow keys, Delete). An admin saves a template: the API's 422
// (a role without fields) is shown next to the form, then the saved template.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { baseUrl, call, newCustomer, startSession } from './api';
import { expectAccessible, shot, useChromium } from './browser';

const chromium = useChromium();
const PAGE_W = 612;
const PAGE_H = 792;

async function pdfFile(title: string) {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= 2; i++) {
    const page = doc.addPage([PAGE_W, PAGE_H]);
    page.drawText(`${title}, page ${i}`, { x: 72, y: 720, size: 20, font });
    page.drawText('Signature:', { x: 72, y: 140, size: 12, font });
  }
  return { name: 'agreement.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await doc.save()) };
}

async function signIn(page: Page, token: string) {
  await page.goto(`${baseUrl()}/app/sign-in?token=${encodeURIComponent(token)}`);
  await page.waitForURL('**/app');
}

async function choosePdf(page: Page, title: string) {
  await page.setInputFiles('#pl-file', await pdfFile(title));
  await page.locator('.pl-page[data-page="2"] canvas').waitFor();
  await expect.poll(() => page.locator('#pl-file-status').textContent()).toContain('2 pages');
}

/** Drags a palette item with the mouse and drops it at (fx, fy), fractions of page 1's box; returns the drop point in PDF points. */
async function drag(page: Page, type: string, fx: number, fy: number) {
  const tool = page.locator(`.pl-tool[data-type="${type}"]`);
  await tool.evaluate((el: any) => el.scrollIntoView({ block: 'center' }));
  const from = (await tool.boundingBox())!;
  const pageOne = page.locator('.pl-page[data-page="1"]');
  const target = (await pageOne.boundingBox())!;
  const y = target.y + target.height * fy;
  // Away from the window's edges, where a drag scrolls the page.
  expect(y, 'drop point inside the window').toBeGreaterThan(60);
  expect(y, 'drop point inside the window').toBeLessThan(page.viewportSize()!.height - 60);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 20, from.y + from.height / 2 + 10, { steps: 3 });
  await page.mouse.move(target.x + target.width * fx, y, { steps: 12 });
  const still = (await pageOne.boundingBox())!;
  expect(still.y).toBe(target.y);
  await page.mouse.up();
  return { x: fx * PAGE_W, y: (1 - fy) * PAGE_H };
}

const center = (r: { x: number; y: number; width: number; height: number }) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
const inside = (r: { x: number; y: number; width: number; height: number }) => r.x >= 0 && r.y >= 0 && r.x + r.width <= PAGE_W + 0.01 && r.y + r.height <= PAGE_H + 0.01;

async function adhocItem(sessionId: string) {
  const view = await call('GET', `/api/v1/sessions/${sessionId}`);
  expect(view.status).toBe(200);
  const item = view.json.items.find((i: { kind: string }) => i.kind === 'adhoc_document');
  expect(item, 'an adhoc_document item').toBeTruthy();
  const doc = await call('GET', `/api/v1/sessions/${sessionId}/documents/${item.id}`);
  expect(doc.status, doc.text).toBe(200);
  return doc.json.document.fields as { id: string; type: string; page: number; role: string; label?: string; rect: { x: number; y: number; width: number; height: number } }[];
}

describe('placing fields on an ad hoc PDF', () => {
  it('desktop: drag a signature and a text field onto page 1 with the mouse, send, and the fields are where they were dropped', async () => {
    const { sessionId } = await startSession(newCustomer('Pat Placement'));
    const page = await chromium.open('desktop');
    await signIn(page, inject('agentSignInToken'));
    await page.goto(`${baseUrl()}/app/sessions/${sessionId}`);
    // Click once the page's script has filled the template list: the panel no longer moves under the mouse.
    await expect.poll(() => page.locator('#template-select option').first().textContent()).not.toBe('Loading templates…');
    await Promise.all([
      page.waitForURL(`**/app/sessions/${sessionId}/documents/new`),
      page.locator(`a[href="/app/sessions/${sessionId}/documents/new"]`).click(),
    ]);
    await choosePdf(page, 'Ad hoc agreement');

    const sigDrop = await drag(page, 'signature', 0.5, 0.3);
    await page.locator('.pl-field').first().waitFor();
    await page.fill('#pl-label', 'Customer signature');
    const textDrop = await drag(page, 'text', 0.4, 0.15);
    await expect.poll(() => page.locator('.pl-page[data-page="1"] .pl-field').count()).toBe(2);
    await page.fill('#pl-label', 'Account number');
    await expect.poll(() => page.locator('#pl-list li').count()).toBe(2);
    // Widen the text field by its corner handle: 60 px to the right, its top-left stays.
    const scale = (await page.locator('.pl-page[data-page="1"]').boundingBox())!.width / PAGE_W;
    const handle = (await page.locator('.pl-field.pl-selected .pl-handle').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2 + 60, handle.y + handle.height / 2, { steps: 6 });
    await page.mouse.up();
    await expectAccessible(page);
    await shot(page, 'placement-adhoc');

    // A narrower window draws the pages again; the fields stay where they were on the page.
    const pageOne = page.locator('.pl-page[data-page="1"]');
    const wide = (await pageOne.boundingBox())!.width;
    await page.setViewportSize({ width: 900, height: 800 });
    await expect.poll(async () => (await pageOne.boundingBox())!.width).toBeLessThan(wide - 50);
    const narrow = (await pageOne.boundingBox())!;
    const sigBox = (await page.locator('.pl-field.pl-sig').boundingBox())!;
    expect(Math.abs(sigBox.x + sigBox.width / 2 - (narrow.x + narrow.width * 0.5))).toBeLessThan(3);
    expect(Math.abs(sigBox.y + sigBox.height / 2 - (narrow.y + narrow.height * 0.3))).toBeLessThan(3);

    await page.fill('#pl-name', 'Ad hoc agreement');
    await page.click('#pl-send');
    await page.waitForURL(`**/app/sessions/${sessionId}`);

    const fields = await adhocItem(sessionId);
    expect(fields.map((f) => f.type).sort()).toEqual(['signature', 'text']);
    const sig = fields.find((f) => f.type === 'signature')!;
    const text = fields.find((f) => f.type === 'text')!;
    expect(sig.label).toBe('Customer signature');
    expect(text.label).toBe('Account number');
    expect(text.rect.width).toBeCloseTo(160 + 60 / scale, 0);
    expect(text.rect.x).toBeCloseTo(textDrop.x - 80, 0);
    text.rect.width = 160; // for the centre check below
    for (const [f, drop] of [
      [sig, sigDrop],
      [text, textDrop],
    ] as const) {
      expect(f.page).toBe(1);
      expect(f.role).toBe('Customer');
      expect(inside(f.rect), JSON.stringify(f.rect)).toBe(true);
      const c = center(f.rect);
      expect(Math.abs(c.x - drop.x), `x of ${f.id}`).toBeLessThan(4);
      expect(Math.abs(c.y - drop.y), `y of ${f.id}`).toBeLessThan(4);
    }
    await shot(page, 'placement-adhoc-sent');
  });

  it('phone: the keyboard alternative adds a field to the page centre, moves it with the arrows, removes it with Delete; a field dropped off the edge stays inside', async () => {
    const { sessionId } = await startSession(newCustomer('Kim Keys'));
    const page = await chromium.open('phone');
    await signIn(page, inject('agentSignInToken'));
    await page.goto(`${baseUrl()}/app/sessions/${sessionId}/documents/new`);
    await choosePdf(page, 'Keyboard agreement');

    await page.check('.pl-tool[data-type="checkbox"] input');
    await page.click('#pl-add');
    const field = page.locator('.pl-field').first();
    await expect.poll(() => field.evaluate((el: any) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.pl-field').count()).toBe(0);

    await page.check('.pl-tool[data-type="signature"] input');
    await page.selectOption('#pl-page', '2');
    await page.click('#pl-add');
    await expect.poll(() => page.locator('.pl-page[data-page="2"] .pl-field').count()).toBe(1);
    // Far to the right: it stops at the page's edge.
    for (let i = 0; i < 40; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('ArrowUp');
    // Alt+arrows resize: 2 pt taller, then back.
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => page.locator('#pl-where').textContent()).toContain('160 × 42 pt');
    await page.keyboard.press('Alt+ArrowUp');
    await page.fill('#pl-name', 'Keyboard agreement');
    await expectAccessible(page);
    await shot(page, 'placement-keyboard');
    await page.click('#pl-send');
    await page.waitForURL(`**/app/sessions/${sessionId}`);

    const [f] = await adhocItem(sessionId);
    expect(f!.page).toBe(2);
    expect(inside(f!.rect), JSON.stringify(f!.rect)).toBe(true);
    expect(f!.rect.x + f!.rect.width).toBeCloseTo(PAGE_W, 0);
    // Centred vertically, then 2 pt up.
    expect(Math.abs(center(f!.rect).y - (PAGE_H / 2 + 2))).toBeLessThan(1.5);
  });

  it('phone: a field dragged with a finger scrolls the page down to page 1 and lands where it was dropped', async () => {
    const { sessionId } = await startSession(newCustomer('Tess Touch'));
    const page = await chromium.open('phone');
    await signIn(page, inject('agentSignInToken'));
    await page.goto(`${baseUrl()}/app/sessions/${sessionId}/documents/new`);
    await choosePdf(page, 'Touch agreement');
    const cdp = await page.context().newCDPSession(page);
    const touch = (type: string, x?: number, y?: number) =>
      cdp.send('Input.dispatchTouchEvent', { type: type as 'touchStart', touchPoints: x === undefined ? [] : [{ x, y: y! }] });
    const tool = page.locator('.pl-tool[data-type="initials"]');
    await tool.evaluate((el: any) => el.scrollIntoView({ block: 'start' }));
    const from = (await tool.boundingBox())!;
    const height = page.viewportSize()!.height;
    await touch('touchStart', from.x + 10, from.y + 10);
    for (let i = 1; i <= 10; i++) await touch('touchMove', from.x + 10, from.y + 10 + ((height - 15 - from.y) * i) / 10);
    // Held at the bottom edge: the page scrolls until page 1 is in view.
    const target = page.locator('.pl-page[data-page="1"]');
    for (let i = 0; i < 200; i++) {
      const box = (await target.boundingBox())!;
      if (box.y + box.height * 0.4 < height - 120) break;
      await touch('touchMove', from.x + 10 + (i % 2), height - 15);
      await page.waitForTimeout(20);
    }
    let box = (await target.boundingBox())!;
    for (let i = 1; i <= 6; i++) await touch('touchMove', box.x + box.width * 0.5, height - 15 + ((box.y + box.height * 0.4 - (height - 15)) * i) / 6);
    // Away from the edge the page stops scrolling (at its next frame): measure once two reads agree.
    let last = '';
    await expect
      .poll(async () => {
        const now = JSON.stringify(await target.boundingBox());
        const still = now === last;
        last = now;
        return still;
      }, { interval: 50 })
      .toBe(true);
    box = (await target.boundingBox())!;
    const x = box.x + box.width * 0.5;
    const y = box.y + box.height * 0.4;
    await touch('touchMove', x, y);
    await touch('touchEnd');
    await expect.poll(() => page.locator('.pl-page[data-page="1"] .pl-field').count()).toBe(1);
    await shot(page, 'placement-touch');
    await page.fill('#pl-name', 'Touch agreement');
    await page.click('#pl-send');
    await page.waitForURL(`**/app/sessions/${sessionId}`);
    const [f] = await adhocItem(sessionId);
    expect(f!.type).toBe('initials');
    expect(inside(f!.rect)).toBe(true);
    const c = center(f!.rect);
    expect(Math.abs(c.x - PAGE_W * 0.5)).toBeLessThan(6);
    expect(Math.abs(c.y - PAGE_H * 0.6)).toBeLessThan(6);
  });
});

describe('a new template', () => {
  it('admin: roles and order; the API message for a role without fields is shown at the form; then the saved template', async () => {
    const page = await chromium.open('desktop');
    await signIn(page, inject('adminSignInToken'));
    await page.goto(`${baseUrl()}/app/templates/new`);
    await choosePdf(page, 'Template agreement');
    const name = `Placed template ${Date.now()}`;
    await page.fill('#pl-name', name);
    await page.click('#pl-role-add');
    await page.fill('#pl-role-name-1', 'Witness');
    await page.locator('#pl-role-name-1').blur();
    await page.selectOption('#pl-order', 'sequential');
    await drag(page, 'signature', 0.5, 0.3);
    await drag(page, 'dropdown', 0.5, 0.15);
    await page.click('#pl-send');
    await expect.poll(() => page.locator('#pl-err').textContent()).toContain('definition.roles.1.name');
    await shot(page, 'placement-template-error');

    // Give the Witness the dropdown.
    await page.locator('#pl-list button').nth(1).click();
    await page.selectOption('#pl-role', 'Witness');
    await page.fill('#pl-options', 'Yes\nNo');
    await page.click('#pl-send');
    await page.locator('#pl-result').waitFor();
    await expect.poll(() => page.locator('#pl-result-facts').textContent()).toContain(name);
    await expectAccessible(page);
    await shot(page, 'placement-template-saved');

    const list = await call('GET', '/api/v1/templates');
    const t = list.json.templates.find((x: { name: string }) => x.name === name);
    const full = await call('GET', `/api/v1/templates/${t.id}`);
    expect(full.json.signingOrder).toBe('sequential');
    expect(full.json.roles.map((r: { name: string }) => r.name)).toEqual(['Customer', 'Witness']);
    const dropdown = full.json.fields.find((f: { type: string }) => f.type === 'dropdown');
    expect(dropdown.role).toBe('Witness');
    expect(dropdown.options).toEqual(['Yes', 'No']);
  });
});
