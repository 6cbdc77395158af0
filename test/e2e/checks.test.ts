// The checks the other e2e tests rely on must be able to fail: axe-core runs
// and reports a serious violation, and a page that breaks its
// Content-Security-Policy is caught, so a passing page means something.
import { describe, expect, it } from 'vitest';
import { eventually, startSession } from './api';
import { expectAccessible, followInvitation, takeProblems, useChromium } from './browser';

const chromium = useChromium();

describe('e2e checks', () => {
  it('expectAccessible fails on an image without alternative text and a nameless button', async () => {
    const page = await chromium.open('phone');
    await page.setContent('<!doctype html><html lang="en"><head><title>Bad</title></head><body><main><h1>Bad</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button></button></main></body></html>');
    const err = await expectAccessible(page).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/critical image-alt/);
    expect(err?.message).toMatch(/critical button-name/);
  });

  it('the room enforces its CSP, and a violation is caught', async () => {
    const { link } = await startSession();
    const page = await chromium.open('desktop');
    await followInvitation(page, link);
    await page.locator('#next-step').waitFor();
    // A string timer is eval: script-src 'self' without 'unsafe-eval' refuses it.
    await page.evaluate(() => (setTimeout as unknown as (code: string, ms: number) => void)('globalThis.e2eEvaluated = true', 0));
    const problems = await eventually('a CSP violation reported by the page', async () => {
      const found = takeProblems(page);
      return found.length ? found : undefined;
    });
    expect(problems.join('\n')).toMatch(/CSP: .*unsafe-eval/);
    expect(await page.evaluate(() => (globalThis as { e2eEvaluated?: boolean }).e2eEvaluated)).toBeUndefined();
  });
});
