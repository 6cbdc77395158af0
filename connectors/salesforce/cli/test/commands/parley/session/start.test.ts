import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import SessionStart, { type SessionStartResult } from '../../../../src/commands/parley/session/start.js';
import { FakeWorker } from '../../../support/fake-worker.js';
import { printedJson, runCommand } from '../../../support/run-command.js';
import { schemaProblems } from '../../../support/result-schema.js';

describe('sf parley session start', () => {
  const worker = new FakeWorker();
  const flags = () => ['--worker-url', worker.url.href, '--token', worker.token];
  const routes = () => worker.requests.map((r) => `${r.method} ${r.path.replace(/(ses|tpl)_\w+/g, '$1_…')}`);
  const version = { pdfSha256: '0'.repeat(64), pages: [{ width: 612, height: 792 }], definition: { fields: [{ role: 'Customer' }] }, createdAt: '2026-01-01T00:00:00.000Z' };

  beforeAll(() => worker.start());
  afterAll(() => worker.stop());
  beforeEach(() => {
    worker.requests.length = 0;
    worker.sessions.clear();
    worker.templates = [
      { id: 'tpl_nda0000000000001', name: 'NDA', versions: [version] },
      { id: 'tpl_open000000000001', name: 'Account opening', versions: [version] },
    ];
  });

  it('starts a session and invites the customer at once', async () => {
    const run = await runCommand(SessionStart, [...flags(), '--name', 'Ada Lovelace', '--email', 'ada@example.com', '--json']);
    expect(run.error).toBeUndefined();
    expect(routes()).toEqual(['POST /api/v1/sessions']);
    expect(worker.requests[0]!.json).toEqual({ customer: { name: 'Ada Lovelace', email: 'ada@example.com' }, invite: true });
    const result = printedJson(run).result as SessionStartResult;
    expect(result).toEqual({
      sessionId: [...worker.sessions.keys()][0],
      status: 'active',
      reused: false,
      invited: true,
      customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
      crmRecord: null,
      documents: [],
    });
    expect(schemaProblems('parley session start', result)).toEqual([]);
  });

  it('links the session to a Salesforce record, naming standard objects by their key prefix', async () => {
    await runCommand(SessionStart, [...flags(), '--name', 'Ada', '--phone', '+14155550123', '--record-id', '0035g00000AbCdEAAV']);
    await runCommand(SessionStart, [...flags(), '--name', 'Ada', '--phone', '+14155550123', '--record-id', 'a015g00000AbCdE']);
    expect(worker.requests.map((r) => (r.json as { crmRecord?: unknown }).crmRecord)).toEqual([
      { system: 'salesforce', objectType: 'Contact', recordId: '0035g00000AbCdEAAV' },
      { system: 'salesforce', recordId: 'a015g00000AbCdE' },
    ]);
  });

  it('pre-plans a session with templates: nothing is sent', async () => {
    const run = await runCommand(SessionStart, [
      ...flags(),
      '--name',
      'Ada',
      '--email',
      'ada@example.com',
      '--pre-plan',
      '--template',
      'NDA',
      '--template',
      'Account opening',
      '--json',
    ]);
    expect(run.error).toBeUndefined();
    expect(routes()).toEqual(['GET /api/v1/templates', 'POST /api/v1/sessions', 'POST /api/v1/sessions/ses_…/documents', 'POST /api/v1/sessions/ses_…/documents']);
    expect(worker.requests[1]!.json).toMatchObject({ invite: false });
    expect(worker.requests.slice(2).map((r) => r.json)).toEqual([{ templateId: 'tpl_nda0000000000001' }, { templateId: 'tpl_open000000000001' }]);
    const result = printedJson(run).result as SessionStartResult;
    expect(result).toMatchObject({ status: 'planned', invited: false });
    expect(result.documents.map((d) => d.templateName)).toEqual(['NDA', 'Account opening']);
    expect(schemaProblems('parley session start', result)).toEqual([]);
  });

  it('adds the templates before inviting, so the invitation finds them', async () => {
    const run = await runCommand(SessionStart, [...flags(), '--name', 'Ada', '--email', 'ada@example.com', '--template', 'NDA']);
    expect(run.error).toBeUndefined();
    expect(routes()).toEqual(['GET /api/v1/templates', 'POST /api/v1/sessions', 'POST /api/v1/sessions/ses_…/documents', 'POST /api/v1/sessions/ses_…/invite']);
    expect(worker.requests[1]!.json).toMatchObject({ invite: false });
    expect(run.result).toMatchObject({ status: 'active', invited: true });
    expect(run.stdout).toContain('the invitation has gone out');
  });

  it('refuses an unknown template before creating anything', async () => {
    const run = await runCommand(SessionStart, [...flags(), '--name', 'Ada', '--email', 'ada@example.com', '--template', 'NDA', '--template', 'W-9']);
    expect(run.error?.name).toBe('UnknownTemplateError');
    expect(run.error?.message).toBe('Parley has no template called "W-9".');
    expect(run.error?.actions).toEqual(['The templates are: NDA, Account opening.']);
    expect(routes()).toEqual(['GET /api/v1/templates']);
  });

  it('needs an email or a phone', async () => {
    const run = await runCommand(SessionStart, [...flags(), '--name', 'Ada']);
    expect(run.error?.name).toBe('NoContactError');
    expect(worker.requests).toHaveLength(0);
  });

  it('refuses a record id that is not a Salesforce id', async () => {
    const run = await runCommand(SessionStart, [...flags(), '--name', 'Ada', '--email', 'ada@example.com', '--record-id', 'not-an-id']);
    expect(run.error).toBeDefined();
    expect(worker.requests).toHaveLength(0);
  });

  it("surfaces the Worker's refusal (single active session)", async () => {
    worker.failNext('POST', '/api/v1/sessions', 409, 'single_active_session', 'single active session is on: end your session with Bo (ses_0000000000000001) before starting another');
    const run = await runCommand(SessionStart, [...flags(), '--name', 'Ada', '--email', 'ada@example.com']);
    expect(run.error?.name).toBe('WorkerRefusedError');
    expect(run.error?.message).toContain('end your session with Bo');
    expect(run.error?.message).toContain('HTTP 409, single_active_session');
  });
});
