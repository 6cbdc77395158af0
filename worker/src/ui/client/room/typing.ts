// "… is typing" in the customer's room. While the customer types, the
// agent is told over HTTP at most every TELL_EVERY_MS (sockets only
// listen); when the agent types, a typing frame arrives and
// "{agent} is typing…" shows under the conversation it is in until
// SHOW_FOR_MS pass without another.
import { el } from './dom';
import { t } from './i18n';

/** The server takes one every 2 s (room/typing.ts); a little more keeps clear of its refusal. */
const TELL_EVERY_MS = 2_500;
/** Longer than the other side's interval, so steady typing shows without flicker. */
const SHOW_FOR_MS = 4_000;

const lastTold = new Map<string | null, number>();

/** The customer is typing in this conversation: tell the agent, unless told a moment ago. */
export function tellTyping(threadId: string | null): void {
  const at = Date.now();
  if (at - (lastTold.get(threadId) ?? 0) < TELL_EVERY_MS) return;
  lastTold.set(threadId, at);
  void fetch('/room/api/typing', {
    method: 'POST',
    headers: { 'X-Parley-Room': '1', 'Content-Type': 'application/json' },
    body: JSON.stringify(threadId ? { threadId } : {}),
  }).catch(() => undefined);
}

const timers = new Map<HTMLElement, number>();

/** The agent is typing: "{name} is typing…" under the conversation, fading after a few quiet seconds. */
export function showTyping(line: HTMLElement | null, agentName: string): void {
  if (!line) return;
  line.replaceChildren(el('span', { class: 'dots', 'aria-hidden': 'true' }, '•••'), ` ${t('chat.typing', { name: agentName })}`);
  clearTimeout(timers.get(line));
  timers.set(line, window.setTimeout(() => hideTyping(line), SHOW_FOR_MS));
}

/** Their message arrived: the line goes at once. */
export function hideTyping(line: HTMLElement | null): void {
  if (!line) return;
  clearTimeout(timers.get(line));
  line.replaceChildren();
}
