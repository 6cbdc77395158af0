// Secrets an org hands Parley — its connected app's private key, its own
// sealing certificate and that certificate's password — are kept in D1
// encrypted with AES-256-GCM under the Worker secret SECRETS_KEY, so a copy of
// the database (a backup, an export, a leaked dump) reveals none of them.
//
// Stored form: `sb1.<key id>.<iv>.<ciphertext+tag>`, base64url. The key id
// names the key that sealed it, so the key can be rotated: set the new one as
// SECRETS_KEY and the old one as SECRETS_KEY_PREVIOUS; values are opened with
// whichever matches and sealed again with the new one on their next save.
// Each value is bound to where it lives (the "context": column and org), so a
// ciphertext copied to another org's row or another column does not open.
import type { Env } from '../env';
import { base64url, fromBase64url, randomBytes } from './crypto.ts';

/** The keys that seal and open stored secrets. */
export type SecretKeys = Pick<Env, 'SECRETS_KEY' | 'SECRETS_KEY_PREVIOUS'>;
/** What a directory module that keeps sealed secrets in D1 needs. */
export type SecretStore = SecretKeys & Pick<Env, 'DB'>;

const PREFIX = 'sb1';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class SecretsKeyError extends Error {
  override name = 'SecretsKeyError';
}

interface BoxKey {
  id: string;
  key: CryptoKey;
}

// Importing a key and hashing its id cost little, but every write-back opens a
// private key: keep each imported key for the isolate's life.
const imported = new Map<string, Promise<BoxKey>>();

function importKey(name: string, encoded: string): Promise<BoxKey> {
  let key = imported.get(encoded);
  if (!key) {
    key = (async () => {
      let raw: Uint8Array;
      try {
        raw = Uint8Array.from(atob(encoded.trim()), (c) => c.charCodeAt(0));
      } catch {
        throw new SecretsKeyError(`${name} is not base64: make one with \`openssl rand -base64 32\``);
      }
      if (raw.length !== 32) throw new SecretsKeyError(`${name} must be 32 bytes, base64 (it is ${raw.length}): make one with \`openssl rand -base64 32\``);
      const id = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', raw))).slice(0, 8);
      return { id, key: await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']) };
    })();
    key.catch(() => imported.delete(encoded));
    imported.set(encoded, key);
  }
  return key;
}

function currentKey(env: SecretKeys): Promise<BoxKey> {
  if (!env.SECRETS_KEY) throw new SecretsKeyError('SECRETS_KEY is not set: `wrangler secret put SECRETS_KEY` with the output of `openssl rand -base64 32`');
  return importKey('SECRETS_KEY', env.SECRETS_KEY);
}

/** Encrypts `plaintext` for storage at `context` (e.g. "crm_connections.private_key:org_…"). */
export async function sealSecret(env: SecretKeys, plaintext: string, context: string): Promise<string> {
  const { id, key } = await currentKey(env);
  const iv = randomBytes(12);
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(context) }, key, encoder.encode(plaintext));
  return [PREFIX, id, base64url(iv), base64url(new Uint8Array(sealed))].join('.');
}

/**
 * The plaintext of a stored value. Throws SecretsKeyError when no configured
 * key opens it, and for a value without the `sb1.` prefix: Parley seals
 * everything it stores, so a plaintext value was put there by someone else
 * (a hand-edited row, a write through some other hole), and taking it as the
 * secret would let whoever wrote it choose, say, an org's token key.
 */
export async function openSecret(env: SecretKeys, stored: string, context: string): Promise<string> {
  if (!stored.startsWith(`${PREFIX}.`)) throw new SecretsKeyError(`the secret stored at ${context} is not sealed (no "${PREFIX}." prefix): Parley does not use a secret kept in plaintext`);
  const [, id, iv, sealed] = stored.split('.');
  const ivBytes = fromBase64url(iv ?? '');
  const sealedBytes = fromBase64url(sealed ?? '');
  if (!id || !ivBytes || ivBytes.length !== 12 || !sealedBytes) throw new SecretsKeyError(`the secret stored at ${context} is malformed`);
  const candidates = [await currentKey(env)];
  if (env.SECRETS_KEY_PREVIOUS) candidates.push(await importKey('SECRETS_KEY_PREVIOUS', env.SECRETS_KEY_PREVIOUS));
  const match = candidates.find((k) => k.id === id);
  if (!match) throw new SecretsKeyError(`the secret stored at ${context} was sealed with key ${id}, which is neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS`);
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: ivBytes, additionalData: encoder.encode(context) }, match.key, sealedBytes);
    return decoder.decode(plain);
  } catch {
    throw new SecretsKeyError(`the secret stored at ${context} does not open: it was altered or belongs elsewhere`);
  }
}
