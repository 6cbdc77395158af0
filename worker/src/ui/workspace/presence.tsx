// A participant's presence in the workspace: online now, or offline since
// when. Shared by the participant cards and the co-signers window; the
// session script keeps every copy current from presence frames
// (data-presence-for).
import type { ParticipantView as Participant } from '../../contract/session';
import { Time } from './layout';

/** Online, or offline since when. The script keeps it current from presence events. */
export function Presence({ p, long }: { p: Participant; long?: boolean }) {
  const since = p.lastSeenAt;
  return (
    <span class="ws-presence" data-presence-for={p.id} data-long={long ? '1' : undefined} data-online={p.online ? '1' : '0'} data-since={since ?? undefined}>
      <span class={p.online ? 'presence online' : 'presence'} aria-hidden="true" />
      <span class="ws-presence-text">
        {p.online ? (
          'Online'
        ) : since ? (
          <>
            Offline since <Time at={since} />
          </>
        ) : p.enteredAt ? (
          'Offline'
        ) : long ? (
          'Has not opened the invitation yet'
        ) : (
          'Not opened yet'
        )}
      </span>
    </span>
  );
}
