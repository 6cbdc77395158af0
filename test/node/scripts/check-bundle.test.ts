// The figures `npm run check:bundle` fails on: startup's active CPU time from
// a V8 profile (idle samples do not count), and the upload's size.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { activeStartupMs, bundleSizes, LIMITS } from '../../../scripts/check-bundle.mjs';

it('counts the time of every sample but the idle ones', () => {
  const profile = {
    nodes: [
      { id: 1, callFrame: { functionName: '(root)' } },
      { id: 2, callFrame: { functionName: '(idle)' } },
      { id: 3, callFrame: { functionName: 'buildApp' } },
    ],
    samples: [3, 2, 3, 1, 2],
    timeDeltas: [1500, 40_000, 2500, 1000, 60_000],
  };
  expect(activeStartupMs(profile)).toBe(5);
});

it('sizes the modules wrangler uploads, not the source map or the README', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'parley-bundle-test-'));
  writeFileSync(path.join(dir, 'index.js'), 'a'.repeat(10_000));
  writeFileSync(path.join(dir, 'index.js.map'), 'b'.repeat(50_000));
  writeFileSync(path.join(dir, 'README.md'), 'c'.repeat(50_000));
  const size = bundleSizes(dir);
  expect(size.raw).toBe(10_000);
  expect(size.gzip).toBeGreaterThan(0);
  expect(size.gzip).toBeLessThan(200);
});

it('holds Cloudflare’s published limits: 1 s startup, 3 MB compressed, 64 MiB uncompressed', () => {
  expect(LIMITS).toEqual({ startupMs: 1000, gzipBytes: 3_145_728, rawBytes: 67_108_864 });
});
