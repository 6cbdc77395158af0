// An admin builds a workflow in the admin pages: a template to sign, then
// documents to send; an empty name is refused at its field; once saved it is
// listed with its steps in order and agents can read it from the API.
import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { baseUrl, call } from './api';
import { expectAccessible, shot, useChromium } from './browser';

const chromium = useChromium();

describe('the workflow builder', () => {
  it('builds a two-step workflow, refusing an empty name at its field, and lists it', async () => {
    const name = `Onboarding ${randomBytes(3).toString('hex')}`;
    const page = await chromium.open('desktop');
    await page.goto(`${baseUrl()}/app/sign-in?token=${encodeURIComponent(inject('adminSignInToken'))}`);
    await page.waitForURL('**/app');
    await page.goto(`${baseUrl()}/app/admin/workflows`);
    await page.getByRole('link', { name: 'New workflow' }).click();
    await page.waitForURL('**/app/admin/workflows/new');

    await page.getByRole('button', { name: 'Add a template' }).click();
    await page.getByRole('button', { name: 'Add a document request' }).click();
    await page.getByLabel('Passport').check();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Save the workflow' }).click();
    await expect.poll(() => page.locator('#wf-name-err').textContent()).toBe('Give the workflow a name.');
    expect(await page.locator('#wf-name').getAttribute('aria-invalid')).toBe('true');

    await page.locator('#wf-name').fill(name);
    // The request moves before the template.
    await page.getByRole('button', { name: 'Move step 2 up' }).click();
    await shot(page, 'workflow-builder');
    await page.getByRole('button', { name: 'Save the workflow' }).click();
    await page.waitForURL('**/app/admin/workflows');
    const card = page.locator('#workflows li.ws-panel', { hasText: name });
    await card.waitFor();
    const steps = await card.locator('ol > li').allTextContents();
    expect(steps[0]).toBe('Send documents: Passport (Customer)');
    expect(steps[1]).toMatch(/^Sign “.+”$/);
    await expectAccessible(page);

    const list = await call('GET', '/api/v1/workflows', { token: inject('agentToken') });
    const saved = (list.json as { workflows: { id: string; name: string; steps: number }[] }).workflows.find((w) => w.name === name);
    expect(saved?.steps).toBe(2);
  });
});
