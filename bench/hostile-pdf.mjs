// f. A hostile PDF against a running Worker: the decompression bomb of issue
// 10 (~400 KB, an object stream that inflates to 400 MB — it once took workerd
// from 214 MB to 1.24 GB for 9.4 s) uploaded as a template, beside an ordinary
// 20-page PDF uploaded the same way in the same run. For each: the answer,
// the time to it (median of several), and the Worker's workerd memory — its
// RSS sampled every few milliseconds while the request runs (peak above the
// RSS just before), and its VmHWM (the process's all-time peak) before and after.
//
//   node bench/hostile-pdf.mjs   this section alone (exit 1 if a budget is missed)
//   npm run bench                all sections, this one included
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { objectStreamBomb } from '../test/fixtures/hostile-pdfs.ts';
import { samplePdf } from '../test/fixtures/documents.ts';

const RUNS = 5;
const SAMPLE_EVERY_MS = 2;
export const HOSTILE_BUDGET = { refusalMs: 1000, peakRssDeltaMiB: 128 };

const statusKiB = (pid, field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);

/** Runs `fn` while sampling the process's RSS; returns its result, the peak RSS above the start, and the time. */
async function sampled(pid, fn) {
  const before = statusKiB(pid, 'VmRSS');
  let peak = before;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, statusKiB(pid, 'VmRSS'));
    } catch {
      /* ended */
    }
  }, SAMPLE_EVERY_MS);
  const t0 = performance.now();
  try {
    const out = await fn();
    return { out, ms: performance.now() - t0, rssBeforeKiB: before, peakRssDeltaKiB: Math.max(peak, statusKiB(pid, 'VmRSS')) - before };
  } finally {
    clearInterval(timer);
  }
}

async function uploadTemplate(base, adminToken, pdf, name) {
  const form = new FormData();
  form.append('file', new File([pdf], `${name}.pdf`, { type: 'application/pdf' }));
  form.append('definition', JSON.stringify({ fields: [{ id: 'sig', type: 'signature', page: 1, rect: { x: 72, y: 100, width: 200, height: 50 }, role: 'Customer', required: true }] }));
  form.append('name', name);
  const res = await fetch(`${base}/api/v1/templates`, { method: 'POST', headers: { Authorization: `Bearer ${adminToken}` }, body: form, signal: AbortSignal.timeout(60_000) });
  const text = await res.text();
  return { status: res.status, error: res.status >= 400 ? JSON.parse(text).error : null };
}

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

export async function benchHostilePdf({ url, adminToken, workerPid }) {
  const bomb = objectStreamBomb();
  const normal = await samplePdf(20);
  const measure = async (pdf, name) => {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await sampled(workerPid, () => uploadTemplate(url, adminToken, pdf, `${name} ${i + 1}`)));
    return {
      bytes: pdf.length,
      statuses: [...new Set(runs.map((r) => r.out.status))],
      error: runs[0].out.error,
      ms: { median: median(runs.map((r) => r.ms)), max: Math.max(...runs.map((r) => r.ms)) },
      peakRssDeltaKiB: Math.max(...runs.map((r) => r.peakRssDeltaKiB)),
      rssBeforeKiB: runs[0].rssBeforeKiB,
    };
  };
  const hwmBefore = statusKiB(workerPid, 'VmHWM');
  const ordinary = await measure(normal, 'Ordinary');
  const hwmAfterOrdinary = statusKiB(workerPid, 'VmHWM');
  const hostile = await measure(bomb, 'Bomb');
  const hwmAfterBomb = statusKiB(workerPid, 'VmHWM');
  const budgets = [
    { what: 'decompression bomb (400 KB → 400 MB) refused', budget: '422', value: hostile.statuses.join(', '), pass: hostile.statuses.length === 1 && hostile.statuses[0] === 422 },
    { what: 'bomb refusal time (max of runs)', budget: `< ${HOSTILE_BUDGET.refusalMs} ms`, value: `${hostile.ms.max.toFixed(1)} ms`, pass: hostile.ms.max < HOSTILE_BUDGET.refusalMs },
    {
      what: 'workerd peak RSS above its start, during the bomb',
      budget: `< ${HOSTILE_BUDGET.peakRssDeltaMiB} MiB`,
      value: `${(hostile.peakRssDeltaKiB / 1024).toFixed(1)} MiB`,
      pass: hostile.peakRssDeltaKiB / 1024 < HOSTILE_BUDGET.peakRssDeltaMiB,
    },
  ];
  return { runs: RUNS, ordinary, hostile, vmHwmKiB: { before: hwmBefore, afterOrdinary: hwmAfterOrdinary, afterBomb: hwmAfterBomb }, budgets };
}

