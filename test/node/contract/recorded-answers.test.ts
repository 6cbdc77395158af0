// Stand-ins of the Worker must answer as the Worker does: the Salesforce
// components' recorded data (force-app/**/__tests__/data/*.json, what Apex
// hands them from the Worker) and the sf plugin's fake Worker are checked
// against the OpenAPI document, so a change of the contract fails here until
// they follow it.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../worker/src/app';
import { FakeWorker } from '../../../connectors/salesforce/cli/test/support/fake-worker.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const doc = openApiDocument('http://127.0.0.1:8787') as any;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(doc, 'parley');

type Answer = { method: string; path: string; status: string };

/** The declared answer's schema, as a JSON pointer into the document. */
function validate(answer: Answer, body: unknown): string[] {
  const op = doc.paths[answer.path]?.[answer.method];
  if (!op) return [`${answer.method} ${answer.path}: no such route in the document`];
  if (!op.responses[answer.status]?.content?.['application/json']) return [`${answer.method} ${answer.path}: answers no JSON with ${answer.status}`];
  const pointer = ['paths', answer.path, answer.method, 'responses', answer.status, 'content', 'application/json', 'schema'].map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
  const check = ajv.getSchema(`parley#/${pointer}`)!;
  if (check(body)) return [];
  return (check.errors ?? []).map((e) => `${answer.method} ${answer.path} ${answer.status}: ${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)}`);
}

const route = (method: string, p: string, status: string): Answer => ({ method, path: `/api/v1${p}`, status });

/** What each recorded file is: one Worker answer, parts of several (Apex composes checkConnection), frames, or no Worker call at all. */
const RECORDED: Record<string, Answer | ((json: any) => Array<[Answer, unknown]>) | null> = {
  getSessionActive: route('get', '/sessions/{sessionId}', '200'),
  endSession: route('post', '/sessions/{sessionId}/end', '200'),
  startSessionPlanned: route('post', '/sessions', '201'),
  getLiveToken: route('post', '/sessions/{sessionId}/live-token', '201'),
  getWorkspaceLink: route('post', '/workspace-link', '201'),
  listSessions: route('get', '/sessions', '200'),
  listTemplates: route('get', '/templates', '200'),
  postMessage: route('post', '/sessions/{sessionId}/messages', '201'),
  getSettings: route('get', '/settings', '200'),
  getTeamSettings: route('get', '/teams/{teamId}/settings', '200'),
  listAgents: route('get', '/agents', '200'),
  listTeams: route('get', '/teams', '200'),
  getNotificationSettings: route('get', '/settings/notifications', '200'),
  // Every frame the panel's tests replay is one the agent's socket can carry.
  liveFrames: (json) => Object.values(json).map((frame) => [route('get', '/sessions/{sessionId}/ws', '101'), frame]),
  // ParleySetupController.checkConnection: GET /me, GET /crm/salesforce and POST /crm/salesforce/check, put together.
  ...Object.fromEntries(
    ['checkConnectionOk', 'checkConnectionFailures', 'checkConnectionNoWriteback', 'checkConnectionCalloutFailed'].map((name) => [
      name,
      (json: any) => {
        const writeback = json.writeback;
        if (!writeback?.connection) return [];
        const parts: Array<[Answer, unknown]> = [[route('get', '/crm/salesforce', '200'), { connection: writeback.connection, writeback: { lastSyncAt: writeback.lastSyncAt, failures: writeback.failures } }]];
        if (writeback.check?.instanceUrl || writeback.check?.ok === false) parts.push([route('post', '/crm/salesforce/check', '200'), writeback.check]);
        return parts;
      },
    ]),
  ),
  // Salesforce-side only: the record's own fields, and Apex's error shape.
  getRecordContext: null,
  apexError: null,
};

async function recordedFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await recordedFiles(rel)));
    else if (rel.includes(`${path.sep}__tests__${path.sep}data${path.sep}`) && entry.name.endsWith('.json')) out.push(rel);
  }
  return out;
}

