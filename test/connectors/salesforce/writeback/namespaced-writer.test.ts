// Write-back to an org that installed Parley from a namespaced managed
// package: with the namespace in the connection, every record, file and
// query reaches the org under its qualified names (namespaced-org.ts refuses
// any other) and lands as it does without one; without it, nothing of
// Parley's lands and the admin is told what Salesforce refused.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSalesforce } from '../../../fakes/salesforce/fake-salesforce';
import { testConnectedAppKeys, TEST_CONNECTED_APP } from '../../../helpers/salesforce';
import { publishedEvents, WritebackQueue } from '../../../helpers/writeback-queue';
import { Browser, call, makeOrg, outboxFor, startSession, type Org } from '../../../helpers/world';
import { sealedDocument } from '../../../helpers/sealed-document';
import { forgetTokens } from '../../../../connectors/salesforce/writeback/salesforce-api';
import { NamespacedOrg } from './namespaced-org';

const CONTACT = '003000000000001AAA';

let fake: FakeSalesforce;
let salesforce: NamespacedOrg;
let org: Org;

beforeEach(async () => {
  fake = new FakeSalesforce({ versionGuard: false });
  fake.registerConnectedApp({ clientId: TEST_CONNECTED_APP.clientId, publicKeyPem: (await testConnectedAppKeys()).publicKeyPem, username: TEST_CONNECTED_APP.username });
  salesforce = new NamespacedOrg('acme', fake.fetch);
  vi.stubGlobal('fetch', salesforce.fetch);
  forgetTokens();
  org = await makeOrg();
});
afterEach(() => vi.unstubAllGlobals());

/** `sf parley org connect` as it registers the org, with the namespace it found (or none). */
async function connect(namespace: string | undefined) {
  const res = await call('PUT', '/api/v1/crm/salesforce', {
    token: org.admin.token,
    body: {
      loginUrl: 'https://login.salesforce.com',
      instanceUrl: 'https://parley-fake.my.salesforce.com',
      sfOrgId: '00D000000000001EAA',
      clientId: TEST_CONNECTED_APP.clientId,
      username: TEST_CONNECTED_APP.username,
      privateKey: (await testConnectedAppKeys()).privateKeyPem,
      ...(namespace === undefined ? {} : { namespace }),
    },
  });
  if (res.status !== 200) throw new Error(`connect failed ${res.status} ${res.text}`);
}

/** A session on a contact with a document request the agent completes and a document the customer signs. */
async function sessionWithSignedDocument() {
  const s = await startSession(org.alice, { name: 'Cora Namespace', email: `c-${crypto.randomUUID()}@example.com` }, { crmRecord: { system: 'salesforce', objectType: 'Contact', recordId: CONTACT } });
  const browser = new Browser();
  await browser.open((await outboxFor(s.session.id))[0]!.link);
  const request = await call('POST', `/api/v1/sessions/${s.session.id}/items`, { token: org.alice.token, body: { kind: 'task', name: 'ID photo' } });
  const signed = await sealedDocument(org, { sessionId: s.session.id, browser });
  return { sessionId: s.session.id, requestId: request.json.id as string, signed };
}

async function writeBack(sessionId: string) {
  const queue = new WritebackQueue();
  queue.send(await publishedEvents(org.alice, org.id, sessionId));
  await queue.drain();
  return queue;
}

describe('write-back to an org whose Parley package has a namespace', () => {
  it('lands sessions, participants, items and the sealed file under the namespaced names', async () => {
    await connect('acme');
    const c = await sessionWithSignedDocument();
    const queue = await writeBack(c.sessionId);

    expect(salesforce.unqualified).toEqual([]);
    expect([...salesforce.qualified].sort()).toEqual(
      expect.arrayContaining(['acme__Parley_Session__c', 'acme__Parley_Participant__c', 'acme__Parley_Item__c', 'acme__External_Id__c', 'acme__Session__r', 'acme__Parley_Key__c']),
    );
    expect(queue.deadLettered).toEqual([]);
    const session = fake.record('Parley_Session__c', c.sessionId)!;
    expect(session.fields).toMatchObject({ Contact__c: CONTACT, Items_Total__c: 2 });
    expect(fake.records('Parley_Participant__c')[0]!.fields.Session__c).toBe(session.id);
    expect(fake.record('Parley_Item__c', c.requestId)!.fields.Session__c).toBe(session.id);
    const item = fake.record('Parley_Item__c', c.signed.itemId)!;
    expect(item.fields.Sealed_Sha256__c).toBe(c.signed.sha256);
    const files = fake.files();
    expect(files).toHaveLength(1);
    expect(files[0]!.key).toBe(`${c.signed.itemId}.${c.signed.sha256.slice(0, 40)}`);
    expect(files[0]!.links.map((l) => l.linkedEntityId)).toEqual(expect.arrayContaining([CONTACT, item.id]));

    // A replay finds the file by its namespaced key and uploads nothing twice.
    await writeBack(c.sessionId);
    expect(fake.files()).toHaveLength(1);
    expect(salesforce.unqualified).toEqual([]);
  });

  it('without the namespace in the connection, nothing lands and admins read what Salesforce refused', async () => {
    await connect(undefined);
    const c = await sessionWithSignedDocument();
    // The run is retried, then given up: logged, and kept out of the test's output.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await writeBack(c.sessionId);

    expect(salesforce.unqualified).toContain('Parley_Session__c');
    expect(fake.records('Parley_Session__c')).toEqual([]);
    const status = await call('GET', '/api/v1/crm/salesforce', { token: org.admin.token });
    expect(status.json.connection.namespace).toBe('');
    expect(status.json.writeback.failures[0].reason).toContain('NOT_FOUND');
  });
});
