// The HubSpot project's tests: the card and the settings page rendered with
// HubSpot's own test renderer (@hubspot/ui-extensions/testing), and the
// project checked with HubSpot's own parser. Run from the root with
// `npm run test:hubspot`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// npm hoists @hubspot/ui-extensions to the root node_modules and nests its
// React 18 stack (react, react-reconciler, @remote-ui/react) under it, since
// the root already holds React 19 for other tools. The card's own `react`
// would be a second React 18 copy, and hooks break across two copies: point
// the card's imports at the very copy the renderer uses.
const uiExtensions = path.resolve(require.resolve('@hubspot/ui-extensions'), '../..');
const react = path.dirname(require.resolve('react/package.json', { paths: [uiExtensions] }));

// The card and the settings page import their shared code as the workspace
// package HubSpot's build links (src/app/package.json). This repository's own
// install does not link it, so each name the package exports points at its
// file, and only those: an import the package does not export fails here as
// it would in HubSpot's build.
const SHARED = path.resolve(import.meta.dirname, 'src/app/packages/shared');
const sharedPackage = JSON.parse(readFileSync(path.join(SHARED, 'package.json'), 'utf8')) as { name: string; exports: Record<string, string> };
const sharedExports = Object.entries(sharedPackage.exports).map(([name, file]) => ({
  find: `${sharedPackage.name}${name.slice(1)}`,
  replacement: path.join(SHARED, file),
}));

export default defineConfig({
  root: import.meta.dirname,
  resolve: { alias: [{ find: /^react(\/.*)?$/, replacement: `${react}$1` }, ...sharedExports] },
  test: {
    name: 'hubspot',
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'node',
    setupFiles: ['./test/support/setup.ts'],
    testTimeout: 30_000,
    // HubSpot's project parser runs inside the test's module graph, so the one
    // call it makes to HubSpot (fetching the component schemas) can be
    // answered offline (test/project-validation.test.ts).
    server: { deps: { inline: ['@hubspot/project-parsing-lib'] } },
  },
});
