// Where one live event's time goes: `npm run bench:profile-live`.
//
// The Worker as `npm run deploy` would bundle it runs in Miniflare (workerd,
// local storage, the same bindings as wrangler.toml), with workerd's inspector
// open. Ten agent sockets watch one session; after a warm-up, N chat POSTs are
// sent one at a time while V8's sampling profiler runs in the isolate that
// serves both the Worker and the session's Durable Object. Each sample is put
// where it ran, through the bundle's source map, and the table prints the
// JavaScript time per POST by area, beside workerd's whole CPU per POST (read
// from /proc: the JavaScript, and everything native — HTTP, RPC, SQLite,
// sockets, the assets router).
//
// Why not `wrangler dev --inspect`: wrangler's inspector proxy answers
// Profiler.* commands by echoing them back, and a second session on workerd's
// own inspector hangs.
//
// A sample's time is the gap since the one before. After the isolate was
// idle (waiting for the next request) that gap is the idle time, and V8 gives
// it to whatever runs first: the router, every time. Each gap is therefore
// counted up to GAP_CAP_US only; without this, hono's router seemed to take a
// millisecond per request (it takes about one microsecond).
//
// Bounded: N (default 1,000, at most 20,000) POSTs, and a watchdog of 5 min.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SourceMapConsumer } from 'source-map-js';
import { Miniflare, convertV4MiniflareOptions } from 'miniflare';
import { unstable_getMiniflareWorkerOptions, unstable_splitSqlQuery } from 'wrangler';
import { ROOT, writeDevSecrets } from '../scripts/lib/local-dev.mjs';
import { devVarValue } from '../scripts/lib/dev-vars.mjs';

const N = Number(process.env.PROFILE_POSTS ?? 1000);
if (!Number.isInteger(N) || N < 100 || N > 20_000) {
  console.error(`bench: PROFILE_POSTS must be a whole number from 100 to 20000, not "${process.env.PROFILE_POSTS}"`);
  process.exit(2);
}
const SOCKETS = 10;
const WARMUP = 300;
const PRIMING_POSTS = 50;
const SAMPLING_US = 50;
const GAP_CAP_US = 3 * SAMPLING_US;
const WATCHDOG_MS = 5 * 60_000;

/** Areas, tried from the sample's own frame up its stack: the first whose source matches takes it. */
const AREAS = [
  ['hono: router', /hono\/dist\/router\//],
  ['agent token check', /worker\/src\/auth\//],
  ['object: SQLite', /^(exec|transactionSync)$|worker\/src\/room\/store\.ts/],
  ['object: fan-out to sockets', /worker\/src\/room\/presence\.ts/],
  ['object: chat, event log, notices, publish', /worker\/src\/room\//],
  ['Worker: route handler, validation (zod)', /worker\/src\/api\/|zod|worker\/src\/app\.tsx/],
  ['hono: request, context, middleware', /hono\//],
];

const watchdog = setTimeout(() => {
  console.error(`bench: profile still running after ${WATCHDOG_MS / 60_000} min; giving up.`);
  process.exit(2);
}, WATCHDOG_MS);

/** CPU (ms) of the workerd processes this script started. */
function workerdCpuMs() {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // from field 3, "state"
      if (Number(fields[1]) === process.pid && stat.includes('(workerd)')) total += ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    } catch {
      /* ended meanwhile */
    }
  }
  return total;
}

/**
 * JavaScript time per POST by area, from a CPU profile of `posts` POSTs; and
 * the longest garbage collection without a break, which no POST's average
 * shows but every event waiting behind it pays in full.
 */
export function liveAreas(profile, sourceMap, posts) {
  const map = new SourceMapConsumer(sourceMap);
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const sources = new Map();
  const sourceOf = (node) => {
    const f = node.callFrame;
    if (!f.url || f.lineNumber < 0) return f.functionName;
    const key = `${f.lineNumber}:${f.columnNumber}`;
    if (!sources.has(key)) sources.set(key, map.originalPositionFor({ line: f.lineNumber + 1, column: f.columnNumber }).source ?? '');
    return sources.get(key);
  };
  const areas = new Map();
  let active = 0;
  let collecting = 0;
  let longestGcUs = 0;
  profile.samples.forEach((id, i) => {
    const node = nodes.get(id);
    // A collection's samples follow each other with no idle between them: the gaps are its time.
    collecting = node.callFrame.functionName === '(garbage collector)' ? collecting + (profile.timeDeltas[i] ?? 0) : 0;
    longestGcUs = Math.max(longestGcUs, collecting);
    if (node.callFrame.functionName === '(idle)') return;
    const us = Math.min(GAP_CAP_US, profile.timeDeltas[i] ?? 0);
    active += us;
    let area;
    for (let up = id; up !== undefined && !area; up = parent.get(up)) area = AREAS.find(([, re]) => re.test(sourceOf(nodes.get(up))))?.[0];
    area ??= node.callFrame.functionName.startsWith('(') ? `V8 ${node.callFrame.functionName}` : 'runtime (Request, Response, RPC, sockets)';
    areas.set(area, (areas.get(area) ?? 0) + us);
  });
  const perPost = (us) => us / 1000 / posts;
  return { activeMs: perPost(active), longestGcMs: longestGcUs / 1000, areas: [...areas].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, ms: perPost(us) })) };
}

