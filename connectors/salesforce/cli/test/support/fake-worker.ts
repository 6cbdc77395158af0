// A local stand-in for the Parley Worker: a node:http server on 127.0.0.1
// that records every request and answers the routes the CLI uses with the
// Worker's shapes (worker/src/contract/*.ts), its status codes and its
// { error: { code, message } } bodies. State lives in memory, so a test can
// look at what a command changed.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RecordedRequest = {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body, when there was one. */
  json?: unknown;
  /** The fields of a multipart body; files as {fileName, type, bytes}. */
  form?: Record<string, string | { fileName: string; type: string; bytes: Buffer }>;
};

type Groups = { session: Record<string, unknown>; afterEnd: Record<string, unknown> };
type Failure = { status: number; code: string; message: string };
type TemplateVersion = { pdfSha256: string; pages: { width: number; height: number }[]; definition: Definition; createdAt: string };
type Definition = { roles?: { name: string; required?: boolean }[]; signingOrder?: string; fields: { role: string }[] };

/** The Worker's defaults (worker/src/domain/settings.ts). */
export const DEFAULT_SETTINGS: Groups = {
  session: {
    customerAttachments: true,
    customerChat: true,
    accessWindowHours: 168,
    inactiveAutoClose: null,
    reusableSessions: true,
    searchSpace: 'mine',
    singleActiveSession: false,
    singleDeviceAccess: false,
    otpRequired: false,
    agentMaySeeOtp: false,
    smsEnabled: true,
  },
  afterEnd: { attachmentsAllowed: true, chatAllowed: true, fullAccessHours: 168, limitedAccessHours: 0, preventAccess: false, redirectUrl: null },
};

