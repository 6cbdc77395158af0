// The one-time code step of opening an invitation (room/otp.ts): where the
// code went (masked), a field for it, and a way to ask for a new one. Shown
// when the org requires a code to enter, and when a new device takes over a
// single-device room. Plain forms posting next to the join address, so it
// works without script; the field tells phones to offer the code from the
// message (autocomplete="one-time-code") and a number pad.
import type { CodeRefusal } from '../room/participants';
import type { OtpPurpose, OtpSent } from '../room/otp';
import { Layout } from './layout';

export interface OtpPageProps {
  orgName: string;
  purpose: OtpPurpose;
  /** Where the live code went; null when none could be sent (the refusal says why). */
  sent: OtpSent | null;
  refusal: CodeRefusal | null;
  /** Where the code is posted; a new code is asked for at `${action}/new`. */
  action: string;
}

const CHANNEL_WORDS = { sms: 'by text message', email: 'by email' } as const;

export function OtpPage(props: OtpPageProps) {
  const { sent, refusal } = props;
  return (
    <Layout title="Enter your code">
      <main class="notice" role="main">
        <h1>Enter your code</h1>
        {props.purpose === 'takeover' ? (
          <p>Your room with {props.orgName} is open on another device. To move it to this one, confirm it is you: the other device will be signed out.</p>
        ) : (
          <p>For your security, {props.orgName} asks you to confirm it is you before your room opens.</p>
        )}
        {sent ? (
          <p id="otp-sent">
            Enter the 6-digit code we sent {CHANNEL_WORDS[sent.channel]} to <strong>{sent.to}</strong>. It expires in 10 minutes.
          </p>
        ) : null}
        {refusal ? (
          <p id="otp-error" class="error" role="alert">
            {capitalize(refusal.message)}.
          </p>
        ) : null}
        {sent ? (
          <form method="post" action={props.action}>
            <label for="otp-code">6-digit code</label>
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
              aria-describedby={refusal ? 'otp-sent otp-error' : 'otp-sent'}
            />
            <button type="submit">Continue</button>
          </form>
        ) : null}
        {refusal?.code === 'otp_channel_missing' ? null : (
          <form method="post" action={`${props.action}/new`}>
            <button type="submit" class={sent ? 'secondary' : undefined}>
              Send a new code
            </button>
          </form>
        )}
        <p class="muted">The code is good once. Nobody from {props.orgName} will ask you for it.</p>
      </main>
    </Layout>
  );
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
