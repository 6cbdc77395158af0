// A session's changes as the Salesforce write-back receives them, with every
// record present (session, one participant, one item) and the session linked
// to a CRM record of the given object, so the Worker's record builders
// (connectors/salesforce/writeback/records.ts) emit every field they write.
// metadata.test.ts checks the integration permission set against them.
import type { CrmChanges } from '../../worker/src/crm/changes';

const AT = Date.UTC(2026, 10, 21, 9, 30);

export function writtenChanges(objectType: string, recordId: string): CrmChanges {
  return {
    orgId: 'org_0000000000000001',
    sessionId: 'ses_0000000000000001',
    version: 9,
    crm: { system: 'salesforce', objectType, recordId },
    session: {
      version: 9,
      status: 'active',
      agentId: 'agt_0000000000000001',
      customerName: 'Ada Lovelace',
      customerEmail: 'ada@example.com',
      customerPhone: '+15555550100',
      createdAt: AT,
      invitedAt: AT + 1000,
      endedAt: AT + 2000,
      closedAt: AT + 3000,
      itemsTotal: 1,
      itemsCompleted: 1,
    },
    participants: [
      {
        id: 'par_0000000000000001',
        version: 4,
        name: 'Ada Lovelace',
        roleName: 'Customer',
        primary: true,
        email: 'ada@example.com',
        phone: '+15555550100',
        status: 'completed',
        invitedAt: AT,
        enteredAt: AT + 500,
        consentedAt: AT + 600,
        completedAt: AT + 900,
        authStatus: 'none',
        message: { channel: 'sms', status: 'delivered', reason: null, at: AT + 100 },
      },
    ],
    items: [
      {
        id: 'itm_0000000000000001',
        version: 8,
        kind: 'template_document',
        name: 'Agreement',
        status: 'completed',
        reason: null,
        createdAt: AT,
        statusChangedAt: AT + 900,
        completedAt: AT + 900,
        sealed: { key: 'sealed/itm_0000000000000001.pdf', sha256: 'ab'.repeat(32) },
        sealFailure: null,
        payment: null,
        accepted: [],
        steps: [],
      },
      {
        id: 'itm_0000000000000002',
        version: 9,
        kind: 'payment',
        name: 'Deposit',
        status: 'completed',
        reason: null,
        createdAt: AT,
        statusChangedAt: AT + 950,
        completedAt: AT + 950,
        sealed: null,
        sealFailure: null,
        payment: { amount: 12_500, currency: 'usd', state: 'partially_refunded', amountRefunded: 2500, paidAt: AT, updatedAt: AT },
        accepted: [],
        steps: [],
      },
    ],
  };
}
