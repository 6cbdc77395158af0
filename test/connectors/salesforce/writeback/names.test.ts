// The org's spelling of Parley's names (connectors/salesforce/writeback/
// names.ts): without a namespace every record the write-back builds goes out
// exactly as records.ts makes it; with one, every custom name in it (object,
// field, relationship, and the fields of a parent's reference) carries the
// namespace exactly once and nothing else changes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CrmChanges } from '../../../../worker/src/crm/changes';
import { DELIVERY_STATUSES, ITEM_KINDS, ITEM_STATUSES, PARTICIPANT_STATUSES, PAYMENT_STATES, SESSION_STATUSES } from '../../../../worker/src/domain/catalogue';
import { NAMESPACE_PATTERN, orgNames } from '../../../../connectors/salesforce/writeback/names';
import { EXTERNAL_ID, itemRecords, participantRecords, sessionRecord, SESSION_OBJECT, type SObjectRecord } from '../../../../connectors/salesforce/writeback/records';
import { reachOf } from '../../../../worker/src/domain/session-reach';

const AT = Date.UTC(2026, 10, 21, 9, 30);

/** Salesforce's documented namespace examples, and a few edges of the rule. */
const VALID = ['myNp123', 'my_np', 'a', 'acme', 'A1_b2_C3', 'abcdefghijklmno'];
const INVALID = ['123Company', 'my__np', '_acme', 'acme_', 'abcdefghijklmnop', 'ac-me', 'ac me', 'acmé', ''];

const time = fc.option(fc.integer({ min: AT, max: AT + 86_400_000 }), { nil: null });
const text = fc.string({ maxLength: 140 });
const email = fc.option(fc.constantFrom('ada@example.com', `${'x'.repeat(80)}@example.com`), { nil: null });

const crmLink = fc.constantFrom<CrmChanges['crm']>(
  null,
  { system: 'salesforce', objectType: 'Contact', recordId: '003000000000001AAA' },
  { system: 'salesforce', objectType: null, recordId: '00Q000000000001AAA' },
  { system: 'salesforce', objectType: 'Account', recordId: '001000000000001AAA' },
  { system: 'salesforce', objectType: 'Opportunity', recordId: '006000000000001AAA' },
  { system: 'salesforce', objectType: 'Case', recordId: '500000000000001AAA' },
  { system: 'salesforce', objectType: 'Invoice__c', recordId: 'a05000000000001AAA' },
  { system: 'hubspot', objectType: 'contacts', recordId: '12345' },
);

const session = fc.record({
  version: fc.nat(),
  status: fc.constantFrom(...SESSION_STATUSES),
  agentId: fc.constant('agt_0000000000000001'),
  customerName: text,
  customerEmail: email,
  customerPhone: fc.option(fc.constant('+15555550100'), { nil: null }),
  createdAt: fc.constant(AT),
  invitedAt: time,
  endedAt: time,
  closedAt: time,
  itemsTotal: fc.nat(20),
  itemsCompleted: fc.nat(20),
});

const participant = fc.record({
  id: fc.constantFrom('par_0000000000000001', 'par_0000000000000002'),
  version: fc.nat(),
  name: text,
  roleName: text,
  primary: fc.boolean(),
  email,
  phone: fc.option(fc.constant('+15555550101'), { nil: null }),
  status: fc.constantFrom(...PARTICIPANT_STATUSES),
  invitedAt: time,
  enteredAt: time,
  consentedAt: time,
  completedAt: time,
  authStatus: fc.constantFrom('none', 'passed'),
  message: fc.option(fc.record({ channel: fc.constantFrom('sms' as const, 'email' as const), status: fc.constantFrom(...DELIVERY_STATUSES), reason: fc.option(text, { nil: null }), at: fc.constant(AT) }), { nil: null }),
});

const item = fc.record({
  id: fc.constantFrom('itm_0000000000000001', 'itm_0000000000000002'),
  version: fc.nat(),
  kind: fc.constantFrom(...ITEM_KINDS),
  name: text,
  status: fc.constantFrom(...ITEM_STATUSES),
  reason: fc.option(text, { nil: null }),
  createdAt: fc.constant(AT),
  statusChangedAt: fc.constant(AT),
  completedAt: time,
  sealed: fc.option(fc.constant({ key: 'sealed/k.pdf', sha256: 'ab'.repeat(32) }), { nil: null }),
  sealFailure: fc.option(fc.constant({ reason: 'TSA unreachable', attempts: 5, failedAt: AT }), { nil: null }),
  payment: fc.option(fc.record({ amount: fc.integer({ min: 1, max: 99_999_999 }), currency: fc.constantFrom('usd', 'jpy', 'kwd'), state: fc.constantFrom(...PAYMENT_STATES), amountRefunded: fc.nat(), paidAt: fc.option(fc.nat(), { nil: null }), updatedAt: fc.nat() }), { nil: null }),
  accepted: fc.constant<CrmChanges['items'][number]['accepted']>([]),
  steps: fc.constant<CrmChanges['items'][number]['steps']>([]),
});

const crmChanges: fc.Arbitrary<CrmChanges> = fc.record({
  orgId: fc.constant('org_0000000000000001'),
  sessionId: fc.constant('ses_0000000000000001'),
  version: fc.nat(),
  crm: crmLink,
  session: fc.option(session, { nil: null }),
  participants: fc.array(participant, { maxLength: 3 }),
  items: fc.array(item, { maxLength: 3 }),
});

