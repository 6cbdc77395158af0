// The admin pages' script (/assets/admin.js): saves the settings forms, the
// e-sign disclosure, sealing, the messaging accounts, new teams and the
// branding page (workspace/admin-branding.ts), the workflow builder
// (workspace/admin-workflows.ts) and the Stripe account (workspace/admin-payments.ts) through
// the JSON API (cookie + X-Parley-App: 1, see workspace/common.ts), and shows
// a 422's error.issues[] at their fields. The body's data-page says which page.
import type { MessagingProvidersView } from '../../contract/messaging';
import type { DisclosureSetting, SealingView } from '../../contract/settings';
import { $, api, localTimes, sentence, type ApiError } from './workspace/common';
import { brandingPage } from './workspace/admin-branding';
import { messageTextsForm } from './workspace/admin-message-texts';
import { workflowBuilder } from './workspace/admin-workflows';
import { paymentsPage } from './workspace/admin-payments';

type Patch = Record<'session' | 'afterEnd', Record<string, unknown>>;

// ───────────────────────────── errors at their fields ─────────────────────────────

function clear(root: ParentNode): void {
  for (const e of root.querySelectorAll<HTMLElement>('.ws-err')) e.textContent = '';
  for (const e of root.querySelectorAll('[aria-invalid]')) e.removeAttribute('aria-invalid');
}

/** "file: not a PKCS#12…" style messages without issues name their field first. */
function issuesOf(error: ApiError): { field: string; message: string }[] {
  if (error.issues?.length) return error.issues;
  const m = /^([A-Za-z0-9_.]+): (.*)$/s.exec(error.message);
  return [m ? { field: `body.${m[1]}`, message: m[2]! } : { field: '', message: error.message }];
}

/**
 * Each issue at the error line whose data-field is the issue's field or the
 * nearest enclosing one (body.session.inactiveAutoClose for
 * body.session.inactiveAutoClose.days); the control is marked aria-invalid
 * (it is already described by that line); the rest go to the general line.
 */
function showIssues(root: HTMLElement, error: ApiError): void {
  clear(root);
  const lines = [...root.querySelectorAll<HTMLElement>('.ws-err[data-field]')].filter((l) => l.dataset.field);
  const general: string[] = [];
  let first: HTMLElement | null = null;
  for (const issue of issuesOf(error)) {
    const line = lines
      .filter((l) => issue.field === l.dataset.field || issue.field.startsWith(`${l.dataset.field}.`))
      .sort((a, b) => b.dataset.field!.length - a.dataset.field!.length)[0];
    if (!line) {
      general.push(issue.field ? `${issue.field.replace(/^body\./, '')}: ${issue.message}` : sentence(issue.message));
      continue;
    }
    const control =
      root.querySelector<HTMLElement>(`:is(input, select, textarea)[data-field="${issue.field.replace(/["\\]/g, '\\$&')}"]`) ??
      root.querySelector<HTMLElement>(`:is(input, select, textarea)[data-field="${line.dataset.field!.replace(/["\\]/g, '\\$&')}"]`);
    const unit = control?.dataset.unit;
    const text = sentence(unit ? `${unit}: ${issue.message}` : issue.message);
    line.textContent = line.textContent ? `${line.textContent} ${text}` : text;
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      first ??= control;
    }
  }
  const generalLine = root.querySelector<HTMLElement>('.ws-err[data-field=""]');
  if (general.length && generalLine) generalLine.textContent = general.join(' ');
  (first ?? generalLine)?.focus?.();
}

function status(id: string, text: string): void {
  const el = $(id);
  if (el) el.textContent = text;
}

