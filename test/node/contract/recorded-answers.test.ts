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
import { DEFAULT_SETTINGS as FAKE_DEFAULTS, FakeWorker } from '../../../connectors/salesforce/cli/test/support/fake-worker.js';
import { DEFAULT_SETTINGS } from '../../../worker/src/domain/settings';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const doc = openApiDocument('http://127.0.0.1:8787') as any;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(doc, 'parley');

/** A declared answer, or (part) one property inside it: what a recorded file holds of it. */
type Answer = { method: string; path: string; status: string; part?: string[] };

const unescapePointer = (p: string) => p.replaceAll('~1', '/').replaceAll('~0', '~');
const escapePointer = (p: string) => p.replaceAll('~', '~0').replaceAll('/', '~1');

/** The declared answer's schema (or its part's, through $refs) as a JSON pointer into the document; a string says why there is none. */
function schemaPointer(answer: Answer): string[] | string {
  const what = `${answer.method} ${answer.path}`;
  const op = doc.paths[answer.path]?.[answer.method];
  if (!op) return `${what}: no such route in the document`;
  let node = op.responses[answer.status]?.content?.['application/json']?.schema;
  if (!node) return `${what}: answers no JSON with ${answer.status}`;
  let pointer = ['paths', answer.path, answer.method, 'responses', answer.status, 'content', 'application/json', 'schema'];
  for (const key of answer.part ?? []) {
    while (node.$ref) {
      pointer = (node.$ref as string).replace(/^#\//, '').split('/').map(unescapePointer);
      node = pointer.reduce((n: any, k) => n?.[k], doc);
    }
    node = node.properties?.[key];
    if (!node) return `${what} ${answer.status}: declares no ${answer.part!.join('.')}`;
    pointer = [...pointer, 'properties', key];
  }
  return pointer;
}

function validate(answer: Answer, body: unknown): string[] {
  const pointer = schemaPointer(answer);
  if (typeof pointer === 'string') return [pointer];
  const check = ajv.getSchema(`parley#/${pointer.map(escapePointer).join('/')}`)!;
  if (check(body)) return [];
  const what = `${answer.method} ${answer.path} ${answer.status}${answer.part ? ` (${answer.part.join('.')})` : ''}`;
  return (check.errors ?? []).map((e) => `${what}: ${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)}`);
}

const route = (method: string, p: string, status: string, part?: string[]): Answer => ({ method, path: `/api/v1${p}`, status, ...(part ? { part } : {}) });

/** A Worker answer (or part of one) a recorded file holds, or a problem with how the file is put together. */
type Part = [Answer, unknown] | string;

/** Exactly these keys, as Apex writes them (it puts every key, null when it has no value). */
function keysProblem(value: unknown, keys: string[], where: string): string | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return `${where}: not an object`;
  const got = Object.keys(value).sort();
  return JSON.stringify(got) === JSON.stringify([...keys].sort()) ? null : `${where}: has {${got.join(', ')}}, Apex gives {${keys.join(', ')}}`;
}

/**
 * ParleySetupController.checkConnection, taken apart into the Worker answers it is made of:
 * callout: Apex's own { ok: true } or { ok: false, error }: whether GET /me answered (then worker and writeback are null);
 * worker: GET /me's agent, as { org: { id: orgId, name: orgName }, agent: { id, name, email, role, teamId } };
 * writeback: GET /crm/salesforce's connection with its writeback's fields beside it, and check: the answer of
 * POST /crm/salesforce/check, or Apex's { ok: false, error } in that shape when there is no connection or a call
 * failed (a failed GET /crm/salesforce leaves only { connection: null, check }).
 */
function checkConnectionParts(json: any): Part[] {
  const root = keysProblem(json, ['callout', 'worker', 'writeback'], '(root)');
  if (root) return [root];
  const { callout, worker, writeback } = json;
  if (callout?.ok === false) {
    const problems = [keysProblem(callout, ['ok', 'error'], 'callout'), typeof callout.error === 'string' ? null : 'callout.error: not a string'];
    if (worker !== null || writeback !== null) problems.push('worker, writeback: null when the callout failed');
    return problems.filter((p): p is string => p !== null);
  }
  const parts: Part[] = [];
  if (callout?.ok !== true) parts.push('callout.ok: neither true nor false');
  const shape = [
    keysProblem(callout, ['ok'], 'callout'),
    keysProblem(worker, ['org', 'agent'], 'worker'),
    keysProblem(worker?.org, ['id', 'name'], 'worker.org'),
    keysProblem(worker?.agent, ['id', 'name', 'email', 'role', 'teamId'], 'worker.agent'),
  ].filter((p): p is string => p !== null);
  if (shape.length) return [...parts, ...shape];
  parts.push([route('get', '/me', '200', ['agent']), { ...worker.agent, orgId: worker.org.id, orgName: worker.org.name }]);
  if (!writeback || typeof writeback !== 'object' || !('connection' in writeback) || !('check' in writeback)) return [...parts, 'writeback: no connection or no check'];
  const { connection, check, ...rest } = writeback;
  const getFailed = connection === null && Object.keys(rest).length === 0;
  if (!getFailed) parts.push([route('get', '/crm/salesforce', '200'), { connection, writeback: rest }]);
  parts.push([route('post', '/crm/salesforce/check', '200'), check]);
  return parts;
}