const agent = fc.option(fc.record({ email: fc.constant('alice@acme.example'), name: text, salesforceUserId: fc.option(fc.constant('005000000000001AAA'), { nil: null }) }), { nil: undefined });
const reach = fc.record({ team: fc.option(text, { nil: null }), space: fc.constantFrom('mine' as const, 'team' as const, 'all' as const) }).map((r) => reachOf(r.team, r.space));

/** Every record the write-back builds from one set of changes. */
const allRecords = fc.tuple(crmChanges, agent, reach).map(([c, a, r]) => {
  const s = sessionRecord(c, a, 'https://parley.example.com', r);
  return [...(s ? [s] : []), ...participantRecords(c), ...itemRecords(c)];
});

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** A namespace prefix: a letter, then letters or digits each maybe after one underscore, 15 characters at most. */
const namespace = fc
  .tuple(fc.constantFrom(...LETTERS), fc.array(fc.tuple(fc.boolean(), fc.constantFrom(...`${LETTERS}0123456789`)), { maxLength: 10 }))
  .map(([first, rest]) => first + rest.map(([underscore, c]) => (underscore ? `_${c}` : c)).join(''))
  .filter((ns) => ns.length <= 15);

/** Each key of a record and of the objects nested in it, with the key it came from. */
function keyPairs(parley: Record<string, unknown>, org: Record<string, unknown>): Array<[string, string]> {
  const parleyKeys = Object.keys(parley);
  const orgKeys = Object.keys(org);
  expect(orgKeys).toHaveLength(parleyKeys.length);
  return parleyKeys.flatMap((key, i) => {
    const pair: [string, string] = [key, orgKeys[i]!];
    const [a, b] = [parley[key], org[orgKeys[i]!]];
    return a && typeof a === 'object' && key !== 'attributes' ? [pair, ...keyPairs(a as Record<string, unknown>, b as Record<string, unknown>)] : [pair];
  });
}

describe("Parley's names as the org spells them", () => {
  it('accepts the namespace prefixes Salesforce allows and nothing else', () => {
    for (const ns of VALID) expect(NAMESPACE_PATTERN.test(ns), ns).toBe(true);
    for (const ns of INVALID) expect(NAMESPACE_PATTERN.test(ns), ns).toBe(false);
    expect(() => orgNames('my__np')).toThrow(/not a Salesforce namespace prefix/);
  });

  it('prefixes custom objects, fields and relationships, and leaves standard names alone', () => {
    const names = orgNames('acme');
    expect(names.name(SESSION_OBJECT)).toBe('acme__Parley_Session__c');
    expect(names.name(EXTERNAL_ID)).toBe('acme__External_Id__c');
    expect(names.name('Session__r')).toBe('acme__Session__r');
    expect(names.name('Parley_Key__c')).toBe('acme__Parley_Key__c');
    for (const standard of ['ContentVersion', 'Name', 'OwnerId', 'Title', 'FirstPublishLocationId', 'attributes']) expect(names.name(standard)).toBe(standard);
    expect(orgNames('').name(SESSION_OBJECT)).toBe(SESSION_OBJECT);
  });

  it('refuses a name that already carries a namespace rather than give it two', () => {
    expect(() => orgNames('acme').name('acme__Parley_Session__c')).toThrow(/already carries a namespace/);
    expect(() => orgNames('').name('other__Status__c')).toThrow(/already carries a namespace/);
  });

  it('writes the parent reference of a child under the relationship and field names of the org', () => {
    const [p] = participantRecords({
      orgId: 'org_1',
      sessionId: 'ses_0000000000000001',
      version: 1,
      crm: null,
      session: null,
      participants: [{ id: 'par_1', version: 1, name: 'Ada', roleName: 'Customer', primary: true, email: null, phone: null, status: 'added', invitedAt: null, enteredAt: null, consentedAt: null, completedAt: null, authStatus: 'none', message: null }],
      items: [],
    });
    expect(orgNames('acme').record(p!)).toMatchObject({
      attributes: { type: 'acme__Parley_Participant__c' },
      acme__External_Id__c: 'par_1',
      Name: 'Ada',
      acme__Session__r: { acme__External_Id__c: 'ses_0000000000000001' },
    });
  });

  it('sends every record exactly as records.ts builds it when the package has no namespace', () => {
    fc.assert(
      fc.property(allRecords, (records) => {
        const names = orgNames('');
        for (const r of records) expect(names.record(r)).toEqual(r);
      }),
      { numRuns: 200 },
    );
  });

  it('prefixes every custom name of every record once, and changes nothing else, with a namespace', () => {
    fc.assert(
      fc.property(allRecords, namespace, (records, ns) => {
        const names = orgNames(ns);
        for (const r of records as SObjectRecord[]) {
          const out = names.record(r);
          expect((out.attributes as { type: string }).type).toBe(`${ns}__${r.attributes.type}`);
          for (const [parley, org] of keyPairs(r, out)) {
            if (/__[cr]$/.test(parley)) {
              expect(org).toBe(`${ns}__${parley}`);
              // Exactly once: what follows the namespace has no namespace of its own.
              expect(org.slice(ns.length + 2).indexOf('__')).toBe(org.length - ns.length - 2 - 3);
            } else {
              expect(org).toBe(parley);
            }
          }
          // Values are Parley's, whatever the names: only the keys (and the type) change.
          const values = (o: Record<string, unknown>) => JSON.stringify(Object.values(o).filter((v) => !(v && typeof v === 'object')));
          expect(values(out)).toBe(values(r));
        }
      }),
      { numRuns: 200 },
    );
  });
});