/** The one participant of every fake session: its customer. */
const CUSTOMER_ID = 'par_fakeworker00000001';

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 16)}`;

class HttpError extends Error {
  public constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class FakeWorker {
  public readonly requests: RecordedRequest[] = [];
  public readonly token = 'tok_admin_for_tests';
  public orgOverrides: Groups = { session: {}, afterEnd: {} };
  public teams: { id: string; name: string; overrides: Groups }[] = [];
  public templates: { id: string; name: string; versions: TemplateVersion[] }[] = [];
  public sessions = new Map<string, { status: string; customer: Record<string, string>; crmRecord: unknown; items: unknown[] }>();
  public crmConnection: Record<string, unknown> | null = null;
  /** Every org key handed out; the last one is the one that works. */
  public readonly issuedKeys: string[] = [];
  public checkAnswer: { ok: boolean; apiVersion?: string; instanceUrl?: string; error?: string } = { ok: true, apiVersion: '64.0' };
  /** Sessions linked to Salesforce records before the first PUT /crm/salesforce (it queues them). */
  public linkedBeforeConnect = 0;
  /** What POST /crm/salesforce/resync answers once connected. */
  public resyncAnswer: { queued: number; truncated: boolean } = { queued: 3, truncated: false };
  private readonly failures = new Map<string, Failure>();
  private server: Server | undefined;
  private base: URL | undefined;

  public get url(): URL {
    if (!this.base) throw new Error('the fake Worker is not started');
    return this.base;
  }

  public async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = new URL(`http://127.0.0.1:${(this.server.address() as AddressInfo).port}`);
    return this;
  }

  public async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.server?.close((e) => (e ? reject(e) : resolve())) ?? resolve());
  }

  /** Answer the next request to this route with an error, as the Worker would. */
  public failNext(method: string, path: string, status: number, code: string, message: string): void {
    this.failures.set(`${method} ${path}`, { status, code, message });
  }

  public addTeam(name: string): { id: string; name: string } {
    const team = { id: id('tem'), name, overrides: { session: {}, afterEnd: {} } };
    this.teams.push(team);
    return { id: team.id, name };
  }

  public requestsTo(method: string, path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.path === path);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', this.url);
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, headers: req.headers };
    this.requests.push(recorded);
    try {
      const type = req.headers['content-type'] ?? '';
      if (type.startsWith('application/json')) recorded.json = JSON.parse(raw.toString('utf8'));
      if (type.startsWith('multipart/form-data')) recorded.form = await readForm(raw, type);
      const failure = this.failures.get(`${recorded.method} ${recorded.path}`);
      if (failure) {
        this.failures.delete(`${recorded.method} ${recorded.path}`);
        throw new HttpError(failure.status, failure.code, failure.message);
      }
      if (req.headers.authorization !== `Bearer ${this.token}`) throw new HttpError(401, 'invalid_token', 'the agent token is not valid');
      const { status, body } = this.route(recorded, type);
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    } catch (error) {
      const e = error instanceof HttpError ? error : new HttpError(400, 'malformed', String(error));
      res.writeHead(e.status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { code: e.code, message: e.message } }));
    }
  }

  private route(r: RecordedRequest, contentType: string): { status: number; body: unknown } {
    const segments = r.path.replace(/^\/api\/v1/, '').split('/').filter(Boolean);
    const route = `${r.method} /${segments.map((s) => (/^[a-z]{3}_/.test(s) ? ':id' : s)).join('/')}`;
    const body = (r.json ?? {}) as Record<string, unknown>;
    switch (route) {
      case 'GET /settings':
        return { status: 200, body: { settings: resolve(this.orgOverrides) } };
      case 'PATCH /settings':
        this.orgOverrides = applyPatch(this.orgOverrides, body, false);
        return { status: 200, body: { settings: resolve(this.orgOverrides) } };
      case 'GET /teams':
        return { status: 200, body: { teams: this.teams.map((t) => ({ id: t.id, name: t.name })) } };
      case 'GET /teams/:id/settings':
        return { status: 200, body: this.teamView(this.team(segments[1]!)) };
      case 'PATCH /teams/:id/settings': {
        const team = this.team(segments[1]!);
        team.overrides = applyPatch(team.overrides, body, true);
        return { status: 200, body: this.teamView(team) };
      }
      case 'GET /templates':
        return {
          status: 200,
          body: { templates: this.templates.map((t) => ({ id: t.id, name: t.name, version: t.versions.length, updatedAt: t.versions.at(-1)!.createdAt })) },
        };
      case 'POST /templates': {
        const upload = readUpload(r, contentType);
        const name = r.form?.name;
        if (typeof name !== 'string' || !name.trim()) throw new HttpError(422, 'invalid_request', 'name: give the template a name of 1–120 characters');
        if (this.templates.some((t) => t.name === name.trim())) {
          throw new HttpError(409, 'duplicate', `name: a template called "${name.trim()}" exists; upload a new version of it instead`);
        }
        const template = { id: id('tpl'), name: name.trim(), versions: [upload] };
        this.templates.push(template);
        return { status: 201, body: templateView(template) };
      }
      case 'POST /templates/:id/versions': {
        const template = this.templates.find((t) => t.id === segments[1]);
        if (!template) throw new HttpError(404, 'not_found', 'template not found');
        template.versions.push(readUpload(r, contentType));
        return { status: 201, body: templateView(template) };
      }
      case 'POST /sessions': {
        const customer = body.customer as Record<string, string> | undefined;
        if (!customer?.name) throw new HttpError(422, 'invalid_request', 'body.customer.name: must not be empty');
        if (!customer.email && !customer.phone) throw new HttpError(422, 'invalid_request', 'body.customer.email: give an email or a phone number');
        const sessionId = id('ses');
        this.sessions.set(sessionId, { status: body.invite === false ? 'planned' : 'active', customer, crmRecord: body.crmRecord ?? null, items: [] });
        return { status: 201, body: { reused: false, ...this.sessionView(sessionId) } };
      }
      case 'POST /sessions/:id/documents': {
        const session = this.session(segments[1]!);
        const template = this.templates.find((t) => t.id === body.templateId);
        if (!template) throw new HttpError(404, 'not_found', 'template not found');
        const at = new Date().toISOString();
        const status = session.status === 'planned' ? 'draft' : 'sent';
        const version = template.versions.at(-1)!;
        const roles = version.definition.roles ?? [{ name: 'Customer', required: true }];
        // As the Worker resolves them: only the Customer role is given (to the customer); a role nobody holds is no signer.
        const signers = roles.filter((r) => r.name === 'Customer').map((r) => ({ role: r.name, participantId: CUSTOMER_ID, pending: false, done: false, doneAt: null, turn: status === 'sent' }));
        const item = { id: id('itm'), kind: 'template_document', name: template.name, status, assignees: [CUSTOMER_ID], threadId: null, reason: null, signers, createdAt: at, updatedAt: at };
        session.items.push(item);
        // The customer as anyone in the session may see them (the Worker's ParticipantPublic): no contact details or invitations.
        const { id: pid, primary, roleName, name, online, lastSeenAt, enteredAt, consentedAt, authStatus, completed, completedAt } = this.sessionView(segments[1]!).participants[0]!;
        const customerPublic = { id: pid, primary, roleName, name, online, lastSeenAt, enteredAt, consentedAt, authStatus, authenticatedAt: null, completed, completedAt };
        const document = {
          itemId: item.id,
          name: template.name,
          status,
          source: 'template',
          template: { id: template.id, version: template.versions.length },
          batch: null,
          pages: version.pages,
          signingOrder: version.definition.signingOrder ?? 'parallel',
          roles: roles.map((r) => ({
            name: r.name,
            required: r.required ?? true,
            assigned: r.name === 'Customer' ? CUSTOMER_ID : null,
            pending: false,
            participant: r.name === 'Customer' ? customerPublic : null,
            done: false,
            doneAt: null,
            actingNow: status === 'sent',
          })),
          myRoles: [],
          myTurn: false,
          fields: version.definition.fields.map((f) => ({ required: true, ...f, mine: false, value: null })),
          originalSha256: version.pdfSha256,
          sealed: null,
          sealing: null,
          approval: null,
        };
        return { status: 201, body: { item, document } };
      }
      case 'POST /sessions/:id/invite': {
        const session = this.session(segments[1]!);
        if (session.status !== 'planned') {
          throw new HttpError(409, 'already_invited', `the session is ${session.status}; the invitation has already gone out (use renew to send it again)`);
        }
        session.status = 'active';
        return { status: 200, body: this.sessionView(segments[1]!) };
      }
      case 'GET /crm/salesforce':
        return { status: 200, body: { connection: this.crmConnection, writeback: { lastSyncAt: null, failures: [] } } };
      case 'PUT /crm/salesforce': {
        for (const field of ['loginUrl', 'instanceUrl', 'sfOrgId', 'clientId', 'username', 'privateKey']) {
          if (typeof body[field] !== 'string' || !body[field]) throw new HttpError(422, 'invalid_request', `body.${field}: required`);
        }
        if (!String(body.privateKey).includes('-----BEGIN PRIVATE KEY-----')) {
          throw new HttpError(422, 'invalid_request', 'body.privateKey: must be a PKCS#8 PEM private key');
        }
        // Optional, as the Worker has it: '' (no namespace) or a Salesforce namespace prefix.
        const namespace = body.namespace ?? '';
        if (typeof namespace !== 'string' || (namespace !== '' && !/^(?=.{1,15}$)[A-Za-z](?:_?[A-Za-z0-9])*$/.test(namespace))) {
          throw new HttpError(422, 'invalid_request', 'body.namespace: must be empty or a Salesforce namespace prefix');
        }
        const { privateKey: _kept, ...shown } = body;
        // A first connection queues the sessions linked before it; a reconnection does not.
        const resync = this.crmConnection ? null : { queued: this.linkedBeforeConnect, truncated: false };
        this.crmConnection = { ...shown, namespace, apiVersion: null, connectedAt: new Date().toISOString() };
        return { status: 200, body: { connection: this.crmConnection, resync } };
      }
      case 'POST /crm/salesforce/key': {
        if (!this.crmConnection) throw new HttpError(409, 'not_connected', 'connect Salesforce first (PUT /crm/salesforce)');
        const key = `pk.org_fakeworker000001.${randomBytes(24).toString('base64url')}`;
        this.issuedKeys.push(key);
        return { status: 201, body: { key } };
      }
      case 'POST /crm/salesforce/resync':
        if (!this.crmConnection) throw new HttpError(409, 'not_connected', 'Salesforce is not connected: run `sf parley org connect` first');
        return { status: 202, body: this.resyncAnswer };
      case 'POST /crm/salesforce/check':
        return { status: 200, body: { ...this.checkAnswer, ...(this.checkAnswer.ok ? { instanceUrl: this.crmConnection?.instanceUrl } : {}) } };
      default:
        throw new HttpError(404, 'not_found', `no route ${r.method} ${r.path}`);
    }
  }

  private team(teamId: string) {
    const team = this.teams.find((t) => t.id === teamId);
    if (!team) throw new HttpError(404, 'not_found', 'team not found');
    return team;
  }

  private teamView(team: { id: string; name: string; overrides: Groups }) {
    const own = (group: keyof Groups) => Object.fromEntries(Object.keys(DEFAULT_SETTINGS[group]).map((k) => [k, team.overrides[group][k] ?? 'inherit']));
    return {
      teamId: team.id,
      name: team.name,
      overrides: { session: own('session'), afterEnd: own('afterEnd') },
      effective: resolve(this.orgOverrides, team.overrides),
    };
  }

  private session(sessionId: string) {
    const session = this.sessions.get(sessionId);
    if (!session) throw new HttpError(404, 'not_found', 'session not found');
    return session;
  }

  /** The agent's view of a session (SessionRoom.agentView): session, participants, items, messages. */
  private sessionView(sessionId: string) {
    const s = this.session(sessionId);
    const at = new Date().toISOString();
    return {
      session: {
        id: sessionId,
        status: s.status,
        agentId: 'agt_fakeworker00000001',
        teamId: null,
        customerId: 'cus_fakeworker00000001',
        crmRecord: s.crmRecord,
        createdAt: at,
        invitedAt: s.status === 'planned' ? null : at,
        endedAt: null,
        closedAt: null,
        version: 1 + s.items.length,
      },
      participants: [
        {
          id: CUSTOMER_ID,
          primary: true,
          roleName: 'Customer',
          name: s.customer.name,
          online: false,
          lastSeenAt: null,
          enteredAt: null,
          consentedAt: null,
          authStatus: 'none',
          authenticatedAt: null,
          completed: false,
          completedAt: null,
          invitedAt: s.status === 'planned' ? null : at,
          inviteCount: s.status === 'planned' ? 0 : 1,
          windowStartedAt: null,
          email: s.customer.email ?? null,
          phone: s.customer.phone ?? null,
          inviteChannel: s.customer.email ? 'email' : 'sms',
          // No language given: the customer's browser decides.
          language: null,
          // The agent added the customer; nobody assigned them in an Assign step.
          assignedBy: null,
          access: s.status === 'planned' ? { level: 'none', reason: 'not_invited', until: null } : { level: 'full', reason: 'open', until: null },
          // An invitation waits in the outbox as the Worker's does: queued until a provider takes it.
          deliveries:
            s.status === 'planned'
              ? []
              : [{ messageId: `msg_${CUSTOMER_ID}_1_${s.customer.email ? 'email' : 'sms'}`, kind: 'invitation_primary', channel: s.customer.email ? 'email' : 'sms', status: 'queued', reason: null, updatedAt: at }],
        },
      ],
      items: s.items,
      messages: [],
      privateSessions: [],
      agentOnline: false,
    };
  }
}

