// @salesforce/core's own test setup for commands that touch an org:
// TestContext stubs auth files, config and Connection.request, and
// MockTestOrgData is an authorized org. TestContext normally hooks mocha's
// beforeEach/afterEach; under vitest it is created with setup off and
// started and restored here.
import { afterEach, beforeEach } from 'vitest';
import { MockTestOrgData, TestContext } from '@salesforce/core/testSetup';
import { vitestSinon } from './vitest-sinon.js';

/** A Salesforce org id in the documented 18-character form. */
export const TEST_SF_ORG_ID = '00D5g000004PaRlEAA';

export function salesforceTestContext(): { $$: TestContext; org: () => MockTestOrgData } {
  const $$ = new TestContext({ sinon: vitestSinon, setup: false });
  let org: MockTestOrgData | undefined;
  beforeEach(async () => {
    $$.init();
    org = new MockTestOrgData(TEST_SF_ORG_ID);
    await $$.stubAuths(org);
  });
  afterEach(() => {
    $$.restore();
  });
  return {
    $$,
    org: () => {
      if (!org) throw new Error('the test org exists only inside a test');
      return org;
    },
  };
}
