// The one-time code step of opening an invitation (room/otp.ts): where the
// code went (masked), a field for it, and a way to ask for a new one. Shown
// when the org requires a code to enter, and when a new device takes over a
// single-device room. Plain forms posting next to the join address, so it
// works without script; the field tells phones to offer the code from the
// message (autocomplete="one-time-code") and a number pad. A refusal is said
// in the customer's words by its code (entry.error.<code>), never the
// server's English message.
import { formatDateTime } from '../i18n/format';
import type { Translate } from '../i18n/translate';
import type { CodeRefusal } from '../room/participants';
import type { OtpPurpose, OtpSent } from '../room/otp';
import { Layout } from './layout';

export interface OtpPageProps {
  t: Translate;
  orgName: string;
  purpose: OtpPurpose;
  /** Where the live code went; null when none could be sent (the refusal says why). */
  sent: OtpSent | null;
  refusal: CodeRefusal | null;
  /** Where the code is posted; a new code is asked for at `${action}/new`. */
  action: string;
}

/**
 * A refusal's text: with the tries left, the seconds to wait or the end of a lock when the room
 * gave them (otp.ts details), else its code's, else the generic one.
 */
export function refusalText(t: Translate, refusal: Pick<CodeRefusal, 'code' | 'details'>): string {
  const left = refusal.details?.['left'];
  if (refusal.code === 'otp_wrong' && typeof left === 'number') return t.count('entry.error.otp_wrong_left', left);
  const seconds = refusal.details?.['seconds'];
  if (refusal.code === 'otp_too_soon' && typeof seconds === 'number') return t.count('entry.error.otp_too_soon_wait', seconds);
  const until = refusal.details?.['until'];
  // No script runs on this page to show the reader's own time zone: the time is said with its zone.
  if (refusal.code === 'otp_locked' && typeof until === 'string') return t('entry.error.otp_locked_until', { time: formatDateTime(t.locale, until, 'UTC') });
  return t.has(`entry.error.${refusal.code}`) ? t(`entry.error.${refusal.code}`) : t('entry.error.unknown');
}

export function OtpPage(props: OtpPageProps) {
  const { t, sent, refusal } = props;
  // The address is shown in bold inside the sentence, wherever the language puts it.
  const [before, after] = sent ? t(sent.channel === 'sms' ? 'entry.otp.sent_sms' : 'entry.otp.sent_email').split('{to}') : [];
  return (
    <Layout title={t('entry.otp.title')} locale={t.locale}>
      <main class="notice" role="main">
        <h1>{t('entry.otp.title')}</h1>
        <p>{t(props.purpose === 'takeover' ? 'entry.otp.takeover' : 'entry.otp.enter', { orgName: props.orgName })}</p>
        {sent ? (
          <p id="otp-sent">
            {before}
            <strong dir="ltr">{sent.to}</strong>
            {after}
          </p>
        ) : null}
        {refusal ? (
          <p id="otp-error" class="error" role="alert">
            {refusalText(t, refusal)}
          </p>
        ) : null}
        {sent ? (
          <form method="post" action={props.action}>
            <label for="otp-code">{t('entry.otp.label')}</label>
            <input
              id="otp-code"
              name="code"
              type="text"
              inputmode="numeric"
              autocomplete="one-time-code"
              pattern="[0-9 ]{6,7}"
              maxlength={7}
              required
              autofocus
              dir="ltr"
              aria-describedby={refusal ? 'otp-sent otp-error' : 'otp-sent'}
            />
            <button type="submit">{t('entry.otp.continue')}</button>
          </form>
        ) : null}
        {refusal?.code === 'otp_channel_missing' ? null : (
          <form method="post" action={`${props.action}/new`}>
            <button type="submit" class={sent ? 'secondary' : undefined}>
              {t('entry.otp.new_code')}
            </button>
          </form>
        )}
        <p class="muted">{t('entry.otp.once', { orgName: props.orgName })}</p>
      </main>
    </Layout>
  );
}
