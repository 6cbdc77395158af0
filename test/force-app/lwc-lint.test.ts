// ESLint over every Lightning web component, with the rules Salesforce's own
// analysers apply before AppExchange security review (eslint.config.mjs at the
// root: @salesforce/eslint-config-lwc recommended, the LWC platform rules and
// Lightning Web Security's): no errors, and no warning but the reviewed ones
// below. A fixture component proves each rule set still reports what it must,
// and the config is shown to reach nothing outside force-app.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONFIG = path.join(ROOT, 'eslint.config.mjs');
const LWC = path.join(ROOT, 'force-app', 'main', 'default', 'lwc');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'salesforce', 'lwc');

// The Lightning Web Security warnings Parley accepts. LWS "distorts" these APIs:
// they keep working in the org, filtered. Each use was read and is safe as it
// stands; a new use (or one more of the same) fails the test until it is read
// and listed here too. Counted per file, as ESLint reports them.
const ACCEPTED_LWS_WARNINGS: { file: string; rule: string; count: number; why: string }[] = [
  {
    file: 'parleySessionPanel/liveConnection.js',
    rule: '@locker/locker/distorted-window-set-timeout',
    count: 2,
    why: 'LWS changes setTimeout only when it is given a string to evaluate; the live connection passes functions (the open timeout, the reconnect backoff).',
  },
  {
    file: 'parleySessionPanel/liveConnection.js',
    rule: '@locker/locker/distorted-window-set-interval',
    count: 2,
    why: 'As setTimeout: functions only (the keepalive ping, the Apex polling fallback).',
  },
  {
    file: 'parleySessionPanel/parleySessionPanel.js',
    rule: '@locker/locker/distorted-xml-http-request-window-open',
    count: 2,
    why: 'The rule matches any call named open. One is LightningConfirm.open, a dialog. The other is window.open of the workspace link in a new tab: LWS only makes sure the tab loads the URL asked for, and the panel cuts the tab\'s opener.',
  },
  {
    file: 'parleySetupMessaging/parleySetupMessaging.js',
    rule: '@locker/locker/distorted-xml-http-request-window-open',
    count: 1,
    why: 'LightningConfirm.open (the disconnect confirmation), not window.open: the rule matches any call named open.',
  },
];

function linter(options: ESLint.Options = {}): ESLint {
  return new ESLint({ cwd: ROOT, overrideConfigFile: CONFIG, ...options });
}

/** Every message as "file:line rule message", the file relative to the root. */
function described(results: ESLint.LintResult[], severity: 1 | 2): string[] {
  return results.flatMap((result) =>
    result.messages
      .filter((message) => message.severity === severity)
      .map((message) => `${path.relative(ROOT, result.filePath)}:${message.line} ${message.ruleId ?? '(parse)'} ${message.message}`),
  );
}

/** Warnings counted by "component/file rule". */
function warningCounts(results: ESLint.LintResult[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const result of results) {
    for (const message of result.messages.filter((m) => m.severity === 1)) {
      const key = `${path.relative(LWC, result.filePath)} ${message.ruleId}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
  }
  return counts;
}

/** The .js files under a folder, tests and their helpers included, as ESLint should find them. */
function jsFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js'))
    .map((file) => path.join(dir, file))
    .sort();
}

describe('ESLint over the Lightning web components', () => {
  // One pass over force-app's LWCs serves the first two checks (about 10 s of parsing).
  let results: ESLint.LintResult[];
  beforeAll(async () => {
    results = await linter().lintFiles([LWC]);
  }, 120_000);

  it('finds no error in any component, its modules or its jest tests', () => {
    // Every file was linted: a config that matched none would also report no error.
    expect(results.map((result) => result.filePath).sort()).toEqual(jsFilesUnder(LWC));
    expect(described(results, 2)).toEqual([]);
  });

  it('raises only the Lightning Web Security warnings that were reviewed', () => {
    const accepted = Object.fromEntries(ACCEPTED_LWS_WARNINGS.map((entry) => [`${entry.file} ${entry.rule}`, entry.count]));
    const counts = warningCounts(results);
    // On a difference, the warnings themselves say where to look.
    expect(counts, described(results, 1).join('\n')).toEqual(accepted);
  });

  it('reports the LWC, platform and Lightning Web Security violations planted in a fixture', async () => {
    // The fixtures sit outside force-app, which the config alone lints: `ignore: false` reaches them.
    const [result] = await linter({ ignore: false }).lintFiles([path.join(FIXTURES, 'unsafeWidget', 'unsafeWidget.js')]);
    const errors = (result?.messages ?? []).filter((message) => message.severity === 2).map((message) => `${message.line} ${message.ruleId}`);
    expect(errors).toEqual(['4 @lwc/lwc-platform/no-interop-execute', '11 @lwc/lwc/no-inner-html', '13 @locker/locker/undefined-document-all']);
  });

  it('lints nothing outside force-app (the Worker, connectors, scripts and tests are not LWCs)', async () => {
    const eslint = linter();
    const outside = [
      'worker/src/index.ts',
      'scripts/start.mjs',
      'connectors/salesforce/cli/package.json',
      'jest.config.cjs',
      'test/lwc/lwc-helpers.js',
      'test/fixtures/salesforce/lwc/unsafeWidget/unsafeWidget.js',
    ];
    const ignored = await Promise.all(outside.map(async (file) => [file, await eslint.isPathIgnored(path.join(ROOT, file))]));
    expect(Object.fromEntries(ignored)).toEqual(Object.fromEntries(outside.map((file) => [file, true])));
    expect(await eslint.isPathIgnored(path.join(LWC, 'parleySetup', 'parleySetup.js'))).toBe(false);
  });
});
