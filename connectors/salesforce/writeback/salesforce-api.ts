// The few Salesforce REST calls write-back makes, through jsforce: upserts by
// external id in sObject Collections of up to 200 records, a file insert, a
// SOQL query. Signs in with the JWT bearer flow and signs in again, once,
// when Salesforce says the token expired. Failures come out classified:
// worth retrying (with Salesforce's Retry-After when it sent one), or not.
import { Connection } from 'jsforce/browser/core.js';
import { requestAccessToken, SalesforceAuthError, type AccessToken, type JwtBearerConfig } from './jwt-bearer';

/** The most records one sObject Collections call takes. */
export const COLLECTION_LIMIT = 200;
export const API_VERSION = '64.0';

export interface RecordError {
  statusCode: string;
  message: string;
  fields?: string[];
}

export interface SaveResult {
  id?: string;
  success: boolean;
  errors: RecordError[];
  created?: boolean;
}

/** A call that may succeed later: Salesforce busy, rate-limited or unreachable. */
export class RetryableError extends Error {
  constructor(
    message: string,
    /** Seconds Salesforce asked us to wait (Retry-After), when it said. */
    readonly retryAfterS: number | null,
  ) {
    super(message);
    this.name = 'RetryableError';
  }
}

export const describeErrors = (errors: RecordError[]) => errors.map((e) => `${e.statusCode}: ${e.message}`).join('; ');

/** Per-record errors that a later try can fix (a locked row, a parent written in the same run that failed). */
const TRANSIENT_RECORD_ERRORS = new Set(['UNABLE_TO_LOCK_ROW', 'SERVER_UNAVAILABLE', 'REQUEST_RUNNING_TOO_LONG', 'INVALID_FIELD_FOR_INSERT_UPDATE_DUE_TO_FOREIGN_KEY']);

export function isTransientRecordError(e: RecordError): boolean {
  // "Foreign key external ID: ses_… not found": the parent has not landed yet.
  return TRANSIENT_RECORD_ERRORS.has(e.statusCode) || /foreign key external id/i.test(e.message);
}

/** Access tokens per org connection, for this isolate. Salesforce sessions last hours; a 401 re-signs anyway. */
const TOKEN_TTL_MS = 30 * 60_000;
const tokens = new Map<string, { at: number; token: AccessToken }>();
const tokenKey = (c: JwtBearerConfig) => `${c.loginUrl}|${c.clientId}|${c.username}`;

/** Sign-ins one connection may make after its token is refused. */
const MAX_REFRESHES = 2;

/** Counts sign-ins, for tests and the benchmark. */
export const signIns = { count: 0 };

async function accessToken(config: JwtBearerConfig, nowMs: number, fresh: boolean): Promise<AccessToken> {
  const key = tokenKey(config);
  const hit = tokens.get(key);
  if (!fresh && hit && nowMs - hit.at < TOKEN_TTL_MS) return hit.token;
  signIns.count++;
  const token = await requestAccessToken(config, nowMs);
  if (tokens.size >= 1000) tokens.clear();
  tokens.set(key, { at: nowMs, token });
  return token;
}

/** Forget every cached token (tests; an admin reconnecting). */
export function forgetTokens(): void {
  tokens.clear();
}

interface ObservedResponse {
  statusCode: number;
  headers: Record<string, string>;
}

type JsforceError = Error & { errorCode?: string; data?: unknown };

export class SalesforceApi {
  private lastResponse: ObservedResponse | null = null;

  private constructor(
    private readonly conn: Connection,
    readonly instanceUrl: string,
  ) {
    // jsforce keeps response headers to itself; watching its transport is the
    // one way to read Retry-After and the status of a failed call.
    const transport = (conn as unknown as { _transport: { httpRequest: (...a: unknown[]) => Promise<ObservedResponse> } })._transport;
    const send = transport.httpRequest.bind(transport);
    transport.httpRequest = (...args: unknown[]) => {
      const pending = send(...args);
      pending.then(
        (res) => (this.lastResponse = res),
        () => (this.lastResponse = null),
      );
      return pending;
    };
  }

