// The org key: how an org's CRM (a Salesforce Named Credential) signs its
// calls to Parley. `pk.<orgId>.<256 random bits>`: the org id says whose hash
// to compare with; only the SHA-256 of the key is stored, and the key is shown
// once, when it is made.
import { base64url, randomBytes, sha256Hex, timingSafeEqual } from './crypto';
import { idPattern } from '../contract/ids';

const KEY = new RegExp(`^pk\\.(${idPattern('org')})\\.([A-Za-z0-9_-]{43})$`);

export async function newCrmKey(orgId: string): Promise<{ key: string; hash: string }> {
  const key = `pk.${orgId}.${base64url(randomBytes(32))}`;
  return { key, hash: await sha256Hex(key) };
}

/** The org a key claims to belong to, or null when it is not a key at all. */
export function crmKeyOrg(key: string): string | null {
  return KEY.exec(key)?.[1] ?? null;
}

export async function crmKeyMatches(key: string, storedHash: string | null): Promise<boolean> {
  if (!storedHash) return false;
  return timingSafeEqual(await sha256Hex(key), storedHash);
}
