// The session page's participant actions about their last message
// (workspace/participant-message.tsx renders the buttons): Resend sends a
// fresh invitation by the channel on the button (POST …/participants/{id}/resend),
// Change contact opens the re-engage dialog (PATCH …/participants/{id}),
// Add participant opens the dialog that adds one with their own link
// (POST …/participants), Show code reads a participant's live one-time code
// where the admin allows it (GET …/participants/{id}/otp), and each live
// refresh says when someone's last message moved on.
import { $, api, clearErrors, sentence, showError, valueOf } from './common';

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

  /** The participant's live code, into the card's live region; the viewing is logged by the API. */
  async function showOtp(button: HTMLButtonElement): Promise<void> {
    if (button.getAttribute('aria-busy')) return;
    problem('');
    const out = $(`otp-${button.dataset.showOtp}`);
    button.setAttribute('aria-busy', 'true');
    const r = await api<{ code: string; channel: string; expiresAt: string }>('GET', `${base}/participants/${button.dataset.showOtp}/otp`);
    button.removeAttribute('aria-busy');
    if (!out) return;
    if (!r.ok) {
      out.textContent = r.status === 404 ? `${button.dataset.name ?? 'They'} have no code waiting.` : sentence(r.error.message);
      return;
    }
    const until = new Date(r.data.expiresAt).toISOString().slice(11, 16);
    out.textContent = `Code ${r.data.code.split('').join(' ')} (sent by ${CHANNEL_NAMES[r.data.channel] ?? r.data.channel}, good until ${until} UTC)`;
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
    // No phone field while text messages are off (session-page.tsx ContactDialog).
    const phone = $<HTMLInputElement>('reengage-phone');
    if (phone) phone.value = editing.phone;
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
      const value = $<HTMLInputElement>(`reengage-${key}`)?.value.trim();
      if (value && value !== editing[key]) body[key] = value;
    }
    if (!Object.keys(body).length) {
      $('reengage-err')!.textContent = 'Change the name, email or phone first (a field left empty keeps what they have).';
      field('reengage-email').focus();
      return;
    }
    const r = await api('PATCH', `${base}/participants/${editing.participantId}`, body);
    if (!r.ok) {
      showError(form, r.error);
      // Entered meanwhile (409 already_entered): the message stays in the dialog, and the card loses the button.
      if (r.status === 409) await refresh();
      return;
    }
    const { name, sends } = editing;
    dialog!.close();
    announce(sends ? `${body.name ?? name}'s contact details are changed; a new invitation is on its way.` : `${body.name ?? name}'s contact details are changed.`);
    await refresh();
  });

  // ───────────── add a participant: a role, a name, a contact ─────────────

  const addDialog = $<HTMLDialogElement>('add-dialog');
  const addForm = $<HTMLFormElement>('add-form');
  let adding: { sends: boolean; trigger: HTMLElement } | null = null;

  function openAdd(trigger: HTMLButtonElement): void {
    if (!addDialog || !addForm) return;
    adding = { sends: trigger.dataset.sends === '1', trigger };
    addForm.reset();
    clearErrors(addForm);
    $('add-note')!.textContent = adding.sends
      ? 'They get their own link at once, by email when you give one, else by SMS.'
      : 'They get their own link when you invite the session.';
    addDialog.showModal();
    field('add-role').focus();
  }
  $('add-cancel')?.addEventListener('click', () => addDialog?.close());
  addDialog?.addEventListener('close', () => {
    const back = adding?.trigger;
    adding = null;
    if (back && document.body.contains(back)) back.focus();
    else $('people-h')?.focus();
  });
  addForm?.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!adding) return;
    clearErrors(addForm);
    const roleName = field('add-role').value.trim();
    const contact = { name: field('add-name').value.trim(), email: valueOf('add-email'), phone: valueOf('add-phone'), language: valueOf('add-language') };
    const r = await api('POST', `${base}/participants`, { roleName, contact });
    if (!r.ok) return showError(addForm, r.error);
    const { sends } = adding;
    addDialog!.close();
    announce(`${contact.name} was added as ${roleName}${sends ? '; their invitation is on its way' : ''}.`);
    await refresh();
  });

  return {
    /** Handles a click on one of its buttons; false for anyone else's. */
    onClick(target) {
      if (target.dataset.addParticipant) {
        openAdd(target);
        return true;
      }
      if (target.dataset.resend) {
        void resend(target);
        return true;
      }
      if (target.dataset.reengage) {
        openReengage(target);
        return true;
      }
      if (target.dataset.showOtp) {
        void showOtp(target);
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
