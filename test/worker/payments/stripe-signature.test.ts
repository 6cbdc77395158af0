// Stripe-Signature, checked against Stripe's own worked example (the event
// fixture, secret, timestamp and signature of Stripe's SDK test suite; the
// fixture's bytes include its final newline) and the ways a header can lie.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import fixture from '../../fixtures/stripe/event_test_signature.json?raw';
import { parseSignatureHeader, stripeSignature, verifyStripeSignature } from '../../../worker/src/payments/stripe-signature';

const body = new TextEncoder().encode(fixture);
const SECRET = 'webhook_secret';
const T = 1533204620;
const V1 = '2220f87ef101a04665f11cdf770523143f875572008577fa0f20882ddb9cc3c7';
const HEADER = `t=${T},v1=${V1},v0=63f3a72374a733066c4be69ed7f8e5ac85c22c9f0a6a612ab9a025a9e4ee7eef`;
const at = (seconds: number) => seconds * 1000;

describe('Stripe-Signature', () => {
  it("reproduces Stripe's documented example byte for byte", async () => {
    expect(body.length).toBe(484);
    expect(await stripeSignature(SECRET, T, body)).toBe(V1);
    expect(await verifyStripeSignature(SECRET, HEADER, body, at(T + 100))).toBe(true);
  });

  it('refuses a changed body, another secret, or a body without its final newline', async () => {
    const changed = new TextEncoder().encode(fixture + 'this_changes_the_json');
    expect(await verifyStripeSignature(SECRET, HEADER, changed, at(T))).toBe('no Stripe-Signature v1 signature matches this endpoint secret');
    expect(await verifyStripeSignature('whsec_other', HEADER, body, at(T))).toBe('no Stripe-Signature v1 signature matches this endpoint secret');
    expect(await verifyStripeSignature(SECRET, HEADER, body.subarray(0, body.length - 1), at(T))).not.toBe(true);
  });

  it('refuses a delivery signed more than five minutes away, either way', async () => {
    expect(await verifyStripeSignature(SECRET, HEADER, body, at(T + 300))).toBe(true);
    expect(await verifyStripeSignature(SECRET, HEADER, body, at(T + 400))).toBe('Stripe-Signature timestamp is outside the five-minute tolerance');
    expect(await verifyStripeSignature(SECRET, HEADER, body, at(T - 400))).toBe('Stripe-Signature timestamp is outside the five-minute tolerance');
  });

  it('accepts any matching v1 among several (a secret being rolled) and ignores v0', async () => {
    const rolled = `t=${T},v1=${'de'.repeat(32)},v1=${V1}`;
    expect(await verifyStripeSignature(SECRET, rolled, body, at(T))).toBe(true);
    expect(await verifyStripeSignature(SECRET, `t=${T},v0=${V1}`, body, at(T))).toBe('Stripe-Signature has no v1 signature');
  });

  it('says what is wrong with a malformed header', () => {
    expect(parseSignatureHeader(null)).toBe('missing Stripe-Signature header');
    for (const header of [`t=,v1=${V1}`, 't,v1=,v0=', ',,', 't']) expect(typeof parseSignatureHeader(header)).toBe('string');
    expect(parseSignatureHeader(`v1=${V1}`)).toBe('Stripe-Signature has no timestamp (t=)');
  });

  it('never accepts a signature made with another secret or timestamp', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1 }), fc.integer({ min: 1, max: 299 }), async (other, shift) => {
        fc.pre(other !== SECRET);
        const forged = `t=${T + shift},v1=${await stripeSignature(other, T + shift, body)},v1=${V1}`;
        expect(await verifyStripeSignature(SECRET, forged, body, at(T + shift))).not.toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});
