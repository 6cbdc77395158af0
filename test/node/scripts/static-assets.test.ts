// Which requests the asset layer answers: the built browser files, and
// nothing else. Every other path goes to the Worker first (run_worker_first),
// skipping a manifest lookup per API call; a folder the build added without
// an exclusion here would never be served.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { unstable_readConfig } from 'wrangler';
import { buildClient } from '../../../scripts/build-client.mjs';

let out: string;
beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'parley-assets-'));
  await buildClient({ quiet: true, out });
});
afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

for (const env of [undefined, 'production']) {
  it(`sends every path but the built folders to the Worker first (${env ?? 'development'})`, async () => {
    const { assets } = unstable_readConfig({ config: path.resolve('wrangler.toml'), env });
    const rules = assets?.run_worker_first;
    expect(Array.isArray(rules)).toBe(true);
    const built = (await readdir(out, { withFileTypes: true })).map((e) => (e.isDirectory() ? `!/${e.name}/*` : `!/${e.name}`));
    expect(built.length).toBeGreaterThan(0);
    expect([...(rules as string[])].sort()).toEqual(['/*', ...built].sort());
  });
}
