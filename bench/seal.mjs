// Sealing bench (DESIGN.md §6): the whole sealing of a 20-page PDF with 20
// filled fields, as the Worker seals (finalizeDocument: flatten the values,
// append the certificate of completion, PAdES-sign), stage by stage — time,
// median of several runs, and peak memory — beside
// pdf-lib merely loading and saving the same file in the same run; and a
// 200-page PDF sealed, with its peak memory.
//
// Every measurement runs in a fresh Node child (`node --expose-gc`) on the
// Worker's own modules (pure JS, as in workerd): memory is the child's peak
// RSS (process.resourceUsage().maxRSS) above its RSS just before the work,
// with the input already read, so the runtime and the modules do not count.
// Inputs are made by another child first, so making them does not count either.
//
//   node bench/seal.mjs          this section alone (exit 1 if a budget is missed)
//   npm run bench                all sections, this one included
// BENCH_SEAL_RUNS: timed runs (default 15, after 5 warm-up runs: the baseline
// is 13–25 ms on a shared machine, and 9 runs after 2 gave medians from 4.0×
// to 6.2× in one day).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { wholeNumber } from './env.mjs';

const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), '..');
const CHILD_TIMEOUT_MS = 180_000;
const FIELDS = 20;
export const SEAL_BUDGET = { twentyPageMs: 300, timesLoadSave: 5, twentyPageMiB: 64, twoHundredPageMiB: 128 };

// ─────────────────────────────── the child ────────────────────────────────

async function child(task) {
  const { devSealingCertificate } = await import('../scripts/lib/dev-certificate.mjs');
  const docs = await import('../test/fixtures/documents.ts');
  const { finalizeDocument } = await import('../worker/src/documents/finalize.ts');
  const { pkcs12Transport } = await import('../worker/src/documents/transports/pkcs12.ts');
  const { sha256Hex } = await import('../worker/src/documents/digest.ts');
  const { PDFDocument } = await import('pdf-lib');
  const file = (pages) => path.join(task.dir, `sample-${pages}.pdf`);

  if (task.kind === 'prepare') {
    for (const pages of task.pages) await writeFile(file(pages), await docs.samplePdf(pages));
    await writeFile(path.join(task.dir, 'signature.png.b64'), await docs.signaturePng());
    return { ok: true };
  }

  const cert = devSealingCertificate();
  const signer = { transport: pkcs12Transport(new Uint8Array(Buffer.from(cert.p12Base64, 'base64')), cert.password) };
  const pdf = new Uint8Array(await readFile(file(task.pages)));
  const png = await readFile(path.join(task.dir, 'signature.png.b64'), 'utf8');
  const fields = docs.sampleFields(task.pages, FIELDS);
  const values = docs.sampleValues(fields, png);
  const info = docs.sampleCertificateInfo(20);

  const stages = {};
  const sealAll = async () =>
    (
      await finalizeDocument({
        original: pdf,
        fields,
        values,
        attachmentNames: { [docs.ATTACHMENT_ID]: 'passport-scan.pdf' },
        certificate: { ...info, originalSha256: await sha256Hex(pdf) },
        signer,
        onStage: (stage, ms) => (stages[stage] = ms),
      })
    ).sealed;
  const loadSave = async () => (await PDFDocument.load(pdf)).save();
  const work = { seal: sealAll, loadSave };

  if (task.kind === 'time') {
    const out = { seal: [], loadSave: [], stages: { flatten: [], certificate: [], sign: [] }, bytes: {} };
    for (let i = 0; i < task.warmup; i++) {
      await sealAll();
      await loadSave();
    }
    for (let i = 0; i < task.runs; i++) {
      for (const what of ['seal', 'loadSave']) {
        global.gc?.();
        const t0 = performance.now();
        const result = await work[what]();
        out[what].push(performance.now() - t0);
        out.bytes[what] = result.length;
        if (what === 'seal') for (const s of Object.keys(out.stages)) out.stages[s].push(stages[s]);
      }
    }
    out.bytes.input = pdf.length;
    return out;
  }

  if (task.kind === 'memory') {
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const maxRssBefore = process.resourceUsage().maxRSS * 1024;
    // JS heap + buffers, sampled while the work yields (it awaits often: WebCrypto, pdf-lib's save).
    let peakJs = 0;
    const sample = () => {
      const m = process.memoryUsage();
      peakJs = Math.max(peakJs, m.heapUsed + m.external + m.arrayBuffers);
    };
    sample();
    const jsBefore = peakJs;
    const timer = setInterval(sample, 1);
    const t0 = performance.now();
    const result = await work[task.what]();
    const ms = performance.now() - t0;
    sample();
    clearInterval(timer);
    const maxRss = process.resourceUsage().maxRSS * 1024;
    return { ms, bytes: result.length, rssBefore, maxRssBefore, maxRss, peakRssDelta: maxRss - rssBefore, peakJsDelta: peakJs - jsBefore };
  }
  throw new Error(`unknown task ${task.kind}`);
}

