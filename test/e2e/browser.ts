// Headless Chromium for the e2e tests: Debian's /usr/bin/chromium driven by
// playwright-core (no browser is ever downloaded). One browser per test file,
// a fresh context per page so cookies never leak between tests, phone and
// desktop viewports, screenshots, and an axe-core check.
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page, type Response } from 'playwright-core';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

export const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu'];

export type Viewport = 'phone' | 'desktop';
/** Every viewport a page is checked at. */
export const VIEWPORTS: readonly Viewport[] = ['phone', 'desktop'];

const COMMON: BrowserContextOptions = { locale: 'en-US', timezoneId: 'UTC', reducedMotion: 'reduce', colorScheme: 'light' };
/** A 360-px phone with touch, and a desktop window. */
export const phone: BrowserContextOptions = { ...COMMON, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
export const desktop: BrowserContextOptions = { ...COMMON, viewport: { width: 1280, height: 800 } };
const CONTEXT_OPTIONS: Record<Viewport, BrowserContextOptions> = { phone, desktop };

/** How long one wait for an element, a text or a navigation may take. */
export const WAIT_MS = 10_000;

export const SCREENSHOT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');

const viewportOf = new WeakMap<BrowserContext, Viewport>();
/** What went wrong inside each page: uncaught errors and CSP refusals. */
const problemsOf = new WeakMap<Page, string[]>();

/**
 * Launches Chromium once for the calling test file and closes it after.
 * Each test gets new contexts from open(); they are closed after the test,
 * and the test fails if any of its pages threw or broke the page's CSP.
 */
export function useChromium() {
  let browser: Browser | null = null;
  let contexts: BrowserContext[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (as .ci/run does), or set PARLEY_CHROMIUM`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 });
  }, 40_000);

  afterEach(async () => {
    const open = contexts;
    contexts = [];
    const problems = open.flatMap((c) => c.pages().flatMap((p) => (problemsOf.get(p) ?? []).map((m) => `${p.url()}: ${m}`)));
    await Promise.all(open.map((c) => c.close().catch(() => undefined)));
    expect(problems, 'page errors or Content-Security-Policy violations').toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    browser = null;
  });

  return {
    /** A new page in a fresh context (own cookies) at the given viewport. */
    async open(viewport: Viewport): Promise<Page> {
      if (!browser) throw new Error('Chromium is not running: call useChromium() at the top of the test file');
      const context = await browser.newContext(CONTEXT_OPTIONS[viewport]);
      contexts.push(context);
      viewportOf.set(context, viewport);
      context.setDefaultTimeout(WAIT_MS);
      context.setDefaultNavigationTimeout(15_000);
      const page = await context.newPage();
      watch(page);
      return page;
    },
  };
}

function watch(page: Page) {
  const problems: string[] = [];
  problemsOf.set(page, problems);
  page.on('pageerror', (err) => problems.push(`uncaught ${err.name}: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) problems.push(`CSP: ${msg.text()}`);
  });
}

/** The page's errors and CSP violations so far, which then no longer fail the test. */
export function takeProblems(page: Page): string[] {
  const problems = problemsOf.get(page) ?? [];
  return problems.splice(0, problems.length);
}

/** Saves a full-page screenshot as test/e2e/screenshots/<name>-<viewport>.png. */
/**
 * Follows an invitation link as a person does: the link shows a page with one
 * button, and only pressing it opens the room (a scanner's GET changes
 * nothing). Answers the response the press led to (the room, or a notice).
 * `button`: the button's words in the invitation's language.
 */
export async function followInvitation(page: Page, link: string, button = 'Open my secure room'): Promise<Response | null> {
  const first = await page.goto(link);
  const press = page.getByRole('button', { name: button });
  if (first?.status() !== 200 || (await press.count()) === 0) return first;
  const [landed] = await Promise.all([page.waitForNavigation(), press.click()]);
  return landed;
}

export async function shot(page: Page, name: string): Promise<string> {
  const viewport = viewportOf.get(page.context()) ?? 'page';
  const file = path.join(SCREENSHOT_DIR, `${name}-${viewport}.png`);
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide', timeout: WAIT_MS });
  return file;
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string; html: string }[];
}

/**
 * Runs axe-core on the page as it is now and fails on any violation of
 * impact serious or critical, naming the rule and the elements.
 *
 * The pages forbid inline scripts (CSP script-src 'self'), so axe is not
 * added as a <script>: it is evaluated through the DevTools protocol
 * (page.evaluate), which the page's CSP does not govern. The page keeps its
 * real CSP; nothing is bypassed for the page's own scripts.
 */
export async function expectAccessible(page: Page): Promise<void> {
  const violations = await page.evaluate(async (source: string) => {
    // Runs in the page; this project's TypeScript has no DOM types, hence globalThis.
    const w = globalThis as unknown as { document: unknown; axe?: { run(ctx: unknown, opts: object): Promise<{ violations: any[] }> } };
    if (!w.axe) (0, eval)(source);
    const result = await w.axe!.run(w.document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id as string,
      impact: (v.impact ?? null) as string | null,
      help: v.help as string,
      nodes: (v.nodes as { target: unknown[]; html: string }[]).map((n) => ({ target: n.target.map(String).join(' '), html: n.html.slice(0, 160) })),
    }));
  }, AXE_SOURCE);
  const serious = (violations as AxeViolation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length === 0) return;
  const report = serious.map((v) => `- ${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target}  ${n.html}`).join('\n')}`);
  throw new Error(`axe-core found ${serious.length} serious or critical violation(s) on ${page.url()}:\n${report.join('\n')}`);
}

/** Draws a stroke on the open signature pad, as a finger or mouse would. */
export async function drawSignature(page: Page) {
  const box = (await page.locator('canvas.pad').boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height * 0.6);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.3, { steps: 8 });
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.7, { steps: 8 });
  await page.mouse.up();
}
