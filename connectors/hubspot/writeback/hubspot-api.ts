// The HubSpot calls write-back makes, through @hubspot/api-client's APIs
// (hubspot-clients.ts): batch update, upsert, create and read of CRM objects
// (100 inputs a call), the properties API, the v4 associations read, and the
// Files API. Every call spends from the portal's budget (call-budget.ts) and
// comes out classified: worth retrying (429 with HubSpot's wait, 5xx, no
// answer), HubSpot refusing Parley (401: uninstalled), or refused for good
// (other 4xx, with HubSpot's reason).
import { HubSpotClients } from './hubspot-clients';
import { HubSpotAuthError } from '../oauth/tokens';
import { MAX_WAIT_MS, reserveCall } from './call-budget';

/** The most inputs one batch call takes (HubSpot's documented limit). */
export const BATCH_LIMIT = 100;
export const API_VERSION = '2026-03';

/** A call that may succeed later: rate-limited, HubSpot unavailable or unreachable. */
export class RetryableError extends Error {
  override name = 'RetryableError';
  constructor(
    message: string,
    /** Seconds HubSpot (or Parley's budget) asked to wait, when known. */
    readonly retryAfterS: number | null,
  ) {
    super(message);
  }
}

/** HubSpot refused a whole call for good (a 4xx other than 401/429): its category and message. */
export class HubSpotRefusal extends Error {
  override name = 'HubSpotRefusal';
  constructor(
    message: string,
    readonly status: number,
    readonly category: string | null,
    /** Codes of the call's detailed errors (e.g. PROPERTY_DOESNT_EXIST). */
    readonly codes: string[],
  ) {
    super(message);
  }
}

export interface BatchError {
  category: string;
  message: string;
  context?: Record<string, string[]>;
}

export interface BatchAnswer<R> {
  results: R[];
  errors: BatchError[];
}

export interface SavedObject {
  id: string;
  properties: Record<string, string | null>;
}

type ApiFailure = { code?: number; body?: unknown; headers?: Record<string, string> };
type Loose = Record<string, unknown>;

/** Seconds to wait after a 429: Retry-After when HubSpot sends it, else its rolling interval. */
function waitOf(headers: Record<string, string> | undefined): number | null {
  const h = (name: string) => headers?.[name] ?? headers?.[name.toLowerCase()];
  const retryAfter = h('Retry-After');
  if (retryAfter !== undefined && /^\d+$/.test(retryAfter.trim())) return Number(retryAfter.trim());
  const interval = h('X-HubSpot-RateLimit-Interval-Milliseconds');
  if (interval !== undefined && /^\d+$/.test(interval.trim())) return Math.max(1, Math.ceil(Number(interval) / 1000));
  return null;
}

