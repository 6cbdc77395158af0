// A required field is filled only by something a person typed, through the
// room as in the domain (test/worker/domain/required-fields.test.ts): a blank
// or whitespace-only value is refused with a 422 naming the field, nothing is
// stored, and the document cannot be completed while the field is empty.
import { describe, expect, it } from 'vitest';
import { Browser, call, makeOrg, outboxFor, startSession, type Org } from '../../helpers/world';
import { documentForm, makePdf } from '../../helpers/pdf';

const text = (t: string) => ({ kind: 'text', text: t });
const at = (i: number) => ({ x: 72, y: 60 + i * 40, width: 200, height: 20 });

/** The customer's required fields of each kind that takes text, labelled, and one optional note. */
const FIELDS = [
  { id: 'nickname', type: 'text', label: 'Nickname', good: 'Coco', blankMessage: 'is required' },
  { id: 'name', type: 'full_name', label: 'Full name', good: 'Cora Customer', blankMessage: 'is required' },
  { id: 'amount', type: 'number', label: 'Amount', good: '1200', blankMessage: 'must be a number' },
  { id: 'mail', type: 'email', label: 'Email', good: 'cora@example.com', blankMessage: 'must be an email address' },
  { id: 'mobile', type: 'phone', label: 'Mobile', good: '+14155550123', blankMessage: 'must be a phone number in international form, e.g. +14155550123' },
  { id: 'plan', type: 'dropdown', label: 'Plan', good: 'Gold', blankMessage: 'must be one of: Gold, Silver', options: ['Gold', 'Silver'] },
] as const;

async function roomWithDocument(org: Org) {
  const s = await startSession(org.alice, { name: 'Cora Customer', email: `req-${crypto.randomUUID()}@example.com` });
  const sessionId = s.session.id as string;
  const cora = new Browser();
  await cora.open((await outboxFor(sessionId))[0]!.link);
  const fields = [
    ...FIELDS.map(({ good: _good, blankMessage: _message, ...f }, i) => ({ ...f, page: 1, rect: at(i), role: 'Customer', required: true })),
    { id: 'note', type: 'text', label: 'Note', page: 1, rect: at(FIELDS.length), role: 'Customer', required: false },
  ];
  const doc = await call('POST', `/api/v1/sessions/${sessionId}/documents/adhoc`, { token: org.alice.token, body: documentForm(await makePdf(1), { fields }, { name: 'Application' }) });
  expect(doc.status).toBe(201);
  const itemId = doc.json.item.id as string;
  expect((await cora.request('POST', '/room/api/consent')).status).toBe(200);
  const fill = (id: string, value: string) => cora.request('PUT', `/room/api/documents/${itemId}/fields/${id}`, { value: text(value) });
  const valueOf = async (id: string) => (await cora.request('GET', `/room/api/documents/${itemId}`)).json.document.fields.find((f: any) => f.id === id).value ?? null;
  return { cora, itemId, fill, valueOf };
}

describe('required fields through the room', () => {
  it('a blank or whitespace-only value is refused with a 422 naming the field, and nothing is stored', async () => {
    const org = await makeOrg();
    const { fill, valueOf } = await roomWithDocument(org);
    for (const f of FIELDS) {
      for (const blank of ['', '   ', '\t \n']) {
        const res = await fill(f.id, blank);
        expect(res.status, `${f.type} ${JSON.stringify(blank)}`).toBe(422);
        expect(res.json.error).toMatchObject({ code: 'invalid_value', message: `value: ${f.label} ${f.blankMessage}` });
      }
      expect(await valueOf(f.id)).toBeNull();
    }
  });

  it('a whitespace-only value does not replace one already saved', async () => {
    const org = await makeOrg();
    const { fill, valueOf } = await roomWithDocument(org);
    expect((await fill('nickname', 'Coco')).status).toBe(200);
    expect((await fill('nickname', '   ')).status).toBe(422);
    expect(await valueOf('nickname')).toEqual(text('Coco'));
  });

  it('completing with a required field left blank is refused, naming it; filled, the document completes', async () => {
    const org = await makeOrg();
    const { cora, itemId, fill } = await roomWithDocument(org);
    for (const f of FIELDS.filter((f) => f.id !== 'nickname')) expect((await fill(f.id, f.good)).status).toBe(200);
    expect((await fill('nickname', '   ')).status).toBe(422);
    // An optional field may stay blank.
    expect((await fill('note', '   ')).status).toBe(200);

    const refused = await cora.request('POST', `/room/api/documents/${itemId}/complete`);
    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatchObject({ code: 'fields_missing', message: 'fill these required fields first: Nickname' });

    expect((await fill('nickname', ' Coco ')).status).toBe(200);
    const done = await cora.request('POST', `/room/api/documents/${itemId}/complete`);
    expect(done.status).toBe(200);
    expect(done.json.item.status).toBe('completed');
  });
});