describe('recorded Worker answers of the Salesforce components', () => {
  it('each is known, and matches what the Worker declares', async () => {
    const files = await recordedFiles('force-app/main/default/lwc');
    expect(files.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const file of files) {
      const name = path.basename(file, '.json');
      if (!(name in RECORDED)) {
        problems.push(`${file}: say in this test which Worker answer it records`);
        continue;
      }
      const kind = RECORDED[name];
      if (!kind) continue;
      const json = JSON.parse(await readFile(path.join(ROOT, file), 'utf8'));
      const parts: Array<[Answer, unknown]> = typeof kind === 'function' ? kind(json) : [[kind, json]];
      for (const [answer, body] of parts) problems.push(...validate(answer, body).map((p) => `${file}: ${p}`));
    }
    expect(problems).toEqual([]);
  });

  it('the check itself refuses an answer that drifted', () => {
    expect(validate(route('get', '/teams', '200'), { teams: [{ id: 'tem_x', name: 'A' }] })).toEqual([]);
    expect(validate(route('get', '/teams', '200'), { teams: [{ id: 'tem_x' }] })).not.toEqual([]);
  });
});

describe("the sf plugin's fake Worker", () => {
  const fake = new FakeWorker();
  const call = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(new URL(`/api/v1${p}`, fake.url), {
      method: method.toUpperCase(),
      headers: { Authorization: `Bearer ${fake.token}`, ...(body instanceof FormData || body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: String(res.status), json: await res.json() };
  };
  const pdf = () => new File([new TextEncoder().encode('%PDF-1.7\n%fake\n')], 'consent.pdf', { type: 'application/pdf' });
  const templateForm = (name?: string) => {
    const form = new FormData();
    form.append('file', pdf());
    if (name) form.append('name', name);
    form.append('definition', JSON.stringify({ roles: [{ name: 'Customer', required: true }], fields: [{ id: 'sig', type: 'signature', page: 1, rect: { x: 10, y: 10, width: 100, height: 30 }, role: 'Customer', required: true }] }));
    return form;
  };

  beforeAll(async () => {
    await fake.start();
  });
  afterAll(async () => {
    await fake.stop();
  });

  it('answers every route the plugin uses as the Worker declares it', async () => {
    const team = fake.addTeam('Front desk');
    const answers: Array<[string, string, string, { status: string; json: unknown }]> = [];
    const record = async (method: string, template: string, p: string, body?: unknown) => answers.push([method, template, p, await call(method, p, body)]);
    await record('get', '/settings', '/settings');
    await record('patch', '/settings', '/settings', { session: { accessWindowHours: 48 } });
    await record('get', '/teams', '/teams');
    await record('get', '/teams/{teamId}/settings', `/teams/${team.id}/settings`);
    await record('patch', '/teams/{teamId}/settings', `/teams/${team.id}/settings`, { session: { customerChat: false } });
    await record('post', '/templates', '/templates', templateForm('Consent'));
    await record('get', '/templates', '/templates');
    const templateId = (answers.at(-1)![3].json as any).templates[0].id;
    await record('post', '/templates/{templateId}/versions', `/templates/${templateId}/versions`, templateForm());
    await record('post', '/sessions', '/sessions', { customer: { name: 'Cora', email: 'cora@example.com' }, invite: false });
    const sessionId = (answers.at(-1)![3].json as any).session.id;
    await record('post', '/sessions/{sessionId}/documents', `/sessions/${sessionId}/documents`, { templateId });
    await record('post', '/sessions/{sessionId}/invite', `/sessions/${sessionId}/invite`);
    await record('get', '/crm/salesforce', '/crm/salesforce');
    await record('put', '/crm/salesforce', '/crm/salesforce', {
      loginUrl: 'https://login.salesforce.com',
      instanceUrl: 'https://acme.my.salesforce.com',
      sfOrgId: '00D5g000004XyZaEAK',
      clientId: 'client',
      username: 'parley@acme.example',
      privateKey: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----',
    });
    await record('post', '/crm/salesforce/key', '/crm/salesforce/key');
    await record('post', '/crm/salesforce/resync', '/crm/salesforce/resync');
    await record('post', '/crm/salesforce/check', '/crm/salesforce/check');
    await record('get', '/crm/salesforce', '/crm/salesforce');

    const problems = answers.flatMap(([method, template, p, { status, json }]) => (status.startsWith('2') ? validate(route(method, template, status), json) : [`${method} ${p}: ${status} ${JSON.stringify(json)}`]));
    expect(problems).toEqual([]);
  });
});