if (process.argv[2] === '--child') {
  child(JSON.parse(process.argv[3]))
    .then((out) => {
      process.stdout.write(`\n${JSON.stringify(out)}\n`);
      process.exit(0);
    })
    .catch((err) => {
      console.error(err.stack ?? err.message);
      process.exit(1);
    });
}

// ─────────────────────────────── the parent ───────────────────────────────

function runChild(task) {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--expose-gc', SELF, '--child', JSON.stringify(task)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d) => (stdout += d));
    proc.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => proc.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`seal bench child (${task.kind}) failed (${signal ?? `exit ${code}`}):\n${stderr.trim().slice(-2000)}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').at(-1)));
      } catch {
        reject(new Error(`seal bench child (${task.kind}) printed no result:\n${stdout.slice(-500)}\n${stderr.slice(-500)}`));
      }
    });
  });
}

const median = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};
const summary = (xs) => ({ runs: xs.length, median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });
const MiB = 1024 * 1024;

/** Runs the sealing bench; returns its figures and its budgets ({ what, budget, value, pass }). */
export async function benchSeal({ runs = wholeNumber('BENCH_SEAL_RUNS', 15, 1), warmup = 5 } = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'parley-seal-bench-'));
  try {
    await runChild({ kind: 'prepare', dir, pages: [20, 200] });
    const time = await runChild({ kind: 'time', dir, pages: 20, runs, warmup });
    const memSeal = await runChild({ kind: 'memory', dir, pages: 20, what: 'seal' });
    const memLoadSave = await runChild({ kind: 'memory', dir, pages: 20, what: 'loadSave' });
    const mem200 = await runChild({ kind: 'memory', dir, pages: 200, what: 'seal' });
    const mem200LoadSave = await runChild({ kind: 'memory', dir, pages: 200, what: 'loadSave' });
    const result = {
      node: process.version,
      fields: FIELDS,
      twenty: {
        inputBytes: time.bytes.input,
        sealedBytes: time.bytes.seal,
        seal: summary(time.seal),
        stages: Object.fromEntries(Object.entries(time.stages).map(([k, v]) => [k, summary(v)])),
        loadSave: summary(time.loadSave),
        memory: { seal: memSeal, loadSave: memLoadSave },
      },
      twoHundred: { memory: { seal: mem200, loadSave: mem200LoadSave } },
    };
    result.budgets = [
      {
        what: `seal a 20-page PDF, ${FIELDS} fields (median of ${runs})`,
        budget: `< ${SEAL_BUDGET.twentyPageMs} ms`,
        value: `${result.twenty.seal.median.toFixed(1)} ms`,
        pass: result.twenty.seal.median < SEAL_BUDGET.twentyPageMs,
      },
      {
        what: 'seal a 20-page PDF ÷ pdf-lib load + save of it (medians, same run)',
        budget: `≤ ${SEAL_BUDGET.timesLoadSave}×`,
        value: `${(result.twenty.seal.median / result.twenty.loadSave.median).toFixed(2)}×`,
        pass: result.twenty.seal.median <= SEAL_BUDGET.timesLoadSave * result.twenty.loadSave.median,
      },
      {
        what: 'seal a 20-page PDF, peak memory',
        budget: `< ${SEAL_BUDGET.twentyPageMiB} MB`,
        value: `${(memSeal.peakRssDelta / MiB).toFixed(1)} MiB`,
        pass: memSeal.peakRssDelta < SEAL_BUDGET.twentyPageMiB * MiB,
      },
      {
        what: 'seal a 200-page PDF, peak memory',
        budget: `< ${SEAL_BUDGET.twoHundredPageMiB} MB`,
        value: `${(mem200.peakRssDelta / MiB).toFixed(1)} MiB`,
        pass: mem200.peakRssDelta < SEAL_BUDGET.twoHundredPageMiB * MiB,
      },
    ];
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function table(title, header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => '  ' + cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('   ');
  console.log(`\n${title}\n${line(header)}\n  ${widths.map((w) => '─'.repeat(w)).join('   ')}`);
  for (const r of rows) console.log(line(r));
}

/** Prints the section's tables (the budgets are printed by the caller, or by printSealBudgets). */
export function printSeal(r, label = 'd.') {
  const ms = (x) => `${x.toFixed(1)} ms`;
  const mib = (b) => `${(b / MiB).toFixed(1)} MiB`;
  const t = r.twenty;
  table(
    `${label} Sealing a 20-page PDF with ${r.fields} filled fields (Node ${r.node}, the Worker's modules; ${t.seal.runs} runs each, alternating)`,
    ['', 'median', 'min', 'max'],
    [
      ['seal: flatten + certificate + sign', ms(t.seal.median), ms(t.seal.min), ms(t.seal.max)],
      ['   load, flatten the values, write for the hash', ms(t.stages.flatten.median), ms(t.stages.flatten.min), ms(t.stages.flatten.max)],
      ['   append the certificate page', ms(t.stages.certificate.median), ms(t.stages.certificate.min), ms(t.stages.certificate.max)],
      ['   write with the placeholder, sign (PAdES)', ms(t.stages.sign.median), ms(t.stages.sign.min), ms(t.stages.sign.max)],
      ['pdf-lib load + save only', ms(t.loadSave.median), ms(t.loadSave.min), ms(t.loadSave.max)],
      ['seal ÷ load + save', `${(t.seal.median / t.loadSave.median).toFixed(2)}×`, '', ''],
    ],
  );
  const m = (x) => [mib(x.peakRssDelta), mib(x.peakJsDelta), mib(x.maxRss), ms(x.ms)];
  table(
    '   Peak memory, each in a fresh process (peak RSS above RSS before the work; JS heap + buffers sampled)',
    ['', 'peak RSS Δ', 'JS+buffers Δ', 'peak RSS', 'time'],
    [
      [`20 pages (${(t.inputBytes / 1024).toFixed(0)} KB → ${(t.sealedBytes / 1024).toFixed(0)} KB): seal`, ...m(t.memory.seal)],
      ['20 pages: pdf-lib load + save only', ...m(t.memory.loadSave)],
      ['200 pages: seal', ...m(r.twoHundred.memory.seal)],
      ['200 pages: pdf-lib load + save only', ...m(r.twoHundred.memory.loadSave)],
    ],
  );
}

export function printSealBudgets(budgets) {
  table('Budgets (DESIGN.md §6)', ['', 'budget', 'measured', ''], budgets.map((b) => [b.what, b.budget, b.value, b.pass ? 'ok' : 'MISSED']));
}

// Run alone: `node bench/seal.mjs`.
if (process.argv[1] === SELF && process.argv[2] !== '--child') {
  console.log(`Parley seal bench — ${new Date().toISOString()} — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}, Node ${process.version}`);
  benchSeal()
    .then((r) => {
      printSeal(r);
      printSealBudgets(r.budgets);
      process.exitCode = r.budgets.every((b) => b.pass) ? 0 : 1;
    })
    .catch((err) => {
      console.error(`\nseal bench failed: ${err.stack ?? err.message}`);
      process.exitCode = 2;
    });
}
