#!/usr/bin/env node
// `npm run test:mutation`: how well the tests pin Parley's critical rules.
//
// Makes small, deliberate bugs (mutants) in worker/src/domain and
// worker/src/auth, one at a time, and runs the tests that import the mutated
// file: a mutant the tests notice (a test fails, or the run times out) is
// killed; one they do not notice survived, and shows a rule no test pins.
//
// Why not StrykerJS: its vitest runner forces vitest's own pools (threads,
// forks, vmThreads, vmForks), so it cannot run tests inside workerd, the pool
// of our "workers" project. This runner uses the tests that run in plain Node
// (those that reach no `cloudflare:` module): the domain and auth unit tests.
// A workerd start costs 10 to 40 s per test file on this machine, far too
// slow for hundreds of mutants.
//
// It works on a copy of the repository in a temporary folder (worker/, test/
// and the configs, node_modules linked), so the working tree is never
// touched, even when it is interrupted. One vitest instance runs every mutant
// of a file, re-importing only the mutated module, so a mutant costs well
// under a second.
//
// Operators: comparison flips (< ↔ <=, > ↔ >=, === ↔ !==), && ↔ ||, a `!`
// removed, true ↔ false, a number ±1, an early `if (…) return/throw` removed,
// an error code (`reason:`/`code:` value, `fail(status, code, …)`) emptied.
// Equivalent mutants (no behaviour can tell them apart) are listed, each with
// its reason, in scripts/mutation-ignore.json; they still run, and the runner
// says when a test kills one (the entry is then wrong).
//
//   npm run test:mutation -- [--folder domain|auth]… [--file worker/src/…]… [--limit N] [--list] [--min 90] [--json out.json]
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FOLDERS = { domain: 'worker/src/domain', auth: 'worker/src/auth' };
const IGNORE_FILE = path.join(ROOT, 'scripts/mutation-ignore.json');

// ---------------------------------------------------------------------------
// Mutants

const FLIPS = { '<': '<=', '<=': '<', '>': '>=', '>=': '>', '===': '!==', '!==': '===', '==': '!=', '!=': '==', '&&': '||', '||': '&&' };
/** Properties whose string value is an error code a caller branches on. */
const CODE_PROPERTIES = new Set(['reason', 'code']);

/** Inside a type, an import or export list, or a declaration that has no runtime code. */
function inert(node) {
  for (let n = node; n; n = n.parent) {
    if (ts.isTypeNode(n) || ts.isImportDeclaration(n) || ts.isExportDeclaration(n) || ts.isInterfaceDeclaration(n) || ts.isTypeAliasDeclaration(n) || ts.isModuleDeclaration(n)) return true;
  }
  return false;
}

const isEarlyExit = (s) => ts.isReturnStatement(s) || ts.isThrowStatement(s) || (ts.isBlock(s) && s.statements.length === 1 && isEarlyExit(s.statements[0]));

/**
 * Every mutant of one source file, in source order: each replaces the text
 * from `start` to `end` with `replacement`. Deterministic.
 */
