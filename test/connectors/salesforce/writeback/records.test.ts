import { describe, expect, it } from 'vitest';
import type { CrmChanges } from '../../../../worker/src/crm/changes';
import { itemRecords, lookupFieldFor, messageDetail, participantRecords, sessionRecord } from '../../../../connectors/salesforce/writeback/records';
import { reachOf } from '../../../../worker/src/domain/session-reach';

const AT = Date.UTC(2026, 10, 21, 9, 30);

function changes(over: Partial<CrmChanges> = {}): CrmChanges {
  return {
    orgId: 'org_0000000000000001',
    sessionId: 'ses_0000000000000001',
    version: 9,
    crm: { system: 'salesforce', objectType: 'Contact', recordId: '003000000000001AAA' },
    session: {
      version: 9,
      status: 'active',
      agentId: 'agt_0000000000000001',
      customerName: 'Ada Lovelace',
      customerEmail: 'ada@example.com',
      customerPhone: null,
      createdAt: AT,
      invitedAt: AT + 1000,
      endedAt: null,
      closedAt: null,
      itemsTotal: 3,
      itemsCompleted: 1,
    },
    participants: [
      { id: 'par_0000000000000001', version: 4, name: 'Ada Lovelace', roleName: 'Customer', primary: true, email: 'ada@example.com', phone: null, status: 'entered', invitedAt: AT, enteredAt: AT + 5000, consentedAt: null, completedAt: null, authStatus: 'none', message: null },
    ],
    items: [
      { id: 'itm_0000000000000001', version: 8, kind: 'template_document', name: 'N'.repeat(100), status: 'completed', reason: null, createdAt: AT, statusChangedAt: AT + 9000, completedAt: AT + 9000, sealed: { key: 'k', sha256: 'ab'.repeat(32) }, sealFailure: null, payment: null, accepted: [], steps: [] },
    ],
    ...over,
  };
}