/** Runs one save with its button busy; the caller's result decides what follows. */
async function busy<T>(button: HTMLButtonElement | null, run: () => Promise<T>): Promise<T> {
  if (button) {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
  }
  try {
    return await run();
  } finally {
    if (button) {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  }
}

// ─────────────────────────────────── settings ───────────────────────────────────

function settingOf(el: HTMLElement) {
  const [group, key] = el.dataset.key!.split('.') as ['session' | 'afterEnd', string];
  return { group, key, kind: el.dataset.kind! };
}

function valueOf(el: HTMLElement): unknown {
  const { kind } = settingOf(el);
  const main = el.querySelector<HTMLInputElement & HTMLSelectElement>('.adm-value')!;
  const num = (raw: string) => (/^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw.trim());
  switch (kind) {
    case 'toggle':
      return main.checked;
    case 'hours':
      return num(main.value);
    case 'url':
      return main.value.trim() || null;
    case 'duration': {
      if (main.value === 'off') return null;
      const out: Record<string, unknown> = {};
      for (const part of el.querySelectorAll<HTMLInputElement>('.adm-duration-part')) out[part.dataset.unit!] = num(part.value);
      return out;
    }
    default:
      return main.value;
  }
}

function setValue(el: HTMLElement, value: unknown): void {
  const { kind } = settingOf(el);
  const main = el.querySelector<HTMLInputElement & HTMLSelectElement>('.adm-value')!;
  if (kind === 'toggle') main.checked = value === true;
  else if (kind === 'url') main.value = (value as string | null) ?? '';
  else if (kind === 'duration') {
    const d = value as Record<string, number> | null;
    main.value = d ? 'on' : 'off';
    for (const part of el.querySelectorAll<HTMLInputElement>('.adm-duration-part')) part.value = String(d?.[part.dataset.unit!] ?? 0);
  } else main.value = String(value);
}

const inheritOf = (el: HTMLElement) => el.querySelector<HTMLInputElement>('.adm-inherit');

/** What the admin means for one setting: "inherit" (teams) or its value. */
const intentOf = (el: HTMLElement) => (inheritOf(el)?.checked ? 'inherit' : valueOf(el));

/** Enables the controls a setting's state allows: none while inherited; the duration's parts only when on. */
function syncEnabled(el: HTMLElement): void {
  const inherited = inheritOf(el)?.checked ?? false;
  const main = el.querySelector<HTMLInputElement & HTMLSelectElement>('.adm-value')!;
  main.disabled = inherited;
  for (const part of el.querySelectorAll<HTMLInputElement>('.adm-duration-part')) part.disabled = inherited || main.value === 'off';
}

function settingsPage(): void {
  const form = $<HTMLFormElement>('settings-form');
  if (!form) return;
  const settings = [...form.querySelectorAll<HTMLElement>('.adm-setting')];
  const team = form.dataset.scope === 'team' ? form.dataset.team! : null;
  let saved = new Map(settings.map((el) => [el.dataset.key!, JSON.stringify(intentOf(el))]));

  for (const el of settings) {
    inheritOf(el)?.addEventListener('change', () => syncEnabled(el));
    const onOff = el.querySelector<HTMLSelectElement>('.adm-duration-on');
    onOff?.addEventListener('change', () => {
      const parts = [...el.querySelectorAll<HTMLInputElement>('.adm-duration-part')];
      // Switched on with nothing set: start from one day, a value the API accepts.
      if (onOff.value === 'on' && parts.every((p) => Number(p.value) === 0)) parts.find((p) => p.dataset.unit === 'days')!.value = '1';
      syncEnabled(el);
    });
  }

  form.addEventListener('input', () => status('settings-status', ''));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear(form);
    const patch: Patch = { session: {}, afterEnd: {} };
    let changed = 0;
    for (const el of settings) {
      const intent = intentOf(el);
      if (JSON.stringify(intent) === saved.get(el.dataset.key!)) continue;
      const { group, key } = settingOf(el);
      patch[group][key] = intent;
      changed++;
    }
    if (changed === 0) {
      status('settings-status', 'Nothing to save: no setting has changed.');
      return;
    }
    const body: Partial<Patch> = {};
    if (Object.keys(patch.session).length) body.session = patch.session;
    if (Object.keys(patch.afterEnd).length) body.afterEnd = patch.afterEnd;
    status('settings-status', 'Saving…');
    const r = await busy($<HTMLButtonElement>('settings-save'), () =>
      api<{ settings?: Patch; effective?: Patch }>('PATCH', team ? `/teams/${team}/settings` : '/settings', body),
    );
    if (!r.ok) {
      status('settings-status', 'Not saved: see the messages at the fields.');
      showIssues(form, r.error);
      return;
    }
    // Inherited settings now show the value in force.
    const effective = r.data.effective ?? r.data.settings;
    if (effective) {
      for (const el of settings) {
        const { group, key } = settingOf(el);
        if (inheritOf(el)?.checked || !team) setValue(el, effective[group][key]);
        syncEnabled(el);
      }
    }
    saved = new Map(settings.map((el) => [el.dataset.key!, JSON.stringify(intentOf(el))]));
    status('settings-status', `Saved ${changed} change${changed === 1 ? '' : 's'}.`);
  });
}

// ─────────────────────────────── disclosure and sealing ───────────────────────────────

function disclosureForm(): void {
  const form = $<HTMLFormElement>('disclosure-form');
  if (!form) return;
  const text = $<HTMLTextAreaElement>('disclosure-text')!;
  const save = async (value: string | null, button: HTMLButtonElement | null) => {
    clear(form);
    const r = await busy(button, () => api<DisclosureSetting>('PUT', '/settings/esign-disclosure', { text: value }));
    if (!r.ok) {
      status('disclosure-status', '');
      showIssues(form, r.error);
      return;
    }
    text.value = r.data.text;
    status('disclosure-state', `${r.data.custom ? 'Signers see your own text.' : "Signers see Parley's default text."} Consents already given keep the text they saw.`);
    status('disclosure-status', r.data.custom ? 'Disclosure saved.' : "Parley's default disclosure is in use again.");
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void save(text.value, $<HTMLButtonElement>('disclosure-save'));
  });
  $('disclosure-default')?.addEventListener('click', (e) => void save(null, e.currentTarget as HTMLButtonElement));
}

