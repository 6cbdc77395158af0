// The state the document page's modules share: the document as last loaded,
// whether this customer consented and is in the Assign step, the room API
// call, and the page's elements. One module changes the state; redraw()
// (set by the entry, room-document.ts) brings every part of the page in line.
import type { DocumentItemView } from '../../../../contract/documents';
import { mayFillNow, missingFields, type PageState } from '../../../room/document-words';

export type Field = DocumentItemView['document']['fields'][number];
export type ApiAnswer = { ok: boolean; status: number; json: any };

const ROOM = { 'X-Parley-Room': '1' };

/** The page's element by selector (the server page always renders these). */
export const $ = <T extends HTMLElement = HTMLElement>(sel: string) => document.querySelector(sel) as T;

const main = $('#document');
export const itemId = main.dataset['itemId']!;
export const version = Number(main.dataset['version'] ?? 0);

export const page = {
  view: null as unknown as DocumentItemView,
  /** False in limited access (after the session ended): view and download only. */
  mayAct: main.dataset['mayAct'] === 'true',
  assigning: false,
  /** null until GET /room/api/consent answers. */
  consented: null as boolean | null,
  /** Every part of the page drawn again from the state (set by the entry). */
  redraw: () => {},
};

export function pageState(): PageState {
  return { mayAct: page.mayAct, assigning: page.assigning, consented: page.consented, missing: missing().length };
}

/** Required fields of mine still empty while I may fill them. */
export const missing = () => missingFields(page.view, page);

/** Whether this field can be filled now: my turn, consent given, not a date filled on signing. */
export const canFill = (f: Field) => page.consented === true && f.mine && f.type !== 'date_signed' && mayFillNow(page.view, page);

/** A field's name for people: its label, else its id in words. */
export const labelOf = (f: Field) => f.label ?? f.id.replace(/[_-]+/g, ' ');

export async function api(path: string, init: RequestInit = {}): Promise<ApiAnswer> {
  const res = await fetch(path, { credentials: 'same-origin', ...init, headers: { ...ROOM, ...(init.body && !(init.body instanceof FormData) ? { 'Content-Type': 'application/json' } : {}), ...(init.headers ?? {}) } });
  const json = res.headers.get('Content-Type')?.includes('json') ? await res.json() : null;
  return { ok: res.ok, status: res.status, json };
}

/** The document again from the server; false (and the page says so) when it cannot be loaded. */
export async function load(): Promise<boolean> {
  const r = await api(`/room/api/documents/${itemId}`);
  if (!r.ok) return false;
  page.view = r.json as DocumentItemView;
  return true;
}
