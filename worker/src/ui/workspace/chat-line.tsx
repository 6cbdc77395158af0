// One message of a conversation in the workspace, the main chat's or a
// private one's: who wrote it, its text or file, and when. The session
// script finds messages by data-id to add only the new ones.
import type { MessageView } from '../../contract/session';
import { Time } from './layout';

export function ChatLine({ m, who, sessionId }: { m: MessageView; who: string; sessionId: string }) {
  return (
    <li class={`msg${m.author.kind === 'agent' ? ' ws-mine' : ''}`} data-id={m.id}>
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
    </li>
  );
}