function showSealing(s: SealingView): void {
  status('sealing-cn', s.certificate.commonName);
  status('sealing-kind', s.certificate.custom ? " (your org's certificate)." : " (Parley's certificate).");
  const remove = $<HTMLButtonElement>('certificate-remove');
  if (remove) remove.hidden = !s.certificate.custom;
}

function sealingForms(): void {
  const cert = $<HTMLFormElement>('certificate-form');
  if (cert) {
    cert.addEventListener('submit', async (e) => {
      e.preventDefault();
      clear(cert);
      const file = $<HTMLInputElement>('certificate-file')!.files?.[0];
      if (!file) {
        showIssues(cert, { code: 'local', message: 'file: choose the PKCS#12 file (.p12 or .pfx) to upload' });
        return;
      }
      const body = new FormData();
      body.set('file', file);
      body.set('password', $<HTMLInputElement>('certificate-password')!.value);
      const r = await busy($<HTMLButtonElement>('certificate-upload'), () => api<SealingView>('PUT', '/settings/sealing/certificate', body));
      if (!r.ok) {
        status('certificate-status', '');
        showIssues(cert, r.error);
        return;
      }
      showSealing(r.data);
      cert.reset();
      status('certificate-status', `Documents are now sealed by ${r.data.certificate.commonName}.`);
    });
    $('certificate-remove')?.addEventListener('click', async (e) => {
      clear(cert);
      const r = await busy(e.currentTarget as HTMLButtonElement, () => api<SealingView>('DELETE', '/settings/sealing/certificate'));
      if (!r.ok) return showIssues(cert, r.error);
      showSealing(r.data);
      status('certificate-status', "Documents are sealed with Parley's certificate again.");
      $('certificate-upload')?.focus();
    });
  }
  const tsa = $<HTMLFormElement>('tsa-form');
  tsa?.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear(tsa);
    const url = $<HTMLInputElement>('tsa-url')!.value.trim();
    const r = await busy($<HTMLButtonElement>('tsa-save'), () => api<SealingView>('PUT', '/settings/sealing/tsa', { tsaUrl: url || null }));
    if (!r.ok) {
      status('tsa-status', '');
      return showIssues(tsa, r.error);
    }
    showSealing(r.data);
    status('tsa-status', r.data.tsaUrl ? 'Timestamp authority saved.' : 'Seals carry no timestamp now.');
  });
}

// ─────────────────────────────────── messaging ───────────────────────────────────

type Channel = 'sms' | 'email';
type MessagingAnswer = { messaging: MessagingProvidersView };

const input = (id: string) => $<HTMLInputElement>(id)!;
const trimmed = (id: string) => input(id).value.trim();

/** A "leave empty to keep the current one" line: its text (from data-text) only while a secret is stored. */
function keepLine(id: string, shown: boolean): void {
  const line = $(id);
  if (line) line.textContent = shown ? (line.dataset.text ?? '') : '';
}

/**
 * The saved state, as the page rendered it: who sends (one sentence per
 * state, the others hidden), the facts that have a value, what "disconnect"
 * applies to; then the saved channel's form refilled with what is stored
 * (secrets always empty) and what an empty secret keeps. The other form
 * keeps whatever the admin is typing there.
 */
function showMessaging(m: MessagingProvidersView, saved: Channel): void {
  for (const channel of ['sms', 'email'] as const) {
    const view: Record<string, unknown> = m[channel];
    for (const s of document.querySelectorAll<HTMLElement>(`#${channel}-who [data-connected]`)) s.hidden = s.dataset.connected !== m[channel].connected;
    for (const row of document.querySelectorAll<HTMLElement>(`#${channel}-facts [data-fact]`)) {
      const value = view[row.dataset.fact!];
      row.hidden = typeof value !== 'string';
      row.querySelector('dd')!.textContent = typeof value === 'string' ? value : '';
    }
    const disconnect = $<HTMLButtonElement>(`${channel}-disconnect`);
    if (disconnect) disconnect.hidden = m[channel].connected !== 'org';
  }
  const email = m.email.connected === 'org' ? m.email : null;
  const missing = $('email-secret-missing');
  if (missing) missing.hidden = !(email && !email.webhookSecretSet);
  if (saved === 'sms') {
    const sms = m.sms.connected === 'org' ? m.sms : null;
    $<HTMLFormElement>('sms-form')!.dataset.savedSid = sms?.accountSid ?? '';
    input('sms-account-sid').value = sms?.accountSid ?? '';
    input('sms-auth-token').value = '';
    input('sms-from-number').value = sms?.fromNumber ?? '';
    input('sms-messaging-service-sid').value = sms?.messagingServiceSid ?? '';
    keepLine('sms-auth-token-keep', sms !== null);
  } else {
    input('email-api-key').value = '';
    input('email-from-address').value = email?.fromAddress ?? '';
    input('email-webhook-secret').value = '';
    keepLine('email-api-key-keep', email !== null);
    keepLine('email-webhook-secret-keep', email?.webhookSecretSet === true);
  }
}