async function main() {
  const work = await mkdtemp(path.join(os.tmpdir(), 'parley-profile-'));
  let mf;
  try {
    const bundle = path.join(work, 'bundle');
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/wrangler/bin/wrangler.js'), 'deploy', '--dry-run', '--outdir', bundle], { cwd: ROOT, stdio: 'ignore' });
    const { workerOptions } = unstable_getMiniflareWorkerOptions(path.join(ROOT, 'wrangler.toml'));
    const { scriptPath: _bundledByWrangler, ...options } = workerOptions;
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    // The development secrets, as `wrangler dev` would read them from .dev.vars.
    const secrets = readFileSync(writeDevSecrets().file, 'utf8');
    const vars = Object.fromEntries(['SECRETS_KEY', 'SEAL_P12', 'SEAL_P12_PASSWORD'].map((k) => [k, devVarValue(secrets, k)]).filter(([, v]) => v !== null));
    mf = new Miniflare(
      convertV4MiniflareOptions({
        host: '127.0.0.1',
        port,
        inspectorPort: 0,
        ...Object.fromEntries(['d1', 'durableObjects', 'r2', 'kv'].map((k) => [`${k}Persist`, path.join(work, k)])),
        workers: [
          {
            ...options,
            name: 'parley',
            modules: [{ type: 'ESModule', path: path.join(bundle, 'index.js') }],
            modulesRoot: bundle,
            bindings: { ...options.bindings, ...vars, DEV_ROUTES: 'true', PUBLIC_URL: `http://127.0.0.1:${port}`, RATE_LIMITS: 'off' },
          },
        ],
      }),
    );
    const url = (await mf.ready).toString().replace(/\/$/, '');
    // Through the binding, not scripts/lib/local-dev.mjs's applyMigrations: pointed at the storage that
    // fills (wrangler runs its own, newer Miniflare), this Miniflare's Worker failed its first D1 query.
    const db = await mf.getD1Database('DB');
    for (const file of (await readdir(path.join(ROOT, 'worker/migrations'))).filter((f) => f.endsWith('.sql')).sort()) {
      for (const statement of unstable_splitSqlQuery(await readFile(path.join(ROOT, 'worker/migrations', file), 'utf8'))) if (statement.trim()) await db.prepare(statement).run();
    }
    const seed = await (await fetch(`${url}/dev/demo-org`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ttlHours: 1 }) })).json();
    const auth = { Authorization: `Bearer ${seed.agentToken}`, 'Content-Type': 'application/json' };
    const started = await (await fetch(`${url}/api/v1/sessions`, { method: 'POST', headers: auth, body: JSON.stringify({ customer: { name: 'Profile', email: `profile-${Date.now()}@example.com` } }) })).json();
    const sessionId = started.session.id;
    const sockets = await Promise.all(
      Array.from({ length: SOCKETS }, () => new Promise((resolve, reject) => {
        const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api/v1/sessions/${sessionId}/ws?token=${encodeURIComponent(seed.agentToken)}`);
        ws.onopen = () => resolve(ws);
        ws.onerror = () => reject(new Error('an agent socket did not open'));
      })),
    );
    let frames = 0;
    for (const ws of sockets) ws.onmessage = (e) => String(e.data).includes('message.posted') && frames++;
    const post = async (i) => {
      const res = await fetch(`${url}/api/v1/sessions/${sessionId}/messages`, { method: 'POST', headers: auth, body: JSON.stringify({ text: `profile event #${i}` }) });
      await res.arrayBuffer();
      if (res.status !== 201) throw new Error(`chat POST answered ${res.status}`);
    };
    for (let i = 0; i < WARMUP; i++) await post(i);

    const cpuBefore = workerdCpuMs();
    for (let i = 0; i < N; i++) await post(WARMUP + i);
    await new Promise((r) => setTimeout(r, 300));
    const cpuPerPost = (workerdCpuMs() - cpuBefore) / N;

    const inspector = new WebSocket(new URL('/core:user:parley', await mf.getInspectorURL()));
    await new Promise((resolve, reject) => {
      inspector.onopen = resolve;
      inspector.onerror = () => reject(new Error("workerd's inspector did not open"));
    });
    let id = 0;
    const answers = new Map();
    inspector.onmessage = (e) => {
      const m = JSON.parse(String(e.data));
      answers.get(m.id)?.(m);
    };
    const command = (method, params = {}) => new Promise((resolve) => {
      answers.set(++id, resolve);
      inspector.send(JSON.stringify({ id, method, params }));
    });
    await command('Profiler.enable');
    await command('Profiler.setSamplingInterval', { interval: SAMPLING_US });
    // The profiler's first start brings a full garbage collection of its own
    // (65–86 ms here), which would show as the live path's longest: profile a
    // few POSTs and throw that profile away, then measure.
    await command('Profiler.start');
    for (let i = 0; i < PRIMING_POSTS; i++) await post(WARMUP + N + N + i);
    await command('Profiler.stop');
    await command('Profiler.start');
    for (let i = 0; i < N; i++) await post(WARMUP + N + i);
    const { result } = await command('Profiler.stop');
    inspector.close();
    for (const ws of sockets) ws.close();

    const { activeMs, longestGcMs, areas } = liveAreas(result.profile, JSON.parse(await readFile(path.join(bundle, 'index.js.map'), 'utf8')), N);
    console.log(`\nOne chat POST to ${SOCKETS} agent sockets, ${N} POSTs one at a time (${frames} frames received)`);
    console.log(`  workerd CPU per POST, all of it: ${cpuPerPost.toFixed(2)} ms (unprofiled run)`);
    console.log(`  JavaScript per POST: ${activeMs.toFixed(2)} ms (profiled run; gaps after idle counted up to ${GAP_CAP_US} µs)`);
    for (const a of areas) console.log(`    ${a.ms.toFixed(3).padStart(6)} ms  ${((100 * a.ms) / activeMs).toFixed(0).padStart(3)}%  ${a.name}`);
    console.log(`  the longest garbage collection: ${longestGcMs.toFixed(1)} ms (every event arriving meanwhile waits for it)`);
  } finally {
    await mf?.dispose();
    await rm(work, { recursive: true, force: true });
    clearTimeout(watchdog);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
