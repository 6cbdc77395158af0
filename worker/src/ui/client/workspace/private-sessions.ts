// The session page's private conversations (workspace/private-session.tsx
// renders them): "Private conversation" on a participant's card opens one
// (POST …/participants/{id}/private, which also sends the invitation of
// someone not invited yet) or goes to the one already open; each panel's
// reply box posts into its thread (POST …/messages with threadId). On a
// live refresh new panels are added and new messages appended, so what the
// agent is typing and where they are reading stay put.
import { $, api, clearErrors, localTimes, sentence, showError, type SessionPageHost } from './common';

export function privateSessions(host: SessionPageHost): { onClick(target: HTMLButtonElement): boolean; merge(fresh: Document): void } {
  const { base, announce, problem, refresh } = host;

  const panelOf = (participantId: string) => document.querySelector<HTMLElement>(`#ws-private section[data-participant="${CSS.escape(participantId)}"]`);

  function goTo(panel: HTMLElement): void {
    panel.scrollIntoView({ block: 'start' });
    // The reply box when the session takes messages; else the panel's heading.
    ($(`${panel.id}-text`) ?? $(`${panel.id}-h`))?.focus();
  }

  async function open(button: HTMLButtonElement): Promise<void> {
    const participantId = button.dataset.private!;
    const existing = panelOf(participantId);
    if (existing) return goTo(existing);
    if (button.getAttribute('aria-busy')) return;
    problem('');
    button.setAttribute('aria-busy', 'true');
    const r = await api<{ threadId: string }>('POST', `${base}/participants/${participantId}/private`);
    button.removeAttribute('aria-busy');
    if (!r.ok) return problem(sentence(r.error.message));
    await refresh();
    const panel = $(`private-${r.data.threadId}`);
    announce(`Private conversation with ${button.dataset.name ?? 'the participant'} opened. ${panel ? ($(`${panel.id}-note`)?.textContent ?? '') : ''}`.trim());
    if (panel) goTo(panel);
  }

  document.addEventListener('submit', async (e) => {
    const form = (e.target as Element | null)?.closest<HTMLFormElement>('form[data-private-form]');
    if (!form) return;
    e.preventDefault();
    clearErrors(form);
    const input = form.querySelector<HTMLInputElement>('input[type="text"]')!;
    const text = input.value.trim();
    if (!text) {
      form.querySelector<HTMLElement>('.ws-err[data-field=""]')!.textContent = 'Write a message first.';
      input.focus();
      return;
    }
    const r = await api('POST', `${base}/messages`, { text, threadId: form.dataset.privateForm });
    if (!r.ok) return showError(form, r.error);
    input.value = '';
    input.focus();
    await refresh();
  });

  return {
    onClick(target) {
      if (!target.dataset.private) return false;
      void open(target);
      return true;
    },

    /** Adds the panels opened since, and the messages each panel lacks; the note about the invitation follows the server. */
    merge(fresh) {
      const holder = $('ws-private');
      if (!holder) return;
      for (const section of fresh.querySelectorAll<HTMLElement>('#ws-private > section[id]')) {
        const cur = $(section.id);
        if (!cur) {
          holder.append(section);
          localTimes(section);
          continue;
        }
        const note = $(`${section.id}-note`);
        const freshNote = section.querySelector<HTMLElement>(`#${CSS.escape(section.id)}-note`);
        if (note && freshNote && note.dataset.state !== freshNote.dataset.state) {
          note.replaceWith(freshNote);
          localTimes(freshNote);
        }
        const list = $(`${section.id}-messages`);
        if (!list) continue;
        const have = new Set(Array.from(list.querySelectorAll<HTMLElement>('li[data-id]')).map((li) => li.dataset.id));
        const added = Array.from(section.querySelectorAll<HTMLElement>('li[data-id]')).filter((li) => !have.has(li.dataset.id));
        if (!added.length) continue;
        for (const empty of list.querySelectorAll('li[data-empty]')) empty.remove();
        for (const li of added) {
          list.append(li);
          localTimes(li);
        }
        list.scrollTop = list.scrollHeight;
        if (added.some((li) => !li.classList.contains('ws-mine'))) announce(`New private message from ${section.dataset.name ?? 'a participant'}.`);
      }
    },
  };
}
