// Local development helpers shared by `npm start`, the e2e tests and `npm
// run bench`: apply the D1 migrations, run `wrangler dev` as a child process
// group that can be stopped as a whole, and ask it for the demo org and
// tokens (POST /dev/demo-org: the Worker seeds it with its own directory code).
//
// Everything runs on this machine: wrangler's local mode (workerd + Miniflare)
// with its storage under the given persist directory.
import { buildClient } from '../build-client.mjs';
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEV_CERTIFICATE_FILE, devSealingVars } from './dev-certificate.mjs';
import { DEV_SECRETS_KEY_FILE, devSecretsVars } from './dev-secrets-key.mjs';
import { devVarValue, writeDevVars } from './dev-vars.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WRANGLER_JS = path.join(ROOT, 'node_modules/wrangler/bin/wrangler.js');
const DB_NAME = 'parley';

/** Environment for every wrangler child: no prompts, no telemetry. */
function wranglerEnv(extra = {}) {
  return { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', ...extra };
}

const execFileP = promisify(execFile);

/** Runs a one-shot wrangler command (same Node as this script) and returns its stdout. */
async function wrangler(args, { timeoutMs = 120_000 } = {}) {
  try {
    const { stdout } = await execFileP(process.execPath, [WRANGLER_JS, ...args], {
      cwd: ROOT,
      env: wranglerEnv(),
      timeout: timeoutMs,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (err) {
    const detail = [err.stdout, err.stderr].filter(Boolean).join('\n').trim();
    throw new Error(`wrangler ${args.slice(0, 3).join(' ')} failed${err.killed ? ' (timed out)' : ''}:\n${detail || err.message}`);
  }
}

/** Applies every D1 migration in worker/migrations to the local database under persistDir. */
export async function applyMigrations(persistDir) {
  await wrangler(['d1', 'migrations', 'apply', DB_NAME, '--local', '--persist-to', persistDir]);
}

/**
 * The demo org of a running Parley (Demo Org, team Front desk, agent Alex
 * Agent, admin Ada Admin), made the first time; later starts find it again,
 * so its ids, secret and data are kept. With tokens for the agent and the
 * admin, valid ttlHours: API tokens, and sign-in link tokens for the
 * workspace (/app/sign-in takes only those).
 * @returns {Promise<{ orgId: string, teamId: string, agentId: string, adminId: string, agentToken: string, adminToken: string, agentSignInToken: string, adminSignInToken: string, expiresAt: string }>}
 */
export async function seedDemoOrg(url, { ttlHours = 24 } = {}) {
  const res = await fetch(`${url}/dev/demo-org`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ttlHours }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`seeding the demo org: POST /dev/demo-org answered ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/**
 * Seals the secrets a local store from before they were sealed still keeps
 * in plaintext (the Worker refuses to read those): `npm start` runs it before
 * the demo seed, which reads the org's key.
 * @returns {Promise<Record<string, number>>} how many values of each column it sealed
 */
export async function sealPlaintextSecrets(url) {
  const res = await fetch(`${url}/dev/seal-plaintext-secrets`, { method: 'POST', signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`sealing plaintext secrets: POST /dev/seal-plaintext-secrets answered ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text).sealed;
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Whether something already listens on 127.0.0.1:port. */
export function portInUse(port) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(true));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(false)));
  });
}

/**
 * The secrets Parley's wrangler dev needs, in .dev.vars (0600; dev-vars.mjs),
 * where wrangler dev reads them: the sealing certificate (SEAL_P12 with
 * SEAL_P12_PASSWORD) and the key stored secrets are encrypted with
 * (SECRETS_KEY). One that .dev.vars sets itself is kept; a missing one gets
 * the development value, made once in .parley/. `development` names those
 * that hold the development value (added now or on an earlier start).
 * @param {string} [file] .dev.vars (another path in tests)
 */
export function writeDevSecrets(file) {
  const written = writeDevVars(
    ['SEAL_P12', 'SECRETS_KEY'],
    (missing) => ({ ...(missing.includes('SEAL_P12') ? devSealingVars() : {}), ...(missing.includes('SECRETS_KEY') ? devSecretsVars() : {}) }),
    file,
  );
  const text = readFileSync(written.file, 'utf8');
  const isDevelopment = (name, devFile, devValues) => existsSync(devFile) && devVarValue(text, name) === devValues()[name];
  const development = [
    ...(isDevelopment('SEAL_P12', DEV_CERTIFICATE_FILE, devSealingVars) ? ['SEAL_P12'] : []),
    ...(isDevelopment('SECRETS_KEY', DEV_SECRETS_KEY_FILE, devSecretsVars) ? ['SECRETS_KEY'] : []),
  ];
  return { ...written, development };
}

/**
 * `wrangler dev`'s arguments (startWrangler's options). Only what is not
 * secret goes on the command line, which anyone on the machine can read: the
 * secrets are in .dev.vars.
 */
export function wranglerDevArgs({ port, persistDir, inspectorPort, config, vars = {} }) {
  const args = [WRANGLER_JS, 'dev', '--port', String(port), '--ip', '127.0.0.1', '--persist-to', persistDir];
  args.push('--inspector-port', String(inspectorPort), '--show-interactive-dev-session=false');
  if (config) args.push('--config', config);
  const allVars = { DEV_ROUTES: 'true', PUBLIC_URL: `http://127.0.0.1:${port}`, ...vars };
  for (const [k, v] of Object.entries(allVars)) args.push('--var', `${k}:${v}`);
  return args;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const running = new Set();
// If this script dies without stopping its servers, take them down with it.
process.once('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

/**
 * Starts `wrangler dev` on 127.0.0.1:port in its own process group and waits
 * (at most readyTimeoutMs) until GET /healthz answers 200.
 *
 * Parley itself also gets its development secrets, in .dev.vars
 * (writeDevSecrets()). options.config: another wrangler config (the bench's
 * echo worker, which gets none); options.vars: extra --var values, never a
 * secret (the command line is readable by all); options.onOutput(line): wrangler's output,
 * line by line (the last lines are also quoted if it fails to start).
 * Returns { url, pid, stop(), exited } — stop() ends the whole group (wrangler
 * and its workerd) and resolves once wrangler has exited.
 */
export async function startWrangler({ port, persistDir, vars = {}, config, onOutput, readyTimeoutMs = 90_000 }) {
  // What browsers load (client scripts, pdf.js) is built first into public/.
  await buildClient({ quiet: true });
  const url = `http://127.0.0.1:${port}`;
  if (!config) writeDevSecrets();
  const args = wranglerDevArgs({ port, persistDir, inspectorPort: await freePort(), config, vars });

  const child = spawn(process.execPath, args, { cwd: ROOT, env: wranglerEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const tail = [];
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop();
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 40) tail.shift();
        onOutput?.(line);
      }
    });
  }
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  let hasExited = false;
  exited.then(() => (hasExited = true));

  const stop = async (graceMs = 10_000) => {
    if (!hasExited) {
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }
    killGroup(child, 'SIGKILL'); // any workerd left behind in the group
  };

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (hasExited) {
      const { code, signal } = await exited;
      throw new Error(`wrangler dev exited (${signal ?? `code ${code}`}) before ${url}/healthz answered:\n${tail.join('\n')}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev did not answer ${url}/healthz within ${readyTimeoutMs / 1000} s:\n${tail.join('\n')}`);
    }
    await sleep(250);
  }
  return { url, pid: child.pid, stop, exited };
}
