import { describe, expect, it } from 'vitest';
import { twilioSignature, validTwilioSignature } from '../../../../worker/src/notify/twilio/twilio-signature';

// The worked example of Twilio's request-validation documentation ("Secure
// webhooks", twilio.com/docs/usage/webhooks/webhooks-security, formerly
// twilio.com/docs/usage/security#validating-requests): auth token 12345, a
// voice webhook's POST parameters, and the signature Twilio computes for them.
const TOKEN = '12345';
const URL_ = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMS = (): URLSearchParams =>
  // Deliberately not in sorted order: the algorithm sorts them.
  new URLSearchParams({ To: '+18005551212', CallSid: 'CA1234567890ABCDE', Digits: '1234', From: '+12349013030', Caller: '+12349013030' });
const SIGNATURE = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';

describe('Twilio request signatures', () => {
  it('reproduces the example in Twilio’s documentation', async () => {
    expect(await twilioSignature(TOKEN, URL_, PARAMS())).toBe(SIGNATURE);
    expect(await validTwilioSignature(TOKEN, URL_, PARAMS(), SIGNATURE)).toBe(true);
  });

  it('reproduces the example of twilio-php’s validation guide (same algorithm, other numbers)', async () => {
    const params = new URLSearchParams({ CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' });
    expect(await validTwilioSignature(TOKEN, URL_, params, 'RSOYDt4T1cUTdK1PDd93/VVr8B8=')).toBe(true);
  });

  it('refuses a changed parameter, an added or a missing one', async () => {
    const changed = PARAMS();
    changed.set('Digits', '9999');
    expect(await validTwilioSignature(TOKEN, URL_, changed, SIGNATURE)).toBe(false);
    const added = PARAMS();
    added.set('Body', 'hi');
    expect(await validTwilioSignature(TOKEN, URL_, added, SIGNATURE)).toBe(false);
    const missing = PARAMS();
    missing.delete('Caller');
    expect(await validTwilioSignature(TOKEN, URL_, missing, SIGNATURE)).toBe(false);
  });

  it('refuses another URL, another query string, another token', async () => {
    expect(await validTwilioSignature(TOKEN, 'https://mycompany.com/myapp.php?foo=1&bar=3', PARAMS(), SIGNATURE)).toBe(false);
    expect(await validTwilioSignature(TOKEN, 'https://mycompany.com/myapp.php', PARAMS(), SIGNATURE)).toBe(false);
    expect(await validTwilioSignature(TOKEN, 'http://mycompany.com/myapp.php?foo=1&bar=2', PARAMS(), SIGNATURE)).toBe(false);
    expect(await validTwilioSignature(TOKEN, 'https://evil.example/myapp.php?foo=1&bar=2', PARAMS(), SIGNATURE)).toBe(false);
    expect(await validTwilioSignature('54321', URL_, PARAMS(), SIGNATURE)).toBe(false);
  });

  it('refuses a missing, empty, truncated or altered signature', async () => {
    expect(await validTwilioSignature(TOKEN, URL_, PARAMS(), null)).toBe(false);
    expect(await validTwilioSignature(TOKEN, URL_, PARAMS(), '')).toBe(false);
    expect(await validTwilioSignature(TOKEN, URL_, PARAMS(), SIGNATURE.slice(0, -1))).toBe(false);
    expect(await validTwilioSignature(TOKEN, URL_, PARAMS(), `${SIGNATURE}=`)).toBe(false);
    expect(await validTwilioSignature(TOKEN, URL_, PARAMS(), `1${SIGNATURE.slice(1)}`)).toBe(false);
  });

  it('accepts the URL with and without its port, as Twilio’s libraries do', async () => {
    // Signed without the port, checked against the URL with it written out…
    expect(await validTwilioSignature(TOKEN, 'https://mycompany.com:443/myapp.php?foo=1&bar=2', PARAMS(), SIGNATURE)).toBe(true);
    // …and signed with it, checked against the URL without.
    const withPort = await twilioSignature(TOKEN, 'https://mycompany.com:443/myapp.php?foo=1&bar=2', PARAMS());
    expect(withPort).not.toBe(SIGNATURE);
    expect(await validTwilioSignature(TOKEN, URL_, PARAMS(), withPort)).toBe(true);
    // A non-default port is part of the address too.
    const local = await twilioSignature(TOKEN, 'http://127.0.0.1:8787/twilio/status', PARAMS());
    expect(await validTwilioSignature(TOKEN, 'http://127.0.0.1:8787/twilio/status', PARAMS(), local)).toBe(true);
    expect(await validTwilioSignature(TOKEN, 'http://127.0.0.1:8788/twilio/status', PARAMS(), local)).toBe(false);
  });

  it('sorts by name in code-unit order and keeps every value of a repeated name', async () => {
    // "Body" < "body" < "from": uppercase sorts first, as Twilio's case-sensitive sort does.
    const params = new URLSearchParams([['from', 'x'], ['body', 'b'], ['Body', 'a']]);
    const expected = await hmacBase64(TOKEN, 'https://a.example/hookBodyabodybfromx');
    expect(await twilioSignature(TOKEN, 'https://a.example/hook', params)).toBe(expected);
    const repeated = new URLSearchParams([['MediaUrl', 'z'], ['MediaUrl', 'a']]);
    expect(await twilioSignature(TOKEN, 'https://a.example/hook', repeated)).toBe(await hmacBase64(TOKEN, 'https://a.example/hookMediaUrlaMediaUrlz'));
  });
});

async function hmacBase64(key: string, data: string): Promise<string> {
  const k = await crypto.subtle.importKey('raw', new TextEncoder().encode(key), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  return btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.sign('HMAC', k, new TextEncoder().encode(data)))));
}
