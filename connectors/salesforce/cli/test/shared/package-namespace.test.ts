// The namespace the sf plugin finds for the Parley package (package-namespace.ts)
// and the developer names of the credentials it derives from it.
import { describe, expect, it } from 'vitest';
import { NAMESPACE_PATTERN, qualifiedName } from '../../src/shared/package-namespace.js';
import { ParleyOrgSetup } from '../../src/shared/parley-org-setup.js';

describe('the Parley package namespace', () => {
  it("follows Salesforce's rule: a letter first, 1 to 15 letters, digits or single underscores", () => {
    // Salesforce's own examples first.
    for (const ok of ['myNp123', 'my_np', 'a', 'abcdefghijklmno']) expect(NAMESPACE_PATTERN.test(ok), ok).toBe(true);
    for (const bad of ['123Company', 'my__np', '_np', 'np_', 'abcdefghijklmnop', 'my-np', '']) expect(NAMESPACE_PATTERN.test(bad), bad).toBe(false);
  });

  it('qualifies a developer name only when there is a namespace', () => {
    expect(qualifiedName('Parley', '')).toBe('Parley');
    expect(qualifiedName('Parley', 'acme')).toBe('acme__Parley');
  });

  it('names the credentials the setup calls, and refuses a namespace that would reach SOQL unchecked', () => {
    const connection = { getApiVersion: () => '64.0' } as unknown as ConstructorParameters<typeof ParleyOrgSetup>[0];
    expect(new ParleyOrgSetup(connection)).toMatchObject({ namedCredential: 'Parley', externalCredential: 'Parley' });
    expect(new ParleyOrgSetup(connection, 'acme')).toMatchObject({ namedCredential: 'acme__Parley', externalCredential: 'acme__Parley' });
    expect(() => new ParleyOrgSetup(connection, "x' OR Name != '")).toThrow(/not a Salesforce namespace prefix/);
  });
});
