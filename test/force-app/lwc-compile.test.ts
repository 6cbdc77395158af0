// Every Lightning web component compiled by the LWC compiler, file by file, as
// the platform compiles it on deploy: JavaScript (decorators, imports), the
// template (directives, bindings) and the stylesheet (the selectors LWC allows).
// jest compiles the JavaScript and templates too, but only what a test mounts,
// and never the CSS; a deploy fails on any of them, late and in the org. A
// fixture component with one fault per file proves the compiler still refuses.
//
// The compiler is the @lwc/compiler that @salesforce/sfdx-lwc-jest pins (the
// same version the jest tests run), with Lightning Web Security's transforms on
// and the project's API version, as an org with LWS compiles the components.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from '@lwc/compiler';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LWC = path.join(ROOT, 'force-app', 'main', 'default', 'lwc');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'salesforce', 'lwc');
const API_VERSION = Number((JSON.parse(readFileSync(path.join(ROOT, 'sfdx-project.json'), 'utf8')) as { sourceApiVersion: string }).sourceApiVersion);

/** A compiler error, as @lwc/errors throws it: the message, and where in the file when known. */
type CompilerError = { message: string; location?: { line?: number } };

/** The files the compiler takes in one component folder (its jest tests and their data are not deployed). */
function sourceFiles(componentDir: string): string[] {
  return readdirSync(componentDir)
    .filter((file) => /\.(js|html|css)$/.test(file))
    .sort();
}

/**
 * Compiles each file of the component in `componentDir` in namespace `c` under the
 * folder's name, and returns every problem as "file:line message": the compiler's
 * errors and its warnings too (deprecated or ignored markup the platform may later refuse).
 */
function compileComponent(componentDir: string): { compiled: string[]; problems: string[] } {
  const name = path.basename(componentDir);
  const compiled = sourceFiles(componentDir);
  const problems = compiled.flatMap((file) => {
    const where = path.relative(ROOT, path.join(componentDir, file));
    try {
      const result = transformSync(readFileSync(path.join(componentDir, file), 'utf8'), file, {
        namespace: 'c',
        name,
        apiVersion: API_VERSION,
        enableLightningWebSecurityTransforms: true,
      });
      return (result.warnings ?? []).map((warning) => `${where}:${warning.location?.line ?? '?'} warning ${warning.message}`);
    } catch (thrown) {
      const error = thrown as CompilerError;
      return [`${where}:${error.location?.line ?? '?'} ${error.message.split('\n')[0]}`];
    }
  });
  return { compiled, problems };
}

describe('the LWC compiler over every component', () => {
  const components = readdirSync(LWC, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  it('finds the components, each with its entry module', () => {
    expect(components.length).toBeGreaterThan(0);
    const withoutEntry = components.filter((name) => !sourceFiles(path.join(LWC, name)).includes(`${name}.js`));
    expect(withoutEntry).toEqual([]);
  });

  it.each(components)('compiles every file of %s without an error or warning', (name) => {
    const { compiled, problems } = compileComponent(path.join(LWC, name));
    expect(compiled).toContain(`${name}.js`);
    expect(problems).toEqual([]);
  });

  it('refuses each broken file of a fixture component, saying why', () => {
    const { compiled, problems } = compileComponent(path.join(FIXTURES, 'brokenWidget'));
    expect(compiled).toEqual(['brokenWidget.css', 'brokenWidget.html', 'brokenWidget.js']);
    const fixture = 'test/fixtures/salesforce/lwc/brokenWidget';
    expect(problems).toEqual([
      expect.stringMatching(new RegExp(`^${fixture}/brokenWidget\\.css:\\d+ .*LWC1009: .*@import must precede all other statements`)),
      expect.stringMatching(new RegExp(`^${fixture}/brokenWidget\\.html:3 LWC1165: 'lwc:else' directive must be used immediately after`)),
      expect.stringMatching(new RegExp(`^${fixture}/brokenWidget\\.js:5 .*LWC1110: Invalid property name "class"`)),
    ]);
  });
});
