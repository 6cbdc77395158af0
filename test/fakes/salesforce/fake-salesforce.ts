// A local stand-in for the Salesforce org Parley writes back to: the OAuth
// token endpoint (JWT bearer flow), the REST API version list, sObject
// Collections upsert by external id, ContentVersion / ContentDocumentLink
// creates and the SOQL queries Parley sends. Request and response shapes,
// status codes and error bodies follow Salesforce's documentation, so a
// client that works against the fake sends what a real org accepts.
//
// Web APIs only (Request, Response, crypto.subtle, atob): it runs inside
// workerd for the Worker's tests, and behind node:http for the benchmark
// (serve.ts). Route a client to it with fetch, e.g.
//   vi.stubGlobal('fetch', fake.fetch)
// which is also how jsforce reaches it in workerd: jsforce's browser build,
// the one workerd resolves, calls the global fetch for every request.
//
// It counts what a real org would bill (fake.apiCalls, the Sforce-Limit-Info
// header), keeps every write each record received (fake.writes), can be told
// to fail for a while (fake.failNext, fake.failFor) and can hold validation
// rules of its own (fake.addValidationRule), as a customer's org does.

import { upsertCollection } from './collections-upsert.ts';
import { invalidSession, json, jsonParserError, methodNotAllowed, notFound, requestLimitExceeded, restError } from './errors.ts';
import { FaultPlans, faultResponse, type Fault, type FaultSpan } from './faults.ts';
import { listFiles, type StoredFile } from './files.ts';
import { IdMint } from './ids.ts';
import { ConnectedApps, type ConnectedAppRegistration } from './jwt-bearer.ts';
import { RecordStore, type RecordWrite, type StoredRecord } from './record-store.ts';
import { objectNamed } from './schema.ts';
import { createRecord } from './sobject-create.ts';
import { runQuery } from './soql.ts';
import { ValidationRules, type ValidationRule } from './validation-rules.ts';
import { apiVersions, isListedVersion, resourcesOf } from './versions.ts';

export interface FakeSalesforceOptions {
  /** The org's own domain, returned as instance_url. Default https://parley-fake.my.salesforce.com; serve.ts sets its own address. */
  instanceUrl?: string;
  /** Model the package's trigger that keeps the stored row when an older Version__c arrives. Default true. */
  versionGuard?: boolean;
  /** The org's daily API request allowance (Sforce-Limit-Info's second number). Default 100000. */
  dailyApiLimit?: number;
  /** Newest API version the org lists (and accepts). Default 64.0, as sfdx-project.json. */
  latestApiVersion?: string;
  /** Inactivity after which an access token stops working. Default 2 hours, Salesforce's default session timeout. */
  sessionTimeoutMs?: number;
  /** How far ahead a JWT assertion's exp may be. Default 180 s ("within 3 minutes"). */
  maxAssertionLifetimeSeconds?: number;
  /** Added to every answer, to make latency measurable. Default 0. */
  latencyMs?: number;
  /** More aud values to accept besides login/test.salesforce.com and the org's own domain. */
  audiences?: string[];
  /** The clock, in milliseconds. Default Date.now. */
  now?: () => number;
}

/** One request to the REST API (/services/data/…), as the fake answered it. */
export interface CallRecord {
  method: string;
  /** The path, without the query string. */
  path: string;
  /** The SOQL of a query call. */
  soql?: string;
  status: number;
  /** Records in the request (upsert, create) or in the answer (query). */
  records: number;
  at: number;
  /** Counts toward the org's API usage: authenticated calls to a versioned resource. */
  counted: boolean;
  /** Answered by a planned fault. */
  fault: boolean;
}

export interface TokenRequestRecord {
  status: number;
  /** The OAuth error code of a refusal. */
  error?: string;
  at: number;
  fault: boolean;
}

/** A record as tests see it: its id, its object, every field it holds (system fields included). */
export interface FakeRecord {
  id: string;
  object: string;
  fields: StoredRecord;
}

