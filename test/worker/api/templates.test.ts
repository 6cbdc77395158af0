// Templates: an admin's PDF with fields, roles and order; versioned; bad uploads refused clearly.
import { describe, expect, it } from 'vitest';
import { call, makeOrg } from '../../helpers/world';
import { documentForm, makeCorruptPdf, makeEncryptedPdf, makePdf, signatureField, textField } from '../../helpers/pdf';

const loan = {
  roles: [{ name: 'Customer' }, { name: 'Cosigner', required: false }],
  signingOrder: 'sequential',
  fields: [textField('full_name'), signatureField('sig'), signatureField('cosig', 'Cosigner', 2)],
};

describe('templates', () => {
  it('an admin creates one and agents see it in their Assets', async () => {
    const org = await makeOrg();
    const res = await call('POST', '/api/v1/templates', { token: org.admin.token, body: documentForm(await makePdf(2), loan, { name: 'Loan agreement' }) });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ name: 'Loan agreement', version: 1, signingOrder: 'sequential', pages: [{ width: 612, height: 792 }, { width: 612, height: 792 }] });
    expect(res.json.roles).toEqual([{ name: 'Customer', required: true }, { name: 'Cosigner', required: false }]);
    expect(res.json.pdfSha256).toMatch(/^[0-9a-f]{64}$/);
    const assets = await call('GET', '/api/v1/templates', { token: org.alice.token });
    expect(assets.json.templates).toEqual([{ id: res.json.id, name: 'Loan agreement', version: 1, updatedAt: expect.any(String) }]);
    const pdf = await call('GET', `/api/v1/templates/${res.json.id}/pdf`, { token: org.alice.token });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('Content-Type')).toBe('application/pdf');
    expect((await call('POST', '/api/v1/templates', { token: org.alice.token, body: documentForm(await makePdf(2), loan, { name: 'X' }) })).status).toBe(403);
  });

  it('keeps every version; the current one is what new documents use', async () => {
    const org = await makeOrg();
    const v1 = await call('POST', '/api/v1/templates', { token: org.admin.token, body: documentForm(await makePdf(2), loan, { name: 'Loan' }) });
    const v2def = { ...loan, fields: [...loan.fields, textField('iban', 'Customer', 1, { validation: { minLength: 15, maxLength: 34 } })] };
    const v2 = await call('POST', `/api/v1/templates/${v1.json.id}/versions`, { token: org.admin.token, body: documentForm(await makePdf(2), v2def) });
    expect(v2.status).toBe(201);
    expect(v2.json.version).toBe(2);
    expect((await call('GET', `/api/v1/templates/${v1.json.id}`, { token: org.alice.token })).json.fields).toHaveLength(4);
    expect((await call('GET', `/api/v1/templates/${v1.json.id}?version=1`, { token: org.alice.token })).json.fields).toHaveLength(3);
    expect((await call('POST', '/api/v1/templates', { token: org.admin.token, body: documentForm(await makePdf(2), loan, { name: 'Loan' }) })).status).toBe(409);
  });

  it("another org's template is a 404", async () => {
    const org = await makeOrg();
    const other = await makeOrg();
    const t = await call('POST', '/api/v1/templates', { token: org.admin.token, body: documentForm(await makePdf(2), loan, { name: 'Loan' }) });
    expect((await call('GET', `/api/v1/templates/${t.json.id}`, { token: other.admin.token })).status).toBe(404);
    expect((await call('POST', `/api/v1/templates/${t.json.id}/versions`, { token: other.admin.token, body: documentForm(await makePdf(2), loan) })).status).toBe(404);
  });
});

describe('bad uploads get a 4xx naming the problem, and nothing is stored', () => {
  const cases: [string, () => Promise<FormData>, number, RegExp][] = [
    ['not a PDF', async () => documentForm(new TextEncoder().encode('hello, not a pdf'), loan, { name: 'A' }), 415, /not a PDF/],
    ['encrypted', async () => documentForm(await makeEncryptedPdf(), loan, { name: 'A' }), 422, /encrypted/],
    ['corrupt', async () => documentForm(await makeCorruptPdf(), loan, { name: 'A' }), 422, /could not be read/],
    ['field on a page that does not exist', async () => documentForm(await makePdf(1), loan, { name: 'A' }), 422, /definition\.fields\.2\.page: page 2 does not exist \(the document has 1\)/],
    [
      'field outside the page',
      async () => documentForm(await makePdf(1), { fields: [{ ...signatureField('s'), rect: { x: 500, y: 700, width: 200, height: 200 } }] }, { name: 'A' }),
      422,
      /definition\.fields\.0\.rect: the field lies outside page 1/,
    ],
    ['unknown field type', async () => documentForm(await makePdf(1), { fields: [{ ...signatureField('s'), type: 'hologram' }] }, { name: 'A' }), 422, /definition\.fields\.0\.type/],
    ['field for an unknown role', async () => documentForm(await makePdf(1), { fields: [signatureField('s', 'Lawyer')] }, { name: 'A' }), 422, /no role "Lawyer"/],
    ['definition not JSON', async () => documentForm(await makePdf(1), '{fields:', { name: 'A' }), 422, /definition: not valid JSON/],
    ['no fields', async () => documentForm(await makePdf(1), { fields: [] }, { name: 'A' }), 422, /definition\.fields/],
    ['no name', async () => documentForm(await makePdf(1), { fields: [signatureField('s')] }), 422, /name:/],
  ];
  for (const [what, form, status, message] of cases) {
    it(what, async () => {
      const org = await makeOrg();
      const res = await call('POST', '/api/v1/templates', { token: org.admin.token, body: await form() });
      expect(res.status).toBe(status);
      expect(res.json.error.message).toMatch(message);
      expect((await call('GET', '/api/v1/templates', { token: org.admin.token })).json.templates).toEqual([]);
    });
  }

  it('a zero-page PDF', async () => {
    const { PDFDocument } = await import('pdf-lib');
    const empty = await (await PDFDocument.create()).save({ addDefaultPage: false });
    const org = await makeOrg();
    const res = await call('POST', '/api/v1/templates', { token: org.admin.token, body: documentForm(empty, loan, { name: 'A' }) });
    expect(res.status).toBe(422);
    expect(res.json.error.message).toMatch(/no pages|could not be read/);
  });
});

describe('size and page limits', () => {
  it('refuses a PDF over the page limit', async () => {
    const { MAX_PDF_PAGES } = await import('../../../worker/src/documents/pdf-limits');
    const org = await makeOrg();
    const res = await call('POST', '/api/v1/templates', { token: org.admin.token, body: documentForm(await makePdf(MAX_PDF_PAGES + 1, [100, 100]), { fields: [{ ...signatureField('s'), rect: { x: 1, y: 1, width: 50, height: 20 } }] }, { name: 'Huge' }) });
    expect(res.status).toBe(422);
    expect(res.json.error.message).toBe(`file: ${MAX_PDF_PAGES + 1} pages is over the ${MAX_PDF_PAGES}-page limit`);
  });

  it('refuses a file over the size limit before reading it', async () => {
    const { MAX_PDF_BYTES } = await import('../../../worker/src/documents/pdf-limits');
    const org = await makeOrg();
    const big = new Uint8Array(MAX_PDF_BYTES + 1);
    big.set(new TextEncoder().encode('%PDF-1.7\n'));
    const res = await call('POST', '/api/v1/templates', { token: org.admin.token, body: documentForm(big, { fields: [signatureField('s')] }, { name: 'Big' }) });
    expect(res.status).toBe(413);
    expect(res.json.error.message).toMatch(/20 MB|bytes/);
  });
});
