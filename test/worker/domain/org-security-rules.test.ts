// An org's security settings (worker/src/domain/org-security.ts): which
// origins may open live sockets (https only, localhost over http, exact
// origins, at most 20) and how stored values resolve. Found missing by the
// mutation runner (scripts/mutation.mjs).
import { describe, expect, it } from 'vitest';
import { orgSecurityPatchSchema, orgSecuritySchema, resolveOrgSecurity } from '../../../worker/src/domain/org-security';

const origins = (list: string[]) => orgSecurityPatchSchema.safeParse({ crmOrigins: list }).success;

describe('CRM origins', () => {
  it('takes https origins, and http only for localhost and 127.0.0.1', () => {
    expect(origins(['https://acme.lightning.force.com'])).toBe(true);
    expect(origins(['https://acme.my.salesforce.com:8443'])).toBe(true);
    expect(origins(['http://localhost:3000'])).toBe(true);
    expect(origins(['http://127.0.0.1:8080'])).toBe(true);
    expect(origins(['http://acme.lightning.force.com'])).toBe(false);
    expect(origins(['http://localhost.evil.com'])).toBe(false);
    expect(origins(['ftp://localhost'])).toBe(false);
    expect(origins(['wss://acme.lightning.force.com'])).toBe(false);
  });

  it('takes an exact origin only: no path, no trailing slash, nothing that is no URL', () => {
    expect(origins(['https://acme.lightning.force.com/'])).toBe(false);
    expect(origins(['https://acme.lightning.force.com/lightning'])).toBe(false);
    expect(origins(['acme.lightning.force.com'])).toBe(false);
    expect(origins(['HTTPS://ACME.lightning.force.com'])).toBe(false);
    const issue = orgSecurityPatchSchema.safeParse({ crmOrigins: ['nope'] }).error?.issues[0];
    expect(issue?.message).toBe('must be an origin such as https://acme.lightning.force.com (https, no path, no trailing slash)');
  });

  it('an origin of at most 300 characters', () => {
    // https:// and a host of 63-character labels, the last one shorter.
    const long = (length: number) => {
      let host = '';
      while (8 + host.length < length) host += (host ? '.' : '') + 'a'.repeat(Math.min(63, length - 8 - host.length - (host ? 1 : 0)));
      return `https://${host}`;
    };
    expect(long(300)).toHaveLength(300);
    expect(long(301)).toHaveLength(301);
    expect(origins([long(300)])).toBe(true);
    expect(origins([long(301)])).toBe(false);
  });

  it('at most 20 of them', () => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => `https://crm${i}.example.com`);
    expect(origins(list(20))).toBe(true);
    expect(orgSecurityPatchSchema.safeParse({ crmOrigins: list(21) }).error?.issues[0]?.message).toBe('must list at most 20 origins');
  });
});

describe('resolved security settings', () => {
  it('defaults: no origins, and the CRM makes no admins', () => {
    expect(resolveOrgSecurity(null)).toEqual({ crmOrigins: [], crmMayPromoteAdmins: false });
    expect(resolveOrgSecurity(undefined)).toEqual({ crmOrigins: [], crmMayPromoteAdmins: false });
    expect(resolveOrgSecurity('garbage')).toEqual({ crmOrigins: [], crmMayPromoteAdmins: false });
  });

  it('takes each stored value that still parses, and only those', () => {
    expect(resolveOrgSecurity({ crmMayPromoteAdmins: true })).toEqual({ crmOrigins: [], crmMayPromoteAdmins: true });
    expect(resolveOrgSecurity({ crmOrigins: ['https://a.example.com'], crmMayPromoteAdmins: 'yes' })).toEqual({ crmOrigins: ['https://a.example.com'], crmMayPromoteAdmins: false });
    expect(resolveOrgSecurity({ crmOrigins: ['http://a.example.com'], unknown: 1 })).toEqual({ crmOrigins: [], crmMayPromoteAdmins: false });
  });

  it('the whole schema refuses unknown keys', () => {
    expect(orgSecuritySchema.safeParse({ crmOrigins: [], crmMayPromoteAdmins: false, extra: 1 }).success).toBe(false);
  });
});
