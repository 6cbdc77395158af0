// A local stand-in for HubSpot as Parley's app sees it: OAuth (install code,
// refresh, introspection, uninstall), the CRM objects' batch endpoints,
// properties and groups, notes with associations, the v4 associations read,
// and the Files API. Request and response shapes, status codes, error bodies
// and limits (100 inputs per batch, ~100 requests per 10 s per portal for an
// OAuth app) follow HubSpot's documentation, so a client that works against
// the fake sends what HubSpot accepts.
//
// Web APIs only: it runs inside workerd for the Worker's tests
// (vi.stubGlobal('fetch', fake.fetch); @hubspot/api-client calls the global
// fetch) and behind node:http for the benchmark (serve.ts). It answers at
// any host, so HUBSPOT_API_BASE may stay HubSpot's own.
//
// What tests assert on: fake.calls (every data call, its kind, inputs and
// status), fake.apiCalls, fake.tokenRequests, fake.portal(id) (records and
// each write they received, notes, associations, files, properties), and the
// largest batch it was sent (maxInputs). Planned failures: failNext/failFor.
import { associationsBatchRead, batchCreate, batchRead, batchUpdate, batchUpsert, type BatchContext } from './crm-objects.ts';
import { expiredAuthentication, json, methodNotAllowed, notFound, rateLimited, unauthorized, validationError } from './errors.ts';
import { faultResponse, FaultPlans, type Fault, type FaultSpan } from './faults.ts';
import { getFile, searchFiles, uploadFile } from './files.ts';
import { OAuthServer, type Installation } from './oauth.ts';
import { isCrmObject, Portal, type CrmObject, type StoredRecord } from './portal.ts';
import { propertiesRoute } from './properties.ts';
import { DEFAULT_RATE_LIMIT, RollingWindow, type RateLimitOptions } from './rate-limit.ts';

export interface FakeHubSpotOptions {
  /** The app's OAuth client; token calls with other credentials are refused. */
  clientId?: string;
  clientSecret?: string;
  appId?: number;
  /** Requests per portal per rolling interval. Default 100 per 10 s (an OAuth app's burst limit). */
  rateLimit?: RateLimitOptions;
  /** Added to every answer, to make latency measurable. Default 0. */
  latencyMs?: number;
  /** The clock, in milliseconds. Default Date.now. */
  now?: () => number;
}

/** One data call (anything but the OAuth endpoints), as the fake answered it. */
export interface CallRecord {
  method: string;
  path: string;
  /** e.g. 'contacts/batch/update', 'notes/batch/create', 'properties/deals/batch/create', 'files/upload'. */
  kind: string;
  portalId: string | null;
  status: number;
  /** Inputs of a batch call. */
  inputs: number;
  at: number;
  /** Answered by a planned fault. */
  fault: boolean;
}

export interface TokenRequestRecord {
  path: string;
  grantType: string | null;
  status: number;
  error?: string;
  at: number;
  fault: boolean;
}

export const TEST_APP = { clientId: 'parley-test-client-id', clientSecret: 'parley-test-client-secret', appId: 4242 };

export class FakeHubSpot {
  readonly options: Required<Omit<FakeHubSpotOptions, 'clientId' | 'clientSecret' | 'appId'>>;
  readonly calls: CallRecord[] = [];
  readonly tokenRequests: TokenRequestRecord[] = [];
  /** The most inputs any batch call carried, accepted or not. */
  maxInputs = 0;

  private readonly oauth: OAuthServer;
  private readonly portals = new Map<string, Portal>();
  private readonly faults = new FaultPlans();
  private readonly window: RollingWindow;

  constructor(options: FakeHubSpotOptions = {}) {
    this.options = { rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT, latencyMs: options.latencyMs ?? 0, now: options.now ?? Date.now };
    this.oauth = new OAuthServer(
      { clientId: options.clientId ?? TEST_APP.clientId, clientSecret: options.clientSecret ?? TEST_APP.clientSecret, appId: options.appId ?? TEST_APP.appId },
      () => this.options.now(),
    );
    this.window = new RollingWindow(() => this.options.rateLimit);
  }

  // ── Installing the app ──

