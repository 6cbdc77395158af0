// What write-back reads of a session (crm/changes.ts), from a stand-in for
// the SessionRoom's store: the cases a real session rarely reaches.
import { describe, expect, it } from 'vitest';
import { readCrmChanges, type CrmChangeSource } from '../../../worker/src/crm/changes';
import { crmLinkOf } from '../../../worker/src/crm/messages';

/** A session created at version 1, linked to a Salesforce contact, with whatever `overrides` change. */
function source(overrides: Partial<CrmChangeSource> = {}): CrmChangeSource {
  return {
    session: () => ({
      id: 'ses_1',
      org_id: 'org_1',
      agent_id: 'agt_1',
      status: 'active',
      crm_system: 'salesforce',
      crm_object: 'Contact',
      crm_record_id: '003000000000001AAA',
      created_at: 1,
      invited_at: null,
      ended_at: null,
      closed_at: null,
    }),
    eventsSince: () => [{ version: 1, type: 'session.created', data: '{}' }],
    version: () => 1,
    findPrimary: () => ({ name: 'Cora', email: 'cora@example.com', phone: null }),
    participant: () => null,
    item: () => null,
    itemCountsByStatus: () => [],
    sealedFile: () => null,
    sealFailure: () => null,
    lastDelivery: () => null,
    lastCompletedAt: () => null,
    acceptedFiles: () => [],
    payment: () => null,
    workflowSteps: () => [],
    ...overrides,
  };
}

describe('the changes write-back reads', () => {
  it('names the primary participant as the customer', () => {
    const changes = readCrmChanges(source(), 0)!;
    expect(changes.session).toMatchObject({ version: 1, customerName: 'Cora', customerEmail: 'cora@example.com', customerPhone: null });
    expect(changes.crm).toEqual({ system: 'salesforce', objectType: 'Contact', recordId: '003000000000001AAA' });
  });

  it('still reads a session without a primary participant, with an empty customer, instead of failing the batch it is in', () => {
    const changes = readCrmChanges(source({ findPrimary: () => null }), 0)!;
    expect(changes.session).toMatchObject({ version: 1, customerName: '', customerEmail: null, customerPhone: null });
  });

  it('reads nothing of a session nobody created', () => {
    expect(readCrmChanges(source({ session: () => null }), 0)).toBeNull();
  });
});

describe('crmLinkOf', () => {
  it('is the linked record of a session row, or null when it has none', () => {
    expect(crmLinkOf({ crm_system: 'hubspot', crm_object: null, crm_record_id: '42' })).toEqual({ system: 'hubspot', objectType: null, recordId: '42' });
    expect(crmLinkOf({ crm_system: null, crm_object: null, crm_record_id: null })).toBeNull();
  });
});