/** What each recorded file is: one Worker answer, parts of several (Apex composes checkConnection), frames, or no Worker call at all. */
const RECORDED: Record<string, Answer | ((json: any) => Part[]) | null> = {
  getSessionActive: route('get', '/sessions/{sessionId}', '200'),
  endSession: route('post', '/sessions/{sessionId}/end', '200'),
  startSessionPlanned: route('post', '/sessions', '201'),
  getLiveToken: route('post', '/sessions/{sessionId}/live-token', '201'),
  getWorkspaceLink: route('post', '/workspace-link', '201'),
  listSessions: route('get', '/sessions', '200'),
  listTemplates: route('get', '/templates', '200'),
  postMessage: route('post', '/sessions/{sessionId}/messages', '201'),
  // Sending a template with its participant list: the template's roles, the settings in force (SMS, OTP), the sent document.
  getTemplate: route('get', '/templates/{templateId}', '200'),
  getSettingsInForce: route('get', '/me', '200'),
  sendTemplateWithRoles: route('post', '/sessions/{sessionId}/documents', '201'),
  // Sending a workflow (its roles asked once), and a session with every app: its state in each bubble, a workflow's steps under it.
  listWorkflows: route('get', '/workflows', '200'),
  getWorkflow: route('get', '/workflows/{workflowId}', '200'),
  sendWorkflow: route('post', '/sessions/{sessionId}/workflows', '201'),
  getSessionWithApps: route('get', '/sessions/{sessionId}', '200'),
  getSettings: route('get', '/settings', '200'),
  getTeamSettings: route('get', '/teams/{teamId}/settings', '200'),
  listAgents: route('get', '/agents', '200'),
  listTeams: route('get', '/teams', '200'),
  getNotificationSettings: route('get', '/settings/notifications', '200'),
  // Who sends the org's texts and emails: Parley's accounts, the org's own, none; and the answer to connecting Resend.
  getMessagingProviders: route('get', '/settings/messaging', '200'),
  getMessagingProvidersOwn: route('get', '/settings/messaging', '200'),
  getMessagingProvidersNone: route('get', '/settings/messaging', '200'),
  saveMessagingProvidersEmailConnected: route('patch', '/settings/messaging', '200'),
  // Every frame the panel's tests replay is one the agent's socket can carry.
  liveFrames: (json) => Object.values(json).map((frame) => [route('get', '/sessions/{sessionId}/ws', '101'), frame]),
  // ParleySetupController.checkConnection: GET /me, GET /crm/salesforce and POST /crm/salesforce/check, put together.
  ...Object.fromEntries(['checkConnectionOk', 'checkConnectionFailures', 'checkConnectionNoWriteback', 'checkConnectionCalloutFailed'].map((name) => [name, checkConnectionParts])),
  // Salesforce-side only: the record's own fields, and Apex's error shape.
  getRecordContext: null,
  apexError: null,
  sendTemplateRefused: null,
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
      const parts: Part[] = typeof kind === 'function' ? kind(json) : [[kind, json]];
      for (const part of parts) problems.push(...(typeof part === 'string' ? [part] : validate(...part)).map((p) => `${file}: ${p}`));
    }
    expect(problems).toEqual([]);
  });

  it('the check itself refuses an answer that drifted', () => {
    expect(validate(route('get', '/teams', '200'), { teams: [{ id: 'tem_x', name: 'A' }] })).toEqual([]);
    expect(validate(route('get', '/teams', '200'), { teams: [{ id: 'tem_x' }] })).not.toEqual([]);
  });

  it('the check refuses a checkConnection file that drifted in any of its parts', async () => {
    const data = 'force-app/main/default/lwc/parleySetupConnection/__tests__/data';
    const read = async (name: string) => JSON.parse(await readFile(path.join(ROOT, data, `${name}.json`), 'utf8'));
    const problemsOf = (json: unknown) => checkConnectionParts(json).flatMap((part) => (typeof part === 'string' ? [part] : validate(...part)));
    const drifts: Array<[string, string, (json: any) => void]> = [
      ['checkConnectionNoWriteback', 'an agent role the Worker does not have', (j) => (j.worker.agent.role = 'owner')],
      ['checkConnectionNoWriteback', 'an agent without an email', (j) => (j.worker.agent.email = null)],
      ['checkConnectionNoWriteback', 'a key Apex does not give', (j) => (j.worker.agent.phone = '+15550100')],
      ['checkConnectionNoWriteback', 'a last sync that is not a time', (j) => (j.writeback.lastSyncAt = 5)],
      ['checkConnectionNoWriteback', 'no failures list', (j) => delete j.writeback.failures],
      ['checkConnectionNoWriteback', 'a failed check without its error', (j) => delete j.writeback.check.error],
      ['checkConnectionOk', 'a connection without its username', (j) => delete j.writeback.connection.username],
      ['checkConnectionOk', 'a check without its instance', (j) => delete j.writeback.check.instanceUrl],
      ['checkConnectionOk', 'no check at all', (j) => delete j.writeback.check],
      ['checkConnectionOk', 'a failed callout that still names the org', (j) => (j.callout = { ok: false, error: 'no route to host' })],
      ['checkConnectionCalloutFailed', 'a failed callout without its error', (j) => delete j.callout.error],
    ];
    for (const [name, what, drift] of drifts) {
      const json = await read(name);
      expect(problemsOf(json), name).toEqual([]);
      drift(json);
      expect(problemsOf(json), `${name} with ${what}`).not.toEqual([]);
    }
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

  // The plugin package cannot import Worker code (NodeNext resolution), so the fake keeps a copy: held equal here.
  it("starts from the Worker's default settings", () => {
    expect(FAKE_DEFAULTS).toEqual(DEFAULT_SETTINGS);
  });
});