  /** Sign in (or reuse this isolate's token) and open a connection that re-signs on an expired token. */
  static async open(config: JwtBearerConfig, nowMs: () => number, version = API_VERSION): Promise<SalesforceApi> {
    const token = await guard(() => accessToken(config, nowMs(), false), () => null);
    // jsforce asks again after every 401: a token Salesforce keeps refusing must not loop.
    let refreshes = 0;
    const conn = new Connection({
      instanceUrl: token.instanceUrl,
      accessToken: token.accessToken,
      version,
      refreshFn: (_conn, callback) => {
        if (++refreshes > MAX_REFRESHES) return callback(new SalesforceAuthError('Salesforce keeps refusing fresh access tokens', 'INVALID_SESSION_ID'));
        accessToken(config, nowMs(), true).then(
          (t) => callback(null, t.accessToken),
          (err: Error) => callback(err),
        );
      },
    });
    return new SalesforceApi(conn, token.instanceUrl);
  }

  /** Upsert by external id: one sObject Collections call per 200 records, results in input order. */
  async upsert(type: string, externalIdField: string, records: Array<Record<string, unknown>>): Promise<SaveResult[]> {
    const results: SaveResult[] = [];
    for (let i = 0; i < records.length; i += COLLECTION_LIMIT) {
      const chunk = records.slice(i, i + COLLECTION_LIMIT);
      const saved = await guard(
        () => this.conn.sobject(type).upsert(chunk, externalIdField, { allOrNone: false }) as Promise<SaveResult[]>,
        () => this.lastResponse,
      );
      results.push(...saved);
    }
    return results;
  }

  async insert(type: string, record: Record<string, unknown>): Promise<SaveResult> {
    try {
      return await guard(() => this.conn.sobject(type).create(record) as Promise<SaveResult>, () => this.lastResponse);
    } catch (err) {
      // A refused insert (a duplicate link, a validation rule) is a result, not a failure of the call.
      const e = err as JsforceError;
      if (err instanceof RetryableError || !e.errorCode) throw err;
      return { success: false, errors: [{ statusCode: e.errorCode, message: e.message }] };
    }
  }

  async query<T>(soql: string): Promise<T[]> {
    const result = await guard(() => this.conn.query<T>(soql), () => this.lastResponse);
    return result.records;
  }

  /** The API versions this org serves, newest last (the connection check). */
  async versions(): Promise<Array<{ version: string; label: string }>> {
    return guard(() => this.conn.request<Array<{ version: string; label: string }>>(`${this.instanceUrl}/services/data/`), () => this.lastResponse);
  }
}

const RETRYABLE_CODES = new Set(['REQUEST_LIMIT_EXCEEDED', 'SERVER_UNAVAILABLE', 'UNABLE_TO_LOCK_ROW', 'REQUEST_RUNNING_TOO_LONG', 'QUERY_TIMEOUT']);

/** Run a call and turn what went wrong into RetryableError, SalesforceAuthError, or a plain Error (not worth retrying). */
async function guard<T>(call: () => Promise<T>, response: () => ObservedResponse | null): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof SalesforceAuthError || err instanceof RetryableError) throw err;
    const e = err as JsforceError;
    const res = response();
    const status = res?.statusCode ?? 0;
    const retryAfter = res?.headers['retry-after'];
    const seconds = retryAfter !== undefined && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter.trim()) : null;
    const code = e.errorCode ?? '';
    if (status === 429 || status >= 500 || RETRYABLE_CODES.has(code) || /^ERROR_HTTP_5\d\d$/.test(code) || !code) {
      // No code at all: the request never got an answer (network, timeout).
      throw new RetryableError(`Salesforce ${status ? `answered ${status}` : 'did not answer'}${code ? ` (${code})` : ''}: ${e.message}`, seconds);
    }
    if (code === 'INVALID_SESSION_ID') throw new SalesforceAuthError('Salesforce refused the session even after signing in again', code);
    throw Object.assign(new Error(`Salesforce refused the call (${code}): ${e.message}`), { errorCode: code });
  }
}
