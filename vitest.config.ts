import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { devSealingVars } from './scripts/lib/dev-certificate.mjs';
import { devSecretsVars } from './scripts/lib/dev-secrets-key.mjs';

const NODE_TESTS = ['test/node/**/*.test.ts', 'test/force-app/**/*.test.ts', 'connectors/salesforce/cli/test/**/*.test.ts'];

// Three projects. `npm test` runs "workers" and "node"; `npm run test:e2e`
// runs "e2e" (it needs Chromium and starts a real server, so it is separate).
export default defineConfig({
  test: {
    projects: [
      // "workers": Worker tests inside workerd itself, against the real
      // wrangler.toml bindings (Durable Objects, D1, R2, queues) on throw-away
      // local storage, with the development sealing certificate and SECRETS_KEY
      // (both in .parley/).
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations('./worker/migrations'),
                DEV_ROUTES: 'true',
                // Parley's HubSpot app as the tests know it: signed calls are made with this secret (test/helpers/hubspot-calls.ts).
                HUBSPOT_CLIENT_ID: 'parley-test-client-id',
                HUBSPOT_CLIENT_SECRET: 'parley-test-client-secret',
                ...devSealingVars(),
                ...devSecretsVars(),
                // One write-back queue: the tests read what the Worker sends from CRM_WRITEBACK alone.
                // Routing by org over the four is writeback-queues.test.ts's.
                CRM_WRITEBACK_SHARDS: '1',
                // FUZZ_SEED, FUZZ_RUNS… replay or widen the fuzz tests (test/worker/api/fuzz.test.ts).
                ...Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('FUZZ_'))),
              },
              // Write-back and message delivery are driven by the tests
              // themselves (test/helpers/simulated-queue.ts), so deliveries are
              // counted and timed deterministically: what the Worker enqueues
              // goes to queues nobody consumes.
              queueProducers: {
                CRM_WRITEBACK: { queueName: 'crm-writeback-unconsumed-in-tests' },
                CRM_WRITEBACK_1: { queueName: 'crm-writeback-1-unconsumed-in-tests' },
                CRM_WRITEBACK_2: { queueName: 'crm-writeback-2-unconsumed-in-tests' },
                CRM_WRITEBACK_3: { queueName: 'crm-writeback-3-unconsumed-in-tests' },
                OUTBOUND_MESSAGES: { queueName: 'outbound-messages-unconsumed-in-tests' },
              },
            },
          })),
        ],
        test: {
          name: 'workers',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', ...NODE_TESTS],
          setupFiles: ['./test/setup/apply-migrations.ts'],
          testTimeout: 20_000,
        },
      },
      // "node": tests that need Node itself: sealed PDFs checked from outside
      // (the in-process PAdES verifier, and poppler's pdfsig where installed),
      // the Salesforce source checks (Apex parser, metadata conversion) and
      // the sf plugin.
      {
        test: {
          name: 'node',
          include: NODE_TESTS,
          environment: 'node',
          testTimeout: 120_000,
        },
      },
      // "e2e": the real pages in headless Chromium (Debian's /usr/bin/chromium,
      // driven by playwright-core). global-setup.ts starts one `wrangler dev`
      // on a free port with fresh storage and the demo org, and provides its
      // URL and tokens; files run one at a time against that one server.
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['./test/e2e/global-setup.ts'],
          fileParallelism: false,
          maxWorkers: 1,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
