// Every call the card and the settings page make to Parley. They go through
// hubspot.fetch only: HubSpot signs each request (X-HubSpot-Signature-v3) and
// the Worker knows the portal and the HubSpot user from it, so nothing here
// holds a secret. A refusal arrives as a ParleyError carrying Parley's own
// code and message (and, for a 422, the fields at fault).
import { hubspot } from '@hubspot/ui-extensions';
import { PARLEY_API } from './parley-origin';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** One field Parley refused, named as Parley names it (body.session.accessWindowHours). */
export interface FieldIssue {
  field: string;
  message: string;
}

export class ParleyError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
    /** From a 429's Retry-After: how long Parley asked us to wait, or null. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'ParleyError';
  }
}

/** The Worker's answer when this HubSpot account has no Parley connection (or it was uninstalled). */
export const NOT_CONNECTED = 'hubspot_not_connected';

function retryAfter(response: Response): number | null {
  const value = response.headers?.get?.('Retry-After');
  if (!value) return null;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Calls Parley at `path` (under /api/v1) and answers its JSON. Throws a
 * ParleyError for a refusal, and for a network failure or a timeout (status 0).
 */
export async function callParley<T>(method: Method, path: string, body?: Record<string, unknown>): Promise<T> {
  let response: Response;
  try {
    response = await hubspot.fetch(`${PARLEY_API}${path}`, { method, ...(body === undefined ? {} : { body }) });
  } catch (error) {
    throw new ParleyError(0, 'unreachable', `Parley could not be reached (${error instanceof Error ? error.message : String(error)}). Try again in a moment.`);
  }
  const json = await readJson(response);
  if (response.ok) return json as T;
  const refusal = (json as { error?: { code?: unknown; message?: unknown; issues?: unknown } } | null)?.error;
  const code = typeof refusal?.code === 'string' ? refusal.code : `http_${response.status}`;
  const message = typeof refusal?.message === 'string' ? refusal.message : `Parley answered ${response.status}.`;
  const issues = Array.isArray(refusal?.issues) ? (refusal.issues as FieldIssue[]) : [];
  throw new ParleyError(response.status, code, message, issues, response.status === 429 ? retryAfter(response) : null);
}

/** Any thrown value as words an agent can read. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
