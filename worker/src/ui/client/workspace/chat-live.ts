// The workspace chat's live side: the agent's ✓ turning ✓✓ when a
// participant reads (a read frame), "{participant} is typing…" under the
// conversation they type in (a typing frame, fading after a few quiet
// seconds), the agent's own typing told to the room (at most every 2.5 s,
// POST …/typing), and the chat marked read while the page is in view
// (POST …/chat/read), so the customer sees ✓✓ in turn.
import type { AgentFrame } from '../../../contract/frames';
import { $, api } from './common';

type TypingFrame = Extract<AgentFrame, { type: 'typing' }>;
type ReadFrame = Extract<AgentFrame, { type: 'read' }>;

/** The room takes one every 2 s (room/typing.ts); a little more keeps clear of its refusal. */
const TELL_EVERY_MS = 2_500;
/** Longer than the other side's interval, so steady typing shows without flicker. */
const SHOW_FOR_MS = 4_000;

export function chatLive(base: string) {
  const lastTold = new Map<string | null, number>();
  const fade = new Map<HTMLElement, ReturnType<typeof setTimeout>>();
  let markedUpTo = '';

  const tellTyping = (threadId: string | null) => {
    const at = Date.now();
    if (at - (lastTold.get(threadId) ?? 0) < TELL_EVERY_MS) return;
    lastTold.set(threadId, at);
    void api('POST', `${base}/typing`, threadId ? { threadId } : {});
  };
  // The main chat's box and each private one's (their forms carry the thread).
  document.addEventListener('input', (e) => {
    const input = e.target as HTMLElement;
    if (!(input instanceof HTMLInputElement) || !input.value.trim()) return;
    if (input.id === 'chat-text') tellTyping(null);
    const thread = input.closest<HTMLElement>('[data-private-form]')?.dataset.privateForm;
    if (thread) tellTyping(thread);
  });

  /** The line under a conversation where "… is typing" shows: made on first use, after its list. */
  const typingLine = (list: HTMLElement | null): HTMLElement | null => {
    if (!list) return null;
    const id = `${list.id}-typing`;
    let line = $(id);
    if (!line) {
      line = Object.assign(document.createElement('p'), { id, className: 'muted ws-typing' });
      line.setAttribute('aria-live', 'polite');
      list.closest('[role=log]')?.after(line);
    }
    return line;
  };

  return {
    typing(frame: TypingFrame): void {
      if (frame.who !== 'participant') return;
      const name = document.getElementById(`person-${frame.id}`)?.dataset.name ?? 'A participant';
      const list = frame.threadId ? $(`private-${frame.threadId}-messages`) : $('ws-messages');
      const line = typingLine(list);
      if (!line) return;
      line.textContent = `${name} is typing…`;
      clearTimeout(fade.get(line));
      fade.set(line, setTimeout(() => (line.textContent = ''), SHOW_FOR_MS));
    },

    read(frame: ReadFrame): void {
      if (frame.who !== 'participant') return;
      // The main chat is read by anyone in it; a private one only by its participant.
      const lists = [$('ws-messages'), ...Array.from(document.querySelectorAll<HTMLElement>(`.ws-private[data-participant="${frame.id}"] ul`))];
      for (const list of lists) {
        for (const li of list?.querySelectorAll<HTMLElement>('li.ws-mine[data-at]') ?? []) {
          const receipt = li.querySelector<HTMLElement>('.ws-receipt[data-read="0"]');
          if (!receipt || li.dataset.at! > frame.until) continue;
          receipt.dataset.read = '1';
          receipt.classList.add('read');
          receipt.replaceChildren(' ', Object.assign(document.createElement('span'), { textContent: '✓✓', ariaHidden: 'true' }), ' Read');
        }
      }
    },

    /** After the page (re)drew: a participant's message newer than told, with the page in view, is marked read. */
    markRead(): void {
      if (document.visibilityState !== 'visible') return;
      const newest = Array.from(document.querySelectorAll<HTMLElement>('.ws-chat li[data-at]:not(.ws-mine)'))
        .map((li) => li.dataset.at!)
        .reduce((a, b) => (b > a ? b : a), '');
      if (!newest || newest <= markedUpTo) return;
      markedUpTo = newest;
      void api('POST', `${base}/chat/read`);
    },

    /** A participant's message arrived: their typing is over. */
    stopTyping(): void {
      for (const line of document.querySelectorAll<HTMLElement>('.ws-typing')) line.textContent = '';
    },
  };
}