export function printHostilePdf(r, table) {
  const mib = (k) => `${(k / 1024).toFixed(1)} MiB`;
  const row = (label, x) => [label, `${(x.bytes / 1024).toFixed(0)} KB`, x.statuses.join(', '), `${x.ms.median.toFixed(1)} ms`, `${x.ms.max.toFixed(1)} ms`, mib(x.peakRssDeltaKiB), mib(x.rssBeforeKiB)];
  table(
    `f. Uploading a template to the running Worker, ${r.runs} times each (RSS of its workerd sampled every ${SAMPLE_EVERY_MS} ms during the request)`,
    ['', 'file', 'status', 'median', 'max', 'peak RSS Δ', 'RSS before'],
    [row('ordinary 20-page PDF', r.ordinary), row('bomb: object stream → 400 MB', r.hostile)],
  );
  console.log(`  refusal: ${r.hostile.error?.code}: ${r.hostile.error?.message}`);
  console.log(`  workerd VmHWM (all-time peak): ${mib(r.vmHwmKiB.before)} before, ${mib(r.vmHwmKiB.afterOrdinary)} after the ordinary uploads, ${mib(r.vmHwmKiB.afterBomb)} after the bombs`);
}

/** The workerd that runs the Worker under one `wrangler dev` (its process group; not the dev proxy, which owns the port). */
function workerPidOf(server) {
  const port = new URL(server.url).port;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (pgrp === server.pid && comm === 'workerd' && !readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`entry=127.0.0.1:${port}`)) return Number(pid);
    } catch {
      /* ended meanwhile */
    }
  }
  throw new Error("no workerd process of Parley's found under /proc");
}

// Run alone: `node bench/hostile-pdf.mjs` (its own `wrangler dev` on a free port, throw-away storage).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { applyMigrations, freePort, seedDemoOrg, startWrangler } = await import('../scripts/lib/local-dev.mjs');
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'parley-bench-hostile-'));
  let server;
  try {
    await applyMigrations(path.join(tmp, 'parley'));
    server = await startWrangler({ port: await freePort(), persistDir: path.join(tmp, 'parley') });
    const seed = await seedDemoOrg(server.url, { ttlHours: 2 });
    const r = await benchHostilePdf({ url: server.url, adminToken: seed.adminToken, workerPid: workerPidOf(server) });
    const table = (title, header, rows) => {
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
      const line = (cells) => '  ' + cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('   ');
      console.log(`\n${title}\n${line(header)}\n  ${widths.map((w) => '─'.repeat(w)).join('   ')}`);
      for (const row of rows) console.log(line(row));
    };
    printHostilePdf(r, table);
    table('Budgets', ['', 'budget', 'measured', ''], r.budgets.map((b) => [b.what, b.budget, b.value, b.pass ? 'ok' : 'MISSED']));
    process.exitCode = r.budgets.every((b) => b.pass) ? 0 : 1;
  } catch (err) {
    console.error(`hostile PDF bench failed: ${err.stack ?? err.message}`);
    process.exitCode = 2;
  } finally {
    await server?.stop();
    await rm(tmp, { recursive: true, force: true });
  }
}
