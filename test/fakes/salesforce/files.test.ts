// Files on the fake: a sealed PDF uploaded as a ContentVersion with its
// Parley key, found again by that key, linked to CRM records once each.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toId18 } from './ids.ts';
import { API_VERSION, USERNAME, testOrg } from './test-org.ts';

const CONTACT_ID = toId18('0035g00000AbCdE');
const CASE_ID = toId18('5005g00000XyZwQ');
const PDF = new TextEncoder().encode('%PDF-1.7\n% sealed by Parley\n%%EOF\n');
const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('fake Salesforce: ContentVersion, query and ContentDocumentLink', () => {
  it('stores an upload, finds it by its key, links it once per record', async () => {
    const org = await testOrg();
    const conn = await org.connect();

    const created = await conn.sobject('ContentVersion').create({
      Title: 'Loan agreement (sealed)',
      PathOnClient: 'loan-agreement.pdf',
      VersionData: base64(PDF),
      FirstPublishLocationId: CONTACT_ID,
      Parley_Key__c: 'itm_1:sealed',
    });
    expect(created).toMatchObject({ success: true, errors: [] });
    expect(created.id!.startsWith('068')).toBe(true);
    expect(org.fake.calls.at(-1)).toMatchObject({ method: 'POST', path: `/services/data/v${API_VERSION}/sobjects/ContentVersion`, status: 201 });

    const found = await conn.query<{ Id: string; ContentDocumentId: string; Parley_Key__c: string }>(
      "SELECT Id, ContentDocumentId, Parley_Key__c FROM ContentVersion WHERE Parley_Key__c IN ('itm_1:sealed', 'itm_2:sealed')",
    );
    expect(found.totalSize).toBe(1);
    expect(found.done).toBe(true);
    const [row] = found.records;
    expect(row).toEqual({
      attributes: { type: 'ContentVersion', url: `/services/data/v${API_VERSION}/sobjects/ContentVersion/${created.id}` },
      Id: created.id,
      ContentDocumentId: expect.stringMatching(/^069/),
      Parley_Key__c: 'itm_1:sealed',
    });
    expect((await conn.query("SELECT Id FROM ContentVersion WHERE Parley_Key__c = 'itm_2:sealed'")).totalSize).toBe(0);

    const [file] = org.fake.files();
    expect(file).toMatchObject({ contentVersionId: created.id, contentDocumentId: row!.ContentDocumentId, title: 'Loan agreement (sealed)', key: 'itm_1:sealed', isLatest: true });
    expect(file!.bytes).toEqual(PDF);
    // The owner's link and the record it was first published to.
    expect(file!.links.map((l) => [l.linkedEntityId, l.shareType])).toEqual([
      [org.fake.userId(USERNAME), 'I'],
      [CONTACT_ID, 'V'],
    ]);

    const link = await conn.sobject('ContentDocumentLink').create({ ContentDocumentId: row!.ContentDocumentId, LinkedEntityId: CASE_ID, ShareType: 'V', Visibility: 'AllUsers' });
    expect(link).toMatchObject({ success: true, errors: [] });
    expect(link.id!.startsWith('06A')).toBe(true);
    expect(org.fake.files()[0]!.links.map((l) => l.linkedEntityId)).toEqual([org.fake.userId(USERNAME), CONTACT_ID, CASE_ID]);

    const links = await conn.query(`SELECT Id, LinkedEntityId FROM ContentDocumentLink WHERE ContentDocumentId = '${row!.ContentDocumentId}'`);
    expect(links.totalSize).toBe(3);
  });

  it('refuses a second link between the same document and record, and a second upload with the same key', async () => {
    const org = await testOrg();
    const token = await org.signIn();
    const upload = await org.call('POST', `/services/data/v${API_VERSION}/sobjects/ContentVersion`, token, {
      PathOnClient: 'sealed.pdf',
      VersionData: base64(PDF),
      Parley_Key__c: 'itm_1:sealed',
    });
    expect(upload.status).toBe(201);
    const { id } = (await upload.json()) as { id: string };
    const documentId = org.fake.files()[0]!.contentDocumentId;
    // Title defaults to the file name without its extension.
    expect(org.fake.files()[0]!.title).toBe('sealed');

    const linkTo = (entity: string) =>
      org.call('POST', `/services/data/v${API_VERSION}/sobjects/ContentDocumentLink`, token, { ContentDocumentId: documentId, LinkedEntityId: entity, ShareType: 'V' });
    expect((await linkTo(CASE_ID)).status).toBe(201);
    const duplicate = await linkTo(CASE_ID);
    expect(duplicate.status).toBe(400);
    expect(await duplicate.json()).toEqual([
      { errorCode: 'DUPLICATE_VALUE', message: `Document with ID: ${documentId} is already linked with the entity with ID: ${CASE_ID}`, fields: [] },
    ]);

    const again = await org.call('POST', `/services/data/v${API_VERSION}/sobjects/ContentVersion`, token, {
      PathOnClient: 'sealed.pdf',
      VersionData: base64(PDF),
      Parley_Key__c: 'ITM_1:SEALED',
    });
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual([{ errorCode: 'DUPLICATE_VALUE', message: `duplicate value found: Parley_Key__c duplicates value on record with id: ${id}`, fields: [] }]);
    expect(org.fake.files()).toHaveLength(1);

    const missing = await org.call('POST', `/services/data/v${API_VERSION}/sobjects/ContentVersion`, token, { Title: 'nothing' });
    expect(await missing.json()).toEqual([
      { errorCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [PathOnClient, VersionData]', fields: ['PathOnClient', 'VersionData'] },
    ]);
  });

  it('answers queries it cannot run the way Salesforce does', async () => {
    const org = await testOrg();
    const token = await org.signIn();
    const query = async (soql: string) => {
      const response = await org.call('GET', `/services/data/v${API_VERSION}/query?q=${encodeURIComponent(soql)}`, token);
      return { status: response.status, body: (await response.json()) as Array<{ errorCode: string; message: string }> };
    };
    expect((await query('SELECT Id FROM ContentVersion ORDER BY CreatedDate')).body[0]!.errorCode).toBe('MALFORMED_QUERY');
    expect((await query("SELECT Id FROM ContentVersion WHERE Parley_Key__c LIKE 'x%'")).body[0]!.errorCode).toBe('MALFORMED_QUERY');
    expect((await query('SELECT Id FROM Widget__c')).body[0]!.errorCode).toBe('INVALID_TYPE');
    expect((await query('SELECT Colour__c FROM ContentVersion')).body[0]!.errorCode).toBe('INVALID_FIELD');
    const unfiltered = await query('SELECT Id FROM ContentDocumentLink');
    expect(unfiltered.status).toBe(400);
    expect(unfiltered.body[0]!.message).toMatch(/^Implementation restriction: ContentDocumentLink requires a filter/);
  });
});
