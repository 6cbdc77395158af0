// ESLint for the Lightning web components in force-app, and for nothing else.
//
// The rule sets are the ones Salesforce's own tooling applies to an LWC before
// AppExchange security review:
//   - @salesforce/eslint-config-lwc `recommended` (LWC decorators, wire adapters,
//     no innerHTML / document queries, JavaScript pitfalls, jest rules);
//   - @lwc/eslint-plugin-lwc-platform `recommended` (no Aura interop, no restricted
//     namespaces, no inline eslint-disable: a finding is fixed, never silenced);
//   - Lightning Web Security from @locker/eslint-config-locker `base` (APIs LWS
//     blocks: errors) and `recommended` (APIs LWS distorts, which still work but
//     filtered: warnings, as the package sets them; test/force-app/lwc-lint.test.ts
//     accepts only the warnings it lists, each with the reason it is safe).
// @locker/eslint-config-locker ships only eslintrc configs, so its rule lists are
// read from its own files and mapped onto the flat config below (no FlatCompat):
// an upgrade of that package brings its new rules, at its own severities, with it.
//
// Placed at the root, as Salesforce's project templates do: ESLint 9 looks for its
// config from the working directory, and a file inside force-app would also have
// to be kept out of deploys. Everything outside force-app is ignored, so that
// `eslint .` never walks the Worker, the connectors or the tests (TypeScript this
// config cannot parse): `npm run lint:lwc` and `eslint .` lint the same files.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const lwcConfig = require('@salesforce/eslint-config-lwc');
// The `globals` lists the LWC config itself is built on (not a dependency of Parley's own).
const globals = createRequire(require.resolve('@salesforce/eslint-config-lwc'))('globals');
const lwcPlatform = require('@lwc/eslint-plugin-lwc-platform');
const lockerPlugin = require('@locker/eslint-plugin-locker');
const lockerBase = require('@locker/eslint-config-locker/base');
const lockerRecommended = require('@locker/eslint-config-locker/recommended');

// Every LWC source file, wherever a package directory keeps its lwc folder.
const LWC_FILES = ['**/lwc/**/*.js'];
// The components' jest tests and the helpers beside them (fake sockets, data).
const LWC_TEST_FILES = ['**/lwc/**/__tests__/**/*.js'];

/** Scopes a shared config object to the LWC files, keeping any narrower `files` it has. */
function forLwc(config) {
  return { ...config, files: config.files ?? LWC_FILES };
}

export default [
  // Nothing but force-app is linted (test/fixtures/salesforce/lwc holds deliberate
  // violations: the lint test reaches it with `ignore: false`).
  { ignores: ['**/*', '!force-app/**'] },

  ...lwcConfig.configs.recommended.map(forLwc),
  ...lwcPlatform.configs.recommended.map(forLwc),
  {
    files: LWC_FILES,
    rules: {
      // Checks that a component's wires can be primed for the Salesforce mobile app's
      // offline mode, from a list of offline adapters the rule must be given (without
      // one it crashes on the first @wire). Parley's panels need a live connection to
      // Parley, so they are not offline components and declare no offline target.
      '@lwc/lwc-platform/valid-offline-wire': 'off',
    },
  },
  {
    files: LWC_FILES,
    // The jest tests run in jsdom and never reach an org (.forceignore keeps
    // __tests__ out of deploys): Lightning Web Security never sees them.
    ignores: LWC_TEST_FILES,
    plugins: { '@locker/locker': lockerPlugin },
    rules: { ...lockerBase.rules, ...lockerRecommended.rules },
  },

  // Jest tests run in Node under sfdx-lwc-jest, not in the org: Salesforce's
  // template for LWC tests gives them Node's globals and lets them use any wire
  // adapter, which they only mock.
  {
    files: LWC_TEST_FILES,
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off',
      // A test awaits one step (a render, a timer) before it checks and takes the
      // next: the steps are sequential on purpose, never work to run in parallel.
      'no-await-in-loop': 'off',
    },
  },
];
