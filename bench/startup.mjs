// i. cold start: the production bundle as `npm run deploy` would upload it,
// its size, and `wrangler check startup`'s CPU profile of it (the active time
// a new isolate spends before it can serve), beside the bare echo worker
// (bench/echo-worker) profiled the same way in the same run. Parley's active
// time is then put where it is spent, by npm package or source folder,
// through the bundle's source map: what to make lazy first.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SourceMapConsumer } from 'source-map-js';
import { activeStartupMs, bundleSizes, LIMITS, profiledBundle } from '../scripts/check-bundle.mjs';
import { ROOT } from '../scripts/lib/local-dev.mjs';

const ECHO_CONFIG = path.join(ROOT, 'bench/echo-worker/wrangler.toml');

/**
 * What only documents, sealing, CRM write-back or a provider need: none of it
 * may run while an isolate starts (each is imported where it is used).
 */
export const LAZY_PACKAGES = ['pdf-lib', '@pdf-lib/fontkit', 'node-forge', '@signpdf/signpdf', '@signpdf/placeholder-pdf-lib', 'pkijs', 'asn1js', 'jsforce', '@hubspot/api-client', 'stripe'].map((p) => `npm:${p}`);

/** Where a bundle position comes from: "npm:<package>", the source file's first two folders ("worker/src/contract"), or what V8 calls it. */
export function sourceGroup(source) {
  if (!source) return '(bundle code without a source)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (pkg) return `npm:${pkg[1]}`;
  const own = /(?:^|\/)((?:worker\/src|connectors)\/[^/]+)/.exec(source);
  return own ? own[1].replace(/\.[mc]?[jt]sx?$/, '') : source;
}

/** esbuild names each bundled module's lazy initialiser after the module's path ("node_modules/zod/v4/core/schemas.js"). */
const MODULE_INIT = /\.(?:[mc]?js|tsx?)$/;

/**
 * A startup profile's active time (ms) by the module whose evaluation it is
 * part of, biggest first: each sample goes to the innermost module
 * initialiser on its stack (so zod's own functions called while a contract
 * file builds its schemas count for zod, and the contract file's own code for
 * it); a sample under none goes by its own frame through the source map; time
 * outside the bundle (garbage collection, V8's compiler) keeps V8's name,
 * e.g. "(garbage collector)".
 */
export function startupBySource(profile, sourceMap) {
  const map = new SourceMapConsumer(sourceMap);
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const at = (line, column) => sourceGroup(map.originalPositionFor({ line, column, bias: SourceMapConsumer.LEAST_UPPER_BOUND }).source);
  // V8 gives the top level's ticks by line only. In a minified bundle a line
  // holds many modules, so a line counts for a place only when all of it comes from one.
  const placesOnLine = new Map();
  map.eachMapping((m) => {
    if (!placesOnLine.has(m.generatedLine)) placesOnLine.set(m.generatedLine, new Set());
    placesOnLine.get(m.generatedLine).add(sourceGroup(m.source));
  });
  const lineOf = (line) => {
    const places = placesOnLine.get(line);
    return places?.size === 1 ? [...places][0] : '(top-level bundle code)';
  };
  /** Where a node's own time goes: [place, share] pairs. */
  const placesOf = (id) => {
    const node = nodes.get(id);
    const own = node.callFrame;
    for (let up = id; up !== undefined; up = parent.get(up)) {
      const name = nodes.get(up).callFrame.functionName;
      if (MODULE_INIT.test(name)) return [[sourceGroup(name), 1]];
    }
    if (!own.url) return [[own.functionName || '(native)', 1]];
    if (own.lineNumber >= 0) return [[at(own.lineNumber + 1, own.columnNumber), 1]];
    // The bundle's top level, where the modules esbuild did not wrap run: split by the lines V8 saw it on.
    const ticks = node.positionTicks ?? [];
    const total = ticks.reduce((n, t) => n + t.ticks, 0);
    return total ? ticks.map((t) => [lineOf(t.line), t.ticks / total]) : [['(top-level bundle code)', 1]];
  };
  const spent = new Map();
  profile.samples.forEach((id, i) => {
    if (nodes.get(id)?.callFrame.functionName === '(idle)') return;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    for (const [where, share] of placesOf(id)) spent.set(where, (spent.get(where) ?? 0) + ms * share);
  });
  return [...spent].map(([where, ms]) => ({ where, ms })).sort((a, b) => b.ms - a.ms);
}

export async function benchStartup() {
  const work = await mkdtemp(path.join(os.tmpdir(), 'parley-startup-'));
  try {
    // The modules (for their sizes and source map) and the upload bundle come from one build.
    const bundleDir = path.join(work, 'bundle');
    const parley = profiledBundle(work, 'parley', ['--env', 'production', '--outdir', bundleDir]);
    const size = bundleSizes(bundleDir);
    const echo = profiledBundle(work, 'echo', ['--config', ECHO_CONFIG]);
    const map = JSON.parse(await readFile(path.join(bundleDir, 'index.js.map'), 'utf8'));
    const parleyMs = activeStartupMs(parley);
    const echoMs = activeStartupMs(echo);
    const spent = startupBySource(parley, map);
    return { bundle: size, parleyMs, echoMs, top: spent.slice(0, 12), lazyAtStartup: spent.filter((s) => LAZY_PACKAGES.includes(s.where)) };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export function printStartup(s, table) {
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  table(
    `i. cold start: the production bundle (${kib(s.bundle.raw)}, ${kib(s.bundle.gzip)} gzip), wrangler check startup's active CPU`,
    ['', 'active CPU'],
    [
      ['Parley', `${s.parleyMs.toFixed(1)} ms`],
      ['bare echo worker (baseline)', `${s.echoMs.toFixed(1)} ms`],
      ['Parley over the echo', `${(s.parleyMs - s.echoMs).toFixed(1)} ms`],
    ],
  );
  table("  where Parley's startup goes (by package or source folder, through the source map)", ['', 'ms', 'share'], s.top.map((t) => [t.where, t.ms.toFixed(1), `${((100 * t.ms) / s.parleyMs).toFixed(0)}%`]));
}

export function startupBudgets(s) {
  return [
    { what: 'cold start, active CPU (wrangler check startup)', budget: `< ${LIMITS.startupMs} ms`, value: `${s.parleyMs.toFixed(1)} ms`, pass: s.parleyMs < LIMITS.startupMs },
    // The echo's startup is a few milliseconds, near the profiler's grain: a ratio to it means little, the difference is what Parley adds.
    { what: 'cold start over the bare echo worker', budget: 'reported', value: `${(s.parleyMs - s.echoMs).toFixed(1)} ms`, pass: null },
    {
      what: 'run at startup: documents, sealing, CRM or provider packages',
      budget: 'none',
      value: s.lazyAtStartup.length ? s.lazyAtStartup.map((l) => `${l.where} ${l.ms.toFixed(1)} ms`).join(', ') : 'none',
      pass: s.lazyAtStartup.length === 0,
    },
    { what: 'production bundle, gzip', budget: `≤ ${(LIMITS.gzipBytes / 1024).toFixed(0)} KiB`, value: `${(s.bundle.gzip / 1024).toFixed(1)} KiB`, pass: s.bundle.gzip <= LIMITS.gzipBytes },
  ];
}
