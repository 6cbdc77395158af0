// The session page's participant actions about their last message
// (workspace/participant-message.tsx renders the buttons): Resend sends a
// fresh invitation by the channel on the button (POST …/participants/{id}/resend),
// Change contact opens the re-engage dialog (PATCH …/participants/{id}),
// and each live refresh says when someone's last message moved on.
import { $, api, clearErrors, sentence, showError } from './common';

export interface ParticipantActionsHost {
  /** /sessions/{id}, for the API paths. */
  base: string;
  announce(text: string): void;
  problem(text: string): void;
  refresh(): Promise<void>;
}

const CHANNEL_NAMES: Record<string, string> = { sms: 'SMS', email: 'email' };

export function participantActions(host: ParticipantActionsHost): { onClick(target: HTMLButtonElement): boolean; deliveryNews(fresh: Document): string[] } {
  const { base, announce, problem, refresh } = host;

  async function resend(button: HTMLButtonElement): Promise<void> {
    if (button.getAttribute('aria-busy')) return;
    problem('');
    const channel = button.dataset.channel!;
    // Busy, not disabled: a disabled button would drop the keyboard focus.
    button.setAttribute('aria-busy', 'true');
    const r = await api('POST', `${base}/participants/${button.dataset.resend}/resend`, { channel });
    button.removeAttribute('aria-busy');
    if (!r.ok) return problem(sentence(r.error.message));
    announce(`A new invitation is on its way to ${button.dataset.name ?? 'them'} by ${CHANNEL_NAMES[channel] ?? channel}.`);
    await refresh();
  }

  // ───────────── re-engage: new contact details, new invitation ─────────────

  const dialog = $<HTMLDialogElement>('reengage-dialog');
  const form = $<HTMLFormElement>('reengage-form');
  let editing: { participantId: string; name: string; email: string; phone: string; sends: boolean; trigger: HTMLElement } | null = null;
  const field = (id: string) => $<HTMLInputElement>(id)!;

  function openReengage(trigger: HTMLButtonElement): void {
    if (!dialog || !form) return;
    const d = trigger.dataset;
    editing = { participantId: d.reengage!, name: d.name ?? '', email: d.email ?? '', phone: d.phone ?? '', sends: d.sends === '1', trigger };
    form.reset();
    clearErrors(form);
    field('reengage-name').value = editing.name;
    field('reengage-email').value = editing.email;
    field('reengage-phone').value = editing.phone;
    $('reengage-who')!.textContent = editing.sends
      ? `A new invitation goes to the new details at once; the link sent to ${editing.name} before stops working.`
      : `The invitation will go to the new details when you invite ${editing.name}.`;
    dialog.showModal();
    field('reengage-email').focus();
  }
  $('reengage-cancel')?.addEventListener('click', () => dialog?.close());
  dialog?.addEventListener('close', () => {
    const back = editing?.trigger;
    editing = null;
    if (back && document.body.contains(back)) back.focus();
    else $('people-h')?.focus();
  });
  form?.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!editing) return;
    clearErrors(form);
    // Only what changed: the API keeps the rest, and cannot take an address away.
    const body: Record<string, string> = {};
    for (const key of ['name', 'email', 'phone'] as const) {
      const value = field(`reengage-${key}`).value.trim();
      if (value && value !== editing[key]) body[key] = value;
    }
    if (!Object.keys(body).length) {
      $('reengage-err')!.textContent = 'Change the name, email or phone first (a field left empty keeps what they have).';
      field('reengage-email').focus();
      return;
    }
    const r = await api('PATCH', `${base}/participants/${editing.participantId}`, body);
    if (!r.ok) return showError(form, r.error);
    const { name, sends } = editing;
    dialog!.close();
    announce(sends ? `${body.name ?? name}'s contact details are changed; a new invitation is on its way.` : `${body.name ?? name}'s contact details are changed.`);
    await refresh();
  });

  return {
    /** Handles a click on one of its buttons; false for anyone else's. */
    onClick(target) {
      if (target.dataset.resend) {
        void resend(target);
        return true;
      }
      if (target.dataset.reengage) {
        openReengage(target);
        return true;
      }
      return false;
    },

    /** Before the live refresh swaps the cards: who has news about their last message, in words. */
    deliveryNews(fresh) {
      const said: string[] = [];
      for (const li of fresh.querySelectorAll<HTMLElement>('#ws-participants li[id]')) {
        const now = li.dataset.lastMessage;
        if (!now || $(li.id)?.dataset.lastMessage === now) continue;
        said.push(`${li.dataset.name ?? 'A participant'}: ${li.dataset.lastMessageSaid ?? ''}.`);
      }
      return said;
    },
  };
}
