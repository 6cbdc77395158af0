// Why a seal failed, in words an agent can read and an admin can act on.
// The reason is shown in the workspace, stored in the session's event log
// and written to the CRM, so it is built from what the failure is, never
// from a stack, and never carries an address's credentials, path or query
// (a TSA URL may hold an access key). What is not a known kind of failure
// is named as such; the full message goes to the operator's log only.
//
// Failures are told apart by their error's name, not instanceof: importing
// the error classes would pull the PDF libraries into the Worker's startup,
// which sealing loads only when it seals.

/** Long enough for any reason below; a CRM text field and a page line stay readable. */
const MAX_REASON = 300;

/** The stored original PDF is gone: nothing to seal until it is put back. */
export class SealSourceMissingError extends Error {
  override name = 'SealSourceMissingError';
}

/** The reason to show for a failed seal. */
export function sealFailureReason(err: unknown): string {
  const name = err instanceof Error ? err.name : '';
  const message = err instanceof Error ? err.message : '';
  if (name === 'TimestampError') return shown(`the timestamp authority did not give a timestamp: ${message}`);
  if (name === 'SignerIdentityError') return shown(`the sealing certificate cannot be used: ${message}`);
  if (name === 'FlattenError') return shown(`the signed values cannot be drawn into the PDF: ${message}`);
  if (name === 'SealSourceMissingError') return 'the original PDF is missing from storage';
  return 'an unexpected error stopped the seal (the service log has the details, under "seal_failed")';
}

function shown(text: string): string {
  const clean = withoutUrlSecrets(text).replace(/\s+/g, ' ').trim();
  return clean.length > MAX_REASON ? `${clean.slice(0, MAX_REASON - 1)}…` : clean;
}

/** Each URL in the text reduced to its scheme and host: no user, password, path or query. */
export function withoutUrlSecrets(text: string): string {
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, (raw) => {
    // A sentence may end right after the URL: keep its punctuation outside.
    const [, url = raw, tail = ''] = /^(.*?)([.,;:)]*)$/.exec(raw) ?? [];
    try {
      const u = new URL(url);
      return `${u.protocol}//${u.host}${tail}`;
    } catch {
      return `(an address)${tail}`;
    }
  });
}