  /** A user installs the app in a portal; the code goes to the app's redirect URL. */
  authorize(install: Omit<Installation, 'scopes' | 'hubDomain' | 'userEmail'> & Partial<Installation>, redirectUri: string | null = null): string {
    this.portal(install.portalId);
    return this.oauth.authorize(
      {
        portalId: install.portalId,
        userId: install.userId,
        userEmail: install.userEmail ?? `user-${install.userId}@example.com`,
        hubDomain: install.hubDomain ?? `portal-${install.portalId}.hubspot.com`,
        scopes: install.scopes ?? ['oauth', 'crm.objects.contacts.write', 'crm.objects.contacts.read', 'crm.schemas.contacts.write', 'files'],
      },
      redirectUri,
    );
  }

  /** The app is uninstalled from the portal: refresh and access tokens stop working. */
  revoke(portalId: string): void {
    this.oauth.revoke(portalId);
  }

  /** Access tokens issued so far expire now. */
  expireAccessTokens(): void {
    this.oauth.expire();
  }

  // ── What a portal holds ──

  portal(portalId: string): Portal {
    let p = this.portals.get(portalId);
    if (!p) {
      p = new Portal(portalId);
      this.portals.set(portalId, p);
    }
    return p;
  }

  /** A record someone made in HubSpot (a contact, a deal…), to link sessions to. */
  createRecord(portalId: string, object: CrmObject, properties: Record<string, string> = {}): StoredRecord {
    return this.portal(portalId).create(object, properties, this.options.now(), -1);
  }

  deleteRecord(portalId: string, id: string): void {
    this.portal(portalId).records.delete(id);
  }

  /** Calls that count toward the portal's limits: every data call, refused or faulted ones included. */
  get apiCalls(): number {
    return this.calls.length;
  }

  // ── Planned failures ──

  failNext(n: number, faults: Fault | Fault[]): void {
    this.faults.add({ calls: n }, faults, this.options.now());
  }

  failFor(span: FaultSpan, faults: Fault | Fault[]): void {
    this.faults.add(span, faults, this.options.now());
  }

  clearFaults(): void {
    this.faults.clear();
  }