/** A write whose Version__c was lower than one the record had already been sent. */
export interface VersionRegression {
  object: string;
  externalId: string;
  write: RecordWrite;
  /** The highest version sent before it. */
  previous: number;
}

interface Session {
  username: string;
  userId: string;
  lastUsed: number;
}

export const DEFAULT_INSTANCE_URL = 'https://parley-fake.my.salesforce.com';
const LOGIN_AUDIENCES = ['https://login.salesforce.com', 'https://test.salesforce.com'];
const PARLEY_OBJECTS = ['Parley_Session__c', 'Parley_Participant__c', 'Parley_Item__c'];

function randomToken(bytes: number): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...raw))
    .replace(/\+/g, '.')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export class FakeSalesforce {
  /** Read on every request: tests may change them between calls (e.g. options.versionGuard = false). */
  readonly options: Required<Omit<FakeSalesforceOptions, 'instanceUrl'>>;
  instanceUrl: string;
  readonly orgId: string;
  /** Every REST API call, in order. */
  readonly calls: CallRecord[] = [];
  /** Every token endpoint call, in order. */
  readonly tokenRequests: TokenRequestRecord[] = [];

  private readonly ids = new IdMint();
  private readonly store = new RecordStore();
  private readonly apps = new ConnectedApps();
  private readonly sessions = new Map<string, Session>();
  private readonly users = new Map<string, string>();
  private readonly faults = new FaultPlans();
  private readonly rules = new ValidationRules();
  private counted = 0;

  constructor(options: FakeSalesforceOptions = {}) {
    this.instanceUrl = options.instanceUrl ?? DEFAULT_INSTANCE_URL;
    this.options = {
      versionGuard: options.versionGuard ?? true,
      dailyApiLimit: options.dailyApiLimit ?? 100_000,
      latestApiVersion: options.latestApiVersion ?? '64.0',
      sessionTimeoutMs: options.sessionTimeoutMs ?? 2 * 60 * 60 * 1000,
      maxAssertionLifetimeSeconds: options.maxAssertionLifetimeSeconds ?? 180,
      latencyMs: options.latencyMs ?? 0,
      audiences: options.audiences ?? [],
      now: options.now ?? Date.now,
    };
    this.orgId = this.ids.next('00D');
  }

  // ── Setting up the org ──

  /** A connected app with a certificate (or public key) and the users pre-approved for it. */
  registerConnectedApp(app: ConnectedAppRegistration): void {
    this.apps.register(app);
    for (const username of Array.isArray(app.username) ? app.username : [app.username]) this.userId(username);
  }

  /** The User id (005…) of a username; the same one every time. */
  userId(username: string): string {
    let id = this.users.get(username);
    if (!id) {
      id = this.ids.next('005');
      this.users.set(username, id);
    }
    return id;
  }

  /** A validation rule of the org's admin: records it returns a message for fail with FIELD_CUSTOM_VALIDATION_EXCEPTION. */
  addValidationRule(object: string, rule: ValidationRule): void {
    this.rules.add(this.objectName(object), rule);
  }

  /** Revokes every access token issued so far: the next data call with one gets 401 INVALID_SESSION_ID. */
  expireTokens(): void {
    this.sessions.clear();
  }

  // ── Planned failures ──

  /** The next n matching calls get these faults (in turn, when several). */
  failNext(n: number, faults: Fault | Fault[]): void {
    this.faults.add({ calls: n }, faults, this.options.now());
  }

  /** Matching calls get these faults (in turn) for a number of calls or milliseconds from now. */
  failFor(span: FaultSpan, faults: Fault | Fault[]): void {
    this.faults.add(span, faults, this.options.now());
  }

  clearFaults(): void {
    this.faults.clear();
  }

  // ── What the org holds ──

  /** Calls that count toward the org's API usage; the token endpoint does not. */
  get apiCalls(): number {
    return this.counted;
  }

  get tokenCalls(): number {
    return this.tokenRequests.length;
  }

  records(object: string): FakeRecord[] {
    const name = this.objectName(object);
    return this.store.all(name).map((fields) => ({ id: fields.Id, object: name, fields }));
  }

  /** A Parley record by its External_Id__c. */
  record(object: string, externalId: string): FakeRecord | undefined {
    const name = this.objectName(object);
    const id = this.store.idByUnique(name, 'External_Id__c', externalId);
    const fields = id ? this.store.get(name, id) : undefined;
    return fields ? { id: fields.Id, object: name, fields } : undefined;
  }

  /** Every write a Parley record received, in order, kept ones (refused by the version guard) included. */
  writes(object: string, externalId: string): RecordWrite[] {
    const record = this.record(object, externalId);
    return record ? this.store.history(record.id) : [];
  }

  /** Writes that sent a lower Version__c than the record had already been sent: what a correct client never does. */
  versionRegressions(): VersionRegression[] {
    const out: VersionRegression[] = [];
    for (const object of PARLEY_OBJECTS) {
      for (const record of this.store.all(object)) {
        let highest: number | null = null;
        for (const write of this.store.history(record.Id)) {
          if (write.version === null) continue;
          if (highest !== null && write.version < highest) out.push({ object, externalId: String(record.External_Id__c), write, previous: highest });
          highest = highest === null ? write.version : Math.max(highest, write.version);
        }
      }
    }
    return out;
  }

  /** Every ContentVersion with its document, key, bytes and links. */
  files(): StoredFile[] {
    return listFiles(this.store);
  }

  private readonly validate = (object: string, record: StoredRecord) => this.rules.check(object, record);

  private objectName(object: string): string {
    const def = objectNamed(object);
    if (!def) throw new Error(`the fake org has no object ${object}`);
    return def.name;
  }

  // ── Serving ──

  /** A fetch function: hand it to a client, or stub the global fetch with it. */
  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const url = new URL(request.url);
    const response = url.pathname === '/services/oauth2/token' ? await this.token(request, url) : await this.data(request, url);
    if (this.options.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.options.latencyMs));
    return response;
  };

  private async token(request: Request, url: URL): Promise<Response> {
    const at = this.options.now();
    const log = (response: Response, fault = false, error?: string) => {
      this.tokenRequests.push({ status: response.status, at, fault, ...(error ? { error } : {}) });
      return response;
    };
    const fault = this.faults.take('token', at);
    if (fault) return log(faultResponse(fault), true);
    if (request.method !== 'POST') return log(methodNotAllowed(request.method, ['POST']));

    // The parameters may come in the form body or the query string; Salesforce reads both.
    const params = new URLSearchParams(url.search);
    const body = new URLSearchParams(new TextDecoder().decode(await request.arrayBuffer()));
    for (const [k, v] of body) params.set(k, v);

    const grant = await this.apps.grant(params, {
      now: at,
      audiences: [...LOGIN_AUDIENCES, this.instanceUrl, url.origin, ...this.options.audiences],
      maxLifetimeSeconds: this.options.maxAssertionLifetimeSeconds,
    });
    if (grant instanceof Response) {
      const { error } = (await grant.clone().json()) as { error: string };
      return log(grant, false, error);
    }
    const userId = this.userId(grant.username);
    const accessToken = `${this.orgId.slice(0, 15)}!${randomToken(72)}`;
    this.sessions.set(accessToken, { username: grant.username, userId, lastUsed: at });
    // No refresh_token: the JWT bearer flow never issues one; the client signs a new assertion instead.
    return log(
      json(200, {
        access_token: accessToken,
        scope: 'api',
        instance_url: this.instanceUrl,
        id: `${url.origin}/id/${this.orgId}/${userId}`,
        token_type: 'Bearer',
      }),
    );
  }

  private async data(request: Request, url: URL): Promise<Response> {
    const at = this.options.now();
    const call: CallRecord = { method: request.method, path: url.pathname, status: 0, records: 0, at, counted: false, fault: false };
    if (url.pathname.endsWith('/query') || url.pathname.endsWith('/query/')) {
      const soql = url.searchParams.get('q');
      if (soql !== null) call.soql = soql;
    }
    this.calls.push(call);
    const index = this.calls.length - 1;
    const answer = (response: Response) => {
      call.status = response.status;
      return response;
    };

    const versioned = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(url.pathname);
    const fault = this.faults.take('data', at);
    if (fault) {
      call.fault = true;
      // A failed call still costs the client a request; counting it keeps "calls per change" honest.
      call.counted = versioned !== null;
      if (call.counted) this.counted++;
      return answer(faultResponse(fault));
    }

    if (url.pathname === '/services/data' || url.pathname === '/services/data/') {
      // The version list needs no session and does not count toward the org's limits.
      if (request.method !== 'GET') return answer(methodNotAllowed(request.method, ['GET', 'HEAD']));
      return answer(json(200, apiVersions(this.options.latestApiVersion)));
    }
    if (!versioned) return answer(notFound());

    const session = this.authenticate(request, at);
    if (!session) return answer(invalidSession());
    if (this.apiCalls >= this.options.dailyApiLimit) return answer(requestLimitExceeded());
    call.counted = true;
    this.counted++;

    const version = versioned[1]!;
    const rest = versioned[2] ?? '/';
    const response = isListedVersion(version, this.options.latestApiVersion)
      ? await this.route(request, url, version, rest, { session, call: index, at }, (n) => (call.records = n))
      : notFound();
    response.headers.set('Sforce-Limit-Info', `api-usage=${this.apiCalls}/${this.options.dailyApiLimit}`);
    return answer(response);
  }

  private authenticate(request: Request, at: number): Session | undefined {
    const m = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '');
    const session = m ? this.sessions.get(m[1]!) : undefined;
    if (!session) return undefined;
    if (at - session.lastUsed > this.options.sessionTimeoutMs) {
      this.sessions.delete(m![1]!);
      return undefined;
    }
    session.lastUsed = at;
    return session;
  }

  private async route(
    request: Request,
    url: URL,
    version: string,
    rest: string,
    ctx: { session: Session; call: number; at: number },
    countRecords: (n: number) => void,
  ): Promise<Response> {
    const path = rest.replace(/\/$/, '') || '/';
    const method = request.method;

    if (path === '/') {
      return method === 'GET' ? json(200, resourcesOf(version)) : methodNotAllowed(method, ['GET', 'HEAD']);
    }

    const upsert = /^\/composite\/sobjects\/([^/]+)\/([^/]+)$/.exec(path);
    if (upsert) {
      // Upsert by external id through sObject Collections exists from API 46.0.
      if (Number(version) < 46) return notFound();
      if (method !== 'PATCH') return methodNotAllowed(method, ['PATCH']);
      const body = await readJson(request);
      if (body instanceof Response) return body;
      const outcome = upsertCollection(
        { store: this.store, ids: this.ids, now: ctx.at, call: ctx.call, versionGuard: this.options.versionGuard, validate: this.validate },
        decodeURIComponent(upsert[1]!),
        decodeURIComponent(upsert[2]!),
        body,
      );
      countRecords(outcome.records);
      return outcome.response;
    }

    const create = /^\/sobjects\/([^/]+)$/.exec(path);
    if (create) {
      if (method !== 'POST') return methodNotAllowed(method, ['POST']);
      const body = await readJson(request);
      if (body instanceof Response) return body;
      countRecords(1);
      return createRecord(
        { store: this.store, ids: this.ids, now: ctx.at, call: ctx.call, userId: ctx.session.userId, validate: this.validate },
        decodeURIComponent(create[1]!),
        body,
      );
    }

    if (path === '/query') {
      if (method !== 'GET') return methodNotAllowed(method, ['GET', 'HEAD']);
      const soql = url.searchParams.get('q');
      if (!soql) return restError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
      const result = runQuery(this.store, soql, version);
      countRecords(result.records);
      return result.response;
    }

    return notFound();
  }
}

async function readJson(request: Request): Promise<unknown> {
  const text = new TextDecoder().decode(await request.arrayBuffer());
  try {
    return JSON.parse(text);
  } catch (e) {
    return jsonParserError(`Unexpected character in the request body: ${(e as Error).message}`);
  }
}

