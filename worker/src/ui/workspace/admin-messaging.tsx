// The admin settings page's Messaging section: who sends the org's texts and
// emails now (its own Twilio and Resend accounts, Parley's, or none), the
// webhook addresses to give each provider, and forms to connect, replace or
// disconnect the org's own accounts (/assets/admin.js sends them to
// PATCH /api/v1/settings/messaging). Secrets are never written into the page.
// Then the words of each message, per language (PATCH
// /api/v1/settings/notifications, client/workspace/admin-message-texts.ts).
import type { MessagingProvidersView } from '../../contract/messaging';
import { MESSAGE_TYPES, messagesIn, type MessageTexts, type MessageType, type NotificationSettings } from '../../domain/notification-settings';
import { directionOf, LOCALES, LOCALE_NAMES, type Locale } from '../../i18n/locales';

const KEEP_SECRET = 'Leave empty to keep the current one.';

/**
 * A help line saying an empty secret keeps the stored one; empty (and so not
 * shown) when nothing is stored. /assets/admin.js fills or empties it from
 * data-text as the state changes, so the wording lives here only.
 */
function KeepLine(props: { id: string; shown: boolean }) {
  return (
    <p class="muted adm-help adm-keep" id={props.id} data-text={KEEP_SECRET}>
      {props.shown ? KEEP_SECRET : ''}
    </p>
  );
}

/** One labelled text-like control with its help and error lines, named by the API field it fills (the payments page has the same). */
export function ProviderField(props: {
  id: string;
  label: string;
  field: string;
  type: 'text' | 'password' | 'tel' | 'email';
  value?: string | null;
  help: string;
  keep?: boolean;
}) {
  const { id, field } = props;
  const describedBy = [`${id}-help`, props.keep !== undefined ? `${id}-keep` : null, `${id}-err`].filter(Boolean).join(' ');
  return (
    <div class="ws-field">
      <label for={id}>{props.label}</label>
      <input
        type={props.type}
        id={id}
        // A secret is never written into the page: its field is always empty.
        value={props.type === 'password' ? undefined : (props.value ?? '')}
        autocomplete="off"
        spellcheck={false}
        autocapitalize="off"
        aria-describedby={describedBy}
        data-field={field}
      />
      <p class="muted adm-help" id={`${id}-help`}>
        {props.help}
      </p>
      {props.keep !== undefined ? <KeepLine id={`${id}-keep`} shown={props.keep} /> : null}
      <p class="ws-err" id={`${id}-err`} data-field={field} />
    </div>
  );
}

