import { describe, expect, it } from 'vitest';
import { trustedSiteUrl } from '../../src/shared/parley-org-setup.js';

describe('trusted site URLs for a Worker', () => {
  it('gives the https origin for the page site and the same host under wss for the socket site', () => {
    const worker = new URL('https://parley.example.com:8443/base/');
    expect(trustedSiteUrl(worker, false)).toBe('https://parley.example.com:8443');
    expect(trustedSiteUrl(worker, true)).toBe('wss://parley.example.com:8443');
  });

  it('uses ws for a Worker on this machine', () => {
    expect(trustedSiteUrl(new URL('http://127.0.0.1:8787'), true)).toBe('ws://127.0.0.1:8787');
  });
});