function resolve(org: Groups, team?: Groups): Groups {
  return {
    session: { ...DEFAULT_SETTINGS.session, ...org.session, ...team?.session },
    afterEnd: { ...DEFAULT_SETTINGS.afterEnd, ...org.afterEnd, ...team?.afterEnd },
  };
}

/** The Worker's patch rules, with its messages: known keys only, the access window's range, "inherit" for teams. */
function applyPatch(stored: Groups, patch: Record<string, unknown>, forTeam: boolean): Groups {
  const next: Groups = { session: { ...stored.session }, afterEnd: { ...stored.afterEnd } };
  for (const [group, values] of Object.entries(patch)) {
    if (group !== 'session' && group !== 'afterEnd') throw new HttpError(422, 'invalid_request', `body: Unrecognized key: "${group}"`);
    for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
      if (!(key in DEFAULT_SETTINGS[group])) throw new HttpError(422, 'invalid_request', `body.${group}: Unrecognized key: "${key}"`);
      if (value === 'inherit' && forTeam) {
        delete next[group][key];
        continue;
      }
      if (key === 'accessWindowHours' && !(Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 2160)) {
        throw new HttpError(422, 'invalid_request', `body.${group}.${key}: must be 1 to 2160 hours`);
      }
      next[group][key] = value;
    }
  }
  return next;
}

