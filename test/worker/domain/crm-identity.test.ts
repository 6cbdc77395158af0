// Who the org key acts for: the Salesforce User Id it is keyed by, and the
// role a CRM-made agent may hold.
import { describe, expect, it } from 'vitest';
import { DEFAULT_ORG_SECURITY, crmAgentRole } from '../../../worker/src/domain/org-security';
import { salesforceUserId } from '../../../worker/src/domain/salesforce-user-id';

describe('salesforceUserId', () => {
  it("gives the 18-character form, with Salesforce's own case-safe suffix", () => {
    // The example Salesforce documents for its suffix (an Account id's digits, with a User's key prefix).
    expect(salesforceUserId('005A0000006Vm9r')).toBe('005A0000006Vm9rIAC');
    expect(salesforceUserId('005000000000001')).toBe('005000000000001AAA');
    expect(salesforceUserId('005Hs00000AbCdE')).toBe('005Hs00000AbCdEIAV');
    // Five upper-case letters in a chunk: the suffix alphabet's last character, 5.
    expect(salesforceUserId('005ZZZZZZZZZZZZ')).toBe('005ZZZZZZZZZZZZY55');
  });

  it('takes the 18-character form as it is, its suffix in either case', () => {
    expect(salesforceUserId('005Hs00000AbCdEIAV')).toBe('005Hs00000AbCdEIAV');
    expect(salesforceUserId('005Hs00000AbCdEiav')).toBe('005Hs00000AbCdEIAV');
  });

  it('refuses what is not a User Id', () => {
    for (const value of [
      '',
      '005Hs00000AbCd', // 14
      '005Hs00000AbCdEI', // 16
      '005Hs00000AbCdEIA', // 17
      '005Hs00000AbCdEIAVX', // 19
      '001Hs00000AbCdE', // an Account
      '00GHs00000AbCdE', // a Group
      '005Hs00000AbCdEIAW', // suffix of another id
      '005hs00000AbCdEIAV', // the 15 characters are case-sensitive: this is another id, whose suffix is AAV
      '005Hs00000AbCd!',
      ' 005Hs00000AbCdE',
      '005Hs00000AbCdE\n',
    ]) {
      expect(salesforceUserId(value), JSON.stringify(value)).toBeNull();
    }
  });
});

describe('crmAgentRole', () => {
  const allowed = { ...DEFAULT_ORG_SECURITY, crmMayPromoteAdmins: true };

  it('makes no admin unless the org allows it', () => {
    expect(DEFAULT_ORG_SECURITY.crmMayPromoteAdmins).toBe(false);
    expect(crmAgentRole('admin', DEFAULT_ORG_SECURITY)).toBe('agent');
    expect(crmAgentRole('admin', allowed)).toBe('admin');
  });

  it('always follows the CRM taking admin away', () => {
    expect(crmAgentRole('agent', DEFAULT_ORG_SECURITY)).toBe('agent');
    expect(crmAgentRole('agent', allowed)).toBe('agent');
  });
});
