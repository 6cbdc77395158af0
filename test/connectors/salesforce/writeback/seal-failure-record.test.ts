// A signed document Parley gave up sealing, as its Salesforce item record
// shows it: the status stays (it is signed), the reason says why it is not
// sealed, and a reason someone gave (a decline) is never overwritten.
import { describe, expect, it } from 'vitest';
import type { CrmChanges } from '../../../../worker/src/crm/changes';
import { itemReason, itemRecords } from '../../../../connectors/salesforce/writeback/records';

const AT = Date.UTC(2026, 10, 17, 10);
const item = (over: Partial<CrmChanges['items'][number]> = {}): CrmChanges['items'][number] => ({
  id: 'itm_0000000000000001',
  version: 12,
  kind: 'adhoc_document',
  name: 'Loan agreement',
  status: 'in_progress',
  reason: null,
  createdAt: AT,
  statusChangedAt: AT,
  completedAt: null,
  sealed: null,
  sealFailure: null,
  payment: null,
  accepted: [],
  steps: [],
  ...over,
});

describe('a seal failure on the Salesforce item record', () => {
  it('is the reason, with the number of tries and what to do', () => {
    const failed = item({ sealFailure: { reason: 'the sealing certificate cannot be used: the PKCS#12 file holds no private key', attempts: 7, failedAt: AT + 63 * 60_000 } });
    const changes = { orgId: 'org_1', sessionId: 'ses_1', version: 12, crm: null, session: null, participants: [], items: [failed] } satisfies CrmChanges;
    expect(itemRecords(changes)[0]).toMatchObject({
      External_Id__c: 'itm_0000000000000001',
      Version__c: 12,
      Status__c: 'in_progress',
      Reason__c: 'Sealing failed after 7 tries: the sealing certificate cannot be used: the PKCS#12 file holds no private key. An admin can retry it from the session in Parley.',
      Sealed_Sha256__c: null,
    });
  });

  it('leaves a given reason alone, and is empty when nothing failed', () => {
    expect(itemReason(item({ reason: 'wrong address', sealFailure: { reason: 'x', attempts: 7, failedAt: AT } }))).toBe('wrong address');
    expect(itemReason(item())).toBeNull();
  });
});
