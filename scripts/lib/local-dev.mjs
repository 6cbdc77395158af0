// Local development helpers shared by `npm start` and `npm run bench`:
// apply the D1 migrations, seed a demo org, mint agent tokens, and run
// `wrangler dev` as a child process group that can be stopped as a whole.
//
// Everything runs on this machine: wrangler's local mode (workerd + Miniflare)
// with its storage under the given persist directory.
import { buildClient } from '../build-client.mjs';
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
// The Worker's own code, imported directly (Node 24 strips the types): one
// signer and one id format for the Worker, the tests and these scripts.
import { signAgentToken } from '../../worker/src/auth/agent-token.ts';
import { newId } from '../../worker/src/auth/crypto.ts';
import { openOrgSecret, sealOrgSecret } from '../../worker/src/directory/agents.ts';
import { devSealingVars } from './dev-certificate.mjs';
import { devSecretsVars } from './dev-secrets-key.mjs';

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

/** Runs SQL against the local database and returns the rows of its last statement. */
async function d1(persistDir, sql) {
  const out = await wrangler(['d1', 'execute', DB_NAME, '--local', '--persist-to', persistDir, '--json', '--command', sql]);
  const start = out.indexOf('[');
  if (start < 0) throw new Error(`wrangler d1 execute printed no JSON:\n${out}`);
  const results = JSON.parse(out.slice(start));
  return results.at(-1)?.results ?? [];
}

const DEMO = {
  org: 'Demo Org',
  team: 'Front desk',
  agent: { name: 'Alex Agent', email: 'alex.agent@demo-org.example', role: 'agent' },
  admin: { name: 'Ada Admin', email: 'ada.admin@demo-org.example', role: 'admin' },
};

const q = (s) => `'${String(s).replaceAll("'", "''")}'`;

/**
 * Creates, where absent, the demo org with one team, one agent in that team
 * and one admin; then reads the rows back. Safe to run on every start: an
 * existing demo org keeps its ids and secret, so earlier tokens stay valid.
 */
export async function seedDemoOrg(persistDir) {
  const at = Date.now();
  // The org's token key is stored sealed, as the Worker keeps it, under the key wrangler dev gets.
  const keys = { SECRETS_KEY: secretsKey() };
  const orgId = newId('org');
  const sealedSecret = await sealOrgSecret(keys, orgId, randomBytes(32).toString('hex'));
  // The demo org is the oldest org named "Demo Org".
  const org = `(SELECT id FROM orgs WHERE name = ${q(DEMO.org)} ORDER BY created_at, id LIMIT 1)`;
  const team = `(SELECT id FROM teams WHERE org_id = ${org} AND name = ${q(DEMO.team)})`;
  const agentRow = (a, teamSql) =>
    `INSERT INTO agents (id, org_id, team_id, email, name, role, created_at)
       SELECT ${q(newId('agt'))}, ${org}, ${teamSql}, ${q(a.email)}, ${q(a.name)}, ${q(a.role)}, ${at}
       WHERE NOT EXISTS (SELECT 1 FROM agents WHERE org_id = ${org} AND email = ${q(a.email)});`;
  const rows = await d1(
    persistDir,
    `INSERT INTO orgs (id, name, secret, created_at)
       SELECT ${q(orgId)}, ${q(DEMO.org)}, ${q(sealedSecret)}, ${at}
       WHERE NOT EXISTS (SELECT 1 FROM orgs WHERE name = ${q(DEMO.org)});
     INSERT INTO teams (id, org_id, name, created_at)
       SELECT ${q(newId('tem'))}, ${org}, ${q(DEMO.team)}, ${at}
       WHERE ${team} IS NULL;
     ${agentRow(DEMO.agent, team)}
     ${agentRow(DEMO.admin, 'NULL')}
     SELECT o.id AS orgId, o.secret AS secret, ${team} AS teamId,
       (SELECT id FROM agents WHERE org_id = o.id AND email = ${q(DEMO.agent.email)}) AS agentId,
       (SELECT id FROM agents WHERE org_id = o.id AND email = ${q(DEMO.admin.email)}) AS adminId
     FROM orgs o WHERE o.id = ${org};`,
  );
  const seed = rows[0];
  if (!seed?.orgId || !seed.secret || !seed.teamId || !seed.agentId || !seed.adminId) {
    throw new Error(`seeding the demo org did not read back complete rows: ${JSON.stringify(rows)}`);
  }
  const secret = await openOrgSecret(keys, seed.orgId, seed.secret);
  return { orgId: seed.orgId, secret, agentId: seed.agentId, adminId: seed.adminId, teamId: seed.teamId };
}

/** An agent API token for one of the seeded org's agents, valid for ttlHours. */
export function mintToken(seed, agentId, ttlHours = 24) {
  return signAgentToken({ org: seed.orgId, sub: agentId, exp: Math.floor(Date.now() / 1000) + Math.round(ttlHours * 3600) }, seed.secret);
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
 * The secrets Parley's wrangler dev needs, each made once in .parley/: the
 * development sealing certificate (SEAL_P12, SEAL_P12_PASSWORD) and the key
 * stored secrets are encrypted with (SECRETS_KEY). One that .dev.vars sets
 * itself wins and is left out here.
 */
export function devVars() {
  return {
    ...(fromDevVarsFile('SEAL_P12') !== null ? {} : devSealingVars()),
    ...(fromDevVarsFile('SECRETS_KEY') !== null ? {} : devSecretsVars()),
  };
}

/** The SECRETS_KEY wrangler dev runs with: .dev.vars's own, else the development one. */
export function secretsKey() {
  return fromDevVarsFile('SECRETS_KEY') ?? devSecretsVars().SECRETS_KEY;
}

/** A variable's value in .dev.vars (NAME=value or NAME="value"), or null. */
function fromDevVarsFile(name) {
  let text;
  try {
    text = readFileSync(path.join(ROOT, '.dev.vars'), 'utf8');
  } catch {
    return null; // no .dev.vars
  }
  const match = new RegExp(`^\\s*${name}\\s*=\\s*"?([^"\\n]*)"?\\s*$`, 'm').exec(text);
  return match ? match[1].trim() : null;
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
 * Parley itself also gets its development secrets (devVars()).
 * options.config: another wrangler config (the bench's echo worker);
 * options.vars: extra --var values; options.onOutput(line): wrangler's output,
 * line by line (the last lines are also quoted if it fails to start).
 * Returns { url, pid, stop(), exited } — stop() ends the whole group (wrangler
 * and its workerd) and resolves once wrangler has exited.
 */
export async function startWrangler({ port, persistDir, vars = {}, config, onOutput, readyTimeoutMs = 90_000 }) {
  // What browsers load (client scripts, pdf.js) is built first into public/.
  await buildClient({ quiet: true });
  const url = `http://127.0.0.1:${port}`;
  const allVars = { DEV_ROUTES: 'true', PUBLIC_URL: url, ...(config ? {} : devVars()), ...vars };
  const args = [WRANGLER_JS, 'dev', '--port', String(port), '--ip', '127.0.0.1', '--persist-to', persistDir];
  args.push('--inspector-port', String(await freePort()), '--show-interactive-dev-session=false');
  if (config) args.push('--config', config);
  for (const [k, v] of Object.entries(allVars)) args.push('--var', `${k}:${v}`);

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
