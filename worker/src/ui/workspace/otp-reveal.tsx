// "Show code" on a participant's card, only where the admin lets agents see
// one-time codes: the agent can read the current code out to a customer on
// the phone. The code is fetched when asked (GET …/participants/{id}/otp,
// which logs the viewing), never rendered into the page, and shown in a live
// region so a screen reader says it (client/workspace/participants.ts).
import type { ParticipantView } from '../../contract/session';

export function OtpReveal({ p }: { p: ParticipantView }) {
  return (
    <p class="ws-row ws-otp">
      <button type="button" class="ws-btn ws-btn-quiet" data-show-otp={p.id} data-name={p.name} aria-controls={`otp-${p.id}`}>
        Show code
      </button>
      <span id={`otp-${p.id}`} class="ws-otp-code" role="status" aria-live="polite" />
    </p>
  );
}
