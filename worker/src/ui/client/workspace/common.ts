// Shared by the workspace pages' script: calling the JSON API with the
// workspace cookie, showing its errors at their fields, local times.

import type { ErrorBody } from '../../../contract/errors';

/** What an API call that failed says: the contract's one error shape. */
export type ApiError = ErrorBody['error'];
export type ApiResult<T = any> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiError };

/**
 * A call to /api/v1 as the signed-in agent: the HttpOnly cookie rides along
 * (same origin), and X-Parley-App: 1 tells the API to accept it.
 */
export async function api<T = any>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { 'X-Parley-App': '1', Accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    return { ok: false, status: 0, error: { code: 'network', message: 'Parley could not be reached. Check your connection and try again.' } };
  }
  const json = (await res.json().catch(() => null)) as any;
  if (res.ok) return { ok: true, status: res.status, data: json as T };
  const error: ApiError = json?.error ?? { code: 'http_' + res.status, message: `the request failed (${res.status})` };
  if (res.status === 401) error.message = 'Your sign-in has expired. Open the workspace again from your CRM (or from the link npm start prints).';
  return { ok: false, status: res.status, error };
}

/** What the session page gives the parts it wires (private conversations, document requests). */
export interface SessionPageHost {
  /** /sessions/{id}, for the API paths. */
  base: string;
  announce(text: string): void;
  problem(text: string): void;
  refresh(): Promise<void>;
}

/** Clears the error lines and invalid marks inside a form (or any container). */
export function clearErrors(root: ParentNode): void {
  for (const e of root.querySelectorAll<HTMLElement>('.ws-err')) e.textContent = '';
  for (const e of root.querySelectorAll('[aria-invalid]')) e.removeAttribute('aria-invalid');
}

/**
 * Shows an API error inside root: each issue at the error line whose
 * data-field is the issue's field (error.issues[].field, e.g.
 * body.customer.email), the rest on the general line (data-field="").
 * Focuses the first field in error.
 */
export function showError(root: ParentNode, error: ApiError): void {
  clearErrors(root);
  const general: string[] = [];
  let first: HTMLElement | null = null;
  const issues = error.issues?.length ? error.issues : [{ field: fieldOfMessage(error.message), message: error.message }];
  for (const issue of issues) {
    const line = issue.field ? root.querySelector<HTMLElement>(`.ws-err[data-field="${cssEscape(issue.field)}"]`) : null;
    if (!line) {
      general.push(error.issues?.length ? `${issue.field.replace(/^body\./, '')}: ${issue.message}` : sentence(issue.message));
      continue;
    }
    line.textContent = sentence(issue.message);
    const input = root.querySelector<HTMLElement>(`input[data-field="${cssEscape(issue.field)}"], select[aria-describedby="${line.id}"]`);
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      first ??= input;
    }
  }
  const generalLine = root.querySelector('.ws-err[data-field=""]');
  if (general.length && generalLine) generalLine.textContent = general.join(' ');
  first?.focus();
}

/** "body.customer.email: must be…" style messages without issues name their field first. */
function fieldOfMessage(message: string): string {
  const m = /^([A-Za-z0-9_.]+): /.exec(message);
  return m ? `body.${m[1]}` : '';
}

function cssEscape(s: string): string {
  return s.replace(/["\\]/g, '\\$&');
}

export const sentence = (s: string) => (s ? s.charAt(0).toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? '' : '.') : s);

const TIME_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** <time datetime> elements rendered in UTC by the server, shown in the reader's local time. */
export function localTimes(root: ParentNode | null = document.body): void {
  if (!root) return;
  for (const t of root.querySelectorAll<HTMLTimeElement>('time[datetime]')) {
    const iso = t.getAttribute('datetime')!;
    const d = new Date(iso);
    if (Number.isNaN(d.getTime()) || t.dataset.local) continue;
    t.title = t.textContent ?? '';
    t.textContent = formatTime(iso);
    t.dataset.local = '1';
  }
}

export const formatTime = (iso: string) => TIME_FORMAT.format(new Date(iso));

export const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T | null;

/** What a text input holds, trimmed; undefined when empty. */
export function valueOf(id: string): string | undefined {
  const v = $<HTMLInputElement>(id)?.value.trim();
  return v ? v : undefined;
}

/** A new element with attributes and, optionally, its text. */
export function el(tag: string, attrs: Record<string, string> = {}, text?: string): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** An <option> of a select. */
export const option = (value: string, label: string): HTMLElement => el('option', { value }, label);