  // ── Serving ──

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const url = new URL(request.url);
    const response = url.pathname.startsWith('/oauth/') ? await this.oauthRoute(request, url) : await this.data(request, url);
    if (this.options.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.options.latencyMs));
    return response;
  };

  private async oauthRoute(request: Request, url: URL): Promise<Response> {
    const at = this.options.now();
    // Decoded by hand: workerd warns when text() reads a form body.
    const params = request.method === 'POST' ? new URLSearchParams(new TextDecoder().decode(await request.arrayBuffer())) : new URLSearchParams();
    const log = async (response: Response, fault = false) => {
      const body = response.status >= 400 ? ((await response.clone().json().catch(() => ({}))) as { status?: string }) : {};
      this.tokenRequests.push({ path: url.pathname, grantType: params.get('grant_type'), status: response.status, at, fault, ...(body.status ? { error: body.status } : {}) });
      return response;
    };
    const fault = this.faults.take('token', at);
    if (fault && !fault.applied) return log(faultResponse(fault), true);
    let response: Response;
    if (/^\/oauth\/(2026-03|v3|v1)\/token$/.test(url.pathname)) response = request.method === 'POST' ? this.oauth.token(params) : methodNotAllowed(request.method);
    else if (/^\/oauth\/(2026-03|v3)\/token\/introspect$/.test(url.pathname)) response = request.method === 'POST' ? this.oauth.introspect(params) : methodNotAllowed(request.method);
    else {
      const legacy = /^\/oauth\/v1\/access-tokens\/([^/]+)$/.exec(url.pathname);
      response = legacy && request.method === 'GET' ? this.oauth.accessTokenInfo(decodeURIComponent(legacy[1]!)) : notFound();
    }
    return fault ? log(faultResponse(fault), true) : log(response);
  }

  private async data(request: Request, url: URL): Promise<Response> {
    const at = this.options.now();
    const call: CallRecord = { method: request.method, path: url.pathname, kind: kindOf(url.pathname), portalId: null, status: 0, inputs: 0, at, fault: false };
    this.calls.push(call);
    const index = this.calls.length - 1;
    const done = (response: Response) => {
      call.status = response.status;
      return response;
    };

    const fault = this.faults.take('data', at);
    if (fault && !fault.applied) {
      call.fault = true;
      return done(faultResponse(fault));
    }
    const auth = this.oauth.portalOf(request.headers.get('authorization'));
    if (!auth) {
      if (fault) call.fault = true;
      return done(fault ? faultResponse(fault) : /^Bearer\s+\S+/i.test(request.headers.get('authorization') ?? '') ? expiredAuthentication() : unauthorized());
    }
    const portalId = auth.install.portalId;
    call.portalId = portalId;
    const limit = this.window.admit(portalId, at);
    if (!limit.ok) return done(rateLimited(limit));

    const response = await this.route(request, url, { portal: this.portal(portalId), at, call: index, fileExists: (id) => this.portal(portalId).files.has(id) }, (n) => {
      call.inputs = n;
      this.maxInputs = Math.max(this.maxInputs, n);
    });
    response.headers.set('X-HubSpot-RateLimit-Max', String(limit.max));
    response.headers.set('X-HubSpot-RateLimit-Remaining', String(limit.remaining));
    response.headers.set('X-HubSpot-RateLimit-Interval-Milliseconds', String(limit.intervalMs));
    if (fault) {
      // Carried out, but the answer is lost on the way back.
      call.fault = true;
      return done(faultResponse(fault));
    }
    return done(response);
  }

  private async route(request: Request, url: URL, ctx: BatchContext, countInputs: (n: number) => void): Promise<Response> {
    const method = request.method;
    const path = url.pathname.replace(/\/$/, '');
    const body = async () => {
      try {
        const parsed = JSON.parse(new TextDecoder().decode(await request.arrayBuffer()));
        const inputs = (parsed as { inputs?: unknown } | null)?.inputs;
        if (Array.isArray(inputs)) countInputs(inputs.length);
        return parsed as unknown;
      } catch {
        return undefined;
      }
    };

    const batch = /^\/crm\/v3\/objects\/([^/]+)\/batch\/(update|read|upsert|create)$/.exec(path);
    if (batch) {
      const object = batch[1]!;
      if (!isCrmObject(object)) return notFound('object type');
      if (method !== 'POST') return methodNotAllowed(method);
      const parsed = await body();
      if (parsed === undefined) return validationError('Invalid input JSON: the body is not JSON');
      const handler = { update: batchUpdate, read: batchRead, upsert: batchUpsert, create: batchCreate }[batch[2] as 'update' | 'read' | 'upsert' | 'create'];
      return handler(ctx, object, parsed).response;
    }

    const assoc = /^\/crm\/v4\/associations\/([^/]+)\/([^/]+)\/batch\/read$/.exec(path);
    if (assoc) {
      if (!isCrmObject(assoc[1]!) || !isCrmObject(assoc[2]!)) return notFound('object type');
      if (method !== 'POST') return methodNotAllowed(method);
      const parsed = await body();
      if (parsed === undefined) return validationError('Invalid input JSON: the body is not JSON');
      return associationsBatchRead(ctx, assoc[1], assoc[2], parsed).response;
    }

    const props = /^\/crm\/v3\/properties\/([^/]+)(\/.*)?$/.exec(path);
    if (props) {
      if (!isCrmObject(props[1]!)) return notFound('object type');
      const parsed = method === 'POST' ? await body() : undefined;
      if (method === 'POST' && parsed === undefined) return validationError('Invalid input JSON: the body is not JSON');
      return propertiesRoute(ctx.portal, props[1], method, props[2] ?? '', parsed, ctx.at);
    }

    if (path === '/files/v3/files') return method === 'POST' ? uploadFile(ctx.portal, request, ctx.at) : methodNotAllowed(method);
    if (path === '/files/v3/files/search') return method === 'GET' ? searchFiles(ctx.portal, url) : methodNotAllowed(method);
    const file = /^\/files\/v3\/files\/([^/]+)$/.exec(path);
    if (file && method === 'GET') return getFile(ctx.portal, decodeURIComponent(file[1]!));

    return json(404, { status: 'error', message: `No route for ${method} ${path}`, correlationId: crypto.randomUUID(), category: 'OBJECT_NOT_FOUND' });
  }
}

function kindOf(path: string): string {
  const batch = /^\/crm\/v3\/objects\/([^/]+)\/batch\/([a-z]+)/.exec(path);
  if (batch) return `${batch[1]}/batch/${batch[2]}`;
  const assoc = /^\/crm\/v4\/associations\/([^/]+)\/([^/]+)\/batch\/read/.exec(path);
  if (assoc) return `associations/${assoc[1]}/${assoc[2]}/read`;
  const props = /^\/crm\/v3\/properties\/([^/]+)(\/groups)?(\/batch\/create)?/.exec(path);
  if (props) return `properties/${props[1]}${props[2] ?? ''}${props[3] ?? ''}`;
  if (path.startsWith('/files/v3/files/search')) return 'files/search';
  if (path.startsWith('/files/v3/files')) return 'files/upload';
  return path;
}