async function readForm(raw: Buffer, contentType: string): Promise<NonNullable<RecordedRequest['form']>> {
  const form = await new Response(raw, { headers: { 'Content-Type': contentType } }).formData();
  const fields: NonNullable<RecordedRequest['form']> = {};
  for (const [name, value] of form.entries()) {
    fields[name] = typeof value === 'string' ? value : { fileName: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) };
  }
  return fields;
}

/** readDocumentUpload: multipart, a PDF in "file", the definition as JSON in "definition". */
function readUpload(r: RecordedRequest, contentType: string): TemplateVersion {
  if (!contentType.startsWith('multipart/form-data')) throw new HttpError(415, 'multipart_required', 'send the file as multipart/form-data in a field named "file"');
  const definition = r.form?.definition;
  if (typeof definition !== 'string') throw new HttpError(422, 'definition_required', 'definition: a JSON field "definition" with the fields is required');
  let parsed: Definition;
  try {
    parsed = JSON.parse(definition) as Definition;
  } catch {
    throw new HttpError(422, 'invalid_request', 'definition: not valid JSON');
  }
  if (!Array.isArray(parsed.fields) || parsed.fields.length === 0) throw new HttpError(422, 'invalid_request', 'definition.fields: Too small: expected array to have >=1 items');
  const file = r.form?.file;
  if (!file || typeof file === 'string') throw new HttpError(422, 'file_required', 'file: a file field is required');
  if (file.bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new HttpError(415, 'not_pdf', 'file: not a PDF');
  return { pdfSha256: createHash('sha256').update(file.bytes).digest('hex'), pages: [{ width: 612, height: 792 }], definition: parsed, createdAt: new Date().toISOString() };
}

function templateView(t: { id: string; name: string; versions: TemplateVersion[] }) {
  const v = t.versions.at(-1)!;
  return {
    id: t.id,
    name: t.name,
    version: t.versions.length,
    currentVersion: t.versions.length,
    pdfSha256: v.pdfSha256,
    pages: v.pages,
    roles: (v.definition.roles ?? [{ name: 'Customer' }]).map((r) => ({ name: r.name, required: r.required ?? true })),
    signingOrder: v.definition.signingOrder ?? 'parallel',
    fields: v.definition.fields,
    createdAt: v.createdAt,
  };
}
