// The development SECRETS_KEY: 32 random bytes made once and kept in .parley/
// (git-ignored), so the secrets a local org stores (connected app key, own
// sealing certificate) still open after `npm start` restarts on the same
// storage. `npm start` writes it into .dev.vars (0600, dev-vars.mjs) for
// wrangler dev, unless .dev.vars sets SECRETS_KEY itself; vitest.config.ts
// passes it as a miniflare binding. In production it is a real secret:
// `wrangler secret put SECRETS_KEY`.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEV_SECRETS_KEY_FILE = path.join(ROOT, '.parley/dev-secrets-key');

function readExisting(file) {
  try {
    const key = readFileSync(file, 'utf8').trim();
    if (Buffer.from(key, 'base64').length === 32) return key;
  } catch {
    /* absent: make one */
  }
  return null;
}

/** The Worker's SECRETS_KEY for development, made on first use. */
export function devSecretsVars(file = DEV_SECRETS_KEY_FILE) {
  let key = readExisting(file);
  if (!key) {
    mkdirSync(path.dirname(file), { recursive: true });
    // Written whole, then renamed; if another process raced us, everyone keeps whichever landed last.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, randomBytes(32).toString('base64') + '\n', { mode: 0o600 });
    renameSync(tmp, file);
    key = readExisting(file);
  }
  return { SECRETS_KEY: key };
}
