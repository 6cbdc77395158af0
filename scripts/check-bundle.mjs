// `npm run check:bundle`: builds the production bundle as `npm run deploy`
// would upload it (wrangler deploy --dry-run --env production), then fails
// when it is over Cloudflare's limits: the Worker's size, compressed and not,
// and its startup time as `wrangler check startup` profiles it. Prints both
// figures. Needs no Cloudflare account.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Cloudflare's published limits (developers.cloudflare.com/workers/platform/limits):
 * startup must finish within 1 s; the size limit has been 3 MB compressed on
 * the Free plan (10 MB on Paid) and is now 64 MiB uncompressed on every plan.
 * Both size forms are checked, the compressed one at the Free plan's 3 MB, so
 * the bundle deploys on any plan, old limits or new.
 */
export const LIMITS = { gzipBytes: 3 * 1024 * 1024, rawBytes: 64 * 1024 * 1024, startupMs: 1000 };

/** The active (non-idle) time of a V8 CPU profile, in ms: what startup actually spent. */
export function activeStartupMs(profile) {
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  let active = 0;
  profile.samples.forEach((node, i) => {
    if (!idle.has(node)) active += profile.timeDeltas[i] ?? 0;
  });
  return active / 1000;
}

/** Sizes of the modules wrangler would upload (source maps are not uploaded as code). */
export function bundleSizes(dir) {
  let raw = 0;
  let gzip = 0;
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.map') || name === 'README.md') continue;
    const bytes = readFileSync(path.join(dir, name));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

function wrangler(args) {
  const r = spawnSync(path.join(root, 'node_modules/.bin/wrangler'), args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`wrangler ${args.join(' ')} failed:\n${r.stderr || r.stdout}`);
  return r.stdout;
}

/**
 * The startup CPU profile of a Worker as `wrangler deploy` would upload it:
 * built with these deploy arguments into `work`, then profiled from that very
 * bundle (`check startup` given only --config or --env builds and profiles
 * the project's default Worker instead). Also used by the bench (bench/startup.mjs).
 */
export function profiledBundle(work, name, deployArgs) {
  const upload = path.join(work, `${name}.bundle`);
  wrangler(['deploy', '--dry-run', ...deployArgs, '--outfile', upload]);
  const profile = path.join(work, `${name}.cpuprofile`);
  wrangler(['check', 'startup', '--worker', upload, '--outfile', profile]);
  return JSON.parse(readFileSync(profile, 'utf8'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const work = mkdtempSync(path.join(tmpdir(), 'parley-bundle-'));
  try {
    // One build gives the modules (their sizes) and the upload bundle that is profiled.
    const startupMs = activeStartupMs(profiledBundle(work, 'worker', ['--env', 'production', '--outdir', path.join(work, 'bundle')]));
    const size = bundleSizes(path.join(work, 'bundle'));
    const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
    console.log(`production bundle: ${kib(size.raw)} (limit ${kib(LIMITS.rawBytes)}), gzip ${kib(size.gzip)} (limit ${kib(LIMITS.gzipBytes)})`);
    console.log(`startup (local profile, active CPU): ${startupMs.toFixed(1)} ms (limit ${LIMITS.startupMs} ms)`);
    const over = [
      size.raw > LIMITS.rawBytes && 'the bundle is over the size limit',
      size.gzip > LIMITS.gzipBytes && 'the compressed bundle is over the size limit',
      startupMs > LIMITS.startupMs && 'startup is over the time limit',
    ].filter(Boolean);
    if (over.length > 0) {
      console.error(`check:bundle failed: ${over.join('; ')}`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
