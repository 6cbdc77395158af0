// sObject Collections upsert by external id on the fake, driven by jsforce
// (what Parley's write-back uses) and by raw requests (to pin exact bodies).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isWellFormedId } from './ids.ts';
import { API_VERSION, testOrg } from './test-org.ts';

const upsertPath = (object: string) => `/services/data/v${API_VERSION}/composite/sobjects/${object}/External_Id__c`;
// Typed as plain records so jsforce picks its array overload.
const session = (externalId: string, fields: Record<string, unknown> = {}): Record<string, unknown> => ({
  attributes: { type: 'Parley_Session__c' },
  External_Id__c: externalId,
  ...fields,
});
const participant = (externalId: string, sessionId: string, fields: Record<string, unknown> = {}): Record<string, unknown> => ({
  attributes: { type: 'Parley_Participant__c' },
  External_Id__c: externalId,
  Session__r: { External_Id__c: sessionId },
  ...fields,
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('fake Salesforce: sObject Collections upsert', () => {
  it('creates, then updates by external id, through jsforce', async () => {
    const org = await testOrg();
    const conn = await org.connect();
    const created = await conn
      .sobject('Parley_Session__c')
      .upsert([session('ses_1', { Status__c: 'planned', Version__c: 1 }), session('ses_2', { Status__c: 'active', Version__c: 1 })], 'External_Id__c', {
        allOrNone: true,
      });
    expect(created.map((r) => [r.success, r.created])).toEqual([
      [true, true],
      [true, true],
    ]);
    const id = created[0]!.id!;
    expect(id).toHaveLength(18);
    expect(id.startsWith('a01')).toBe(true);
    expect(isWellFormedId(id)).toBe(true);

    const updated = await conn
      .sobject('Parley_Session__c')
      .upsert([session('ses_1', { Status__c: 'active', Version__c: 2, Customer_Name__c: 'Ada' })], 'External_Id__c', { allOrNone: true });
    expect(updated).toEqual([{ id, success: true, errors: [], created: false }]);
    expect(org.fake.record('Parley_Session__c', 'ses_1')!.fields).toMatchObject({ Id: id, Status__c: 'active', Version__c: 2, Customer_Name__c: 'Ada', Name: id });
    expect(org.fake.records('Parley_Session__c')).toHaveLength(2);
    expect(org.fake.writes('Parley_Session__c', 'ses_1').map((w) => [w.outcome, w.version])).toEqual([
      ['created', 1],
      ['updated', 2],
    ]);
    expect(org.fake.calls.map((c) => [c.method, c.path, c.status, c.records])).toEqual([
      ['PATCH', upsertPath('Parley_Session__c'), 200, 2],
      ['PATCH', upsertPath('Parley_Session__c'), 200, 1],
    ]);
  });

  it('refuses more than 200 records in one call, whole', async () => {
    const org = await testOrg();
    const conn = await org.connect();
    const records = Array.from({ length: 201 }, (_, i) => session(`ses_${i}`));
    await expect(conn.sobject('Parley_Session__c').upsert(records, 'External_Id__c')).rejects.toMatchObject({
      errorCode: 'EXCEEDED_ID_LIMIT',
      message: 'record limit reached. cannot submit more than 200 records in this operation',
    });
    expect(org.fake.records('Parley_Session__c')).toEqual([]);
    expect(org.fake.calls.at(-1)).toMatchObject({ status: 400, records: 201 });
    // 200 is fine.
    const ok = await conn.sobject('Parley_Session__c').upsert(records.slice(0, 200), 'External_Id__c');
    expect(ok.every((r) => r.success)).toBe(true);
  });

  it('resolves a parent by its external id, and fails only the record whose parent is missing', async () => {
    const org = await testOrg();
    const token = await org.signIn();
    await org.call('PATCH', upsertPath('Parley_Session__c'), token, { allOrNone: false, records: [session('ses_1')] });
    const response = await org.call('PATCH', upsertPath('Parley_Participant__c'), token, {
      allOrNone: false,
      records: [participant('par_1', 'ses_1', { Status__c: 'invited' }), participant('par_2', 'ses_missing')],
    });
    expect(response.status).toBe(200);
    const [ok, missing] = (await response.json()) as [{ id: string; success: boolean }, unknown];
    expect(ok.success).toBe(true);
    expect(missing).toEqual({
      success: false,
      errors: [{ statusCode: 'INVALID_FIELD', message: 'Foreign key external ID: ses_missing not found for field External_Id__c in entity Parley_Session__c', fields: [] }],
    });
    expect(org.fake.record('Parley_Participant__c', 'par_1')!.fields.Session__c).toBe(org.fake.record('Parley_Session__c', 'ses_1')!.id);
    expect(org.fake.record('Parley_Participant__c', 'par_2')).toBeUndefined();
  });

  it('answers a record that breaks a field rule with its own errors, the others saved', async () => {
    const org = await testOrg();
    const token = await org.signIn();
    const response = await org.call('PATCH', upsertPath('Parley_Session__c'), token, {
      records: [
        session('ses_1', { Status__c: 'archived' }),
        session('ses_2', { Customer_Name__c: 'x'.repeat(121) }),
        session('ses_3', { Customer_Email__c: 'not-an-email' }),
        session('ses_4', { Contact__c: '00Q000000000001' }),
        session('ses_5', { Status__c: 'ended', Contact__c: '003000000000001' }),
      ],
    });
    const results = (await response.json()) as Array<{ success: boolean; errors: Array<{ statusCode: string; message: string; fields: string[] }> }>;
    expect(results.map((r) => r.errors[0] ?? null)).toEqual([
      { statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', message: 'Status: bad value for restricted picklist field: archived', fields: ['Status__c'] },
      { statusCode: 'STRING_TOO_LONG', message: `Customer Name: data value too large: ${'x'.repeat(121)} (max length=120)`, fields: ['Customer_Name__c'] },
      { statusCode: 'INVALID_EMAIL_ADDRESS', message: 'Customer Email: invalid email address: not-an-email', fields: ['Customer_Email__c'] },
      { statusCode: 'MALFORMED_ID', message: 'Contact: id value of incorrect type: 00Q000000000001', fields: ['Contact__c'] },
      null,
    ]);
    expect(org.fake.records('Parley_Session__c').map((r) => r.fields.External_Id__c)).toEqual(['ses_5']);
    // A 15-character id is stored in its 18-character form.
    expect(org.fake.record('Parley_Session__c', 'ses_5')!.fields.Contact__c).toBe('003000000000001AAA');
  });

  it('rolls every record back when allOrNone is true and one fails', async () => {
    const org = await testOrg();
    const token = await org.signIn();
    await org.call('PATCH', upsertPath('Parley_Session__c'), token, { records: [session('ses_1', { Status__c: 'planned', Version__c: 1 })] });
    const response = await org.call('PATCH', upsertPath('Parley_Session__c'), token, {
      allOrNone: true,
      records: [session('ses_1', { Status__c: 'active', Version__c: 2 }), session('ses_2', { Status__c: 'bogus' }), session('ses_3')],
    });
    const rolledBack = {
      success: false,
      errors: [
        {
          statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
          message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
          fields: [],
        },
      ],
    };
    expect(await response.json()).toEqual([
      rolledBack,
      { success: false, errors: [{ statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', message: 'Status: bad value for restricted picklist field: bogus', fields: ['Status__c'] }] },
      rolledBack,
    ]);
    expect(org.fake.record('Parley_Session__c', 'ses_1')!.fields).toMatchObject({ Status__c: 'planned', Version__c: 1 });
    expect(org.fake.writes('Parley_Session__c', 'ses_1')).toHaveLength(1);
    expect(org.fake.record('Parley_Session__c', 'ses_3')).toBeUndefined();
  });

  it('refuses a malformed request whole: unknown field, wrong type, a type mismatch, no external id', async () => {
    const org = await testOrg();
    const token = await org.signIn();
    const send = async (body: unknown, path = upsertPath('Parley_Session__c')) => {
      const response = await org.call('PATCH', path, token, body);
      return { status: response.status, body: await response.json() };
    };
    expect(await send({ records: [session('ses_1', { Colour__c: 'red' })] })).toEqual({
      status: 400,
      body: [{ errorCode: 'INVALID_FIELD', message: "No such column 'Colour__c' on sobject of type Parley_Session__c" }],
    });
    expect((await send({ records: [{ attributes: { type: 'Parley_Item__c' }, External_Id__c: 'itm_1' }] })).status).toBe(400);
    expect((await send({ records: [{ External_Id__c: 'ses_1' }] })).status).toBe(400);
    expect((await send({ records: [session('ses_1', { Version__c: 'three' })] })).body).toEqual([
      { errorCode: 'JSON_PARSER_ERROR', message: 'Cannot deserialize instance of double from VALUE_STRING value three or request may be missing a required field' },
    ]);
    expect(await send({ records: [] }, `/services/data/v${API_VERSION}/composite/sobjects/Parley_Session__c/Name`)).toEqual({
      status: 404,
      body: [{ errorCode: 'NOT_FOUND', message: 'Provided external ID field does not exist or is not accessible: Name' }],
    });
    expect(org.fake.records('Parley_Session__c')).toEqual([]);

    // Per record: a key given twice, a key missing, a read-only field.
    const perRecord = await send({ records: [session('ses_9'), session('ses_9'), { attributes: { type: 'Parley_Session__c' } }, session('ses_8', { Id: 'a01000000000001' })] });
    expect((perRecord.body as Array<{ errors: Array<{ statusCode: string; message: string }> }>).map((r) => [r.errors[0]?.statusCode, r.errors[0]?.message])).toEqual([
      ['DUPLICATE_VALUE', 'Duplicate external id specified: ses_9'],
      ['DUPLICATE_VALUE', 'Duplicate external id specified: ses_9'],
      ['MISSING_ARGUMENT', 'External_Id__c not specified'],
      [
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        'Unable to create/update fields: Id. Please check the security settings of this field and verify that it is read/write for your profile or permission set.',
      ],
    ]);
  });

  it('models the version guard: an older version is accepted and changes nothing; switched off, it overwrites', async () => {
    const org = await testOrg();
    const token = await org.signIn();
    const write = (version: number, status: string) =>
      org.call('PATCH', upsertPath('Parley_Session__c'), token, { records: [session('ses_1', { Version__c: version, Status__c: status })] });

    await write(5, 'ended');
    const stale = await write(3, 'active');
    const [result] = (await stale.json()) as [{ success: boolean; created: boolean }];
    expect(result).toMatchObject({ success: true, created: false });
    expect(org.fake.record('Parley_Session__c', 'ses_1')!.fields).toMatchObject({ Version__c: 5, Status__c: 'ended' });
    expect(org.fake.writes('Parley_Session__c', 'ses_1').map((w) => w.outcome)).toEqual(['created', 'kept']);
    expect(org.fake.versionRegressions()).toMatchObject([{ object: 'Parley_Session__c', externalId: 'ses_1', previous: 5, write: { version: 3 } }]);

    org.fake.options.versionGuard = false;
    await write(2, 'planned');
    expect(org.fake.record('Parley_Session__c', 'ses_1')!.fields).toMatchObject({ Version__c: 2, Status__c: 'planned' });
    expect(org.fake.versionRegressions()).toHaveLength(2);
  });

  it('fails a record that breaks one of the org’s validation rules, alone', async () => {
    const org = await testOrg();
    const token = await org.signIn();
    org.fake.addValidationRule('Parley_Session__c', (fields) => (fields.Status__c === 'closed' && !fields.Closed_At__c ? 'Closed sessions need a close date' : null));
    const response = await org.call('PATCH', upsertPath('Parley_Session__c'), token, {
      records: [session('ses_1', { Status__c: 'closed' }), session('ses_2', { Status__c: 'closed', Closed_At__c: '2025-06-01T10:00:00Z' })],
    });
    expect(await response.json()).toEqual([
      { success: false, errors: [{ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Closed sessions need a close date', fields: [] }] },
      { id: expect.stringMatching(/^a01/), success: true, errors: [], created: true },
    ]);
    // Datetimes come back in Salesforce's own spelling.
    expect(org.fake.record('Parley_Session__c', 'ses_2')!.fields.Closed_At__c).toBe('2025-06-01T10:00:00.000+0000');
  });

  it('is there from API 46.0 only, as documented', async () => {
    const org = await testOrg();
    const token = await org.signIn();
    const old = await org.call('PATCH', '/services/data/v45.0/composite/sobjects/Parley_Session__c/External_Id__c', token, { records: [session('ses_1')] });
    expect(old.status).toBe(404);
    const wrongMethod = await org.call('POST', upsertPath('Parley_Session__c'), token, { records: [] });
    expect(wrongMethod.status).toBe(405);
  });
});