/** The facts of one channel (account, sender): a row per fact, hidden while it has no value; admin.js refills them. */
export function Facts(props: { id: string; facts: { key: string; label: string; value: string | null }[] }) {
  return (
    <dl class="adm-facts" id={props.id}>
      {props.facts.map((f) => (
        <div data-fact={f.key} hidden={f.value === null}>
          <dt>{f.label}</dt>
          <dd>{f.value ?? ''}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Who sends now, one sentence per possible state, all rendered and all but
 * one hidden, so that admin.js only switches them after a save.
 */
function WhoSends(props: { id: string; connected: 'org' | 'service' | 'none'; says: Record<'org' | 'service' | 'none', string> }) {
  return (
    <p class="adm-who" id={props.id}>
      {(['org', 'service', 'none'] as const).map((state) => (
        <span data-connected={state} hidden={state !== props.connected}>
          {props.says[state]}
        </span>
      ))}
    </p>
  );
}

function SmsProvider(props: { sms: MessagingProvidersView['sms'] }) {
  const { sms } = props;
  const own = sms.connected === 'org';
  return (
    <section class="adm-provider" aria-labelledby="sms-h">
      <h3 id="sms-h">Texts (SMS)</h3>
      <WhoSends
        id="sms-who"
        connected={sms.connected}
        says={{
          org: "Texts go out from your org's own Twilio account.",
          service: "Texts go out from Parley's Twilio account.",
          none: 'No Twilio account is connected, so texts are not sent: each one waits as held, and agents can resend it once an account is connected.',
        }}
      />
      <Facts
        id="sms-facts"
        facts={[
          { key: 'accountSid', label: 'Account SID', value: sms.accountSid },
          { key: 'fromNumber', label: 'From number', value: sms.fromNumber },
          { key: 'messagingServiceSid', label: 'Messaging Service SID', value: sms.messagingServiceSid },
        ]}
      />
      <form id="sms-form" class="ws-form adm-provider-form" novalidate data-saved-sid={own ? (sms.accountSid ?? '') : ''}>
        <h4>Send from your own Twilio account</h4>
        <p id="sms-webhook-help">
          In Twilio, set this as the incoming-message webhook (HTTP POST) of your phone number or Messaging Service, so that customers' replies reach the chat:
        </p>
        <p>
          <code class="adm-copy" id="sms-inbound-url">
            {sms.inboundWebhookUrl}
          </code>
        </p>
        <ProviderField id="sms-account-sid" label="Account SID" field="body.sms.accountSid" type="text" value={own ? sms.accountSid : null} help="Starts with AC; shown in the Twilio Console under Account Info." />
        <ProviderField id="sms-auth-token" label="Auth token" field="body.sms.authToken" type="password" help="The 32-character auth token of that account." keep={own} />
        <ProviderField id="sms-from-number" label="From number" field="body.sms.fromNumber" type="tel" value={own ? sms.fromNumber : null} help="Your Twilio number in international form, e.g. +14155550123." />
        <ProviderField
          id="sms-messaging-service-sid"
          label="Messaging Service SID"
          field="body.sms.messagingServiceSid"
          type="text"
          value={own ? sms.messagingServiceSid : null}
          help="Starts with MG. Give a from number, a Messaging Service or both; with both, texts go through the Messaging Service."
        />
        <p class="ws-err" data-field="" role="alert" />
        <p class="adm-status" id="sms-status" role="status" />
        <div class="ws-row">
          <button type="submit" class="ws-btn" id="sms-save">
            Save Twilio account
          </button>
          <button type="button" class="ws-btn ws-btn-quiet adm-quiet" id="sms-disconnect" hidden={!own}>
            Disconnect your Twilio account
          </button>
        </div>
      </form>
    </section>
  );
}

function EmailProvider(props: { email: MessagingProvidersView['email'] }) {
  const { email } = props;
  const own = email.connected === 'org';
  return (
    <section class="adm-provider" aria-labelledby="email-h">
      <h3 id="email-h">Emails</h3>
      <WhoSends
        id="email-who"
        connected={email.connected}
        says={{
          org: "Emails go out from your org's own Resend account.",
          service: "Emails go out from Parley's Resend account.",
          none: 'No Resend account is connected, so emails are not sent: each one waits as held, and agents can resend it once an account is connected.',
        }}
      />
      <p class="adm-warn" id="email-secret-missing" hidden={!(own && !email.webhookSecretSet)}>
        Resend's delivery reports are refused until you save the webhook signing secret below, so emails show no delivered, bounced or spam status.
      </p>
      <Facts id="email-facts" facts={[{ key: 'fromAddress', label: 'From address', value: email.fromAddress }]} />
      <form id="email-form" class="ws-form adm-provider-form" novalidate>
        <h4>Send from your own Resend account</h4>
        <p id="email-webhook-help">
          In Resend, add a webhook with this endpoint, for the email events (sent, delivered, delivery delayed, bounced, complained, failed, suppressed):
        </p>
        <p>
          <code class="adm-copy" id="email-webhook-url">
            {email.ownWebhookUrl}
          </code>
        </p>
        <ProviderField id="email-api-key" label="API key" field="body.email.apiKey" type="password" help="Starts with re_; one that may send emails." keep={own} />
        <ProviderField
          id="email-from-address"
          label="From address"
          field="body.email.fromAddress"
          type="email"
          value={own ? email.fromAddress : null}
          help="An address on a domain you verified in Resend."
        />
        <ProviderField
          id="email-webhook-secret"
          label="Webhook signing secret"
          field="body.email.webhookSecret"
          type="password"
          help="Starts with whsec_; shown on the webhook's page in Resend once you added the endpoint above."
          keep={own && email.webhookSecretSet}
        />
        <p class="ws-err" data-field="" role="alert" />
        <p class="adm-status" id="email-status" role="status" />
        <div class="ws-row">
          <button type="submit" class="ws-btn" id="email-save">
            Save Resend account
          </button>
          <button type="button" class="ws-btn ws-btn-quiet adm-quiet" id="email-disconnect" hidden={!own}>
            Disconnect your Resend account
          </button>
        </div>
      </form>
    </section>
  );
}

export function MessagingSection(props: { messaging: MessagingProvidersView }) {
  const { messaging } = props;
  return (
    <section class="ws-panel adm-messaging" aria-labelledby="messaging-h">
      <h2 id="messaging-h">Messaging</h2>
      <p class="muted">
        Invitations, reminders and new-activity notices go out as texts through Twilio and as emails through Resend: from your org's own accounts once you connect them here, else from
        Parley's, when this Parley has them.
      </p>
      <div class="adm-providers">
        <SmsProvider sms={messaging.sms} />
        <EmailProvider email={messaging.email} />
      </div>
    </section>
  );
}

const MESSAGE_NAMES: Record<MessageType, string> = {
  invitation: 'Invitation',
  invitationAdditional: 'Invitation of another participant',
  reminder: 'Reminder',
  newActivity: 'Something new',
};
const TEXT_NAMES: Record<keyof MessageTexts, { label: string; rows: number }> = {
  smsShort: { label: 'Text message, before the short link', rows: 2 },
  smsLong: { label: 'Text message, before the long link', rows: 2 },
  emailSubject: { label: 'Email subject', rows: 1 },
  emailHtml: { label: 'Email body (HTML, with {link})', rows: 6 },
};

/**
 * The words of each message, one language at a time: English is `messages`,
 * the others `languages.<code>` of the notification settings. Picking a
 * language reloads the page on it (a plain GET form, so it works without
 * script); saving sends only this language's texts. A text left as it is
 * stays Parley's own in that language.
 */
export function MessageTextsSection(props: { settings: NotificationSettings; language: Locale }) {
  const { language } = props;
  const texts = messagesIn(props.settings, language);
  const prefix = language === 'en' ? 'messages' : `languages.${language}`;
  return (
    <section class="ws-card" id="message-texts" aria-labelledby="message-texts-h">
      <h2 id="message-texts-h">Message texts</h2>
      <p class="muted">Each language has its own texts. Customers get the texts of their language; a text you do not change stays Parley's own in that language.</p>
      <form method="get" action="/app/admin/settings#message-texts" class="ws-row">
        <div class="ws-field">
          <label for="texts-language">Language</label>
          <select id="texts-language" name="language">
            {LOCALES.map((l) => (
              <option value={l} lang={l} selected={l === language}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="ws-btn ws-btn-quiet" id="texts-language-show">
          Show
        </button>
      </form>
      <form id="texts-form" class="ws-form" novalidate data-prefix={prefix} lang={language} dir={directionOf(language)}>
        {MESSAGE_TYPES.map((type) => (
          <fieldset class="ws-fieldset">
            <legend>{MESSAGE_NAMES[type]}</legend>
            {(Object.keys(TEXT_NAMES) as (keyof MessageTexts)[]).map((field) => {
              const id = `texts-${type}-${field}`;
              const path = `body.${prefix}.${type}.${field}`;
              return (
                <div class="ws-field">
                  <label for={id}>{TEXT_NAMES[field].label}</label>
                  <textarea id={id} rows={TEXT_NAMES[field].rows} aria-describedby={`${id}-err`} data-field={path} data-type={type} data-text={field}>
                    {texts[type][field]}
                  </textarea>
                  <p class="ws-err" id={`${id}-err`} data-field={path} />
                </div>
              );
            })}
          </fieldset>
        ))}
        <p class="ws-err" data-field="" role="alert" />
        <p class="adm-status" id="texts-status" role="status" />
        <button type="submit" class="ws-btn" id="texts-save">
          Save {LOCALE_NAMES[language]} texts
        </button>
      </form>
    </section>
  );
}
