// npm start's secrets reach wrangler dev through a .dev.vars readable by its
// owner only, never through the command line (which every user can read).
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { devVarValue, writeDevVars } from '../../../scripts/lib/dev-vars.mjs';

/** What scripts/lib/local-dev.mjs exports that this file uses (it is plain JS). */
interface LocalDev {
  writeDevSecrets(file?: string): { file: string; own: string[]; added: string[]; madePrivate: boolean; development: string[] };
  wranglerDevArgs(o: { port: number; persistDir: string; inspectorPort: number; config?: string; vars?: Record<string, string> }): string[];
}
const localDev = () => import(/* @vite-ignore */ new URL('../../../scripts/lib/local-dev.mjs', import.meta.url).href) as Promise<LocalDev>;

const modeOf = async (file: string) => (await stat(file)).mode & 0o777;
const values = { SECRETS_KEY: 'a2V5'.repeat(11), SEAL_P12: 'cDEy', SEAL_P12_PASSWORD: 'pw-123' };
const valuesFor = (missing: string[]) => ({
  ...(missing.includes('SEAL_P12') ? { SEAL_P12: values.SEAL_P12, SEAL_P12_PASSWORD: values.SEAL_P12_PASSWORD } : {}),
  ...(missing.includes('SECRETS_KEY') ? { SECRETS_KEY: values.SECRETS_KEY } : {}),
});

let dir: string;
let file: string;
let umask: number;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'parley-dev-vars-'));
  file = path.join(dir, '.dev.vars');
  umask = process.umask(0); // nothing taken off: the mode is the one the file was created with
});
afterEach(async () => {
  process.umask(umask);
  await rm(dir, { recursive: true, force: true });
});

describe('.dev.vars', () => {
  it('is created readable and writable by its owner only (0600), holding every secret', async () => {
    const r = writeDevVars(['SEAL_P12', 'SECRETS_KEY'], valuesFor, file);
    expect(await modeOf(file)).toBe(0o600);
    expect(r).toMatchObject({ own: [], added: ['SEAL_P12', 'SEAL_P12_PASSWORD', 'SECRETS_KEY'], madePrivate: false });
    const text = await readFile(file, 'utf8');
    for (const [name, value] of Object.entries(values)) expect(devVarValue(text, name)).toBe(value);
    expect(text).toContain(`SECRETS_KEY="${values.SECRETS_KEY}"`);
  });

  it("keeps the developer's own values, adds only what is missing, and leaves a complete file alone", async () => {
    await writeFile(file, 'SEAL_P12="mine"\nSEAL_P12_PASSWORD=also-mine\nOTHER=1', { mode: 0o600 });
    const r = writeDevVars(['SEAL_P12', 'SECRETS_KEY'], valuesFor, file);
    expect(r).toMatchObject({ own: ['SEAL_P12'], added: ['SECRETS_KEY'] });
    const text = await readFile(file, 'utf8');
    expect(devVarValue(text, 'SEAL_P12')).toBe('mine');
    expect(devVarValue(text, 'SEAL_P12_PASSWORD')).toBe('also-mine');
    expect(devVarValue(text, 'OTHER')).toBe('1');
    expect(devVarValue(text, 'SECRETS_KEY')).toBe(values.SECRETS_KEY);

    const before = (await stat(file)).ino;
    const again = writeDevVars(['SEAL_P12', 'SECRETS_KEY'], () => expect.unreachable('nothing is missing'), file);
    expect(again).toMatchObject({ own: ['SEAL_P12', 'SECRETS_KEY'], added: [], madePrivate: false });
    expect((await stat(file)).ino).toBe(before);
  });

  it('replaces one readable by others with a 0600 file of the same content', async () => {
    await writeFile(file, 'SEAL_P12=x\nSECRETS_KEY=y\n', { mode: 0o644 });
    const r = writeDevVars(['SEAL_P12', 'SECRETS_KEY'], valuesFor, file);
    expect(r.madePrivate).toBe(true);
    expect(await modeOf(file)).toBe(0o600);
    expect(await readFile(file, 'utf8')).toBe('SEAL_P12=x\nSECRETS_KEY=y\n');
  });
});

describe('npm start and wrangler dev', () => {
  it("write the development secrets into .dev.vars (0600): the sealing certificate and SECRETS_KEY kept in .parley/", async () => {
    const { writeDevSecrets } = await localDev();
    const r = writeDevSecrets(file);
    expect(await modeOf(file)).toBe(0o600);
    expect(r.added).toEqual(['SEAL_P12', 'SEAL_P12_PASSWORD', 'SECRETS_KEY']);
    expect(r.development).toEqual(['SEAL_P12', 'SECRETS_KEY']);
    const { devSecretsVars } = await import('../../../scripts/lib/dev-secrets-key.mjs');
    expect(devVarValue(await readFile(file, 'utf8'), 'SECRETS_KEY')).toBe(devSecretsVars().SECRETS_KEY);
  });

  it('put no secret on the command line: the one npm start, the e2e setup and the bench run', async () => {
    const { wranglerDevArgs } = await localDev();
    const args = wranglerDevArgs({ port: 8790, persistDir: dir, inspectorPort: 9230 });
    expect(args).toContain('DEV_ROUTES:true');
    expect(args).toContain('PUBLIC_URL:http://127.0.0.1:8790');
    expect(args.join(' ')).not.toMatch(/SECRETS_KEY|SEAL_P12/);
  });
});
