// "Read" both ways in the customer's room. While the chat is on screen
// (the tab visible, the conversation scrolled into view), the room is
// told the customer has read it up to its newest message
// (POST /room/api/chat/read), so the agent sees ✓✓; when
// the agent reads, a read frame turns the customer's own ✓ into ✓✓ at once,
// without fetching the room again.
import type { ParticipantRoomView } from '../../../contract/session';
import { receipt } from './chat';

let markedUpTo = '';
/** The conversations on screen now; until the observer first answers, assumed in view. */
const inView = new Set<Element>();
let watching = false;

/** Follow whether a conversation is on screen; `shown` runs as one comes into view. */
export function watchChats(lists: (HTMLElement | null)[], shown: () => void): void {
  const present = lists.filter((l): l is HTMLElement => l !== null);
  if (!present.length || !('IntersectionObserver' in window)) return;
  watching = true;
  const observer = new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (e.isIntersecting) inView.add(e.target);
      else inView.delete(e.target);
    }
    if (inView.size > 0) shown();
  });
  for (const list of present) observer.observe(list);
}

/** Tell the room this customer has seen the chat, when it shows something newer than last told and the page is in view. */
export function markRead(state: Pick<ParticipantRoomView, 'messages' | 'me'>): void {
  markReadUpTo(state.messages.filter((m) => !(m.author.kind === 'participant' && m.author.id === state.me.id)).reduce((a, m) => (m.createdAt > a ? m.createdAt : a), ''));
}

/** The same for the page as the server drew it: the newest bubble that is not mine. */
export function markReadOnLoad(): void {
  const times = [...document.querySelectorAll<HTMLTimeElement>('li.bubble:not(.mine) time[datetime]')].map((e) => e.dateTime);
  markReadUpTo(times.reduce((a, b) => (b > a ? b : a), ''));
}

function markReadUpTo(newest: string): void {
  if (document.visibilityState !== 'visible' || (watching && inView.size === 0)) return;
  if (!newest || newest <= markedUpTo) return;
  markedUpTo = newest;
  void fetch('/room/api/chat/read', { method: 'POST', headers: { 'X-Parley-Room': '1' } }).catch(() => {
    markedUpTo = '';
  });
}

/**
 * The agent read up to `until`: every one of my bubbles sent by then shows
 * ✓✓, read from the page itself (it may not have fetched the room yet),
 * and the state last fetched says so too, so the next redraw keeps it.
 */
export function showReadUntil(until: string, state: Pick<ParticipantRoomView, 'messages' | 'me'> | null): void {
  for (const m of state?.messages ?? []) if (m.author.kind === 'participant' && m.author.id === state!.me.id && m.createdAt <= until) m.read = true;
  for (const receiptEl of document.querySelectorAll<HTMLElement>('li.bubble.mine .receipt:not(.read)')) {
    const at = receiptEl.closest('li')?.querySelector<HTMLTimeElement>('time[datetime]')?.dateTime;
    if (at && at <= until) receiptEl.replaceWith(receipt(true));
  }
}