describe('Salesforce records from Parley changes', () => {
  it('writes the session with its CRM lookup, agent, counts, times in ISO and a workspace link', () => {
    const r = sessionRecord(changes(), { email: 'alice@acme.example', name: 'Alice Agent', salesforceUserId: null }, 'https://parley.example.com');
    expect(r).toMatchObject({
      attributes: { type: 'Parley_Session__c' },
      External_Id__c: 'ses_0000000000000001',
      Version__c: 9,
      Status__c: 'active',
      Contact__c: '003000000000001AAA',
      Record_Id__c: '003000000000001AAA',
      Record_Object__c: 'Contact',
      Agent_Email__c: 'alice@acme.example',
      Created_At__c: '2026-11-21T09:30:00.000Z',
      Ended_At__c: null,
      Items_Total__c: 3,
      Items_Completed__c: 1,
      Workspace_Url__c: 'https://parley.example.com/app/sessions/ses_0000000000000001',
    });
    expect(sessionRecord(changes({ session: null }), undefined, 'https://x.example')).toBeNull();
  });

  it('names who may read the session in Salesforce: the Salesforce user behind the agent, the team and its search space', () => {
    const salesforceAgent = { email: 'alice@acme.example', name: 'Alice Agent', salesforceUserId: '005000000000001AAA' };
    expect(sessionRecord(changes(), salesforceAgent, 'https://x.example', reachOf('Support EMEA', 'team'))).toMatchObject({
      Agent_User_Id__c: '005000000000001AAA',
      Team__c: 'Support EMEA',
      Search_Space__c: 'team',
    });
    // An agent made in Parley has no Salesforce user; a session Parley has not indexed yet reaches nobody else.
    expect(sessionRecord(changes(), { ...salesforceAgent, salesforceUserId: null }, 'https://x.example')).toMatchObject({ Agent_User_Id__c: null, Team__c: null, Search_Space__c: 'mine' });
    // Something that is not a Salesforce id never reaches the 18-character field.
    expect(sessionRecord(changes(), { ...salesforceAgent, salesforceUserId: 'not-a-salesforce-user' }, 'https://x.example')!.Agent_User_Id__c).toBeNull();
    // "team" without a team reaches only the agent in Parley (canSee matches teams), so Salesforce gets mine.
    expect(reachOf(null, 'team')).toEqual({ team: null, searchSpace: 'mine' });
    expect(reachOf(null, 'all')).toEqual({ team: null, searchSpace: 'all' });
    expect((sessionRecord(changes(), undefined, 'https://x.example', reachOf('T'.repeat(100), 'all'))!.Team__c as string).length).toBe(80);
  });

  it('picks the lookup by object name, else by id prefix, and none for ids that are not Salesforce ids', () => {
    expect(lookupFieldFor({ system: 'salesforce', objectType: 'Opportunity', recordId: '006000000000001AAA' })).toBe('Opportunity__c');
    expect(lookupFieldFor({ system: 'salesforce', objectType: null, recordId: '00Q000000000001' })).toBe('Lead__c');
    expect(lookupFieldFor({ system: 'salesforce', objectType: 'case', recordId: '500000000000001AAA' })).toBe('Case__c');
    expect(lookupFieldFor({ system: 'salesforce', objectType: 'Invoice__c', recordId: 'a05000000000001AAA' })).toBeNull();
    expect(lookupFieldFor({ system: 'salesforce', objectType: 'Contact', recordId: 'not-an-id' })).toBeNull();
    expect(lookupFieldFor({ system: 'hubspot', objectType: 'contact', recordId: '003000000000001' })).toBeNull();
    expect(lookupFieldFor(null)).toBeNull();
    const custom = sessionRecord(changes({ crm: { system: 'salesforce', objectType: 'Invoice__c', recordId: 'a05000000000001AAA' } }), undefined, 'https://x.example')!;
    expect(custom).toMatchObject({ Record_Id__c: 'a05000000000001AAA', Record_Object__c: 'Invoice__c' });
    expect(Object.keys(custom).filter((k) => ['Contact__c', 'Lead__c', 'Account__c', 'Opportunity__c', 'Case__c'].includes(k))).toEqual([]);
  });

  it('references the parent session by external id and cuts text to the field lengths', () => {
    const [p] = participantRecords(changes());
    expect(p).toMatchObject({ attributes: { type: 'Parley_Participant__c' }, External_Id__c: 'par_0000000000000001', Version__c: 4, Session__r: { External_Id__c: 'ses_0000000000000001' }, Status__c: 'entered', Primary__c: true });
    const [i] = itemRecords(changes());
    expect(i).toMatchObject({ attributes: { type: 'Parley_Item__c' }, Version__c: 8, Kind__c: 'template_document', Status__c: 'completed', Sealed_Sha256__c: 'ab'.repeat(32) });
    expect((i!.Name as string).length).toBe(80);
    expect((i!.Name as string).endsWith('…')).toBe(true);
  });

  it('leaves out an email longer than a Salesforce Email field holds, instead of losing the record', () => {
    const long = `${'a'.repeat(70)}@example.com`;
    const c = changes();
    const r = sessionRecord({ ...c, session: { ...c.session!, customerEmail: long } }, { email: long, name: 'A', salesforceUserId: null }, 'https://x.example')!;
    expect(r).toMatchObject({ Customer_Email__c: null, Agent_Email__c: null });
    expect(participantRecords({ ...c, participants: [{ ...c.participants[0]!, email: long }] })[0]!.Email__c).toBeNull();
  });

  it('writes what became of the participant\'s last message: its status, and its channel with the reason it did not arrive', () => {
    const c = changes();
    const failed = { channel: 'sms' as const, status: 'failed' as const, reason: 'Unreachable destination handset (Twilio 30003)', at: AT + 7000 };
    const [p] = participantRecords({ ...c, participants: [{ ...c.participants[0]!, message: failed }] });
    expect(p).toMatchObject({ Message_Status__c: 'failed', Message_Detail__c: 'SMS · Unreachable destination handset (Twilio 30003)' });

    const delivered = { channel: 'email' as const, status: 'delivered' as const, reason: null, at: AT + 7000 };
    expect(participantRecords({ ...c, participants: [{ ...c.participants[0]!, message: delivered }] })[0]).toMatchObject({ Message_Status__c: 'delivered', Message_Detail__c: 'Email' });
    // Before any message: both written empty, so nothing stale is left on the record.
    expect(participantRecords(c)[0]).toMatchObject({ Message_Status__c: null, Message_Detail__c: null });
  });

  it('cuts a long reason to the 255 characters Message_Detail__c holds, never between the halves of an emoji', () => {
    const at = AT;
    const long = messageDetail({ channel: 'email', status: 'failed', reason: 'r'.repeat(400), at })!;
    expect(long.length).toBe(255);
    expect(long.startsWith('Email · rrr')).toBe(true);
    expect(long.endsWith('r…')).toBe(true);
    // "Email · " is 8 code units; 245 more puts an emoji's two halves at 253–254, across the cut at 254.
    const emoji = messageDetail({ channel: 'email', status: 'failed', reason: `${'r'.repeat(245)}😀tail`, at })!;
    expect(emoji.length).toBeLessThanOrEqual(255);
    expect(emoji).toBe(`Email · ${'r'.repeat(245)}…`);
    expect(emoji).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no lone high surrogate
    // Exactly 255 is kept whole.
    const exact = 'r'.repeat(247);
    expect(messageDetail({ channel: 'email', status: 'failed', reason: exact, at })).toBe(`Email · ${exact}`);
  });
});