/** What the form asks for: only this channel (the other stays as it is); an empty secret is left out, so the stored one is kept. */
function messagingChange(channel: Channel): Record<string, unknown> {
  if (channel === 'sms') {
    const token = trimmed('sms-auth-token');
    return {
      sms: {
        accountSid: trimmed('sms-account-sid'),
        ...(token ? { authToken: token } : {}),
        fromNumber: trimmed('sms-from-number') || null,
        messagingServiceSid: trimmed('sms-messaging-service-sid') || null,
      },
    };
  }
  const key = trimmed('email-api-key');
  const secret = trimmed('email-webhook-secret');
  return { email: { ...(key ? { apiKey: key } : {}), fromAddress: trimmed('email-from-address'), ...(secret ? { webhookSecret: secret } : {}) } };
}

const SAVED: Record<Channel, (m: MessagingProvidersView) => string> = {
  sms: (m) => `Twilio account ${m.sms.accountSid} saved: texts now go out from it.`,
  email: (m) => `Resend account saved: emails now go out from it as ${m.email.fromAddress}.${m.email.webhookSecretSet ? '' : ' Add its webhook signing secret so that its delivery reports are accepted.'}`,
};

const DISCONNECTED: Record<Channel, (m: MessagingProvidersView) => string> = {
  sms: (m) =>
    `Your Twilio account is disconnected: ${m.sms.connected === 'service' ? "texts go out from Parley's Twilio account again." : 'no Twilio account is connected, so texts wait as held.'}`,
  email: (m) =>
    `Your Resend account is disconnected: ${m.email.connected === 'service' ? "emails go out from Parley's Resend account again." : 'no Resend account is connected, so emails wait as held.'}`,
};

function messagingForms(): void {
  for (const channel of ['sms', 'email'] as const) {
    const form = $<HTMLFormElement>(`${channel}-form`);
    if (!form) continue;
    const save = async (body: Record<string, unknown>, button: HTMLButtonElement | null, said: (m: MessagingProvidersView) => string) => {
      clear(form);
      status(`${channel}-status`, 'Saving…');
      const r = await busy(button, () => api<MessagingAnswer>('PATCH', '/settings/messaging', body));
      if (!r.ok) {
        status(`${channel}-status`, '');
        showIssues(form, r.error);
        return false;
      }
      showMessaging(r.data.messaging, channel);
      status(`${channel}-status`, said(r.data.messaging));
      return true;
    };
    form.addEventListener('input', () => status(`${channel}-status`, ''));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void save(messagingChange(channel), $<HTMLButtonElement>(`${channel}-save`), SAVED[channel]);
    });
    $(`${channel}-disconnect`)?.addEventListener('click', async (e) => {
      // The button hides itself on success: focus goes to the form's first field.
      if (await save({ [channel]: null }, e.currentTarget as HTMLButtonElement, DISCONNECTED[channel])) form.querySelector<HTMLInputElement>('input')?.focus();
    });
  }
  // The stored auth token belongs to the stored account: only with that account SID may it be left empty.
  const sid = $<HTMLInputElement>('sms-account-sid');
  sid?.addEventListener('input', () => {
    const saved = $<HTMLFormElement>('sms-form')!.dataset.savedSid;
    keepLine('sms-auth-token-keep', Boolean(saved) && sid.value.trim() === saved);
  });
}

// ───────────────────────────────────── teams ─────────────────────────────────────

function teamsPage(): void {
  const form = $<HTMLFormElement>('team-form');
  form?.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear(form);
    const r = await busy($<HTMLButtonElement>('team-create'), () => api<{ id: string }>('POST', '/teams', { name: $<HTMLInputElement>('team-name')!.value }));
    if (!r.ok) return showIssues(form, r.error);
    location.href = `/app/admin/teams/${r.data.id}/settings`;
  });
}

switch (document.body.dataset.page) {
  case 'settings':
    settingsPage();
    disclosureForm();
    sealingForms();
    messagingForms();
    messageTextsForm(showIssues, clear);
    break;
  case 'teams':
    teamsPage();
    break;
  case 'branding':
    brandingPage(showIssues, clear);
    break;
  case 'workflow-builder':
    workflowBuilder(showIssues, clear);
    break;
  case 'payments':
    paymentsPage(showIssues, clear);
    break;
}
localTimes();
