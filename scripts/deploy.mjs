// `npm run deploy`: Parley on a real Cloudflare account, production
// environment of wrangler.toml. Every step first looks at what exists, creates
// only what is missing, and says what it did, so running it again is safe:
//
//   1. signed in to Cloudflare (wrangler login, or CLOUDFLARE_API_TOKEN)
//   2. the D1 database, its id written into [env.production] of wrangler.toml
//   3. the R2 bucket
//   4. the queues and their dead-letter queues
//   5. the rate limiters (declared in wrangler.toml: nothing to create)
//   6. the public URL, written into [env.production.vars]
//   7. the D1 migrations, applied remotely
//   8. the secrets the Worker needs (wrangler secret put), asked for when missing
//   9. the browser files built, then wrangler deploy --env production
//
// Answers may come from the environment instead of a prompt (for a pipeline):
// PARLEY_PUBLIC_URL, SECRETS_KEY, SEAL_P12_FILE (a .p12 file; its base64 is
// stored as SEAL_P12) and SEAL_P12_PASSWORD. The optional providers' and
// HubSpot's secrets come only from there (OPTIONAL_SECRETS). WRANGLER names the wrangler to run
// (tests use a fake one).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENV = 'production';

/** What production needs, as wrangler.toml's [env.production] names it. */
export const RESOURCES = {
  database: 'parley',
  bucket: 'parley-files',
  queues: ['crm-writeback', 'crm-writeback-1', 'crm-writeback-2', 'crm-writeback-3', 'crm-writeback-dlq', 'outbound-messages', 'outbound-messages-dlq'],
};

/** wrangler.toml's placeholders until the first deploy fills them in. */
export const PLACEHOLDER_DATABASE_ID = '00000000-0000-4000-8000-000000000000';
export const PLACEHOLDER_PUBLIC_URL = 'https://parley.invalid';

/** The secrets the production Worker reads (worker/src/env.ts). */
export const SECRETS = [
  { name: 'SECRETS_KEY', ask: 'SECRETS_KEY: 32 random bytes, base64, that encrypt the secrets orgs hand Parley (Enter makes a new one; keep a copy somewhere safe)', generate: () => randomBytes(32).toString('base64') },
  { name: 'SEAL_P12', ask: 'SEAL_P12_FILE: path to the PKCS#12 (.p12) file of the certificate that seals documents', file: true },
  { name: 'SEAL_P12_PASSWORD', ask: 'SEAL_P12_PASSWORD: the password of that .p12 file' },
];

/**
 * Secrets of what an operator may leave off (README: Messages, HubSpot):
 * taken from the environment only, never asked for, so a deploy without them
 * runs unattended and a later one still asks nothing. Each group is all or
 * nothing: half of HubSpot's app cannot work.
 */
