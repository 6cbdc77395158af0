// Participant links. Each invitation mints a long token (256 bits, for the
// full link) and a short code (22 base62 characters ≈ 131 bits, for /r/:code
// inside one SMS). Only their SHA-256 hashes are stored (directory/participant-links.ts).
import { base64url, randomBase62, randomBytes, sha256Hex } from './crypto';

export const SHORT_CODE_LENGTH = 22;

export interface MintedLink {
  token: string;
  code: string;
  tokenHash: string;
  codeHash: string;
}

export async function mintParticipantLink(): Promise<MintedLink> {
  const token = base64url(randomBytes(32));
  const code = randomBase62(SHORT_CODE_LENGTH);
  return { token, code, tokenHash: await hashLinkSecret(token), codeHash: await hashLinkSecret(code) };
}

export function hashLinkSecret(secret: string): Promise<string> {
  return sha256Hex(`parley-link:${secret}`);
}

/** Cheap shape checks before any lookup, so garbage never reaches storage. */
export function looksLikeToken(s: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(s);
}
export function looksLikeCode(s: string): boolean {
  return new RegExp(`^[0-9A-Za-z]{${SHORT_CODE_LENGTH}}$`).test(s);
}

export function fullLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/room/join/${token}`;
}
export function shortLink(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/$/, '')}/r/${code}`;
}
