// `npm run deploy` against a fake Cloudflare account: a wrangler that keeps
// the account's state in memory and answers in wrangler's own output formats.
// Run twice, the second run creates nothing and says so.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deploy, PLACEHOLDER_DATABASE_ID, PLACEHOLDER_PUBLIC_URL, type WranglerResult } from '../../../scripts/deploy.mjs';

const ok = (stdout = ''): WranglerResult => ({ status: 0, stdout, stderr: '' });

/** A Cloudflare account as wrangler shows it. */
function fakeAccount({ signedIn = true } = {}) {
  const state = { databases: [] as Array<{ uuid: string; name: string }>, buckets: [] as string[], queues: [] as string[], secrets: new Map<string, string>(), migrated: 0, deployed: 0 };
  const calls: string[] = [];
  const wrangler = (args: string[], options: { input?: string } = {}): WranglerResult => {
    const line = args.join(' ');
    calls.push(line);
    if (line === 'whoami --json') return signedIn ? ok(JSON.stringify({ email: 'ops@acme.test', accounts: [{ id: 'a1', name: 'Acme' }] })) : { status: 1, stdout: '', stderr: 'You are not authenticated' };
    if (line === 'd1 list --json') return ok(JSON.stringify(state.databases.map((d) => ({ ...d, created_at: '2026-12-01T00:00:00Z', version: 'production' }))));
    if (args[0] === 'd1' && args[1] === 'create') {
      state.databases.push({ uuid: `5b0f6c1e-${String(state.databases.length).padStart(4, '0')}-4a7e-9d0b-1c2d3e4f5a6b`, name: args[2]! });
      return ok(`✅ Successfully created DB '${args[2]}'`);
    }
    if (line === 'r2 bucket list') return ok(`Listing buckets...\n${state.buckets.map((b) => `name:           ${b}\ncreation_date:  2026-12-01T00:00:00.000Z\n`).join('\n')}`);
    if (args[0] === 'r2' && args[1] === 'bucket' && args[2] === 'create') return state.buckets.push(args[3]!), ok(`✅ Created bucket '${args[3]}'`);
    if (line === 'queues list') {
      const rows = state.queues.map((q, i) => `│ 0f${i}a9c2d4e6f8a0b1c2d3e4f5a6b7c8d │ ${q.padEnd(22)} │ 2026-12-01 │ 2026-12-01 │ 0 │ 0 │`);
      return ok(['┌────┬────┐', '│ id │ name │ created_on │ modified_on │ producers │ consumers │', ...rows, '└────┴────┘'].join('\n'));
    }
    if (args[0] === 'queues' && args[1] === 'create') return state.queues.push(args[2]!), ok(`✅ Created queue ${args[2]}`);
    if (args[0] === 'd1' && args[1] === 'migrations') return (state.migrated += 1), ok('No migrations to apply!');
    if (args[0] === 'secret' && args[1] === 'list') return ok(JSON.stringify([...state.secrets.keys()].map((name) => ({ name, type: 'secret_text' }))));
    if (args[0] === 'secret' && args[1] === 'put') return state.secrets.set(args[2]!, options.input ?? ''), ok('✨ Success! Uploaded secret');
    if (args[0] === 'deploy') return (state.deployed += 1), ok('Deployed parley');
    return { status: 1, stdout: '', stderr: `fake wrangler: unexpected command "${line}"` };
  };
  return { state, calls, wrangler };
}

function productionConfig(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'parley-deploy-'));
  const file = path.join(dir, 'wrangler.toml');
  // The real file: whatever it declares for production is what deploy fills in.
  writeFileSync(file, readFileSync(path.resolve('wrangler.toml'), 'utf8'));
  return file;
}

const p12 = () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'parley-p12-')), 'seal.p12');
  writeFileSync(file, Buffer.from([0x30, 0x82, 0x01, 0x02]));
  return file;
};

