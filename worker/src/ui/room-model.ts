// What the customer's room shows, worked out once from the room's state:
// the agent and their presence, the one next step, the progress, every
// item in the customer's words, and the people. The server page
// (room-page.tsx) and the script that redraws it live (client/room.ts)
// both draw from this, so a live refresh can never show something the
// server would not ("Only you and your agent" vanishing, "Your agent is
// online" after the session ended). Pure: no DOM, no JSX.
import type { ParticipantRoomView } from '../contract/session';
import type { Translate } from '../i18n/translate';
import { customerStatus, customerStatusKey, isClosed, isFinished, nextActionOf, type CustomerStatus, type NextAction } from './customer-status';

type Room = Pick<ParticipantRoomView, 'session' | 'me' | 'others' | 'agent' | 'items'>;
type Item = ParticipantRoomView['items'][number];

export interface AgentLine {
  name: string;
  /** Two letters for the avatar: customers cannot reach CRM photos. */
  initials: string;
  /** In the room now, and only while the session runs. */
  online: boolean;
  status: string;
}

export type NextStep =
  | { kind: 'action'; action: NextAction; itemId: string; title: string; button: string; href: string | null }
  | { kind: 'none'; title: string; detail: string | null };

export interface ItemLine {
  id: string;
  name: string;
  href: string | null;
  status: CustomerStatus;
  statusText: string;
  finished: boolean;
  item: Item;
}

export interface PersonLine {
  id: string;
  online: boolean;
  text: string;
}

export interface RoomModel {
  agent: AgentLine;
  next: NextStep;
  /** null while the room holds nothing to count. */
  progress: { done: number; total: number; text: string } | null;
  items: ItemLine[];
  /** The others in the room; the heading is drawn only when there are some. */
  people: PersonLine[];
  /** "Only you and your agent.": drawn instead of the list when there is nobody else. */
  alone: string | null;
}

/** The page each kind of item is done on, in the room (absent: it is done on the room page itself). Each app adds its own. */
const ITEM_PAGES: Partial<Record<Item['kind'], (id: string) => string>> = {
  template_document: (id) => `/room/documents/${id}`,
  adhoc_document: (id) => `/room/documents/${id}`,
  document_request: (id) => `/room/requests/${id}`,
  payment: (id) => `/room/payments/${id}`,
  shared_review: (id) => `/room/reviews/${id}`,
};
export const itemHref = (item: Pick<Item, 'id' | 'kind'>) => ITEM_PAGES[item.kind]?.(item.id) ?? null;

export function roomModel(t: Translate, room: Room): RoomModel {
  // A workflow is not a thing to do: its steps are, each named with its place ("Step 2 of 3: …") as it goes out.
  const workflows = new Map(room.items.flatMap((i) => (i.app?.kind === 'workflow' ? [[i.id, i.app] as const] : [])));
  const items = room.items
    .filter((item) => item.kind !== 'workflow')
    .map((item): ItemLine => {
      const status = customerStatus(item, room.me);
      const workflow = item.parentId ? workflows.get(item.parentId) : undefined;
      const name = workflow && item.position ? t('room.workflow_step', { position: item.position, steps: workflow.steps, name: item.name }) : item.name;
      return { id: item.id, name, href: itemHref(item), status, statusText: t(customerStatusKey(status)), finished: isFinished(status), item };
    });
  const counted = items.filter((i) => !isClosed(i.status));
  const done = counted.filter((i) => i.finished).length;
  return {
    agent: agentLine(t, room),
    next: nextStep(t, items, counted.length > 0 && done === counted.length),
    progress: counted.length === 0 ? null : { done, total: counted.length, text: t.count('room.progress', done, { total: counted.length }) },
    items,
    people: room.others.map((p) => ({
      id: p.id,
      online: p.online,
      text: `${p.name} (${p.roleName}) — ${t(p.online ? 'room.people.online' : 'room.people.offline')}${p.completed ? `, ${t('room.people.completed')}` : ''}`,
    })),
    alone: room.others.length === 0 ? t('room.people.alone') : null,
  };
}

/** The agent by name, online only while the session runs: an ended session says so instead. */
function agentLine(t: Translate, room: Room): AgentLine {
  const running = room.session.status === 'active';
  const online = running && room.agent.online;
  const status = !running && room.session.status !== 'planned' ? t('room.agent.session_ended') : t(online ? 'room.agent.online' : 'room.agent.offline');
  return { name: room.agent.name, initials: initialsOf(room.agent.name), online, status };
}

/** The first item waiting for this customer, else why there is nothing to do. */
function nextStep(t: Translate, items: ItemLine[], allDone: boolean): NextStep {
  const first = items.find((i) => i.status === 'waiting_for_you');
  if (first) {
    const action = nextActionOf(first.item);
    return { kind: 'action', action, itemId: first.id, title: t(`room.next.${action}`, { name: first.name }), button: t(`room.next.button.${action}`), href: first.href };
  }
  if (items.length === 0) return { kind: 'none', title: t('room.next.nothing_yet'), detail: null };
  if (allDone) return { kind: 'none', title: t('room.next.all_done'), detail: t('room.next.all_done_detail') };
  return { kind: 'none', title: t('room.next.waiting'), detail: t('room.next.waiting_detail') };
}

/** "Alex Morgan" → "AM", "Zoë" → "Z", "" → "?". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words;
  return letters.map((w) => Array.from(w)[0]!.toLocaleUpperCase()).join('') || '?';
}
