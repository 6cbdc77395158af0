import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// Worker tests run inside workerd itself, against the real wrangler.toml bindings
// (Durable Objects, D1, R2, queues) on throw-away local storage.
export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations('./worker/migrations'),
          DEV_ROUTES: 'true',
        },
      },
    })),
  ],
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**'],
    setupFiles: ['./test/setup/apply-migrations.ts'],
    testTimeout: 20_000,
  },
});