describe('npm run deploy', () => {
  it('creates what is missing, fills in wrangler.toml, stores the secrets, deploys; a second run creates nothing', async () => {
    const account = fakeAccount();
    const configPath = productionConfig();
    const env = { PARLEY_PUBLIC_URL: 'https://parley.acme.test/', SEAL_P12_FILE: p12(), SEAL_P12_PASSWORD: 'pw' };
    const first: string[] = [];
    await deploy({ wrangler: account.wrangler, ask: async () => '', say: (l) => first.push(l), configPath, env, build: false });

    expect(account.state.databases.map((d) => d.name)).toEqual(['parley']);
    expect(account.state.buckets).toEqual(['parley-files']);
    expect(account.state.queues.sort()).toEqual(['crm-writeback', 'crm-writeback-1', 'crm-writeback-2', 'crm-writeback-3', 'crm-writeback-dlq', 'outbound-messages', 'outbound-messages-dlq']);
    expect([...account.state.secrets.keys()].sort()).toEqual(['SEAL_P12', 'SEAL_P12_PASSWORD', 'SECRETS_KEY']);
    // Enter at the SECRETS_KEY question makes a new 32-byte key; the .p12 goes up as base64.
    expect(Buffer.from(account.state.secrets.get('SECRETS_KEY')!, 'base64')).toHaveLength(32);
    expect(account.state.secrets.get('SEAL_P12')).toBe('MIIBAg==');
    expect(account.state.migrated).toBe(1);
    expect(account.state.deployed).toBe(1);
    expect(account.calls).toContain('d1 migrations apply parley --remote --env production');
    expect(account.calls).toContain('deploy --env production');

    const toml = readFileSync(configPath, 'utf8');
    const production = toml.slice(toml.indexOf('[env.production'));
    expect(production).toContain(`database_id = "${account.state.databases[0]!.uuid}"`);
    expect(production).toContain('PUBLIC_URL = "https://parley.acme.test"');
    expect(toml).not.toContain(PLACEHOLDER_DATABASE_ID);
    expect(toml).not.toContain(PLACEHOLDER_PUBLIC_URL);
    // Development keeps its own settings.
    expect(toml.slice(0, toml.indexOf('[env.production'))).toContain('PUBLIC_URL = "http://127.0.0.1:8787"');
    expect(first.join('\n')).toMatch(/created/);

    const second: string[] = [];
    const callsBefore = account.calls.length;
    await deploy({ wrangler: account.wrangler, ask: async () => { throw new Error('asked again'); }, say: (l) => second.push(l), configPath, env: {}, build: false });
    const secondCalls = account.calls.slice(callsBefore);
    expect(secondCalls.filter((c) => / create /.test(` ${c} `) || c.startsWith('secret put'))).toEqual([]);
    expect(second.join('\n')).not.toMatch(/created|stored|written/);
    expect(second.join('\n')).toMatch(/exists/);
    expect(readFileSync(configPath, 'utf8')).toBe(toml);
    expect(account.state.deployed).toBe(2);
  });

  it("stores HubSpot's and the providers' secrets only when the environment gives them, all of a group or none", async () => {
    const account = fakeAccount();
    const configPath = productionConfig();
    const base = { PARLEY_PUBLIC_URL: 'https://parley.acme.test', SEAL_P12_FILE: p12(), SEAL_P12_PASSWORD: 'pw' };
    const said: string[] = [];
    const hubspot = { HUBSPOT_CLIENT_ID: 'client-id', HUBSPOT_CLIENT_SECRET: 'client-secret', HUBSPOT_APP_ID: '4242' };
    await deploy({ wrangler: account.wrangler, ask: async () => '', say: (l) => said.push(l), configPath, env: { ...base, ...hubspot }, build: false });
    expect(account.state.secrets.get('HUBSPOT_CLIENT_SECRET')).toBe('client-secret');
    expect(account.state.secrets.has('TWILIO_AUTH_TOKEN')).toBe(false);
    expect(said.join('\n')).toContain("Parley's own Twilio account: not set (set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN in the environment to use it)");

    const again: string[] = [];
    await deploy({ wrangler: account.wrangler, ask: async () => { throw new Error('asked again'); }, say: (l) => again.push(l), configPath, env: {}, build: false });
    expect(again.join('\n')).toContain("Parley's HubSpot app: already set");

    await expect(
      deploy({ wrangler: fakeAccount().wrangler, ask: async () => '', say: () => {}, configPath: productionConfig(), env: { ...base, HUBSPOT_CLIENT_ID: 'only-this' }, build: false }),
    ).rejects.toThrow(/HUBSPOT_CLIENT_SECRET, HUBSPOT_APP_ID missing/);
  });

  it('stops with what to do when not signed in, before touching anything', async () => {
    const account = fakeAccount({ signedIn: false });
    const configPath = productionConfig();
    await expect(deploy({ wrangler: account.wrangler, ask: async () => '', say: () => {}, configPath, env: {}, build: false })).rejects.toThrow(/wrangler login/);
    expect(account.calls).toEqual(['whoami --json']);
  });

  it('refuses a public URL that is not https, naming it', async () => {
    const account = fakeAccount();
    await expect(
      deploy({ wrangler: account.wrangler, ask: async () => '', say: () => {}, configPath: productionConfig(), env: { PARLEY_PUBLIC_URL: 'http://parley.acme.test' }, build: false }),
    ).rejects.toThrow(/PARLEY_PUBLIC_URL: "http:\/\/parley.acme.test" is not an https origin/);
    expect(account.state.deployed).toBe(0);
  });

  it('names the missing .p12 file rather than storing an empty secret', async () => {
    const account = fakeAccount();
    await expect(
      deploy({ wrangler: account.wrangler, ask: async () => '', say: () => {}, configPath: productionConfig(), env: { PARLEY_PUBLIC_URL: 'https://p.acme.test', SEAL_P12_FILE: '/nonexistent/seal.p12' }, build: false }),
    ).rejects.toThrow(/SEAL_P12_FILE: cannot read \/nonexistent\/seal.p12 \(ENOENT\)/);
    expect(account.state.secrets.has('SEAL_P12')).toBe(false);
    expect(account.state.deployed).toBe(0);
  });
});

describe('wrangler.toml [env.production]', () => {
  const toml = readFileSync(path.resolve('wrangler.toml'), 'utf8');
  const production = toml.slice(toml.indexOf('[env.production'));

  it('has no development routes and no development address', () => {
    expect(production).not.toMatch(/DEV_ROUTES/);
    expect(production).not.toMatch(/127\.0\.0\.1|localhost/);
  });

  it('declares every binding development has (bindings are not inherited by environments)', () => {
    const bindings = (text: string) => [...text.matchAll(/^(?:binding|name) = "([A-Z_]+)"/gm)].map((m) => m[1]).sort();
    const development = toml.slice(0, toml.indexOf('[env.production'));
    expect(bindings(production)).toEqual(bindings(development));
  });
});
