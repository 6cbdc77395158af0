// Global setup of the "e2e" vitest project: one real Parley for the whole run.
// A free port on 127.0.0.1, a fresh throw-away storage directory, the D1
// migrations, then `wrangler dev` (DEV_ROUTES on, PUBLIC_URL = this server, so
// invitation links point here), and the demo org with an agent and an admin token.
// Tests read what they need with inject('baseUrl') and friends.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startStripeStandIn, type StripeStandIn } from './stripe-stand-in';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    agentToken: string;
    adminToken: string;
    /** Sign-in link tokens: the only tokens /app/sign-in exchanges for the workspace cookie. */
    agentSignInToken: string;
    adminSignInToken: string;
    orgId: string;
    agentId: string;
    /** The Stripe stand-in's address (test/e2e/stripe-stand-in.ts): its API and its Stripe.js. */
    stripeUrl: string;
  }
}

/** What scripts/lib/local-dev.mjs exports that this file uses (it is plain JS). */
interface LocalDev {
  applyMigrations(persistDir: string): Promise<void>;
  seedDemoOrg(url: string, options?: { ttlHours?: number }): Promise<{ orgId: string; agentId: string; adminId: string; teamId: string; agentToken: string; adminToken: string; agentSignInToken: string; adminSignInToken: string }>;
  freePort(): Promise<number>;
  startWrangler(options: {
    port: number;
    persistDir: string;
    vars?: Record<string, string>;
    onOutput?: (line: string) => void;
    readyTimeoutMs?: number;
  }): Promise<{ url: string; stop(graceMs?: number): Promise<void> }>;
}

// wrangler's harmless complaints that it cannot reach the internet.
const NOISE = [/Unable to fetch the `Request\.cf` object/, /ENOTFOUND workers\.cloudflare\.com/, /^\s+at GetAddrInfoReqWrap/];

export default async function setup(project: TestProject) {
  const started = Date.now();
  // Imported by URL, so TypeScript takes the module's shape from LocalDev above.
  const dev = (await import(/* @vite-ignore */ new URL('../../scripts/lib/local-dev.mjs', import.meta.url).href)) as LocalDev;

  const persistDir = await mkdtemp(path.join(os.tmpdir(), 'parley-e2e-'));
  let server: Awaited<ReturnType<LocalDev['startWrangler']>> | null = null;
  let stripe: StripeStandIn | null = null;
  const teardown = async () => {
    await server?.stop();
    server = null;
    await stripe?.stop();
    stripe = null;
    await rm(persistDir, { recursive: true, force: true });
  };

  try {
    await dev.applyMigrations(persistDir);
    const port = await dev.freePort();
    stripe = await startStripeStandIn();
    stripe.setParley(`http://127.0.0.1:${port}`);
    server = await dev.startWrangler({
      port,
      persistDir,
      // Every test opens rooms from 127.0.0.1: more links a minute than any
      // person opens. The limits themselves are tested in test/worker/api/rate-limit.test.ts.
      // Payments go to the Stripe stand-in, whose Stripe.js the payment page loads.
      vars: { RATE_LIMITS: 'off', STRIPE_API_BASE: stripe.url, STRIPE_JS_URL: `${stripe.url}/v3/` },
      readyTimeoutMs: 120_000,
      // The request log stays quiet; anything that looks like a Worker error is
      // shown, so a failing test comes with the server's side of the story.
      onOutput: (line) => {
        if (/error|exception|unhandled/i.test(line) && !NOISE.some((re) => re.test(line))) console.error(`  wrangler │ ${line}`);
      },
    });

    const seed = await dev.seedDemoOrg(server.url, { ttlHours: 4 });
    project.provide('baseUrl', server.url);
    project.provide('agentToken', seed.agentToken);
    project.provide('adminToken', seed.adminToken);
    project.provide('agentSignInToken', seed.agentSignInToken);
    project.provide('adminSignInToken', seed.adminSignInToken);
    project.provide('orgId', seed.orgId);
    project.provide('agentId', seed.agentId);
    project.provide('stripeUrl', stripe.url);
    console.log(`e2e: Parley is running at ${server.url} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (err) {
    await teardown();
    throw err;
  }
  return teardown;
}