export const OPTIONAL_SECRETS = [
  { feature: "Parley's own Twilio account", names: ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN'], also: ['TWILIO_FROM_NUMBER', 'TWILIO_MESSAGING_SERVICE_SID'] },
  { feature: "Parley's own email account", names: ['EMAIL_API_KEY', 'EMAIL_FROM_ADDRESS', 'EMAIL_WEBHOOK_SECRET'], also: [] },
  { feature: "Parley's HubSpot app", names: ['HUBSPOT_CLIENT_ID', 'HUBSPOT_CLIENT_SECRET', 'HUBSPOT_APP_ID'], also: [] },
];

/** Runs wrangler; `input` goes to its stdin; `show` lets its output through to the terminal. */
export function wranglerRunner(command = process.env.WRANGLER ?? path.join(root, 'node_modules/.bin/wrangler')) {
  return (args, { input, show = false } = {}) => {
    const r = spawnSync(command, args, { cwd: root, input, encoding: 'utf8', stdio: [input === undefined && show ? 'inherit' : 'pipe', show ? 'inherit' : 'pipe', show ? 'inherit' : 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    if (r.error) throw new Error(`could not run wrangler: ${r.error.message}`);
    return { status: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  };
}

function must(result, what) {
  if (result.status !== 0) throw new Error(`${what} failed:\n${(result.stderr || result.stdout).trim()}`);
  return result.stdout;
}

/** The production section of wrangler.toml, rewritten in place: a key's value inside [env.production…] blocks only. */
export function setProductionValue(toml, key, from, to) {
  const start = toml.indexOf('[env.production');
  if (start < 0) throw new Error('wrangler.toml has no [env.production] section');
  const head = toml.slice(0, start);
  const tail = toml.slice(start).replace(`${key} = "${from}"`, `${key} = "${to}"`);
  return head + tail;
}

function productionValue(toml, key) {
  const start = toml.indexOf('[env.production');
  return new RegExp(`^${key} = "([^"]*)"`, 'm').exec(toml.slice(start))?.[1] ?? null;
}

/**
 * The whole deploy. `wrangler` runs wrangler, `ask` asks the person at the
 * terminal, `say` reports a step; all three are swapped in tests.
 */
export async function deploy({ wrangler = wranglerRunner(), ask, say = console.log, configPath = path.join(root, 'wrangler.toml'), env = process.env, build = true } = {}) {
  let toml = readFileSync(configPath, 'utf8');
  const saveToml = (next, what) => {
    toml = next;
    writeFileSync(configPath, toml);
    say(`  ${what} (written into wrangler.toml [env.production]: commit it)`);
  };

  say('1. Cloudflare account');
  const who = wrangler(['whoami', '--json']);
  if (who.status !== 0) throw new Error('not signed in to Cloudflare: run `npx wrangler login` (or set CLOUDFLARE_API_TOKEN), then `npm run deploy` again');
  const account = JSON.parse(who.stdout);
  say(`  signed in as ${account.email ?? 'an API token'}${account.accounts?.[0] ? ` (${account.accounts[0].name})` : ''}`);

  say(`2. D1 database "${RESOURCES.database}"`);
  let database = JSON.parse(must(wrangler(['d1', 'list', '--json']), 'listing D1 databases')).find((d) => d.name === RESOURCES.database);
  if (database) say(`  exists (${database.uuid})`);
  else {
    must(wrangler(['d1', 'create', RESOURCES.database]), `creating D1 database ${RESOURCES.database}`);
    database = JSON.parse(must(wrangler(['d1', 'list', '--json']), 'listing D1 databases')).find((d) => d.name === RESOURCES.database);
    if (!database) throw new Error(`D1 database ${RESOURCES.database} was created but is not listed`);
    say(`  created (${database.uuid})`);
  }
  const configured = productionValue(toml, 'database_id');
  if (configured !== database.uuid) saveToml(setProductionValue(toml, 'database_id', configured, database.uuid), `database_id set to ${database.uuid}`);

  say(`3. R2 bucket "${RESOURCES.bucket}"`);
  const buckets = must(wrangler(['r2', 'bucket', 'list']), 'listing R2 buckets');
  if (new RegExp(`^name:\\s+${RESOURCES.bucket}\\s*$`, 'm').test(buckets)) say('  exists');
  else {
    must(wrangler(['r2', 'bucket', 'create', RESOURCES.bucket]), `creating R2 bucket ${RESOURCES.bucket}`);
    say('  created');
  }

  say('4. Queues');
  const queues = must(wrangler(['queues', 'list']), 'listing queues');
  for (const queue of RESOURCES.queues) {
    if (new RegExp(`[│|]\\s*${queue}\\s*[│|]`).test(queues)) say(`  ${queue}: exists`);
    else {
      must(wrangler(['queues', 'create', queue]), `creating queue ${queue}`);
      say(`  ${queue}: created`);
    }
  }

  say('5. Rate limiters');
  const limiters = [...toml.slice(toml.indexOf('[env.production')).matchAll(/^\[\[env\.production\.ratelimits\]\]\s*\nname = "([^"]+)"/gm)].map((m) => m[1]);
  say(`  declared in wrangler.toml, made by the deploy itself: ${limiters.join(', ') || 'none'}`);

  say('6. Public URL');
  let publicUrl = productionValue(toml, 'PUBLIC_URL');
  if (!publicUrl || publicUrl === PLACEHOLDER_PUBLIC_URL) {
    const given = (env.PARLEY_PUBLIC_URL ?? (await ask('PARLEY_PUBLIC_URL: the https URL customers will reach Parley on (e.g. https://parley.example.com or https://parley.<you>.workers.dev)'))).trim().replace(/\/$/, '');
    if (!/^https:\/\/[^/\s]+$/.test(given)) throw new Error(`PARLEY_PUBLIC_URL: "${given}" is not an https origin such as https://parley.example.com`);
    saveToml(setProductionValue(toml, 'PUBLIC_URL', publicUrl ?? PLACEHOLDER_PUBLIC_URL, given), `PUBLIC_URL set to ${given}`);
    publicUrl = given;
  } else say(`  ${publicUrl}`);

  say('7. D1 migrations (remote)');
  must(wrangler(['d1', 'migrations', 'apply', RESOURCES.database, '--remote', '--env', ENV], { show: true }), 'applying the D1 migrations');

  say('8. Secrets');
  const listed = wrangler(['secret', 'list', '--env', ENV, '--format', 'json']);
  // A Worker not yet deployed has no secrets to list.
  const present = new Set(listed.status === 0 ? JSON.parse(listed.stdout).map((s) => s.name) : []);
  for (const secret of SECRETS) {
    if (present.has(secret.name)) {
      say(`  ${secret.name}: already set`);
      continue;
    }
    const value = await secretValue(secret, env, ask);
    must(wrangler(['secret', 'put', secret.name, '--env', ENV], { input: value }), `storing ${secret.name}`);
    say(`  ${secret.name}: stored`);
  }
  for (const group of OPTIONAL_SECRETS) {
    const given = [...group.names, ...group.also].filter((name) => env[name]?.trim());
    const missing = group.names.filter((name) => !env[name]?.trim());
    if (given.length === 0) {
      const stored = group.names.filter((name) => present.has(name));
      say(`  ${group.feature}: ${stored.length ? 'already set' : `not set (set ${group.names.join(', ')} in the environment to use it)`}`);
      continue;
    }
    if (missing.length) throw new Error(`${group.feature}: ${missing.join(', ')} missing beside ${given.join(', ')}; set all of ${group.names.join(', ')}`);
    for (const name of given) {
      must(wrangler(['secret', 'put', name, '--env', ENV], { input: env[name].trim() }), `storing ${name}`);
      say(`  ${name}: stored`);
    }
  }

  say('9. Deploy');
  if (build) {
    const { buildClient } = await import('./build-client.mjs');
    await buildClient({ quiet: true });
    say('  browser files built into public/');
  }
  must(wrangler(['deploy', '--env', ENV], { show: true }), 'wrangler deploy');
  say(`\nParley is deployed: ${publicUrl}`);
}

async function secretValue(secret, env, ask) {
  const fromEnv = secret.file ? env[`${secret.name}_FILE`] : env[secret.name];
  const answer = (fromEnv ?? (await ask(secret.ask))).trim();
  if (secret.file) {
    if (!answer) throw new Error(`${secret.name}_FILE: give the path of a .p12 file`);
    try {
      return readFileSync(answer).toString('base64');
    } catch (err) {
      throw new Error(`${secret.name}_FILE: cannot read ${answer} (${err.code ?? err.message})`);
    }
  }
  if (!answer && secret.generate) return secret.generate();
  if (!answer) throw new Error(`${secret.name}: a value is needed`);
  return answer;
}

/** Asks at the terminal; without one, says which environment variable to set instead. */
async function askAtTerminal(question) {
  if (!process.stdin.isTTY) throw new Error(`no terminal to ask at: set ${question.split(':')[0]} in the environment`);
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(`  ${question}\n  > `);
  } finally {
    rl.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await deploy({ ask: askAtTerminal });
  } catch (err) {
    console.error(`\nDeploy stopped: ${err.message}`);
    process.exit(1);
  }
}
