// Hostile PDFs through each upload route — an ad hoc document, a template, a
// template's new version: refused with a 422 naming the limit, in well under
// a second, and nothing stored. (The report: a 400 KB PDF whose object stream
// inflates to 400 MB took workerd from 214 MB to 1.24 GB for 9.4 s.)
import { describe, expect, it } from 'vitest';
import { call, makeOrg, startSession } from '../../helpers/world';
import { documentForm, makePdf, signatureField } from '../../helpers/pdf';
import { deepNesting, exponentialPageTree, objectStreamBomb, plainStreamBomb } from '../../fixtures/hostile-pdfs';

const definition = { fields: [signatureField('sig')] };

async function routes() {
  const org = await makeOrg();
  const template = await call('POST', '/api/v1/templates', { token: org.admin.token, body: documentForm(await makePdf(1), definition, { name: 'Agreement' }) });
  expect(template.status).toBe(201);
  const s = await startSession(org.alice, { name: 'Cora Customer', email: `h-${crypto.randomUUID()}@example.com` });
  const sessionId: string = s.session.id;
  const upload: { route: string; path: string; token: string; extra: Record<string, string> }[] = [
    { route: 'ad hoc document', path: `/api/v1/sessions/${sessionId}/documents/adhoc`, token: org.alice.token, extra: { name: 'Side letter' } },
    { route: 'template', path: '/api/v1/templates', token: org.admin.token, extra: { name: 'Hostile' } },
    { route: 'new version', path: `/api/v1/templates/${template.json.id}/versions`, token: org.admin.token, extra: {} },
  ];
  return {
    org,
    upload,
    /** What the org has stored: templates (with versions) and the session's items. */
    stored: async () => ({
      templates: (await call('GET', '/api/v1/templates', { token: org.admin.token })).json,
      session: (await call('GET', `/api/v1/sessions/${sessionId}`, { token: org.alice.token })).json.items,
    }),
  };
}

describe('hostile PDFs on every upload route', () => {
  it('the 400 MB object stream bomb is a 422 naming the limit, in under a second, and nothing is stored', async () => {
    const { upload, stored } = await routes();
    const bomb = objectStreamBomb();
    const before = await stored();
    for (const { route, path, token, extra } of upload) {
      const started = performance.now();
      const res = await call('POST', path, { token, body: documentForm(bomb, definition, extra) });
      const ms = performance.now() - started;
      expect(res.status, `${route}: ${res.text}`).toBe(422);
      expect(res.json.error.code).toBe('pdf_too_complex');
      expect(res.json.error.message).toBe("file: the PDF's object streams inflate to more than 16 MB (limit 16 MB; object 2)");
      expect(ms, route).toBeLessThan(1000);
    }
    expect(await stored()).toEqual(before);
  });

  it('a page stream bomb, deep nesting and an exponential page tree are refused the same way', async () => {
    const { upload } = await routes();
    const cases = [
      [plainStreamBomb(), /inflates to more than 64 MB \(limit 64 MB per stream\)/],
      [deepNesting(10_000), /more than 64 levels deep \(limit 64\)/],
      [exponentialPageTree(40), /page tree loops or lists a node twice/],
    ] as const;
    for (const [i, { route, path, token, extra }] of upload.entries()) {
      const [pdf, message] = cases[i]!;
      const started = performance.now();
      const res = await call('POST', path, { token, body: documentForm(pdf, definition, extra) });
      expect(res.status, `${route}: ${res.text}`).toBe(422);
      expect(res.json.error).toMatchObject({ code: 'pdf_too_complex', message: expect.stringMatching(message) });
      expect(performance.now() - started, route).toBeLessThan(1000);
    }
  });

  it('an ordinary PDF is still accepted on each route', async () => {
    const { upload } = await routes();
    for (const { route, path, token, extra } of upload) {
      const res = await call('POST', path, { token, body: documentForm(await makePdf(1), definition, extra) });
      expect(res.status, `${route}: ${res.text}`).toBe(201);
    }
  });
});