export function mutantsOf(file, text) {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out = [];
  const add = (node, start, end, replacement, operator) => {
    const { line, character } = sf.getLineAndCharacterOfPosition(start);
    const lineText = text.split('\n')[line].trim();
    out.push({ file, start, end, replacement, operator, line: line + 1, column: character + 1, original: text.slice(start, end), lineText });
  };
  const visit = (node) => {
    if (inert(node)) return;
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken;
      const flipped = FLIPS[op.getText(sf)];
      if (flipped) add(node, op.getStart(sf), op.getEnd(), flipped, `${op.getText(sf)} → ${flipped}`);
    } else if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
      add(node, node.getStart(sf), node.getEnd(), node.operand.getText(sf), 'remove !');
    } else if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) {
      const flipped = node.kind === ts.SyntaxKind.TrueKeyword ? 'false' : 'true';
      add(node, node.getStart(sf), node.getEnd(), flipped, `${node.getText(sf)} → ${flipped}`);
    } else if (ts.isNumericLiteral(node) && !(ts.isPropertyAssignment(node.parent) && node.parent.name === node)) {
      const value = Number(node.getText(sf).replace(/_/g, ''));
      for (const delta of [1, -1]) {
        const next = value + delta;
        add(node, node.getStart(sf), node.getEnd(), next < 0 ? `(${next})` : String(next), `${node.getText(sf)} → ${next}`);
      }
    } else if (ts.isIfStatement(node) && !node.elseStatement && isEarlyExit(node.thenStatement)) {
      add(node, node.getStart(sf), node.getEnd(), ';', 'remove early exit');
    } else if (ts.isStringLiteral(node) && node.text !== '' && isErrorCode(node)) {
      add(node, node.getStart(sf), node.getEnd(), "''", `'${node.text}' → ''`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function isErrorCode(node) {
  const p = node.parent;
  // zod's own issue code ('custom') is no code of ours.
  if (node.text === 'custom') return false;
  if (ts.isPropertyAssignment(p) && p.initializer === node && CODE_PROPERTIES.has(p.name.getText())) return true;
  // fail(status, 'code', message): the code of an ApiError-style refusal.
  return ts.isCallExpression(p) && p.arguments[1] === node && ts.isIdentifier(p.expression) && p.expression.text === 'fail';
}

export const applyMutant = (text, m) => text.slice(0, m.start) + m.replacement + text.slice(m.end);

/** A stable name for a mutant, for the ignore list: file, the trimmed source line, the change. */
export const mutantKey = (m) => `${m.file} | ${m.lineText} | ${m.operator}`;

// ---------------------------------------------------------------------------
// Which tests cover which file

const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Value imports of a file (type-only imports are erased and do not count). */
function importsOf(text) {
  const specs = [];
  for (const m of text.matchAll(IMPORT)) {
    if (m[2]) continue;
    specs.push(m[3] ?? m[4]);
  }
  return specs;
}

function resolveRelative(fromAbs, spec) {
  const base = path.resolve(path.dirname(fromAbs), spec);
  for (const candidate of [base, base.replace(/\.m?js$/, '.ts'), `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && candidate.match(/\.(ts|tsx|mts|js|mjs)$/)) return candidate;
  }
  return null;
}

/** Every file a test reaches through relative imports, and whether it reaches a `cloudflare:` module (workerd only). */
function reach(testAbs) {
  const seen = new Set();
  let workerdOnly = false;
  const stack = [testAbs];
  while (stack.length) {
    const file = stack.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('cloudflare:')) workerdOnly = true;
      else if (spec.startsWith('.')) {
        const next = resolveRelative(file, spec);
        if (next) stack.push(next);
      }
    }
  }
  return { files: seen, workerdOnly };
}

function listTests(dirAbs) {
  return readdirSync(dirAbs, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.test.ts'))
    .map((d) => path.join(d.parentPath, d.name))
    .sort();
}

// ---------------------------------------------------------------------------
// The run

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      folder: { type: 'string', multiple: true },
      file: { type: 'string', multiple: true },
      limit: { type: 'string' },
      list: { type: 'boolean', default: false },
      min: { type: 'string' },
      json: { type: 'string' },
    },
  });
  const folders = values.folder ?? (values.file ? [] : Object.keys(FOLDERS));
  for (const f of folders) if (!FOLDERS[f]) throw new Error(`--folder must be one of ${Object.keys(FOLDERS).join(', ')} (got ${f})`);
  const files = [
    ...folders.flatMap((f) =>
      readdirSync(path.join(ROOT, FOLDERS[f]))
        .filter((n) => n.endsWith('.ts') && !n.endsWith('.d.ts'))
        .sort()
        .map((n) => `${FOLDERS[f]}/${n}`),
    ),
    ...(values.file ?? []).map((f) => path.relative(ROOT, path.resolve(f))),
  ];
  for (const f of files) {
    if (!existsSync(path.join(ROOT, f))) throw new Error(`no such file: ${f}`);
    if (!Object.values(FOLDERS).some((d) => f.startsWith(`${d}/`))) throw new Error(`${f} is not in ${Object.values(FOLDERS).join(' or ')}`);
  }
  return { files: [...new Set(files)], limit: values.limit ? Number(values.limit) : Infinity, list: values.list, min: values.min ? Number(values.min) : null, json: values.json ?? null };
}

/**
 * Reviewed equivalent mutants (scripts/mutation-ignore.json): each names its
 * file, its source line (trimmed), the change, and, where the same change
 * fits twice on the line, the column; and says why no test can tell it apart.
 */
function loadIgnores() {
  if (!existsSync(IGNORE_FILE)) return new Map();
  const entries = JSON.parse(readFileSync(IGNORE_FILE, 'utf8'));
  return new Map(entries.map((e) => [`${e.file} | ${e.line} | ${e.mutation}${e.column ? ` | ${e.column}` : ''}`, e.reason]));
}

/** A copy of what the tests need, node_modules linked: mutants are written here, never in the working tree. */
function makeSandbox() {
  const dir = mkdtempSync(path.join(tmpdir(), 'parley-mutation-'));
  for (const entry of ['worker', 'test', 'tsconfig.json', 'package.json']) {
    cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true, filter: (src) => !src.includes(`${path.sep}node_modules`) });
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

async function startVitest(root) {
  const { createVitest } = await import('vitest/node');
  return createVitest(
    'test',
    {
      root,
      config: false,
      watch: false,
      environment: 'node',
      include: ['test/**/*.test.ts'],
      // One worker thread kept across runs: 3 to 4 times faster than a fresh
      // one per file, and vitest still re-imports a file invalidated below.
      pool: 'threads',
      maxWorkers: 1,
      isolate: false,
      testTimeout: 10_000,
      reporters: [{}],
      silent: true,
    },
    {},
  );
}

const killedBy = (result) => result.unhandledErrors.length > 0 || result.testModules.some((m) => m.state() === 'failed');

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const ignores = loadIgnores();
  const usedIgnores = new Set();
  const mutants = [];
  for (const file of options.files) mutants.push(...mutantsOf(file, readFileSync(path.join(ROOT, file), 'utf8')));
  const chosen = mutants.slice(0, options.limit);
  if (options.list) {
    for (const m of chosen) console.log(`${m.file}:${m.line}:${m.column}  ${m.operator}  ${m.lineText}`);
    console.log(`${chosen.length} mutants`);
    return;
  }

  const started = Date.now();
  const sandbox = makeSandbox();
  let vitest = null;
  const cleanUp = () => rmSync(sandbox, { recursive: true, force: true });
  process.on('SIGINT', () => {
    cleanUp();
    process.exit(130);
  });
  try {
    // Tests that run in Node, and the files each reaches.
    const tests = listTests(path.join(sandbox, 'test/worker'))
      .map((abs) => ({ abs, ...reach(abs) }))
      .filter((t) => !t.workerdOnly);
    vitest = await startVitest(sandbox);
    const run = (files) => vitest.runTestSpecifications(files.map((f) => vitest.getRootProject().createSpecification(f)));

    const wanted = [...new Set(chosen.map((m) => m.file))];
    const coverOf = new Map(wanted.map((f) => [f, tests.filter((t) => t.files.has(path.join(sandbox, f))).map((t) => t.abs)]));
    // Baseline: each covering test must pass unmutated (one that needs workerd in a way the import scan missed is dropped).
    const passing = new Set();
    const baselineMs = new Map();
    for (const abs of new Set([...coverOf.values()].flat())) {
      const t0 = Date.now();
      const result = await run([abs]);
      if (killedBy(result)) console.warn(`skipped (fails without any mutant, in Node): ${path.relative(sandbox, abs)}`);
      else passing.add(abs);
      baselineMs.set(abs, Date.now() - t0);
    }
    for (const [f, list] of coverOf) coverOf.set(f, list.filter((abs) => passing.has(abs)));

    const results = [];
    for (const file of wanted) {
      const abs = path.join(sandbox, file);
      const original = readFileSync(abs, 'utf8');
      const covering = coverOf.get(file);
      console.log(`\n${file}: ${covering.length ? covering.map((a) => path.relative(sandbox, a)).join(', ') : 'no test runs in Node'}`);
      const limitMs = 3 * covering.reduce((sum, a) => sum + baselineMs.get(a), 0) + 15_000;
      // A fresh vitest for each file: the worker kept across runs would go on
      // using the last mutant of the previous file, restored on disk since.
      await vitest.close();
      vitest = await startVitest(sandbox);
      for (const m of chosen.filter((x) => x.file === file)) {
        const key = [`${mutantKey(m)} | ${m.column}`, mutantKey(m)].find((k) => ignores.has(k));
        if (key) usedIgnores.add(key);
        if (covering.length === 0) {
          results.push({ ...m, status: 'no coverage' });
          process.stdout.write('-');
          continue;
        }
        let status;
        try {
          writeFileSync(abs, applyMutant(original, m));
          vitest.invalidateFile(abs);
          let timer;
          const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), limitMs)));
          const outcome = await Promise.race([run(covering), timedOut]);
          clearTimeout(timer);
          if (outcome === 'timeout') {
            status = 'killed (timeout)';
            // A mutant stuck in a loop blocks its worker: start afresh.
            await Promise.race([vitest.close(), new Promise((r) => setTimeout(r, 5_000))]);
            vitest = await startVitest(sandbox);
          } else status = killedBy(outcome) ? 'killed' : 'survived';
        } finally {
          writeFileSync(abs, original);
          vitest.invalidateFile(abs);
        }
        // An equivalent mutant still runs: were a test to kill it, its ignore entry is wrong.
        if (key && status === 'survived') status = 'ignored';
        else if (key) console.warn(`\nignore entry not needed, a test kills it: ${key}`);
        results.push({ ...m, status, ...(status === 'ignored' ? { reason: ignores.get(key) } : {}) });
        process.stdout.write(status === 'survived' ? 'S' : status === 'ignored' ? 'i' : '.');
      }
    }
    report(results, options, Date.now() - started, ignores, usedIgnores);
  } finally {
    await vitest?.close().catch(() => {});
    cleanUp();
  }
}

function report(results, options, ms, ignores, usedIgnores) {
  const folderOf = (file) => Object.entries(FOLDERS).find(([, d]) => file.startsWith(`${d}/`))[0];
  const counted = results.filter((r) => r.status !== 'ignored');
  const survivors = counted.filter((r) => r.status === 'survived' || r.status === 'no coverage');
  console.log('\n\nSurvivors:');
  for (const r of survivors) console.log(`  ${r.file}:${r.line}:${r.column}  ${r.operator}${r.status === 'no coverage' ? ' (no test runs in Node)' : ''}\n      ${r.lineText}`);
  if (survivors.length === 0) console.log('  none');
  console.log('\nScore (killed / mutants, ignored equivalents left out):');
  const scores = {};
  for (const folder of [...new Set(results.map((r) => folderOf(r.file)))]) {
    const mine = counted.filter((r) => folderOf(r.file) === folder);
    const killed = mine.filter((r) => r.status.startsWith('killed')).length;
    const ignored = results.filter((r) => r.status === 'ignored' && folderOf(r.file) === folder).length;
    const uncovered = mine.filter((r) => r.status === 'no coverage');
    scores[folder] = mine.length ? (100 * killed) / mine.length : 100;
    const note = uncovered.length ? `; ${uncovered.length} of them in files no Node test reaches: ${[...new Set(uncovered.map((r) => path.basename(r.file)))].join(', ')}` : '';
    console.log(`  ${FOLDERS[folder]}: ${scores[folder].toFixed(1)} % (${killed} / ${mine.length} killed, ${ignored} equivalent ignored${note})`);
  }
  console.log(`\nTime: ${(ms / 60_000).toFixed(1)} min`);
  const stale = [...ignores.keys()].filter((k) => !usedIgnores.has(k) && options.files.some((f) => k.startsWith(`${f} |`)));
  if (stale.length && options.limit === Infinity) console.log(`\nIgnore entries that matched no mutant (the code changed: review them):\n  ${stale.join('\n  ')}`);
  if (options.json) writeFileSync(options.json, JSON.stringify({ scores, ms, results }, null, 2));
  if (options.min !== null && Object.values(scores).some((s) => s < options.min)) process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // Exit explicitly: vitest's closed instances can leave handles that would keep the process alive.
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
