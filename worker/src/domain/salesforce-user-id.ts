// A Salesforce User Id as the org key's calls name their user: what keys a
// CRM-made agent, so it must be one id per person whatever form it arrives in.
// Pure: no I/O.

/** Salesforce's case-safe suffix: one letter per 5 characters, saying which of them are upper case. */
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** A User's id: key prefix 005, then 12 characters (15, case-sensitive), optionally the 3-character suffix (18). */
const USER_ID = /^(005[0-9A-Za-z]{12})([0-9A-Za-z]{3})?$/;

function caseSafeSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id15[chunk * 5 + i]!;
      if (ch >= 'A' && ch <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
}

/**
 * The 18-character form of a Salesforce User Id given in either form, or null
 * when it is not one: another object's id, a wrong length, or an 18-character
 * id whose suffix does not match its first 15 characters (a mistyped id must
 * not become a second agent for the same person).
 */
export function salesforceUserId(value: string): string | null {
  const m = USER_ID.exec(value);
  if (!m) return null;
  const id15 = m[1]!;
  const suffix = caseSafeSuffix(id15);
  // Salesforce reads the suffix case-insensitively; the 15 characters before it are case-sensitive.
  if (m[2] !== undefined && m[2].toUpperCase() !== suffix) return null;
  return id15 + suffix;
}
