// X-HubSpot-Signature-v3, checked against vectors computed the way HubSpot
// documents it (node's crypto, independent of Parley's code): valid, tampered
// body, tampered URI, stale and future timestamps, the decoded characters.
import { describe, expect, it } from 'vitest';
import { checkHubSpotSignature, signedUri, SIGNATURE_MAX_AGE_MS } from '../../../worker/src/auth/hubspot-signature';
import { hubspotSignature } from '../../helpers/hubspot-calls';

const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const NOW = 1_780_000_000_000;
const URI = 'https://parley.example/api/v1/sessions?crmRecordId=51&portalId=24681357&userId=71&userEmail=ada%40acme.example';
const BODY = '{"customer":{"name":"Cora Customer","email":"cora@example.com"}}';

function request(over: Partial<{ method: string; uri: string; body: string; timestamp: string; signature: string }> = {}) {
  const timestamp = String(NOW - 1000);
  // HubSpot signs the URI with %40 decoded: the documented table.
  const signature = hubspotSignature(SECRET, 'POST', URI.replace('%40', '@'), BODY, timestamp);
  return { method: 'POST', uri: URI, body: BODY, timestamp, signature, ...over };
}

describe('checkHubSpotSignature', () => {
  it('accepts a request signed as HubSpot documents', async () => {
    expect(await checkHubSpotSignature(SECRET, request(), NOW)).toEqual({ ok: true });
  });

  it('refuses a changed body, a changed URI, a changed method, another secret', async () => {
    expect(await checkHubSpotSignature(SECRET, request({ body: BODY.replace('Cora', 'Mallory') }), NOW)).toEqual({ ok: false, reason: 'mismatch' });
    expect(await checkHubSpotSignature(SECRET, request({ uri: URI.replace('portalId=24681357', 'portalId=99') }), NOW)).toEqual({ ok: false, reason: 'mismatch' });
    expect(await checkHubSpotSignature(SECRET, request({ method: 'DELETE' }), NOW)).toEqual({ ok: false, reason: 'mismatch' });
    expect(await checkHubSpotSignature('another-secret', request(), NOW)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('refuses a timestamp more than five minutes old or ahead, before any HMAC', async () => {
    const stale = String(NOW - SIGNATURE_MAX_AGE_MS - 1);
    const signature = hubspotSignature(SECRET, 'POST', URI.replace('%40', '@'), BODY, stale);
    expect(await checkHubSpotSignature(SECRET, request({ timestamp: stale, signature }), NOW)).toEqual({ ok: false, reason: 'stale' });
    const ahead = String(NOW + SIGNATURE_MAX_AGE_MS + 1);
    expect(await checkHubSpotSignature(SECRET, request({ timestamp: ahead, signature: hubspotSignature(SECRET, 'POST', URI.replace('%40', '@'), BODY, ahead) }), NOW)).toEqual({ ok: false, reason: 'stale' });
    expect(await checkHubSpotSignature(SECRET, request({ timestamp: 'yesterday' }), NOW)).toEqual({ ok: false, reason: 'stale' });
  });

  it('refuses a timestamp changed after signing, even inside the window', async () => {
    expect(await checkHubSpotSignature(SECRET, request({ timestamp: String(NOW - 2000) }), NOW)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('needs both headers', async () => {
    expect(await checkHubSpotSignature(SECRET, request({ signature: '' }), NOW)).toEqual({ ok: false, reason: 'missing' });
    expect(await checkHubSpotSignature(SECRET, { ...request(), timestamp: undefined }, NOW)).toEqual({ ok: false, reason: 'missing' });
  });

  it('decodes exactly the characters of HubSpot\'s table, in either case, and nothing else', () => {
    expect(signedUri('https://p.example/a%3Ab%2Fc%3Fd%40e%21f%24g%27h%28i%29j%2Ak%2Cl%3Bm')).toBe("https://p.example/a:b/c?d@e!f$g'h(i)j*k,l;m");
    expect(signedUri('https://p.example/x?q=%3a%40')).toBe('https://p.example/x?q=:@');
    // A space, an ampersand and a percent sign stay encoded: decoding them would change what the query means.
    expect(signedUri('https://p.example/x?q=a%20b%26c%25')).toBe('https://p.example/x?q=a%20b%26c%25');
  });
});
