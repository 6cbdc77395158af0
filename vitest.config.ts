import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { devSealingVars } from './scripts/lib/dev-certificate.mjs';

// Two projects, both run by `npm test`:
// - "workers": Worker tests inside workerd itself, against the real
//   wrangler.toml bindings (Durable Objects, D1, R2, queues) on throw-away
//   local storage; sealing uses the development certificate (.parley/).
// - "node": tests that need the host, such as poppler's pdfsig on a sealed PDF.
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations('./worker/migrations'),
                DEV_ROUTES: 'true',
                ...devSealingVars(),
              },
            },
          })),
        ],
        test: {
          name: 'workers',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'test/node/**'],
          setupFiles: ['./test/setup/apply-migrations.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'node',
          include: ['test/node/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
        },
      },
    ],
  },
});
