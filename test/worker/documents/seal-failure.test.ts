// The reason a failed seal shows to agents and the CRM: what kind of failure
// it was, in words, never a stack or the secret parts of an address.
import { describe, expect, it } from 'vitest';
import { SealSourceMissingError, sealFailureReason, withoutUrlSecrets } from '../../../worker/src/documents/seal-failure';
import { SignerIdentityError } from '../../../worker/src/documents/signer-identity';
import { TimestampError } from '../../../worker/src/documents/timestamp';
import { FlattenError } from '../../../worker/src/documents/flatten';

describe('the reason of a failed seal', () => {
  it('names the kind of failure and keeps its message', () => {
    expect(sealFailureReason(new TimestampError('the timestamp authority https://tsa.example answered HTTP 503'))).toBe(
      'the timestamp authority did not give a timestamp: the timestamp authority https://tsa.example answered HTTP 503',
    );
    expect(sealFailureReason(new SignerIdentityError('the PKCS#12 file holds no private key'))).toBe('the sealing certificate cannot be used: the PKCS#12 file holds no private key');
    expect(sealFailureReason(new FlattenError('field "sig" is on page 3, but the document has 2'))).toBe(
      'the signed values cannot be drawn into the PDF: field "sig" is on page 3, but the document has 2',
    );
    expect(sealFailureReason(new SealSourceMissingError('original PDF missing at orgs/org_1/x.pdf'))).toBe('the original PDF is missing from storage');
  });

  it('never passes on an unknown error, a stack or a thrown value', () => {
    const unknown = 'an unexpected error stopped the seal (the service log has the details, under "seal_failed")';
    const err = new TypeError("Cannot read properties of undefined (reading 'x')");
    expect(sealFailureReason(err)).toBe(unknown);
    expect(sealFailureReason('D1_ERROR: no such table')).toBe(unknown);
    expect(sealFailureReason(undefined)).toBe(unknown);
  });

  it('keeps only the scheme and host of an address: no credentials, path or query', () => {
    const reason = sealFailureReason(new TimestampError('the timestamp authority https://user:s3cret@tsa.example:8443/api/tsr?key=abc123 cannot be reached: timeout.'));
    expect(reason).toBe('the timestamp authority did not give a timestamp: the timestamp authority https://tsa.example:8443 cannot be reached: timeout.');
    expect(reason).not.toMatch(/s3cret|abc123|user|\/api/);
    expect(withoutUrlSecrets('see http://[::1 here')).toBe('see (an address) here');
  });

  it('is at most 300 characters, on one line', () => {
    const reason = sealFailureReason(new SignerIdentityError(`line one\n  line two ${'x'.repeat(400)}`));
    expect(reason).toHaveLength(300);
    expect(reason).toMatch(/^the sealing certificate cannot be used: line one line two x+…$/);
  });
});
