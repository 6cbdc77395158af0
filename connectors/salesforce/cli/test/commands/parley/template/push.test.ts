import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import TemplatePush, { type TemplatePushResult } from '../../../../src/commands/parley/template/push.js';
import { FakeWorker } from '../../../support/fake-worker.js';
import { printedJson, runCommand } from '../../../support/run-command.js';
import { schemaProblems } from '../../../support/result-schema.js';

const DEFINITION = {
  roles: [
    { name: 'Customer', required: true },
    { name: 'Agent', required: true },
  ],
  signingOrder: 'sequential',
  fields: [
    { id: 'sig_customer', type: 'signature', role: 'Customer', page: 1, x: 72, y: 640, width: 180, height: 40, required: true },
    { id: 'sig_agent', type: 'signature', role: 'Agent', page: 1, x: 320, y: 640, width: 180, height: 40, required: true },
  ],
};

describe('sf parley template push', () => {
  const worker = new FakeWorker();
  let dir: string;
  const file = (name: string) => join(dir, name);
  const flags = () => ['--worker-url', worker.url.href, '--token', worker.token];

  beforeAll(async () => {
    await worker.start();
    dir = mkdtempSync(join(tmpdir(), 'parley-template-'));
    writeFileSync(file('nda.pdf'), '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    writeFileSync(file('nda.fields.json'), JSON.stringify(DEFINITION));
    writeFileSync(file('fields-only.json'), JSON.stringify(DEFINITION.fields.slice(0, 1)));
    writeFileSync(file('empty.json'), JSON.stringify({ fields: [] }));
    writeFileSync(file('broken.json'), '{"fields": [');
    writeFileSync(file('nda.docx'), 'PK\u0003\u0004 not a pdf');
  });
  afterAll(async () => {
    await worker.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    worker.requests.length = 0;
    worker.templates = [];
  });

  it('creates a template from the PDF and its fields, as a multipart upload', async () => {
    const run = await runCommand(TemplatePush, [...flags(), '--name', ' NDA ', '--pdf', file('nda.pdf'), '--fields', file('nda.fields.json'), '--json']);
    expect(run.error).toBeUndefined();
    expect(worker.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v1/templates', 'POST /api/v1/templates']);
    const upload = worker.requests[1]!;
    expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(upload.form?.name).toBe('NDA');
    expect(JSON.parse(upload.form?.definition as string)).toEqual(DEFINITION);
    expect(upload.form?.file).toEqual({ fileName: 'nda.pdf', type: 'application/pdf', bytes: readFileSync(file('nda.pdf')) });

    const result = printedJson(run).result as TemplatePushResult;
    expect(result).toEqual({
      created: true,
      id: worker.templates[0]!.id,
      name: 'NDA',
      version: 1,
      pageCount: 1,
      fieldCount: 2,
      roles: ['Customer', 'Agent'],
      signingOrder: 'sequential',
      pdfSha256: worker.templates[0]!.versions[0]!.pdfSha256,
    });
    expect(schemaProblems('parley template push', result)).toEqual([]);
  });

  it('uploads a new version when a template of that name exists', async () => {
    await runCommand(TemplatePush, [...flags(), '--name', 'NDA', '--pdf', file('nda.pdf'), '--fields', file('nda.fields.json')]);
    worker.requests.length = 0;
    const run = await runCommand(TemplatePush, [...flags(), '--name', 'NDA', '--pdf', file('nda.pdf'), '--fields', file('nda.fields.json')]);
    expect(run.error).toBeUndefined();
    const id = worker.templates[0]!.id;
    expect(worker.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v1/templates', `POST /api/v1/templates/${id}/versions`]);
    expect(worker.requests[1]!.form).not.toHaveProperty('name');
    expect(run.result).toMatchObject({ created: false, id, version: 2 });
    expect(run.stdout).toContain(`Uploaded version 2 of template "NDA" (${id}): 2 fields on 1 pages.`);
    expect(worker.templates).toHaveLength(1);
  });

  it('takes a file holding just the array of fields', async () => {
    const run = await runCommand(TemplatePush, [...flags(), '--name', 'Consent', '--pdf', file('nda.pdf'), '--fields', file('fields-only.json')]);
    expect(run.error).toBeUndefined();
    expect(JSON.parse(worker.requests[1]!.form?.definition as string)).toEqual({ fields: DEFINITION.fields.slice(0, 1) });
  });

  it('names a PDF path that does not exist, before calling the Worker', async () => {
    const run = await runCommand(TemplatePush, [...flags(), '--name', 'NDA', '--pdf', file('missing.pdf'), '--fields', file('nda.fields.json')]);
    expect(run.error?.message).toContain(file('missing.pdf'));
    expect(worker.requests).toHaveLength(0);
  });

  it('refuses a file that is not a PDF', async () => {
    const run = await runCommand(TemplatePush, [...flags(), '--name', 'NDA', '--pdf', file('nda.docx'), '--fields', file('nda.fields.json')]);
    expect(run.error?.name).toBe('NotPdfError');
    expect(run.error?.message).toBe(`${file('nda.docx')} isn't a PDF (it doesn't start with %PDF-).`);
    expect(worker.requests).toHaveLength(0);
  });

  it('refuses a fields file that is not JSON or has no fields', async () => {
    const broken = await runCommand(TemplatePush, [...flags(), '--name', 'NDA', '--pdf', file('nda.pdf'), '--fields', file('broken.json')]);
    expect(broken.error?.name).toBe('FieldsNotJsonError');
    expect(broken.error?.message).toContain(file('broken.json'));
    const empty = await runCommand(TemplatePush, [...flags(), '--name', 'NDA', '--pdf', file('nda.pdf'), '--fields', file('empty.json')]);
    expect(empty.error?.name).toBe('NoFieldsError');
    expect(worker.requests).toHaveLength(0);
  });

  it("surfaces the Worker's message about a field that doesn't fit the PDF", async () => {
    worker.failNext('POST', '/api/v1/templates', 422, 'invalid_fields', 'definition.fields.1.x: lies outside page 1 (612 × 792 pt)');
    const run = await runCommand(TemplatePush, [...flags(), '--name', 'NDA', '--pdf', file('nda.pdf'), '--fields', file('nda.fields.json')]);
    expect(run.error?.name).toBe('WorkerRefusedError');
    expect(run.error?.message).toBe('Parley refused POST /templates: definition.fields.1.x: lies outside page 1 (612 × 792 pt) (HTTP 422, invalid_fields).');
    expect(run.stderr).toContain('lies outside page 1');
  });
});
