// The one HTTP client for the Parley Worker's API (/api/v1). Every command
// talks to the Worker through it, so failures read the same everywhere: the
// Worker's { error: { code, message } } becomes an SfError that names the
// request and the problem, and a Worker that can't be reached says so.
import { Messages, SfError } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@parley/plugin-parley', 'parley.client');

/** What the Worker sends with every 4xx/5xx it produces itself. */
export type WorkerErrorBody = { error: { code: string; message: string } };

/** Attached to every error the Worker answered, for scripts that look at `data`. */
export type WorkerErrorData = { status: number; code: string; message: string };

const DEFAULT_TIMEOUT_MS = 30_000;

export class ParleyClient {
  private readonly apiBase: string;

  public constructor(
    private readonly workerUrl: URL,
    private readonly token: string,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {
    // A Worker may sit under a path prefix; keep it, drop a trailing slash.
    this.apiBase = `${workerUrl.origin}${workerUrl.pathname.replace(/\/+$/, '')}/api/v1`;
  }

  public get<T>(path: string): Promise<T> {
    return this.send<T>('GET', path);
  }

  public post<T>(path: string, body?: unknown): Promise<T> {
    return this.send<T>('POST', path, body);
  }

  public put<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PUT', path, body);
  }

  public patch<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PATCH', path, body);
  }

  /** A multipart/form-data POST (file uploads); fetch writes the boundary. */
  public upload<T>(path: string, form: FormData): Promise<T> {
    return this.send<T>('POST', path, form);
  }

  private async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.token}`, Accept: 'application/json' };
    let payload: string | FormData | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['Content-Type'] = 'application/json';
    }

    let response: Response;
    try {
      response = await fetch(`${this.apiBase}${path}`, { method, headers, body: payload, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw this.transportError(method, path, error);
    }

    const text = await response.text();
    const json = parseJson(text);
    if (response.ok) {
      if (json === undefined && text.length > 0) {
        throw messages.createError('error.WorkerBadResponse', [method, path, this.workerUrl.origin, response.status]);
      }
      return json as T;
    }
    if (!isWorkerError(json)) {
      throw messages.createError('error.WorkerBadResponse', [method, path, this.workerUrl.origin, response.status]);
    }
    const { code, message } = json.error;
    const key =
      response.status === 401 ? 'error.WorkerUnauthenticated' : response.status === 403 ? 'error.WorkerForbidden' : 'error.WorkerRefused';
    const tokens = key === 'error.WorkerRefused' ? [method, path, message, response.status, code] : [method, path, message, code];
    const error = messages.createError(key, tokens);
    error.setData({ status: response.status, code, message } satisfies WorkerErrorData);
    throw error;
  }

  private transportError(method: string, path: string, error: unknown): SfError {
    if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      return messages.createError('error.WorkerTimeout', [this.workerUrl.origin, method, path, this.timeoutMs / 1000]);
    }
    // Node's fetch hides the reason (ECONNREFUSED, ENOTFOUND, a TLS failure) in `cause`.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const reason = (cause as { code?: unknown }).code ?? (cause instanceof Error ? cause.message : String(cause));
    return messages.createError('error.WorkerUnreachable', [this.workerUrl.origin, String(reason)], [], error instanceof Error ? error : undefined);
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isWorkerError(body: unknown): body is WorkerErrorBody {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}
