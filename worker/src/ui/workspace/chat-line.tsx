// One message of a conversation in the workspace, the main chat's or a
// private one's: who wrote it, its text or file, when, and under the
// agent's own whether a participant has read it (✓ sent, ✓✓ read; the
// session script turns ✓ into ✓✓ when a read frame arrives). The session
// script finds messages by data-id to add only the new ones.
import type { MessageView } from '../../contract/session';
import { Time } from './layout';

export function ChatLine({ m, who, sessionId }: { m: MessageView; who: string; sessionId: string }) {
  const mine = m.author.kind === 'agent';
  return (
    <li class={`msg${mine ? ' ws-mine' : ''}`} data-id={m.id} data-at={m.createdAt}>
      <span class="who">{who}:</span>{' '}
      {m.file ? (
        <a href={`/app/sessions/${sessionId}/files/${m.file.id}`} download>
          {m.file.name}
        </a>
      ) : (
        m.text
      )}{' '}
      <span class="muted ws-msg-time">
        <Time at={m.createdAt} />
      </span>
      {mine ? <Receipt read={m.read ?? false} /> : null}
    </li>
  );
}

/** "✓ Sent" / "✓✓ Read" under the agent's own message. */
export function Receipt({ read }: { read: boolean }) {
  return (
    <span class={read ? 'ws-receipt read' : 'ws-receipt'} data-read={read ? '1' : '0'}>
      {' '}
      <span aria-hidden="true">{read ? '✓✓' : '✓'}</span> {read ? 'Read' : 'Sent'}
    </span>
  );
}