function describe(body: unknown): { message: string; category: string | null; codes: string[] } {
  const b = (typeof body === 'string' ? safeJson(body) : body) as { message?: unknown; category?: unknown; errors?: Array<{ code?: unknown }> } | null;
  return {
    message: typeof b?.message === 'string' ? b.message : typeof body === 'string' ? body.slice(0, 300) : 'no reason given',
    category: typeof b?.category === 'string' ? b.category : null,
    codes: Array.isArray(b?.errors) ? b.errors.flatMap((e) => (typeof e.code === 'string' ? [e.code] : [])) : [],
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Turn a failed call into RetryableError, HubSpotAuthError or HubSpotRefusal. */
export function classify(what: string, status: number, body: unknown, headers?: Record<string, string>): Error {
  const d = describe(body);
  if (status === 429) return new RetryableError(`HubSpot rate-limited ${what} (429): ${d.message}`, waitOf(headers));
  if (status >= 500 || status === 0) return new RetryableError(`HubSpot ${status ? `answered ${status}` : 'did not answer'} to ${what}: ${d.message}`, waitOf(headers));
  if (status === 401) return new HubSpotAuthError(`HubSpot refused Parley's access token (401 ${d.category ?? ''}): the app may have been uninstalled; reconnect it from Parley's settings page in HubSpot`);
  return new HubSpotRefusal(`HubSpot refused ${what} (${status}${d.category ? ` ${d.category}` : ''}): ${d.message}`, status, d.category, d.codes);
}

export class HubSpotApi {
  private client: HubSpotClients;
  /** Asked once when HubSpot refuses the access token (401): a fresh one, or HubSpotAuthError. */
  private renew: ((refused: string) => Promise<string>) | null;

  constructor(
    private accessToken: string,
    readonly basePath: string,
    readonly portalId: string,
    private readonly now: () => number,
    renew: ((refused: string) => Promise<string>) | null = null,
  ) {
    // No retries inside the client (hubspot-clients.ts): write-back retries through the queue, which keeps order and counts tries.
    this.client = new HubSpotClients({ accessToken, basePath });
    this.renew = renew;
  }

  /** After a 401: a fresh token once per API, then the call again; a second 401 is HubSpot refusing Parley. */
  private async renewed(err: Error): Promise<boolean> {
    if (!(err instanceof HubSpotAuthError) || !this.renew) return false;
    const renew = this.renew;
    this.renew = null;
    this.accessToken = await renew(this.accessToken);
    this.client = new HubSpotClients({ accessToken: this.accessToken, basePath: this.basePath });
    return true;
  }

  /** Spend one call of the portal's budget, waiting when the wait is short. */
  private async spend(what: string): Promise<void> {
    for (;;) {
      const wait = reserveCall(this.portalId, this.now());
      if (wait === 0) return;
      if (wait > MAX_WAIT_MS) throw new RetryableError(`Parley's share of the portal's HubSpot rate limit is spent (${what})`, Math.ceil(wait / 1000));
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private async typed<T>(what: string, call: (client: HubSpotClients) => Promise<T>): Promise<T> {
    await this.spend(what);
    try {
      return await call(this.client);
    } catch (err) {
      const e = err as ApiFailure & Error;
      const failure = typeof e.code === 'number' ? classify(what, e.code, e.body, e.headers) : new RetryableError(`HubSpot did not answer ${what}: ${e.message}`, null);
      if (await this.renewed(failure)) return this.typed(what, call);
      throw failure;
    }
  }

  /** A call the typed client lacks (or sends through node:http, as uploads): through apiRequest, on the global fetch. */
  private async raw(what: string, opts: { method: string; path: string; body?: unknown; defaultJson?: boolean; qs?: Record<string, string> }): Promise<unknown> {
    await this.spend(what);
    let res: Response;
    try {
      res = await this.client.apiRequest(opts);
    } catch (err) {
      throw new RetryableError(`HubSpot did not answer ${what}: ${(err as Error).message}`, null);
    }
    const text = await res.text();
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k] = v));
    if (res.status >= 300) {
      const failure = classify(what, res.status, text, headers);
      if (await this.renewed(failure)) return this.raw(what, opts);
      throw failure;
    }
    return text ? safeJson(text) : null;
  }

  /** A batch answer, read loosely: the typed client's models (results, and 207's errors) as plain fields. */
  private static answer<R>(raw: unknown, map: (r: Loose) => R): BatchAnswer<R> {
    const b = raw as { results?: Loose[]; errors?: Loose[] };
    return {
      results: (b.results ?? []).map(map),
      errors: (b.errors ?? []).map((e) => ({ category: String(e.category ?? ''), message: String(e.message ?? ''), ...(e.context ? { context: e.context as Record<string, string[]> } : {}) })),
    };
  }

  private static saved = (r: Loose): SavedObject => ({ id: String(r.id), properties: (r.properties as Record<string, string | null> | undefined) ?? {} });

  async batchUpdate(objectType: string, inputs: Array<{ id: string; properties: Record<string, string> }>): Promise<BatchAnswer<SavedObject>> {
    const raw = await this.typed(`a batch update of ${objectType}`, (c) => c.objects.batchApi.update(objectType, { inputs }));
    return HubSpotApi.answer(raw, HubSpotApi.saved);
  }

  async batchUpsert(objectType: string, inputs: Array<{ id: string; idProperty: string; properties: Record<string, string> }>): Promise<BatchAnswer<SavedObject & { new: boolean }>> {
    const raw = await this.typed(`a batch upsert of ${objectType}`, (c) => c.objects.batchApi.upsert(objectType, { inputs }));
    // The client names the answer's `new` field `_new`.
    return HubSpotApi.answer(raw, (r) => ({ ...HubSpotApi.saved(r), new: r._new === true || r.new === true }));
  }

  async batchCreate(
    objectType: string,
    inputs: Array<{ properties: Record<string, string>; associations: Array<{ to: { id: string }; types: Array<{ associationCategory: 'HUBSPOT_DEFINED'; associationTypeId: number }> }> }>,
  ): Promise<BatchAnswer<SavedObject>> {
    const raw = await this.typed(`a batch create of ${objectType}`, (c) => c.objects.batchApi.create(objectType, { inputs: inputs as unknown as Parameters<HubSpotClients['objects']['batchApi']['create']>[1]['inputs'] }));
    return HubSpotApi.answer(raw, HubSpotApi.saved);
  }

  async batchRead(objectType: string, ids: string[], properties: string[]): Promise<BatchAnswer<SavedObject>> {
    const raw = await this.typed(`a batch read of ${objectType}`, (c) => c.objects.batchApi.read(objectType, { inputs: ids.map((id) => ({ id })), properties, propertiesWithHistory: [] }));
    return HubSpotApi.answer(raw, HubSpotApi.saved);
  }

  /** For each record, the ids of its associated `toType` records (v4). */
  async associated(fromType: string, toType: string, ids: string[]): Promise<Map<string, string[]>> {
    const raw = (await this.raw(`a read of ${fromType}→${toType} associations`, { method: 'POST', path: `/crm/v4/associations/${fromType}/${toType}/batch/read`, body: { inputs: ids.map((id) => ({ id })) } })) as {
      results?: Array<{ from: { id: string }; to: Array<{ toObjectId: number | string }> }>;
    };
    return new Map((raw.results ?? []).map((r) => [String(r.from.id), r.to.map((t) => String(t.toObjectId))]));
  }

  async propertyNames(objectType: string): Promise<Set<string>> {
    const raw = await this.typed(`a read of ${objectType} properties`, (c) => c.properties.coreApi.getAll(objectType));
    return new Set(raw.results.map((p) => p.name));
  }

  /** Create a property group; false when it already exists (409). */
  async createPropertyGroup(objectType: string, group: { name: string; label: string; displayOrder: number }): Promise<boolean> {
    try {
      await this.typed(`the ${group.name} property group on ${objectType}`, (c) => c.properties.groupsApi.create(objectType, group));
      return true;
    } catch (err) {
      if (err instanceof HubSpotRefusal && err.status === 409) return false;
      throw err;
    }
  }

  /** Create properties in one call; those that already exist come back as OBJECT_ALREADY_EXISTS errors. */
  async createProperties(objectType: string, inputs: Array<Record<string, unknown>>): Promise<BatchAnswer<{ name: string }>> {
    const raw = await this.typed(`Parley's properties on ${objectType}`, (c) => c.properties.batchApi.create(objectType, { inputs: inputs as unknown as Parameters<HubSpotClients['properties']['batchApi']['create']>[1]['inputs'] }));
    return HubSpotApi.answer(raw, (r) => ({ name: String(r.name) }));
  }

  /** Files whose name (without extension) is exactly `name`. */
  async findFiles(name: string): Promise<Array<{ id: string; name: string; extension: string }>> {
    const raw = (await this.raw(`a search for file ${name}`, { method: 'GET', path: '/files/v3/files/search', qs: { name } })) as { results?: Array<{ id: string; name: string; extension: string }> };
    return (raw.results ?? []).filter((f) => f.name === name).map((f) => ({ id: String(f.id), name: f.name, extension: f.extension }));
  }

  /** Upload a private file; its id. */
  async uploadFile(fileName: string, folderPath: string, bytes: Uint8Array, type: string): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type }), fileName);
    form.append('fileName', fileName);
    form.append('folderPath', folderPath);
    form.append('options', JSON.stringify({ access: 'PRIVATE', overwrite: false, duplicateValidationStrategy: 'NONE', duplicateValidationScope: 'EXACT_FOLDER' }));
    const raw = (await this.raw(`the upload of ${fileName}`, { method: 'POST', path: '/files/v3/files', body: form, defaultJson: false })) as { id?: unknown };
    if (raw?.id === undefined) throw new RetryableError(`HubSpot answered the upload of ${fileName} without a file id`, null);
    return String(raw.id);
  }
}
