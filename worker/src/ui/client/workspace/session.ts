// The session page: live over the session's WebSocket (live/live-socket.ts,
// which asks for what it missed after a drop). On every event the page
// fetches its live parts again (/app/sessions/:id/live, rendered by the same
// server code as the page) and swaps in what changed; presence frames
// update the online indicators at once. Actions go to the JSON API.
import type { AgentFrame } from '../../../contract/frames';
import { LiveSocket } from '../live/live-socket';
import { $, api, clearErrors, formatTime, localTimes, option, sentence, showError, valueOf } from './common';
import { participantActions } from './participants';
import { privateSessions } from './private-sessions';
import { batchDialog } from './batch';
import { documentRequests } from './document-requests';
import { payments } from './payments';
import { reviews } from './reviews';
import { chatLive } from './chat-live';
import { atRoleFields, channelRulesOf, ParticipantListFields, rolesToAsk, type TemplateRole } from './participant-list';

const REGIONS = ['ws-head', 'ws-actions', 'ws-items', 'ws-messages', 'ws-participants'];

export function sessionPage(sessionId: string): void {
  const base = `/sessions/${sessionId}`;
  /** The server's HTML of each region and keyed child as last rendered, to tell what changed. */
  const served = new Map<string, string>();
  /** Presence from the socket, newer than any page render: participant id → online, since when. */
  const presence = new Map<string, { online: boolean; at: string }>();
  let inflight = false;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  for (const id of REGIONS) remember($(id));
  for (const li of Array.from($('ws-items')?.children ?? [])) remember(li);
  localTimes();
  // Read marks, typing both ways (chat-live.ts): the chat is read as soon as the page shows it.
  const chatSide = chatLive(base);
  chatSide.markRead();
  document.addEventListener('visibilitychange', () => chatSide.markRead());

  // ───────────── live ─────────────

  const conn = $('ws-conn');
  let hellos = 0;
  const live = new LiveSocket<AgentFrame>({
    path: `/api/v1${base}/ws`,
    version: Number($('ws-head')?.dataset.version ?? 0),
    onState: (state) => {
      if (!conn) return;
      if (state === 'live') conn.textContent = 'Live updates: on';
      if (state === 'reconnecting') conn.textContent = 'Live updates: reconnecting…';
    },
    onFrame: (frame) => {
      if (frame.type === 'event' || frame.type === 'resync') schedule();
      else if (frame.type === 'typing') chatSide.typing(frame);
      else if (frame.type === 'read') chatSide.read(frame);
      else if (frame.type === 'hello') {
        // Back after a drop: missed events are replayed (or a resync sent), but presence
        // is not an event: forget what the socket said and take the server's page again.
        if (hellos++ > 0) {
          presence.clear();
          schedule();
        }
      } else if (frame.type === 'presence' && frame.who === 'participant') {
        presence.set(frame.id, { online: frame.online, at: frame.at });
        applyPresence();
        const who = document.getElementById(`person-${frame.id}`)?.dataset.name;
        if (who) announce(`${who} is ${frame.online ? 'online' : 'offline'}.`);
      }
    },
  });

  function schedule(): void {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), 60);
  }

  async function refresh(): Promise<void> {
    if (inflight) {
      again = true;
      return;
    }
    inflight = true;
    try {
      const res = await fetch(`/app${base}/live`, { credentials: 'same-origin', headers: { Accept: 'text/html' } }).catch(() => null);
      if (!res) return;
      if (res.status === 401) {
        live.stop();
        problem('Your sign-in has expired. Open the workspace again from your CRM (or from the link npm start prints).');
        return;
      }
      if (!res.ok) return;
      apply(new DOMParser().parseFromString(await res.text(), 'text/html'));
    } finally {
      inflight = false;
      if (again) {
        again = false;
        void refresh();
      }
    }
  }

  function remember(el: Element | null | undefined): void {
    if (el?.id) served.set(el.id, el.outerHTML);
  }

  /** Swaps in the regions that changed, keeping focus and the chat's history. */
  function apply(fresh: Document): void {
    const focused = document.activeElement?.id;
    announceChanges(fresh);
    for (const id of REGIONS) {
      const next = fresh.getElementById(id);
      const cur = $(id);
      if (!next || !cur) continue;
      if (id === 'ws-messages') appendMessages(cur, next);
      else if (id === 'ws-items') swapChildren(cur, next);
      else if (served.get(id) !== next.outerHTML) {
        remember(next);
        cur.replaceWith(next);
        localTimes(next);
      }
    }
    privates.merge(fresh);
    applyPresence();
    chatSide.markRead();
    if (focused && document.activeElement?.id !== focused) $(focused)?.focus({ preventScroll: true });
    // The focused control went away (End once ended, a bubble's tool once done): somewhere near, not the page top.
    if (focused && (!document.activeElement || document.activeElement === document.body)) {
      document.querySelector<HTMLElement>('#ws-actions button:not(:disabled), #ws-head h1')?.focus({ preventScroll: true });
    }
  }

  function swapChildren(cur: HTMLElement, next: HTMLElement): void {
    const fresh = Array.from(next.children) as HTMLElement[];
    const old = Array.from(cur.children) as HTMLElement[];
    const sameKeys = fresh.length === old.length && fresh.every((c, i) => c.id && c.id === old[i]!.id);
    if (sameKeys) {
      fresh.forEach((c, i) => {
        if (served.get(c.id) === c.outerHTML) return;
        remember(c);
        keepOpen(old[i]!, c);
        old[i]!.replaceWith(c);
        localTimes(c);
      });
      return;
    }
    const nodes = fresh.map((c) => {
      const existing = c.id ? $(c.id) : null;
      if (existing && served.get(c.id) === c.outerHTML) return existing;
      remember(c);
      if (existing) keepOpen(existing, c);
      return c;
    });
    cur.replaceChildren(...nodes);
    localTimes(cur);
  }

  /** A co-signers window the agent opened stays open when its bubble is drawn again (after remember(): the server's HTML is what is compared). */
  function keepOpen(old: Element, next: Element): void {
    for (const d of old.querySelectorAll<HTMLDetailsElement>('details[open][id]')) {
      const same = next.querySelector<HTMLDetailsElement>(`details[id="${d.id}"]`);
      if (same) same.open = true;
    }
  }

  function appendMessages(cur: HTMLElement, next: HTMLElement): void {
    const have = new Set(Array.from(cur.querySelectorAll<HTMLElement>('li[data-id]')).map((li) => li.dataset.id));
    const added = Array.from(next.querySelectorAll<HTMLElement>('li[data-id]')).filter((li) => !have.has(li.dataset.id));
    if (!added.length) return;
    const atBottom = cur.scrollTop + cur.clientHeight >= cur.scrollHeight - 40;
    for (const empty of cur.querySelectorAll('li[data-empty]')) empty.remove();
    if (added.some((li) => !li.classList.contains('ws-mine'))) chatSide.stopTyping();
    for (const li of added) {
      cur.append(li);
      localTimes(li);
    }
    if (atBottom) cur.scrollTop = cur.scrollHeight;
  }

  /** Items added or moved on, a seal that failed, and participants' messages that moved on. */
  function announceChanges(fresh: Document): void {
    const said: string[] = [];
    for (const li of fresh.querySelectorAll<HTMLElement>('#ws-items > li[id]')) {
      const old = $(li.id);
      const name = li.dataset.name ?? 'An item';
      const status = (li.dataset.status ?? '').replace(/_/g, ' ');
      if (!old) said.push(`${name} added: ${status}.`);
      else if (old.dataset.status !== li.dataset.status) said.push(`${name}: ${status}.`);
      else if (li.dataset.sealing === 'failed' && old.dataset.sealing !== 'failed') said.push(`${name}: sealing failed.`);
      else {
        // A co-signer completed (the document's own count moved) while the status stayed in progress.
        const signed = li.querySelector<HTMLElement>('[data-signed]')?.dataset.signed;
        if (signed && signed !== old.querySelector<HTMLElement>('[data-signed]')?.dataset.signed) said.push(`${name}: ${signed} signed.`);
      }
    }
    said.push(...people.deliveryNews(fresh));
    if (said.length) announce(said.join(' '));
  }

  function applyPresence(): void {
    for (const [id, p] of presence) {
      for (const el of document.querySelectorAll<HTMLElement>(`[data-presence-for="${id}"]`)) {
        el.dataset.online = p.online ? '1' : '0';
        el.querySelector('.presence')?.classList.toggle('online', p.online);
        const text = el.querySelector('.ws-presence-text');
        if (!text) continue;
        if (p.online) text.textContent = 'Online';
        else {
          const t = document.createElement('time');
          t.setAttribute('datetime', p.at);
          t.textContent = formatTime(p.at);
          t.dataset.local = '1';
          text.replaceChildren('Offline since ', t);
        }
      }
    }
  }

  // ───────────── messages to the agent ─────────────

  function announce(text: string): void {
    const n = $('ws-notice');
    if (n) n.textContent = text;
  }
  function problem(text: string): void {
    const n = $('ws-error');
    if (n) n.textContent = text;
  }

  // ───────────── a participant's last message: resend, change contact ─────────────

  const people = participantActions({ base, announce, problem, refresh });

  // ───────────── private conversations, batches ─────────────

  const privates = privateSessions({ base, announce, problem, refresh });
  const batch = batchDialog({ base, announce, refresh });
  const requests = documentRequests({ base, announce, problem, refresh });
  const paying = payments({ base, announce, problem, refresh });
  const reviewing = reviews({ base, announce, problem, refresh });

  // ───────────── session actions: invite, renew, end ─────────────

  const DONE_TEXT: Record<string, string> = { invite: 'The invitation has gone out.', renew: 'The invitation was sent again.', end: 'The session has ended.' };
  document.addEventListener('click', (e) => {
    const target = (e.target as Element | null)?.closest<HTMLButtonElement>(
      'button[data-action], button[data-forward], button[data-reseal], button[data-resend], button[data-reengage], button[data-add-participant], button[data-private], button[data-batch], button[data-request-open], button[data-slot-accept], button[data-slot-reject], button[data-payment-open], button[data-refund], button[data-review]',
    );
    if (!target || target.disabled) return;
    if (people.onClick(target) || privates.onClick(target) || batch.onClick(target) || requests.onClick(target) || paying.onClick(target) || reviewing.onClick(target)) return;
    if (target.dataset.forward) return openForward(target);
    if (target.dataset.reseal) return void reseal(target);
    void act(target, target.dataset.action!);
  });

  async function act(button: HTMLButtonElement, action: string): Promise<void> {
    if (action === 'end' && !confirm('End this session? The customer keeps the access the end-of-session settings give.')) return;
    if (button.getAttribute('aria-busy')) return;
    problem('');
    // Busy, not disabled: a disabled button would drop the keyboard focus.
    button.setAttribute('aria-busy', 'true');
    const r = await api('POST', `${base}/${action}`);
    button.removeAttribute('aria-busy');
    if (!r.ok) return problem(sentence(r.error.message));
    announce(DONE_TEXT[action] ?? 'Done.');
    await refresh();
  }

  // ───────────── an admin retries a failed seal ─────────────

  async function reseal(button: HTMLButtonElement): Promise<void> {
    if (button.getAttribute('aria-busy')) return;
    problem('');
    const name = button.dataset.name ?? 'The document';
    button.setAttribute('aria-busy', 'true');
    const r = await api<{ document: { sealed: unknown } }>('POST', `${base}/items/${button.dataset.reseal}/seal`);
    button.removeAttribute('aria-busy');
    if (!r.ok) return problem(sentence(r.error.message));
    announce(r.data.document.sealed ? `${name} is sealed.` : `${name} could not be sealed yet: it will be tried again in a minute.`);
    await refresh();
  }

  // ───────────── forward for approval ─────────────

  const dialog = $<HTMLDialogElement>('forward-dialog');
  const forwardForm = $<HTMLFormElement>('forward-form');
  let forwarding: { itemId: string; name: string; trigger: HTMLElement } | null = null;
  function openForward(trigger: HTMLElement): void {
    if (!dialog || !forwardForm) return;
    forwarding = { itemId: trigger.dataset.forward!, name: trigger.dataset.name ?? '', trigger };
    forwardForm.reset();
    clearErrors(forwardForm);
    $('forward-doc')!.textContent = `Document: ${forwarding.name}. The approver gets their own link.`;
    dialog.showModal();
    $('forward-name')?.focus();
  }
  $('forward-cancel')?.addEventListener('click', () => dialog?.close());
  dialog?.addEventListener('close', () => {
    const back = forwarding?.trigger;
    forwarding = null;
    if (back && document.body.contains(back)) back.focus();
    else $('items-h')?.focus();
  });
  forwardForm?.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!forwarding) return;
    const approver = { name: $<HTMLInputElement>('forward-name')!.value, email: valueOf('forward-email'), phone: valueOf('forward-phone') };
    const r = await api('POST', `${base}/documents/${forwarding.itemId}/forward`, { approver });
    if (!r.ok) return showError(forwardForm, r.error);
    const name = forwarding.name;
    dialog!.close();
    announce(`${name} was sent to ${approver.name} for approval.`);
    await refresh();
  });

  // ───────────── chat ─────────────

  const chat = $('chat-form');
  chat?.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(chat);
    const input = $<HTMLInputElement>('chat-text')!;
    const fileInput = $<HTMLInputElement>('chat-file')!;
    const text = input.value.trim();
    const file = fileInput.files?.[0];
    if (!text && !file) {
      $('chat-err')!.textContent = 'Write a message or choose a file.';
      input.focus();
      return;
    }
    if (file) {
      const form = new FormData();
      form.append('file', file, file.name);
      const r = await api('POST', `${base}/attachments`, form);
      if (!r.ok) return showError(chat, r.error);
      fileInput.value = '';
    }
    if (text) {
      const r = await api('POST', `${base}/messages`, { text });
      if (!r.ok) return showError(chat, r.error);
      input.value = '';
    }
    input.focus();
    await refresh();
  });

  // ───────────── send a template or a workflow ─────────────

  void sendForm({ kind: 'template', list: '/templates', send: 'documents', none: 'No templates in Assets yet' });
  void sendForm({ kind: 'workflow', list: '/workflows', send: 'workflows', none: 'No workflows yet: an admin builds them in Admin → Workflows' });

  /**
   * One of the org's templates or workflows, sent with the participant list
   * its roles ask for (both describe their roles alike). The list goes with
   * it in one request: nobody is added unless it is sent.
   */
  async function sendForm(o: { kind: 'template' | 'workflow'; list: string; send: string; none: string }): Promise<void> {
    const select = $<HTMLSelectElement>(`${o.kind}-select`);
    const form = $(`${o.kind}-form`);
    const send = $<HTMLButtonElement>(`${o.kind}-send`);
    const rolesBox = $(`${o.kind}-roles`);
    if (!select || !form || !send || !rolesBox) return;
    const r = await api<Record<string, { id: string; name: string; version: number }[]>>('GET', o.list);
    const choices = r.ok ? r.data[`${o.kind}s`] ?? [] : [];
    if (!r.ok) {
      select.replaceChildren(option('', `The ${o.kind}s could not be loaded`));
      showError(form, r.error);
      return;
    }
    if (!choices.length) {
      select.replaceChildren(option('', o.none));
      return;
    }
    select.replaceChildren(option('', `Choose a ${o.kind}…`), ...choices.map((t) => option(t.id, `${t.name} (v${t.version})`)));
    select.disabled = false;
    send.disabled = false;
    // The participant list (client/workspace/participant-list.ts), shared with the batch dialog.
    const fields = new ParticipantListFields(rolesBox, { idPrefix: `${o.kind}-role`, rules: channelRulesOf(form), peopleOnly: o.kind === 'workflow' });
    select.addEventListener('change', async () => {
      clearErrors(form);
      fields.show([]);
      if (!select.value) return;
      const asked = select.value;
      const t = await api<{ roles: TemplateRole[] }>('GET', `${o.list}/${asked}`);
      // Another one chosen meanwhile: its own answer draws the fields.
      if (select.value !== asked) return;
      if (!t.ok) return showError(form, t.error);
      fields.show(rolesToAsk(t.data.roles));
    });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors(form);
      if (!select.value) {
        $(`${o.kind}-err`)!.textContent = `Choose a ${o.kind} to send.`;
        select.setAttribute('aria-invalid', 'true');
        select.focus();
        return;
      }
      send.disabled = true;
      try {
        const list = fields.list();
        const name = select.querySelector('option:checked')?.textContent ?? `The ${o.kind}`;
        const sent = await api('POST', `${base}/${o.send}`, { [`${o.kind}Id`]: select.value, roles: Object.keys(list).length ? list : undefined });
        if (!sent.ok) return showError(form, atRoleFields(sent.error, fields.roles().map((r) => r.name)));
        announce(`${name} was sent.`);
        select.value = '';
        fields.show([]);
        await refresh();
      } finally {
        send.disabled = false;
        if (document.activeElement === document.body) send.focus();
      }
    });
  }
}

